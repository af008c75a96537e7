import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { textVersion } from '../../src/letter/text-version.js';
import { useTempLetter } from '../helpers/cli.js';
import { letter } from '../helpers/in-process.js';

const t = useTempLetter();
const L = 'letters/time-to-act';
const EMBARGO = '2020-05-26T09:00:00Z';
const before = { now: () => new Date('2020-05-26T08:59:59Z') };
const at = { now: () => new Date(EMBARGO) };
const read = (p: string) => readFileSync(path.join(t.dir, p), 'utf8');
const edit = (file: string, from: string, to: string) => {
  const p = path.join(t.letterDir, file);
  const text = readFileSync(p, 'utf8');
  expect(text).toContain(from);
  writeFileSync(p, text.replace(from, to));
};
const embargo = () =>
  edit('letter.yaml', 'opened: 2020-05-26\n', `opened: 2020-05-26\nembargo: ${EMBARGO}\n`);
const MARK = 'EMBARGOED PREVIEW: not for publication before 26 May 2020, 09:00 UTC';
const renders = ['md', 'html', 'print.html'].map((s) => `out/time-to-act/time-to-act.${s}`);

describe('renders under embargo', () => {
  it('are marked as previews one second before the embargo, in md, html and print, and say so on stderr and in --json', async () => {
    embargo();
    const r = await letter(t.dir, ['render', L, '--json'], {}, before);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(
      `embargo: ${L} is under embargo until ${EMBARGO}: each render, marked as a preview, is not for publication before then\n`,
    );
    expect(JSON.parse(r.stdout)).toMatchObject({ embargoed: true, embargo: EMBARGO, count: 12 });
    const [md, html, print] = renders.map(read);
    expect(md).toMatch(new RegExp(`^> \\*\\*${MARK}\\*\\*\\n\\n# The Time to Act is Now\\n`));
    expect(html).toContain('<meta name="robots" content="noindex">\n');
    expect(html).toContain(
      `<body>\n<p class="letter-preview" role="note">${MARK}</p>\n<header class="masthead">`,
    );
    expect(print).toContain('<meta name="robots" content="noindex">\n');
    expect(print).toContain(`@page { @top-center { content: "${MARK}";`);
    expect(print).toContain(`<p class="letter-preview" role="note">${MARK}</p>`);
    expect(print).toContain(
      '<div class="letter-watermark" aria-hidden="true">EMBARGOED PREVIEW</div>',
    );
  });

  it('are final at the embargo: byte-identical to the renders of the letter without one', async () => {
    const plain = await letter(t.dir, ['render', L, '--json'], {}, at);
    expect(JSON.parse(plain.stdout)).toMatchObject({ embargoed: false, embargo: null });
    const without = renders.map(read);
    embargo();
    const r = await letter(t.dir, ['render', L, '--json'], {}, at);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toMatchObject({ embargoed: false, embargo: EMBARGO });
    expect(renders.map(read)).toEqual(without);
    expect(without[1]).not.toContain('noindex');
  });

  it('mark every language, and a draft without a date', async () => {
    embargo();
    await letter(t.dir, ['render', L, '--lang', 'all', '--format', 'md'], {}, before);
    expect(read('out/time-to-act/time-to-act.fr.md')).toMatch(
      /^> \*\*APERÇU SOUS EMBARGO\u202f: ne pas publier avant le 26 mai 2020 à 09:00 UTC\*\*\n\n# Il est temps d'agir\n/,
    );
    expect(read('out/time-to-act/time-to-act.es.md')).toMatch(
      /^> \*\*VISTA PREVIA BAJO EMBARGO: no publicar antes del 26 de mayo de 2020, 09:00 UTC\*\*\n/,
    );
    edit('letter.yaml', 'status: open', 'status: draft');
    const r = await letter(t.dir, ['render', L, '--format', 'html', '--lang', 'fr'], {}, at);
    expect(r.stderr).toBe(
      `embargo: ${L} is a draft: each render, marked as a preview, is under embargo, not for publication (set status: open in letter.yaml when it may be published)\n`,
    );
    expect(read('out/time-to-act/time-to-act.fr.html')).toContain(
      '<p class="letter-preview" role="note">APERÇU DU BROUILLON\u202f: ne pas publier</p>',
    );
  });

  it("get letter's own mark when a letter's template does not show it", async () => {
    embargo();
    mkdirSync(path.join(t.letterDir, 'templates'));
    writeFileSync(
      path.join(t.letterDir, 'templates/letter.html.hbs'),
      '<!doctype html>\n<html>\n<head>\n<title>{{title}}</title>\n</head>\n<body>\n<h1>{{title}}</h1>\n</body>\n</html>\n',
    );
    writeFileSync(path.join(t.letterDir, 'templates/letter.md.hbs'), '# {{title}}\n');
    await letter(t.dir, ['render', L, '--format', 'md,html'], {}, before);
    expect(read(renders[0]!)).toBe(`> **${MARK}**\n\n# The Time to Act is Now\n`);
    const html = read(renders[1]!);
    expect(html).toMatch(
      /^<!doctype html>\n<html>\n<head>\n<meta name="robots" content="noindex">\n<style>/,
    );
    expect(html).toContain(
      `<body>\n<p class="letter-preview" role="note">${MARK}</p>\n<h1>The Time to Act is Now</h1>`,
    );
    // Its own templates pass check, final or preview.
    expect((await letter(t.dir, ['check', L], {}, before)).code).toBe(0);
  });
});

describe('letter check --publish', () => {
  it('fails one second before the embargo at its line, passes at it; plain check passes both', async () => {
    embargo();
    expect((await letter(t.dir, ['check', L], {}, before)).code).toBe(0);
    const r = await letter(t.dir, ['check', L, '--publish', '--json'], {}, before);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).errors).toEqual([
      {
        file: `${L}/letter.yaml`,
        line: 12,
        column: 10,
        severity: 'error',
        code: 'embargoed',
        message: `the letter is under embargo until ${EMBARGO} (now 2020-05-26T08:59:59Z): it may not be published before then`,
        hint: `run letter check --publish ${L} again from ${EMBARGO}; renders until then are marked as embargoed previews`,
      },
    ]);
    expect(await letter(t.dir, ['check', L, '--publish'], {}, at)).toEqual({
      code: 0,
      stdout: `✔ ${L}: 12 signatures, 0 errors, 0 warnings\n`,
      stderr: '',
    });
  });

  it('fails for a draft at its status line', async () => {
    edit('letter.yaml', 'status: open', 'status: draft');
    const r = await letter(t.dir, ['check', L, '--publish'], {}, at);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      `${L}/letter.yaml:10:9: error: the letter is a draft: its signatures are agreements under embargo, not public (when it may be published, set status: open in letter.yaml and commit; then run: letter check --publish ${L})\n\n✖ ${L}: 12 signatures, 1 error, 0 warnings\n`,
    );
  });

  it('makes text-changed an error', async () => {
    await letter(
      t.dir,
      ['sign', L, '--name', 'Early Signer', '--country', 'FR', '--group', 'industry'],
      {},
      at,
    );
    edit('letter.md', 'The time to act is now.', 'The time to act is today.');
    // The change is recorded (text-revision-missing otherwise): what is left is the signatory.
    const now = textVersion(readFileSync(path.join(t.letterDir, 'letter.md'), 'utf8'));
    edit(
      'letter.yaml',
      'verification: required',
      `revisions:\n  - text: "${now}"\n    at: "2020-05-27T09:00:00Z"\n    reason: A stronger last line\nverification: required`,
    );
    const plain = await letter(t.dir, ['check', L, '--json'], {}, at);
    expect(plain.code).toBe(0);
    const warning = JSON.parse(plain.stdout).warnings.find(
      (p: { code: string }) => p.code === 'text-changed',
    );
    expect(warning).toBeDefined();
    const r = await letter(t.dir, ['check', L, '--publish', '--json'], {}, at);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).errors).toContainEqual({
      ...warning,
      severity: 'error',
      hint: `${warning.hint}; --publish refuses it: people would be shown under a text they did not sign`,
    });
  });

  it('takes no part in --list-codes', async () => {
    expect((await letter(t.dir, ['check', '--list-codes', '--publish'])).code).toBe(2);
  });
});

describe('list, export and stats under embargo', () => {
  it('say so on stderr in one line and carry embargoed and embargo in --json', async () => {
    embargo();
    const list = await letter(t.dir, ['list', L, '--json'], {}, before);
    expect(list.stderr).toBe(
      `embargo: ${L} is under embargo until ${EMBARGO}: the list is not for publication before then\n`,
    );
    expect(JSON.parse(list.stdout)).toMatchObject({ count: 12, embargoed: true, embargo: EMBARGO });
    const stats = await letter(t.dir, ['stats', L, '--json'], {}, before);
    expect(stats.stderr).toBe(
      `embargo: ${L} is under embargo until ${EMBARGO}: these totals are not for publication before then\n`,
    );
    expect(JSON.parse(stats.stdout)).toMatchObject({
      total: 12,
      embargoed: true,
      embargo: EMBARGO,
    });
    const exported = await letter(t.dir, ['export', L, '--format', 'json'], {}, before);
    expect(exported.stderr).toBe(
      `embargo: ${L} is under embargo until ${EMBARGO}: the export is not for publication before then\n`,
    );
    expect(JSON.parse(exported.stdout)).toHaveLength(12);
    const after = await letter(t.dir, ['list', L, '--json'], {}, at);
    expect(after.stderr).toBe('');
    expect(JSON.parse(after.stdout)).toMatchObject({ embargoed: false, embargo: EMBARGO });
  });
});
