import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { snapshot, useTempLetter } from '../helpers/cli.js';
import { letter } from '../helpers/in-process.js';

const t = useTempLetter();

const L = 'letters/time-to-act';
const PRESS = '/work/shared/seed/press-list.csv';
const write = (name: string, text: string | Buffer) => writeFileSync(path.join(t.dir, name), text);
const read = (p: string) => readFileSync(path.join(t.dir, p), 'utf8');

describe('letter import', () => {
  it('imports the press list into the example letter adding nobody: two already signed, six likely duplicates of the right signatories', async () => {
    const press = path.join(t.dir, 'press-list.csv');
    writeFileSync(press, readFileSync(PRESS));
    const before = snapshot(t.dir);
    for (const args of [['--dry-run'], []]) {
      const r = await letter(t.dir, ['import', 'press-list.csv', L, '--json', ...args]);
      expect(r.code).toBe(0);
      const report = JSON.parse(r.stdout);
      expect(report.toAdd).toEqual([]);
      expect(report.invalid).toEqual([]);
      expect(report.written).toEqual([]);
      expect(
        report.alreadySigned.map(
          (d: { line: number; name: string; matches: { id: string }[] }) =>
            `${d.line} ${d.name} = ${d.matches[0]!.id}`,
        ),
      ).toEqual(['7 Brad Smith = brad-smith', '8 Eugene Kaspersky = eugene-kaspersky']);
      expect(
        report.likely.map(
          (d: { line: number; name: string; matches: { id: string; kind: string }[] }) =>
            `${d.line} ${d.name} ~ ${d.matches[0]!.id} (${d.matches[0]!.kind})`,
        ),
      ).toEqual([
        '2 Micheal Gorbachev ~ mikhail-gorbachev (likely)',
        '3 Ban ki-Moon ~ ban-ki-moon (exact)',
        '4 Madeline Albright ~ madeleine-albright (likely)',
        '5 Margaret Chen ~ margaret-chan (likely)',
        '6 Desmund Tutu ~ desmond-tutu (likely)',
        '9 Ernesto Zedillo Ponce de León ~ ernesto-zedillo (likely)',
      ]);
    }
    expect(snapshot(t.dir)).toEqual(before);
    const text = await letter(t.dir, ['import', 'press-list.csv', L, '--dry-run']);
    expect(text.stdout).toContain(
      '    row 2: "Micheal Gorbachev" is likely mikhail-gorbachev ("Mikhail Gorbachev"): score 1.00: gorbachev, micheal ~ mikhail (forms of one given name); similar role, same country',
    );
    expect(text.stdout).toContain(
      '    row 5: "Margaret Chen" is likely margaret-chan ("Margaret Chan"): score 0.82: margaret, chen ~ chan (spelling); similar role, same country',
    );
    expect(text.stdout).toContain('  already signed: 2\n');
    expect(
      JSON.parse(
        (await letter(t.dir, ['import', 'press-list.csv', L, '--dry-run', '--json'])).stdout,
      ).mapping,
    ).toEqual({ 'Full name': 'name', Position: 'role', Country: 'country' });
  });

  const form = [
    'Full name,Position,Country,Email,Category',
    'Ada Lovelace,Analyst,United Kingdom,ada@example.org,Industry',
    'Grace Hopper,Rear Admiral,United States,grace@example.org,industry',
    'Kim Jiyoung,Researcher,South Korea,,industry',
    "Aya Traoré,Engineer,Côte d'Ivoire,,industry",
    'Ivan Petrov,Minister,Russia,,former-ministers',
    'ADA LOVELACE,Analyst,UK,,industry',
    'Nobody Here,,Atlantis,,industry',
    'Bad Date,,FR,,industry',
    ',,FR,,industry',
  ].join('\n');

  it('maps columns and country names, reports each row with its number and reason, and writes nothing while a row is invalid', async () => {
    write('form.csv', `${form}\n`);
    const before = snapshot(t.dir);
    const r = await letter(t.dir, [
      'import',
      'form.csv',
      L,
      '--map',
      'Position=role,Category=group',
      '--json',
    ]);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.mapping).toEqual({
      'Full name': 'name',
      Position: 'role',
      Country: 'country',
      Email: 'email',
      Category: 'group',
    });
    expect(report.toAdd.map((a: { line: number; id: string }) => `${a.line} ${a.id}`)).toEqual([
      '2 ada-lovelace',
      '3 grace-hopper',
      '4 kim-jiyoung',
      '5 aya-traore',
      '6 ivan-petrov',
      '9 bad-date',
    ]);
    expect(
      report.likely.map(
        (d: { line: number; matches: { id: string }[] }) => `${d.line} ${d.matches[0]!.id}`,
      ),
    ).toEqual(['7 ada-lovelace']);
    expect(report.invalid).toEqual([
      { line: 8, field: 'country', reason: '"Atlantis" is not a country name or ISO 3166-1 code' },
      { line: 10, field: 'name', reason: 'is empty' },
    ]);
    expect(report.written).toEqual([]);
    expect(snapshot(t.dir)).toEqual(before);
  });

  it('writes every accepted row, keeps emails in the private store only, and the letter stays valid', async () => {
    write('form.csv', `${form.split('\n').slice(0, 7).join('\n')}\n`);
    const r = await letter(t.dir, [
      'import',
      'form.csv',
      L,
      '--map',
      'Position=role,Category=group',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('  added: 5\n');
    const countries = [
      'ada-lovelace',
      'grace-hopper',
      'kim-jiyoung',
      'aya-traore',
      'ivan-petrov',
    ].map((id) => /country: (\w+)/.exec(read(`${L}/signatures/${id}.yaml`))![1]);
    expect(countries).toEqual(['GB', 'US', 'KR', 'CI', 'RU']);
    expect(read(`${L}/signatures/ada-lovelace.yaml`)).not.toContain('ada@example.org');
    expect(read(`${L}/private/contacts.yaml`)).toBe(
      'ada-lovelace:\n  email: ada@example.org\ngrace-hopper:\n  email: grace@example.org\n',
    );
    expect((await letter(t.dir, ['check', L])).code).toBe(0);
    const listed = await letter(t.dir, ['list', L, '--status', 'pending']);
    expect(listed.stdout).not.toContain('@example.org');
    const withPrivate = await letter(t.dir, [
      'list',
      L,
      '--status',
      'pending',
      '--include-private',
    ]);
    expect(withPrivate.stdout).toContain('ada@example.org');
    const again = JSON.parse(
      (
        await letter(t.dir, [
          'import',
          'form.csv',
          L,
          '--map',
          'Position=role,Category=group',
          '--json',
        ])
      ).stdout,
    );
    expect(again.toAdd).toEqual([]);
    expect(again.alreadySigned).toHaveLength(5);
  });

  it.each([
    [
      'a file that is not UTF-8',
      Buffer.from('name,country\nJos\xe9 Mart\xed,ES\n', 'latin1'),
      1,
      'file.csv: is not UTF-8 text',
    ],
    ['ragged rows', 'name,country\nAda,GB,extra\n', 1, 'file.csv:2: not valid CSV'],
    [
      'no name column',
      'who,country\nAda,GB\n',
      2,
      'no column of file.csv holds the name; columns: who, country',
    ],
    ['an empty file', '', 1, 'file.csv: is empty'],
  ])('refuses %s with the file and line', async (_, content, code, message) => {
    write('file.csv', content);
    const before = snapshot(t.dir);
    const r = await letter(t.dir, ['import', 'file.csv', L]);
    expect(r.code).toBe(code);
    expect(r.stderr).toContain(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(snapshot(t.dir)).toEqual(before);
  });

  it('accepts a header-only file as nothing to add', async () => {
    write('file.csv', '\ufeffname,country\n');
    const r = await letter(t.dir, ['import', 'file.csv', L, '--group', 'industry']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('rows read: 0');
  });
});

describe('letter export', () => {
  it('exports public fields in render order, and no cell can run as a spreadsheet formula', async () => {
    writeFileSync(
      path.join(t.letterDir, 'letter.yaml'),
      read(`${L}/letter.yaml`).replace('verification: required', 'verification: optional'),
    );
    for (const [name, role] of [
      ['=HYPERLINK("http://x")', '+1 Analyst'],
      ['@SUM(A1)', '-2'],
      ['\tTab', '\rReturn'],
    ])
      expect(
        (
          await letter(t.dir, [
            'sign',
            L,
            '--name',
            name!,
            '--role',
            role!,
            '--country',
            'FR',
            '--group',
            'industry',
            '--email',
            `${name!.length}x@example.org`,
            '--allow-similar',
          ])
        ).code,
      ).toBe(0);
    const csv = await letter(t.dir, ['export', L, '--format', 'csv']);
    expect(csv.code).toBe(0);
    const lines = csv.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(
      'id,name,sort_as,role,organisation,country,group,url,signed_at,status,verified_at',
    );
    expect(lines).toHaveLength(16);
    expect(csv.stdout).not.toContain('@example.org');
    for (const line of lines.slice(1))
      for (const cell of line.split(',')) expect(cell).not.toMatch(/^"?[=+\-@\t\r]/);
    expect(csv.stdout).toContain(`"'=HYPERLINK(""http://x"")",,'+1 Analyst`);
    const json = JSON.parse(
      (await letter(t.dir, ['export', L, '--format', 'json', '--include-private'])).stdout,
    );
    expect(json[0]).toMatchObject({ id: 'mikhail-gorbachev', email: '', phone: '' });
    expect(json.some((r: { email: string }) => r.email.endsWith('@example.org'))).toBe(true);
  });
});

describe('letter export --out', () => {
  it('refuses a file inside the letter folder and a folder, writing nothing', async () => {
    const before = snapshot(t.dir);
    const inside = await letter(t.dir, ['export', L, '--out', `${L}/export.csv`]);
    expect(inside.code).toBe(2);
    expect(inside.stderr).toContain(`--out: ${L}/export.csv is inside the letter folder`);
    const folder = await letter(t.dir, ['export', L, '--out', 'letters']);
    expect(folder.code).toBe(2);
    expect(folder.stderr).toContain('--out: letters is a folder; name a file');
    expect(snapshot(t.dir)).toEqual(before);
  });
});
