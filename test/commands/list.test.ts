import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { list } from '../../src/commands/list.js';
import { useTempLetter } from '../helpers/cli.js';
import { testContext } from '../helpers/context.js';

const t = useTempLetter();
const L = 'letters/time-to-act';

describe('list of a letter with a broken signature file', () => {
  it('leaves the file out and returns it as data, writing nothing on stderr itself', async () => {
    const file = path.join(t.letterDir, 'signatures/ban-ki-moon.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('country: KR', 'country: XX'));
    const { ctx, stderr } = testContext(t.dir);
    const r = await list({ letter: L }, ctx);
    expect(r.skipped).toEqual([
      {
        file: `${L}/signatures/ban-ki-moon.yaml`,
        line: 6,
        column: 10,
        reason: expect.stringContaining('country'),
      },
    ]);
    expect(r.signatures.map((s) => s.id)).not.toContain('ban-ki-moon');
    expect(stderr()).toBe('');
  });

  it('skips nothing in a valid letter', async () => {
    const { ctx } = testContext(t.dir);
    expect((await list({ letter: L }, ctx)).skipped).toEqual([]);
  });
});
