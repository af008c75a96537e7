/**
 * The corpus of hostile and broken inputs under test/fixtures/hostile/: each file is put
 * into a copy of the example letter as a signature, and `letter check` (the built binary)
 * must give exactly the outcome below, change nothing, and never crash.
 */
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, snapshot, useTempLetter } from '../helpers/cli.js';
import { letter } from '../helpers/in-process.js';

const FIXTURES = path.join(ROOT, 'test/fixtures/hostile');
const L = 'letters/time-to-act';
const F = `${L}/signatures/hostile.yaml`;

const t = useTempLetter();

interface Problem {
  file: string;
  line: number;
  column: number;
  severity: string;
  code: string;
  message: string;
}

async function checkWith(fixture: Buffer | string) {
  writeFileSync(path.join(t.dir, F), fixture);
  const before = snapshot(t.dir);
  const r = await letter(t.dir, ['check', L, '--format', 'json']);
  expect(r.stderr).toBe('');
  expect(snapshot(t.dir)).toEqual(before);
  const json = JSON.parse(r.stdout) as { errors: Problem[]; warnings: Problem[] };
  // The fixtures leave out sort_as; its warning (sort-key-missing) is not what they test.
  const mine = [...json.errors, ...json.warnings]
    .filter((p) => p.file === F && p.code !== 'sort-key-missing')
    .map((p) => `${p.severity} ${p.line}:${p.column} ${p.code}: ${p.message}`);
  return { code: r.code, mine, others: json.errors.filter((p) => p.file !== F).map((p) => p.code) };
}

// [fixture, exit code, the problems check reports in the file, in order]
const REFUSED: [string, string[]][] = [
  [
    'alias-bomb.yaml',
    [
      'error 1:1 yaml-aliases: invalid YAML: Excessive alias count indicates a resource exhaustion attack',
    ],
  ],
  [
    'duplicate-keys.yaml',
    [
      'error 2:1 yaml-duplicate-key: invalid YAML: the field "name" appears twice in the same mapping',
    ],
  ],
  [
    'proto-key.yaml',
    [
      'error 1:1 yaml-special-key: the key "__proto__" is refused: it names a JavaScript object\'s prototype, and a parser would drop it or change what it reads',
    ],
  ],
  [
    'constructor-key.yaml',
    [
      'error 1:1 unknown-field: unknown field "constructor"',
      'error 2:1 unknown-field: unknown field "prototype"',
    ],
  ],
  ['merge-key.yaml', ['error 1:1 unknown-field: unknown field "<<"']],
  [
    'yaml-1.1.yaml',
    [
      'error 1:1 yaml-version: the file asks for YAML 1.1; letter reads YAML 1.2, where values such as NO and 2020-05-26 stay text',
    ],
  ],
  [
    'tabs.yaml',
    ['error 2:1 yaml-tab-as-indent: invalid YAML: Tabs are not allowed as indentation'],
  ],
  [
    'latin1.yaml',
    [
      'error 1:10 not-utf8: the file is not UTF-8 text (a byte here is from another encoding, such as Latin-1)',
    ],
  ],
  [
    'nul.yaml',
    ['error 1:7 invalid-field: field "name" must be one line, without tabs or control characters'],
  ],
  [
    'comment.yaml',
    [
      'warning 2:16 yaml-comment: the text after "#" on this line is a YAML comment, not part of the value "Director"',
    ],
  ],
  [
    'retype-octal.yaml',
    ['error 1:7 invalid-field: field "name" must be text; put the value in quotes'],
  ],
  [
    'retype-float.yaml',
    ['error 2:7 invalid-field: field "role" must be text; put the value in quotes'],
  ],
  [
    'retype-null.yaml',
    ['error 2:7 invalid-field: field "role" must be text; put the value in quotes'],
  ],
  [
    'retype-tilde.yaml',
    ['error 2:7 invalid-field: field "role" must be text; put the value in quotes'],
  ],
  [
    'bidi-override.yaml',
    [
      'error 1:7 invalid-field: field "name" must not contain bidirectional control characters (such as U+202E)',
    ],
  ],
  [
    'zero-width.yaml',
    [
      'error 1:7 invalid-field: field "name" must not contain invisible characters (zero-width space, word joiner, soft hyphen)',
    ],
  ],
  [
    'mixed-script.yaml',
    [
      'error 1:7 duplicate-name: "B\u0430n Ki-moon" is the same name as signature ban-ki-moon ("Ban Ki-moon") after normalisation',
      'error 1:7 mixed-script: "B\u0430n Ki-moon" mixes scripts in one word: "\u0430" (U+0430, Cyrillic) inside "B\u0430n"',
    ],
  ],
  [
    'combining-flood.yaml',
    [
      'error 1:7 invalid-field: field "name" must not stack more than three combining marks on one letter',
    ],
  ],
  ['long-name.yaml', ['error 1:7 invalid-field: field "name" must be at most 300 characters']],
  [
    'empty-name.yaml',
    [
      'error 1:7 invalid-field: field "name" must not be empty',
      'error 1:7 invalid-field: field "name" must contain a letter or digit',
    ],
  ],
  [
    'url-javascript.yaml',
    [
      'error 2:6 invalid-field: field "url" must be an http or https address without credentials, such as https://example.org',
    ],
  ],
  [
    'url-data.yaml',
    [
      'error 2:6 invalid-field: field "url" must be an http or https address without credentials, such as https://example.org',
    ],
  ],
  [
    'url-vbscript.yaml',
    [
      'error 2:6 invalid-field: field "url" must be an http or https address without credentials, such as https://example.org',
    ],
  ],
  [
    'url-credentials.yaml',
    [
      'error 2:6 invalid-field: field "url" must be an http or https address without credentials, such as https://example.org',
      'error 2:19 contact-details: an email address in a public file of the letter',
    ],
  ],
  ['mailto.yaml', ['error 2:17 contact-details: an email address in a public file of the letter']],
];

describe('hostile signature files: refused with file, line and column', () => {
  it.each(REFUSED)('%s', async (fixture, expected) => {
    const r = await checkWith(readFileSync(path.join(FIXTURES, fixture)));
    expect(r.code).toBe(1);
    expect(r.mine).toEqual(expected);
  });
});

// Files that are valid YAML 1.2: the value stays exactly what was typed.
const ACCEPTED: [string, string, string][] = [
  ['bom.yaml', 'name', 'Bom Person'],
  ['crlf.yaml', 'name', 'Crlf Person'],
  ['retype-no.yaml', 'name', 'NO'],
  ['retype-yes.yaml', 'role', 'yes'],
  ['retype-sexagesimal.yaml', 'role', '1:20'],
  ['retype-date.yaml', 'name', '2020-05-26'],
];

describe('YAML 1.1 look-alikes: read as the text typed', () => {
  it.each(ACCEPTED)('%s keeps %s = %j', async (fixture, field, value) => {
    const r = await checkWith(readFileSync(path.join(FIXTURES, fixture)));
    expect(r.mine).toEqual([]);
    expect(r.others).toEqual(['changelog-stale']);
    const listed = JSON.parse(
      (await letter(t.dir, ['list', L, '--status', 'all', '--json'])).stdout,
    );
    expect(listed.signatures.find((s: { id: string }) => s.id === 'hostile')[field]).toBe(value);

    // letter fmt puts it in canonical form without changing the value, and a second run changes nothing.
    await letter(t.dir, ['changelog', L]);
    expect((await letter(t.dir, ['fmt', L])).code).toBe(0);
    const once = snapshot(t.dir);
    expect(await letter(t.dir, ['fmt', '--check', L])).toMatchObject({ code: 0 });
    await letter(t.dir, ['fmt', L]);
    expect(snapshot(t.dir)).toEqual(once);
    const after = JSON.parse(
      (await letter(t.dir, ['list', L, '--status', 'all', '--json'])).stdout,
    );
    expect(after.signatures.find((s: { id: string }) => s.id === 'hostile')[field]).toBe(value);
  });
});

describe('resources and paths', () => {
  it('refuses a 50 MB signature file quickly, without reading it', async () => {
    const started = Date.now();
    const r = await checkWith(`name: ${'x'.repeat(50 * 1024 * 1024)}\n`);
    expect(r.mine).toEqual([
      'error 1:1 too-large: the file is 52,428,807 bytes; a signature file holds at most 65,536',
    ]);
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it('reports deep nesting as YAML it will not read', async () => {
    const r = await checkWith(`name: ${'['.repeat(5000)}${']'.repeat(5000)}\n`);
    expect(r.code).toBe(1);
    expect(r.mine).toEqual([
      'error 1:38 yaml-too-deep: invalid YAML: lists and fields nest more than 32 levels deep here',
    ]);
  });

  it('refuses symbolic links inside the letter, and a slug that climbs out', async () => {
    symlinkSync('/etc/passwd', path.join(t.letterDir, 'signatures/link.yaml'));
    symlinkSync('/etc', path.join(t.letterDir, 'templates'));
    const p = path.join(t.letterDir, 'letter.yaml');
    writeFileSync(p, readFileSync(p, 'utf8').replace('slug: time-to-act', 'slug: ../../etc'));
    const r = await letter(t.dir, ['check', L]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      `${L}/signatures/link.yaml:1:1: error: "link.yaml" is not a regular file (a link or a folder)`,
    );
    expect(r.stdout).toContain(
      `${L}/templates:1:1: error: "templates" is a symbolic link; a letter folder holds plain files only`,
    );
    expect(r.stdout).toContain(
      `${L}/letter.yaml:3:7: error: field "slug" must be lower-case letters, digits and hyphens`,
    );
    expect((await letter(t.dir, ['render', L])).code).toBe(1);
  });

  it('a custom template cannot reach prototypes, and an unbalanced one is named', async () => {
    mkdirSync(path.join(t.letterDir, 'templates'));
    writeFileSync(
      path.join(t.letterDir, 'templates/letter.md.hbs'),
      '{{title.constructor.name}}\n',
    );
    const proto = await letter(t.dir, ['render', L, '--format', 'md']);
    expect(proto.code).toBe(1);
    expect(proto.stderr).toMatch(
      /templates\/letter\.md\.hbs:1:3: template error: "(constructor|name)" is not a field of the letter here/,
    );
    writeFileSync(
      path.join(t.letterDir, 'templates/letter.md.hbs'),
      '{{#each groups}}{{name}}\n{{/if}}\n',
    );
    const unbalanced = await letter(t.dir, ['render', L, '--format', 'md']);
    expect(unbalanced.code).toBe(1);
    expect(unbalanced.stderr).toMatch(/templates\/letter\.md\.hbs:\d+:\d+: template error: /);
    expect(unbalanced.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('hostile names given to sign and import', () => {
  it.each([
    ['Anna \u202eLLEB', 'must not contain bidirectional control characters'],
    ['Anna\u200bBell', 'must not contain invisible characters'],
    [`Z${'\u0301'.repeat(30)}alia`, 'must not stack more than three combining marks'],
    ['A'.repeat(10_000), 'must be at most 300 characters'],
  ])('sign refuses hostile name %# (exit 2, nothing written)', async (name, message) => {
    const before = snapshot(t.dir);
    const r = await letter(t.dir, [
      'sign',
      L,
      '--name',
      name,
      '--country',
      'FR',
      '--group',
      'industry',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`--name: name ${message}`);
    expect(snapshot(t.dir)).toEqual(before);
  });

  it('import reports hostile rows as invalid with their numbers, and formula cells stay inert in the export', async () => {
    writeFileSync(
      path.join(t.dir, 'form.csv'),
      `name,country,group\n"Anna \u202eLLEB",FR,industry\n"=HYPERLINK(""http://evil.example"")",FR,industry\n"@SUM(A1)",FR,industry\n`,
    );
    const r = JSON.parse(
      (await letter(t.dir, ['import', 'form.csv', L, '--dry-run', '--json'])).stdout,
    );
    expect(r.invalid).toEqual([
      {
        line: 2,
        field: 'name',
        reason: 'must not contain bidirectional control characters (such as U+202E)',
      },
    ]);
    expect(r.toAdd.map((a: { line: number }) => a.line)).toEqual([3, 4]);
  });
});
