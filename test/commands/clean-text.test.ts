import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { snapshot, useTempLetter } from '../helpers/cli.js';
import { letter } from '../helpers/in-process.js';

const t = useTempLetter();
const L = 'letters/time-to-act';
const sigFile = (id: string) => path.join(t.letterDir, 'signatures', `${id}.yaml`);
const base = (name: string, extra = '') =>
  `name: ${name}\ncountry: FR\ngroup: industry\n${extra}signed_at: 2020-05-26T00:00:00Z\nstatus: pending\n`;

describe('clean text in signature files', () => {
  it.each([
    [
      'Hangul fillers',
      '"\u3164\u3164"',
      'field "name" must not be blank (it holds only blank-looking characters such as U+3164 or U+2800)',
    ],
    [
      'the Braille blank',
      '"\u2800"',
      'field "name" must not be blank (it holds only blank-looking characters such as U+3164 or U+2800)',
    ],
    [
      'a C1 control',
      '"Ada\\x85Lovelace"',
      'field "name" must be one line, without tabs or control characters',
    ],
    [
      'a lone surrogate',
      '"Ada \\ud800 Lovelace"',
      'field "name" must be valid Unicode text (it holds a lone surrogate)',
    ],
    [
      'combining marks split by joiners',
      `"Ada${'\\u0301\\u0301\\u0301\\u200d'.repeat(40)} Lovelace"`,
      'field "name" must not stack more than three combining marks on one letter',
    ],
    [
      'a run of joiners',
      `"Ada${'\\u200d'.repeat(40)} Lovelace"`,
      'field "name" must not repeat joiners (U+200C, U+200D, U+034F)',
    ],
  ])('refuses a name made of %s', async (_, name, message) => {
    writeFileSync(sigFile('odd'), base(name));
    const r = JSON.parse((await letter(t.dir, ['check', L, '--format', 'json'])).stdout);
    expect(
      r.errors
        .filter((p: { file: string }) => p.file.endsWith('odd.yaml'))
        .map((p: { message: string }) => p.message),
    ).toContain(message);
  });

  it('refuses escape, NUL and bidi characters kept in a url', async () => {
    for (const url of [
      '"https://example.org/\\e[2K"',
      '"https://example.org/\\0x"',
      '"https://example.org/\\u202eexe.gpj"',
    ]) {
      writeFileSync(sigFile('odd'), base('Odd Url', `url: ${url}\n`));
      const r = JSON.parse((await letter(t.dir, ['check', L, '--format', 'json'])).stdout);
      expect(
        r.errors.map((p: { message: string }) => p.message),
        url,
      ).toContain(
        'field "url" must be an http or https address without credentials, such as https://example.org',
      );
    }
  });

  it('keeps names that need joiners: Persian with U+200C, an emoji sequence with U+200D', async () => {
    writeFileSync(sigFile('odd'), base('"\u0645\u06cc\u200c\u0631\u0636\u0627"'));
    writeFileSync(sigFile('odd-2'), base('"Ada U0001F469\u200dU0001F52C"'));
    const r = JSON.parse((await letter(t.dir, ['check', L, '--format', 'json'])).stdout);
    expect(r.errors.filter((p: { file: string }) => /odd(-2)?\.yaml$/.test(p.file))).toEqual([]);
  });

  it('refuses a mark flood split by joiners at sign time, writing nothing', async () => {
    const before = snapshot(t.dir);
    const r = await letter(t.dir, [
      'sign',
      L,
      '--name',
      `Ada${'\u0301\u0301\u0301\u200d'.repeat(40)}`,
      '--country',
      'FR',
      '--group',
      'industry',
      '--yes',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('must not stack more than three combining marks');
    expect(snapshot(t.dir)).toEqual(before);
  });

  it('refuses a list or a mapping as a key at its line, with no warning of Node on stderr', async () => {
    writeFileSync(
      sigFile('odd'),
      `name: Odd Key\n? { by: x }\n: y\ncountry: FR\ngroup: industry\nsigned_at: 2020-05-26T00:00:00Z\nstatus: pending\n`,
    );
    const r = await letter(t.dir, ['check', L]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      `${L}/signatures/odd.yaml:2:3: error: a key must be plain text, not a list or a mapping`,
    );
    expect(r.stderr).not.toContain('(node:');
  });

  it('refuses a blank name at sign time, writing nothing', async () => {
    const before = snapshot(t.dir);
    const r = await letter(t.dir, [
      'sign',
      L,
      '--name',
      '\u3164',
      '--country',
      'FR',
      '--group',
      'industry',
      '--yes',
    ]);
    expect(r.code).toBe(2);
    expect(snapshot(t.dir)).toEqual(before);
  });
});

describe('file names git and Windows can carry', () => {
  it('gives a signatory named "Con" an id Windows can check out, and check refuses a con.yaml', async () => {
    const r = await letter(t.dir, [
      'sign',
      L,
      '--name',
      'Con',
      '--country',
      'FR',
      '--group',
      'industry',
      '--yes',
    ]);
    expect(r.code).toBe(0);
    expect(existsSync(sigFile('s-con'))).toBe(true);
    writeFileSync(sigFile('nul'), base('Nul Person'));
    const check = JSON.parse((await letter(t.dir, ['check', L, '--format', 'json'])).stdout);
    expect(
      check.errors.map((p: { code: string; message: string }) => `${p.code}: ${p.message}`),
    ).toEqual([
      'reserved-file-name: "nul.yaml" is a name Windows reserves for a device: the file cannot be checked out there',
    ]);
  });

  it('does not take the lock folder of a letter being written for a broken letter', async () => {
    mkdirSync(path.join(t.dir, 'letters/time-to-act.lock'));
    const r = JSON.parse((await letter(t.dir, ['check', '--format', 'json'])).stdout);
    expect(r.errors.filter((p: { code: string }) => p.code === 'not-a-letter')).toEqual([]);
    expect(readFileSync(path.join(t.letterDir, 'letter.yaml'), 'utf8')).toContain(
      'slug: time-to-act',
    );
  });
});

describe('links stored as a browser reads them', () => {
  it('sign stores a link in its normal form: a look-alike domain shows as Punycode', async () => {
    const r = await letter(t.dir, [
      'sign',
      L,
      '--name',
      'Ada Lovelace',
      '--country',
      'GB',
      '--group',
      'industry',
      '--url',
      'HTTPS://Ex\u0430mple.ORG:443/~ada/../ada',
      '--yes',
    ]);
    expect(r.code).toBe(0);
    expect(readFileSync(sigFile('ada-lovelace'), 'utf8')).toContain(
      'url: https://xn--exmple-4nf.org/ada\n',
    );
  });

  it('check refuses a link written by hand out of its normal form, and fmt puts it right', async () => {
    writeFileSync(sigFile('odd'), base('Odd Url', 'url: https://ex\u0430mple.org/\n'));
    expect((await letter(t.dir, ['changelog', L])).code).toBe(0);
    const r = JSON.parse((await letter(t.dir, ['check', L, '--format', 'json'])).stdout);
    expect(
      r.errors.map(
        (p: {
          file: string;
          line: number;
          column: number;
          code: string;
          message: string;
          hint: string;
        }) => [p.file, p.line, p.column, p.code, p.message, p.hint],
      ),
    ).toEqual([
      [
        `${L}/signatures/odd.yaml`,
        4,
        6,
        'url-not-normal',
        'url is not in the normal form a browser reads it in: https://xn--exmple-4nf.org/',
        `run letter fmt ${L} to rewrite it`,
      ],
    ]);
    expect((await letter(t.dir, ['fmt', L])).code).toBe(0);
    expect(readFileSync(sigFile('odd'), 'utf8')).toContain('url: https://xn--exmple-4nf.org/\n');
    expect((await letter(t.dir, ['check', L])).code).toBe(0);
  });
});

describe('Markdown that GitHub shows as typed', () => {
  it('a name or role shaped like a link is not autolinked in the Markdown render or CHANGELOG.md', async () => {
    writeFileSync(
      path.join(t.letterDir, 'letter.yaml'),
      readFileSync(path.join(t.letterDir, 'letter.yaml'), 'utf8').replace(
        'verification: required',
        'verification: optional',
      ),
    );
    const r = await letter(t.dir, [
      'sign',
      L,
      '--name',
      'Visit www.evil.example',
      '--role',
      'See https://evil.example/win',
      '--country',
      'FR',
      '--group',
      'industry',
      '--yes',
    ]);
    expect(r.code).toBe(0);
    expect((await letter(t.dir, ['render', L, '--format', 'md'])).code).toBe(0);
    const md = readFileSync(path.join(t.dir, 'out/time-to-act/time-to-act.md'), 'utf8');
    expect(md).toContain(
      '- **Visit www\\.evil.example**, See https\\://evil.example/win · France\n',
    );
    expect(readFileSync(path.join(t.letterDir, 'CHANGELOG.md'), 'utf8')).toContain(
      ' signed: Visit www\\.evil.example (visit-www-evil-example)\n',
    );
  });
});
