import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { snapshot, useTempLetter } from '../helpers/cli.js';
import { letter } from '../helpers/in-process.js';

// Lists as real public letters publish them: no country, often a first name only, an
// organisation in brackets, a link, and a "Group" that is a heading of the page, not a
// group of the letter (after the RMS open letter of 2021, rewritten with invented names).
const t = useTempLetter();
const L = 'letters/open';
const read = (p: string) => readFileSync(path.join(t.dir, p), 'utf8');
const write = (name: string, text: string) => writeFileSync(path.join(t.dir, name), text);

const PUBLIC_LIST = [
  'Name,Organization,URL,Group',
  'Molly Example,"Debian Project, GNOME Foundation",,Initial signatories',
  'Nathan,,https://example.org/nathan,Individuals',
  'Aaron M. Example,"@aaron, Debian Developer",,Individuals',
  '@alice@mastodon.example,,https://medium.com/@alice,Individuals',
  'Angel Example <angel@example.org>,,,Individuals',
  'Bob,,mailto:bob@example.org,Individuals',
  'Free Software Club,,,Organisations',
].join('\n');

beforeEach(async () => {
  const r = await letter(t.dir, [
    'init',
    L,
    '--title',
    'An Open Letter',
    '--addressee',
    'the board',
    '--organiser',
    'Someone',
    '--yes',
  ]);
  expect(r.code).toBe(0);
});

describe('letter import of a real public list into a new letter', () => {
  it('imports as it is into a letter made with the defaults: no row refused for a missing country, the Group column left out, an email in a name kept private, and check exits 0', async () => {
    write('list.csv', `${PUBLIC_LIST}\n`);
    const before = snapshot(t.dir);
    const dry = await letter(t.dir, ['import', 'list.csv', L, '--dry-run', '--json']);
    expect(dry.code).toBe(0);
    const report = JSON.parse(dry.stdout);
    expect(report.mapping).toEqual({
      Name: 'name',
      Organization: 'organisation',
      URL: 'url',
      Group: 'group',
    });
    expect(report.columnsLeftOut).toEqual([
      {
        column: 'Group',
        reason:
          'the letter declares no groups (declare them under groups: in letter.yaml to import this column)',
      },
    ]);
    expect(report.invalid).toEqual([]);
    expect(report.toAdd.map((a: { line: number; id: string }) => `${a.line} ${a.id}`)).toEqual([
      '2 molly-example',
      '3 nathan',
      '4 aaron-m-example',
      '5 alice-mastodon-example',
      '6 angel-example',
      '7 bob',
      '8 free-software-club',
    ]);
    expect(report.notes).toEqual([
      {
        line: 6,
        field: 'name',
        note: 'held an email address; the name is "Angel Example" and the address is kept in the private store',
      },
      {
        line: 7,
        field: 'url',
        note: 'held an email address; kept in the private store as the email, not published',
      },
    ]);
    expect(snapshot(t.dir)).toEqual(before);

    const r = await letter(t.dir, ['import', 'list.csv', L]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('  column "Group" left out: the letter declares no groups');
    expect(r.stdout).toContain('  added: 7\n');
    expect(read(`${L}/signatures/nathan.yaml`)).toMatch(
      /^# yaml-language-server: \S+\nname: Nathan\nurl: https:\/\/example.org\/nathan\ntext_version: \S+\nsigned_at: \S+\nstatus: pending\n$/,
    );
    expect(read(`${L}/signatures/bob.yaml`)).not.toContain('example.org');
    expect(read(`${L}/signatures/angel-example.yaml`)).not.toContain('angel@');
    expect(read(`${L}/private/contacts.yaml`)).toBe(
      'angel-example:\n  email: angel@example.org\nbob:\n  email: bob@example.org\n',
    );
    expect(read(`${L}/signatures/alice-mastodon-example.yaml`)).toContain(
      'name: "@alice@mastodon.example"\n',
    );
    expect(read(`${L}/signatures/alice-mastodon-example.yaml`)).toContain(
      'url: https://medium.com/@alice\n',
    );
    const check = await letter(t.dir, ['check', L]);
    expect(check.stdout).toContain('0 errors');
    expect(check.code).toBe(0);
    expect((await letter(t.dir, ['render', L, '--format', 'md'])).code).toBe(0);
    expect(read('out/open/open.md')).toContain(
      '- **Nathan** · [link](<https://example.org/nathan>)\n',
    );
  });

  it('on a letter with groups, a Group value that is none of them is an invalid row with the way out; --skip-invalid writes the others', async () => {
    const file = path.join(t.dir, L, 'letter.yaml');
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace(
        'groups: []',
        'groups:\n  - id: individuals\n    name: Individuals',
      ),
    );
    write('list.csv', `${PUBLIC_LIST}\n`);
    const before = snapshot(t.dir);
    const dry = await letter(t.dir, ['import', 'list.csv', L, '--dry-run', '--json']);
    expect(dry.code).toBe(1);
    const report = JSON.parse(dry.stdout);
    expect(
      report.invalid.map((i: { line: number; field: string }) => `${i.line} ${i.field}`),
    ).toEqual(['2 group', '8 group']);
    expect(report.invalid[0]).toEqual({
      line: 2,
      field: 'group',
      reason: '"Initial signatories" is not a group of this letter (its groups: individuals)',
      hint: 'declare the groups under groups: in letter.yaml, or leave the column out with --map "Group="',
    });
    const refused = await letter(t.dir, ['import', 'list.csv', L]);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain(
      'refused, nothing written (fix the invalid rows, or pass --skip-invalid to write the others)',
    );
    expect(snapshot(t.dir)).toEqual(before);

    const r = await letter(t.dir, ['import', 'list.csv', L, '--skip-invalid']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      `Imported list.csv into ${L}; 2 invalid rows left out (--skip-invalid).\n`,
    );
    expect(r.stdout).toContain('  added: 5\n');
    expect(read(`${L}/signatures/nathan.yaml`)).toContain('group: individuals\n');
  });

  it('reads a semicolon export of a web form: Timestamp ignored unless mapped, first and last names, countries by name with suggestions, --country for the rest', async () => {
    write(
      'form.csv',
      [
        'Timestamp;First name;Last name;Organisation;Country',
        '2021/03/24 10:15:00 AM GMT+1;Ada;Lovelace;"Analytical Engines; Ltd";',
        '2021/03/24 11:00:00 AM GMT+1;Kim;Jiyoung;;Viet Nam',
        '2021/03/25 9:00:00 AM GMT+1;Grace;Hopper;;England',
        '3/26/2021 14:30:00;Linus;;;FR',
        '',
      ].join('\n'),
    );
    const plain = JSON.parse(
      (
        await letter(t.dir, [
          'import',
          'form.csv',
          L,
          '--dry-run',
          '--json',
          '--country',
          'Ireland',
        ])
      ).stdout,
    );
    expect(plain.delimiter).toBe(';');
    expect(plain.ignoredColumns).toEqual(['Timestamp']);
    expect(plain.mapping).toEqual({
      'First name': 'first_name',
      'Last name': 'last_name',
      Organisation: 'organisation',
      Country: 'country',
    });
    expect(plain.invalid).toEqual([
      {
        line: 4,
        field: 'country',
        reason:
          '"England" is part of the United Kingdom, not an ISO 3166-1 country; use GB (United Kingdom)?',
      },
    ]);

    const r = await letter(t.dir, [
      'import',
      'form.csv',
      L,
      '--map',
      'Timestamp=signed_at',
      '--country',
      'Ireland',
      '--skip-invalid',
      '--json',
    ]);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.toAdd.map((a: { line: number; name: string }) => `${a.line} ${a.name}`)).toEqual([
      '2 Ada Lovelace',
      '3 Kim Jiyoung',
      '5 Linus',
    ]);
    expect(read(`${L}/signatures/ada-lovelace.yaml`)).toContain(
      'name: Ada Lovelace\nsort_as: Lovelace Ada\norganisation: Analytical Engines; Ltd\ncountry: IE\n',
    );
    expect(read(`${L}/signatures/ada-lovelace.yaml`)).toContain(
      'signed_at: 2021-03-24T09:15:00Z\n',
    );
    expect(read(`${L}/signatures/kim-jiyoung.yaml`)).toContain('country: VN\n');
    expect(read(`${L}/signatures/linus.yaml`)).toContain('country: FR\n');
    expect(read(`${L}/signatures/linus.yaml`)).toContain('signed_at: 2021-03-26T14:30:00Z\n');
    expect((await letter(t.dir, ['check', L])).code).toBe(0);
  });
});

describe("letter check: the organisers' public address", () => {
  it('is allowed in letter.md and letter.yaml once listed under public_contacts, never in a signature', async () => {
    const yaml = `${L}/letter.yaml`;
    write(`${L}/letter.md`, 'To the board,\n\nWrite to us: press@example.org.\n');
    const unlisted = await letter(t.dir, ['check', L]);
    expect(unlisted.code).toBe(1);
    expect(unlisted.stdout).toContain(
      `${L}/letter.md:3:14: error: an email address in a public file of the letter`,
    );
    write(
      yaml,
      read(yaml).replace(
        'organisers:\n  - name: Someone\n',
        'organisers:\n  - name: Someone\npublic_contacts:\n  - Press@example.org\n',
      ),
    );
    expect((await letter(t.dir, ['fmt', '--check', L])).code).toBe(0);
    const listed = await letter(t.dir, ['check', L]);
    expect(listed.stdout).toContain('0 errors');
    expect(listed.code).toBe(0);
    expect(
      (
        await letter(t.dir, [
          'sign',
          L,
          '--name',
          'Zoe Example',
          '--url',
          'https://medium.com/@zoe',
        ])
      ).code,
    ).toBe(0);
    write(
      `${L}/signatures/zoe-example.yaml`,
      read(`${L}/signatures/zoe-example.yaml`).replace(
        'name: Zoe Example\n',
        'name: Zoe Example\nrole: press@example.org\n',
      ),
    );
    const inSignature = await letter(t.dir, ['check', L]);
    expect(inSignature.code).toBe(1);
    expect(inSignature.stdout).toContain(
      `${L}/signatures/zoe-example.yaml:3:7: error: an email address in a public file of the letter`,
    );
  });
});
