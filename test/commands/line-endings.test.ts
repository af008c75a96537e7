import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { check } from '../../src/commands/check.js';
import { fmt } from '../../src/commands/fmt.js';
import { useTempLetter } from '../helpers/cli.js';
import { testContext } from '../helpers/context.js';

const t = useTempLetter();
const L = 'letters/time-to-act';

// check and fmt read text through one helper (src/letter/text.ts): line endings are form to both.
describe('lone CR line endings (classic Mac OS)', () => {
  it('check reads a CHANGELOG.md with lone CRs as in step; fmt --check reports it, fmt writes LF, then both pass', async () => {
    const { ctx } = testContext(t.dir);
    await fmt({ letters: [L] }, ctx);
    const file = path.join(t.letterDir, 'CHANGELOG.md');
    const lf = readFileSync(file, 'utf8');
    writeFileSync(file, lf.replace(/\n/g, '\r'));

    const before = await check({ letters: [L] }, ctx);
    expect(before).toMatchObject({ ok: true, errors: [], warnings: [] });
    expect(await fmt({ letters: [L], check: true }, ctx)).toEqual({
      check: true,
      letters: 1,
      files: [`${L}/CHANGELOG.md`],
      ok: false,
    });

    expect(await fmt({ letters: [L] }, ctx)).toMatchObject({ files: [`${L}/CHANGELOG.md`] });
    expect(readFileSync(file, 'utf8')).toBe(lf);
    expect(await fmt({ letters: [L], check: true }, ctx)).toMatchObject({ ok: true, files: [] });
    expect(await check({ letters: [L] }, ctx)).toMatchObject({ ok: true, errors: [] });
  });

  it('check reports a contact in a body with lone CRs at the line an editor shows', async () => {
    const { ctx } = testContext(t.dir);
    const file = path.join(t.letterDir, 'letter.md');
    writeFileSync(file, 'Dear all,\r\rWrite to ada@example.org.\r');
    const r = await check({ letters: [L] }, ctx);
    expect(r.errors).toContainEqual(
      expect.objectContaining({
        file: `${L}/letter.md`,
        line: 3,
        column: 10,
        code: 'contact-details',
      }),
    );
    await fmt({ letters: [L] }, ctx);
    expect(readFileSync(file, 'utf8')).toBe('Dear all,\n\nWrite to ada@example.org.\n');
  });
});

describe('a byte order mark', () => {
  it('fmt --check reports a BOM in letter.md, letter.yaml and CHANGELOG.md; fmt removes it and nothing else', async () => {
    const { ctx } = testContext(t.dir);
    await fmt({ letters: [L] }, ctx);
    const names = ['letter.md', 'letter.yaml', 'CHANGELOG.md'];
    const before = names.map((n) => readFileSync(path.join(t.letterDir, n)));
    names.forEach((n, i) => {
      writeFileSync(
        path.join(t.letterDir, n),
        Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), before[i]!]),
      );
    });
    expect(await fmt({ letters: [L], check: true }, ctx)).toEqual({
      check: true,
      letters: 1,
      files: [`${L}/letter.yaml`, `${L}/letter.md`, `${L}/CHANGELOG.md`],
      ok: false,
    });
    await fmt({ letters: [L] }, ctx);
    expect(names.map((n) => readFileSync(path.join(t.letterDir, n)))).toEqual(before);
    expect(await fmt({ letters: [L], check: true }, ctx)).toMatchObject({ files: [], ok: true });
  });
});
