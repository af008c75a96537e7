/**
 * Bounded time and memory for every input within the size limits (issue 12), on the built
 * binary: nesting that would exhaust a parser's stack is refused before parsing, at its line
 * and column, by every command that reads the file; long runs that made a regular expression
 * quadratic (minutes of CI for one pull request) finish; thousands of unknown keys are
 * reported as 50 problems and a count; YAML tags and `__proto__` keys are errors, not
 * dropped. The time limits below are generous: the tests assert on the output, and the
 * timeout only stops a run that went quadratic (minutes before these fixes).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { snapshot, useTempLetter } from '../helpers/cli.js';
import { letter } from '../helpers/in-process.js';

const t = useTempLetter();
const L = 'letters/time-to-act';
const LONG = 60_000;

const append = (file: string, text: string) => {
  const p = path.join(t.letterDir, file);
  writeFileSync(p, readFileSync(p, 'utf8') + text);
};
const signature = (extra = '') =>
  `name: Deep Person\ncountry: FR\ngroup: industry\nsigned_at: 2020-05-26T00:00:00Z\nstatus: pending\n${extra}`;

describe('nesting deeper than any letter file needs', () => {
  const tooDeep = 'invalid YAML: lists and fields nest more than 32 levels deep here';

  // check and the commands that write stop on the file; list, export and stats leave it out and say where it is.
  it.each([
    ['check', true],
    ['render', true],
    ['changelog', true],
    ['fmt', true],
    ['list', false],
    ['export', false],
    ['stats', false],
  ])(
    '4,000 nested "- " in a signature: %s names the file, line and column',
    async (command, stops) => {
      writeFileSync(
        path.join(t.letterDir, 'signatures/deep.yaml'),
        signature(`extra:\n${'- '.repeat(4000)}x\n`),
      );
      const before = snapshot(t.dir);
      const r = await letter(t.dir, [command, L]);
      expect(`${r.stdout}${r.stderr}`).toContain(
        `${L}/signatures/deep.yaml:7:63${stops ? `: ${command === 'check' ? 'error: ' : ''}${tooDeep}` : ''}`,
      );
      expect(r.code).toBe(stops ? 1 : 0);
      expect(r.stderr).not.toMatch(/call stack| {4}at /);
      expect(snapshot(t.dir)).toEqual(before);
    },
  );

  it.each([
    ['letter.yaml, block', 'letter.yaml', `extra:\n${'- '.repeat(4000)}x\n`, 'letter.yaml:55:63'],
    [
      'letter.yaml, flow',
      'letter.yaml',
      `extra: ${'['.repeat(4000)}${']'.repeat(4000)}\n`,
      'letter.yaml:54:39',
    ],
  ])('%s: sign and verify stop with the place', async (_, file, text, where) => {
    append(file, text);
    const before = snapshot(t.dir);
    for (const args of [
      ['sign', L, '--name', 'Ada Lovelace', '--country', 'GB', '--group', 'industry'],
      ['verify', L, 'ban-ki-moon', '--by', 'Editor'],
      ['check', L],
    ]) {
      const r = await letter(t.dir, args);
      expect(r.code, args[0]).toBe(1);
      expect(r.stdout + r.stderr, args[0]).toContain(`${L}/${where}`);
      expect(r.stdout + r.stderr, args[0]).toContain(tooDeep);
    }
    expect(snapshot(t.dir)).toEqual(before);
  });

  it('private/contacts.yaml nested 4,000 levels deep: sign names it', async () => {
    writeFileSync(path.join(t.letterDir, '.gitignore'), 'private/\n');
    mkdirSync(path.join(t.letterDir, 'private'), { recursive: true });
    writeFileSync(
      path.join(t.letterDir, 'private/contacts.yaml'),
      `ada: ${'{a: '.repeat(4000)}x${'}'.repeat(4000)}\n`,
    );
    const r = await letter(t.dir, [
      'sign',
      L,
      '--name',
      'Ada Lovelace',
      '--country',
      'GB',
      '--group',
      'industry',
      '--email',
      'ada@example.org',
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${L}/private/contacts.yaml:1:`);
    expect(r.stderr).toContain(tooDeep);
  });
});

describe('long runs in the files a pull request may touch', () => {
  it('letter.md with 300,000 spaces before a letter: check reads its text version', {
    timeout: LONG,
  }, async () => {
    append('letter.md', `${' '.repeat(300_000)}x\n`);
    const r = await letter(t.dir, ['check', L, '--format', 'json']);
    const json = JSON.parse(r.stdout) as { warnings: { code: string; message: string }[] };
    expect(json.warnings.map((w) => w.message)).toContainEqual(
      expect.stringMatching(
        /^the fr translation was made from the text sha256:5b9d2dc95291; the text is now sha256:[0-9a-f]{12}$/,
      ),
    );
  });

  it('CHANGELOG.md with a 300,000-character run before an "@" and 50,000 "a@a.a": check reports the lines', {
    timeout: LONG,
  }, async () => {
    append('CHANGELOG.md', `${'a'.repeat(300_000)}@\n${'a@a.a'.repeat(50_000)}\n`);
    const r = await letter(t.dir, ['check', L, '--format', 'json']);
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout) as {
      errors: { file: string; line: number; column: number; code: string }[];
    };
    const contacts = json.errors.filter((e) => e.code === 'contact-details');
    expect(contacts[0]).toMatchObject({ file: `${L}/CHANGELOG.md`, line: 30, column: 1 });
  });

  it('fmt on a letter.md with 300,000 blank lines before its last word', {
    timeout: LONG,
  }, async () => {
    append('letter.md', `${'\n'.repeat(300_000)}x\n\n\n`);
    const r = await letter(t.dir, ['fmt', L]);
    expect(r.code).toBe(0);
    expect(readFileSync(path.join(t.letterDir, 'letter.md'), 'utf8').endsWith('\nx\n')).toBe(true);
  });

  it('import: an email cell of 400,000 characters is refused as no address', {
    timeout: LONG,
  }, async () => {
    const csv = path.join(t.dir, 'rows.csv');
    writeFileSync(
      csv,
      `name,email,country,group\nAda Lovelace,a@${'a.'.repeat(200_000)}@,GB,industry\n"Grace Hopper ${' '.repeat(200_000)}x <",,US,industry\n`,
    );
    const r = await letter(t.dir, ['import', csv, L, '--dry-run', '--json']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as {
      invalid: { line: number; field: string; reason: string }[];
    };
    expect(
      report.invalid.map((i) => [i.line, i.field, i.reason.endsWith('is not an email address')]),
    ).toContainEqual([2, 'email', true]);
  });
});

describe('many problems in one file', () => {
  it('40,000 unknown keys in letter.yaml: 50 problems, then how many more', {
    timeout: LONG,
  }, async () => {
    append('letter.yaml', Array.from({ length: 40_000 }, (_, i) => `unknown_${i}: x\n`).join(''));
    const r = await letter(t.dir, ['check', L, '--format', 'json']);
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout) as {
      errors: { file: string; line: number; code: string; message: string }[];
    };
    const mine = json.errors.filter((e) => e.file === `${L}/letter.yaml`);
    expect(mine).toHaveLength(51);
    expect(mine[50]).toMatchObject({
      line: 104,
      code: 'too-many-problems',
      message: 'and 39950 more problems in this file, from here on',
    });
  });

  it('40,000 translations that are no language: 50 problems, then how many more', {
    timeout: LONG,
  }, async () => {
    const p = path.join(t.letterDir, 'letter.yaml');
    writeFileSync(
      p,
      readFileSync(p, 'utf8').replace(
        'translations:\n',
        `translations:\n${Array.from({ length: 40_000 }, (_, i) => `  x${i}: 1\n`).join('')}`,
      ),
    );
    const r = await letter(t.dir, ['check', L, '--format', 'json']);
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout) as {
      errors: { file: string; line: number; code: string; message: string }[];
    };
    const mine = json.errors.filter((e) => e.file === `${L}/letter.yaml`);
    expect(mine).toHaveLength(51);
    expect(mine[50]).toMatchObject({
      code: 'too-many-problems',
      message: 'and 39950 more problems in this file, from here on',
    });
  });
});

describe('YAML tags and prototype keys', () => {
  it.each([
    [
      'a custom tag on the title',
      (s: string) => s.replace('title: The Time', 'title: !foo The Time'),
      'letter.yaml:2:8: error: the YAML tag "!foo" is not read by letter',
    ],
    [
      'a __proto__ translation',
      (s: string) =>
        s.replace(
          'translations:\n',
          'translations:\n  __proto__:\n    title: X\n    source: sha256:5b9d2dc95291\n',
        ),
      'letter.yaml:15:3: error: the key "__proto__" is refused',
    ],
    [
      'a __proto__ group name',
      (s: string) =>
        s.replace(
          '    names:\n      fr: Industrie',
          '    names:\n      __proto__: Evil\n      fr: Industrie',
        ),
      'letter.yaml:47:7: error: the key "__proto__" is refused',
    ],
  ])('letter.yaml with %s fails check at its place', async (_, edit, expected) => {
    const p = path.join(t.letterDir, 'letter.yaml');
    writeFileSync(p, edit(readFileSync(p, 'utf8')));
    const r = await letter(t.dir, ['check', L]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`${L}/${expected}`);
  });

  it('a signature with !!js/function or !!binary fails check at its place', async () => {
    writeFileSync(
      path.join(t.letterDir, 'signatures/tagged.yaml'),
      signature()
        .replace('Deep Person', '!!js/function Deep Person')
        .replace('industry', '!!binary aW5kdXN0cnk='),
    );
    const r = await letter(t.dir, ['check', L]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      `${L}/signatures/tagged.yaml:1:7: error: the YAML tag "!!js/function" is not read by letter`,
    );
    expect(r.stdout).toContain(
      `${L}/signatures/tagged.yaml:3:8: error: the YAML tag "!!binary" is not read by letter`,
    );
  });

  it('a __proto__ entry in private/contacts.yaml stops sign instead of vanishing', async () => {
    mkdirSync(path.join(t.letterDir, 'private'), { recursive: true });
    writeFileSync(path.join(t.letterDir, '.gitignore'), 'private/\n');
    writeFileSync(
      path.join(t.letterDir, 'private/contacts.yaml'),
      'ban-ki-moon:\n  email: ban@example.org\n__proto__:\n  email: ada@example.org\n',
    );
    const before = readFileSync(path.join(t.letterDir, 'private/contacts.yaml'), 'utf8');
    const r = await letter(t.dir, [
      'sign',
      L,
      '--name',
      'Ada Lovelace',
      '--country',
      'GB',
      '--group',
      'industry',
      '--email',
      'ada@example.org',
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${L}/private/contacts.yaml:3:1: the key "__proto__" is refused`);
    expect(readFileSync(path.join(t.letterDir, 'private/contacts.yaml'), 'utf8')).toBe(before);
  });
});
