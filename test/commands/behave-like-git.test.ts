import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempLetter } from '../helpers/cli.js';
import { letter } from '../helpers/in-process.js';

const t = useTempLetter();
const L = 'letters/time-to-act';

describe('from any folder of the repository', () => {
  it('checks every letter from a folder beside letters/, and the letter it stands in from inside one', async () => {
    mkdirSync(path.join(t.dir, 'docs/notes'), { recursive: true });
    const fromDocs = await letter(path.join(t.dir, 'docs/notes'), ['check', '--json']);
    expect(fromDocs.code).toBe(0);
    expect(JSON.parse(fromDocs.stdout).letters.map((l: { letter: string }) => l.letter)).toEqual([
      '../../letters/time-to-act',
    ]);
    const inside = await letter(path.join(t.letterDir, 'signatures'), ['check', '--json']);
    expect(JSON.parse(inside.stdout).letters.map((l: { letter: string }) => l.letter)).toEqual([
      '..',
    ]);
    // A path as hints print them (from the root), and a slug, work from anywhere too.
    expect((await letter(path.join(t.dir, 'docs'), ['check', L])).code).toBe(0);
    expect(
      (await letter(path.join(t.letterDir, 'signatures'), ['log', 'time-to-act', '-n', '1'])).code,
    ).toBe(0);
  });

  it('takes a path inside a letter as that letter, and renders into out/ beside letters/', async () => {
    const r = await letter(path.join(t.letterDir, 'signatures'), ['render', '.', '--format', 'md']);
    expect(r.code).toBe(0);
    expect(existsSync(path.join(t.dir, 'out/time-to-act/time-to-act.md'))).toBe(true);
    expect(existsSync(path.join(t.letterDir, 'signatures/out'))).toBe(false);
  });

  it('refuses a name that is no letter, even typed inside one', async () => {
    const r = await letter(path.join(t.letterDir, 'signatures'), ['check', 'no-such-letter']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('No letter at "no-such-letter"');
  });
});

describe('check and fmt on the files a pre-commit hook passes', () => {
  it('check <files> checks their letter once and reports the broken file', async () => {
    const broken = path.join(t.letterDir, 'signatures/eva-chen.yaml');
    writeFileSync(broken, readFileSync(broken, 'utf8').replace(/^country: .*$/m, 'country: XX'));
    const r = await letter(t.dir, [
      'check',
      '--json',
      `${L}/signatures/eva-chen.yaml`,
      `${L}/signatures/ban-ki-moon.yaml`,
      `${L}/letter.yaml`,
    ]);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.letters).toHaveLength(1);
    expect(out.errors.map((e: { file: string }) => e.file)).toContain(
      `${L}/signatures/eva-chen.yaml`,
    );
  });

  it('fmt --check <files> judges their letter', async () => {
    await letter(t.dir, ['fmt', L]);
    const r = await letter(t.dir, ['fmt', '--check', `${L}/signatures/eva-chen.yaml`]);
    expect(r).toMatchObject({ code: 0 });
    expect(r.stdout).toContain('in canonical form');
  });
});

describe('Windows line ends', () => {
  it('reads CRLF files as LF: check and fmt --check pass, fmt writes LF', async () => {
    await letter(t.dir, ['fmt', L]);
    const files = ['letter.yaml', 'letter.md', 'CHANGELOG.md', 'signatures/eva-chen.yaml'].map(
      (f) => path.join(t.letterDir, f),
    );
    for (const f of files) writeFileSync(f, readFileSync(f, 'utf8').replace(/\n/g, '\r\n'));
    expect((await letter(t.dir, ['check', L])).code).toBe(0);
    expect(await letter(t.dir, ['fmt', '--check', L])).toMatchObject({ code: 0 });
    const r = await letter(t.dir, ['fmt', L]);
    expect(r.stdout).toContain('Formatted 4 files');
    for (const f of files) expect(readFileSync(f, 'utf8')).not.toContain('\r');
  });
});

describe('export --bom', () => {
  it('starts a CSV with the UTF-8 byte order mark Excel needs, which import reads back', async () => {
    const r = await letter(t.dir, ['export', L, '--bom', '--out', 'signatories.csv']);
    expect(r.code).toBe(0);
    const bytes = readFileSync(path.join(t.dir, 'signatories.csv'));
    expect([...bytes.subarray(0, 6)]).toEqual([0xef, 0xbb, 0xbf, 0x69, 0x64, 0x2c]); // BOM, then "id,"
    const back = await letter(t.dir, ['import', 'signatories.csv', L, '--dry-run', '--json']);
    expect(JSON.parse(back.stdout)).toMatchObject({ invalid: [] });
  });

  it('refuses --bom on JSON (exit 2)', async () => {
    expect((await letter(t.dir, ['export', L, '--format', 'json', '--bom'])).code).toBe(2);
  });
});
