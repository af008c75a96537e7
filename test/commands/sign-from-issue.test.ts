import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fmt } from '../../src/commands/fmt.js';
import { signFromIssue } from '../../src/commands/sign-from-issue.js';
import { ROOT, useTempLetter } from '../helpers/cli.js';
import { testContext } from '../helpers/context.js';

const t = useTempLetter();
const L = 'letters/time-to-act';
const SAMPLE = path.join(ROOT, 'test/fixtures/github/opened.sign-form.payload.json');

// The path of the new signature file comes from the layout module: right for sharded letters too.
describe('sign --from-issue on a sharded letter', () => {
  it('names the file in its shard, on a dry run and when it writes it', async () => {
    const { ctx } = testContext(t.dir);
    await fmt({ letters: [L], layout: 'sharded' }, ctx);
    const dry = await signFromIssue({ letter: L, event: SAMPLE, dryRun: true }, ctx);
    expect([dry.file, dry.written]).toEqual([`${L}/signatures/ad/ada-lovelace.yaml`, []]);
    const real = await signFromIssue({ letter: L, event: SAMPLE }, ctx);
    expect(real.file).toBe(`${L}/signatures/ad/ada-lovelace.yaml`);
    expect(existsSync(path.join(t.dir, real.file))).toBe(true);
  });
});
