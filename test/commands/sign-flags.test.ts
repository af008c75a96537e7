import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { textVersion } from '../../src/letter/text-version.js';
import { gitState, schemaLine, snapshot, useTempLetter } from '../helpers/cli.js';
import { letter } from '../helpers/in-process.js';

const t = useTempLetter();

const L = 'letters/time-to-act';
const ada = [
  '--name',
  'Ada Lovelace',
  '--sort-as',
  'Lovelace Ada',
  '--role',
  'Analyst',
  '--country',
  'GB',
  '--group',
  'industry',
  '--signed-at',
  '2026-11-29T10:00:00Z',
];

describe('letter sign without a terminal', () => {
  it('adds exactly one new file and only appends to CHANGELOG.md', async () => {
    const r = await letter(t.dir, ['sign', L, ...ada]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Signed: Ada Lovelace (ada-lovelace, pending)');
    expect(r.stdout).toContain(`wrote ${L}/signatures/ada-lovelace.yaml`);

    const { status, diff } = gitState(t.dir);
    expect(status.split('\n').filter(Boolean).sort()).toEqual([
      ` M ${L}/CHANGELOG.md`,
      `?? ${L}/signatures/ada-lovelace.yaml`,
    ]);
    const changed = diff.split('\n').filter((l) => /^[-+]/.test(l) && !/^(\+\+\+|---) /.test(l));
    expect(changed).toEqual(['+- 2026-11-29T10:00:00Z signed: Ada Lovelace (ada-lovelace)']);
    expect(readFileSync(path.join(t.letterDir, 'signatures/ada-lovelace.yaml'), 'utf8')).toBe(
      schemaLine('signature') +
        `name: Ada Lovelace\nsort_as: Lovelace Ada\nrole: Analyst\ncountry: GB\ngroup: industry\ntext_version: ${textVersion(readFileSync(path.join(t.letterDir, 'letter.md'), 'utf8'))}\nsigned_at: 2026-11-29T10:00:00Z\nstatus: pending\n`,
    );
    expect((await letter(t.dir, ['check', L])).code).toBe(0);
  });

  it.each([
    ['another case', 'ADA LOVELACE'],
    ['accents', 'Adá Lóvelace'],
    ['other spacing and punctuation', ' Ada  Lovelace. '],
  ])('refuses the same name again in %s: exit 1, nothing changed', async (_, name) => {
    await letter(t.dir, ['sign', L, ...ada]);
    const before = snapshot(t.dir);
    const r = await letter(t.dir, ['sign', L, ...ada.slice(2), '--name', name]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      'is already on the letter as signature ada-lovelace ("Ada Lovelace", pending): the same name once case, accents, spacing and punctuation are folded; similar role, same country; nothing was written.',
    );
    expect(r.stderr).toContain(
      "Nothing tells the two apart. If this is another person of the same name, sign again with --allow-similar and a --url or --github of theirs that differs from ada-lovelace's.",
    );
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(snapshot(t.dir)).toEqual(before);
  });

  it('refuses a name already on the example letter without accents: Zédillo', async () => {
    const r = await letter(t.dir, [
      'sign',
      L,
      '--name',
      'ernesto zédillo',
      '--country',
      'MX',
      '--group',
      'former-heads-of-state',
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('signature ernesto-zedillo ("Ernesto Zedillo", verified)');
  });

  it.each([
    [['--country', 'GB', '--group', 'industry'], 'missing --name'],
    [['--name', 'X Y', '--group', 'industry'], 'missing --country'],
    [['--name', 'X Y', '--country', 'GB'], 'missing --group'],
    [
      ['--name', 'X Y', '--country', 'XX', '--group', 'industry'],
      '--country: "XX" is not an ISO 3166-1 alpha-2 code',
    ],
    [
      ['--name', 'X Y', '--country', 'GB', '--group', 'nobody'],
      '--group: "nobody" is not a group of this letter',
    ],
    [
      ['--name', 'X Y', '--country', 'GB', '--group', 'industry', '--signed-at', '2020-02-30'],
      '--signed-at: "2020-02-30" is not a real ISO 8601 date',
    ],
    [
      ['--name', 'X Y', '--country', 'GB', '--group', 'industry', '--url', 'javascript:alert(1)'],
      '--url: url must be an http or https address',
    ],
  ])('is a usage error (exit 2) naming the flag: %j', async (args, message) => {
    const before = snapshot(t.dir);
    const r = await letter(t.dir, ['sign', L, ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(snapshot(t.dir)).toEqual(before);
  });

  it('accepts a group name and a country name; --dry-run writes nothing; --json is the result', async () => {
    const before = snapshot(t.dir);
    const dry = await letter(t.dir, [
      'sign',
      L,
      '--name',
      'Kim Jiyoung',
      '--country',
      'south korea',
      '--group',
      'Industry',
      '--dry-run',
      '--json',
    ]);
    expect(dry.code).toBe(0);
    const result = JSON.parse(dry.stdout);
    expect(result).toMatchObject({
      dryRun: true,
      written: [],
      published: false,
      signature: { id: 'kim-jiyoung', country: 'KR', group: 'industry', status: 'pending' },
    });
    expect(snapshot(t.dir)).toEqual(before);
  });

  it('lets two signs at the same moment both land, with a consistent changelog', async () => {
    const people = ['Alpha One', 'Beta Two', 'Gamma Three', 'Delta Four'];
    const runs = await Promise.all(
      people.map((name) =>
        letter(t.dir, ['sign', L, '--name', name, '--country', 'FR', '--group', 'industry']),
      ),
    );
    expect(runs.map((r) => r.code)).toEqual([0, 0, 0, 0]);
    const check = await letter(t.dir, ['check', L, '--format', 'json']);
    expect(JSON.parse(check.stdout)).toMatchObject({ ok: true, errors: [] });
    const changelog = readFileSync(path.join(t.letterDir, 'CHANGELOG.md'), 'utf8');
    for (const id of ['alpha-one', 'beta-two', 'gamma-three', 'delta-four'])
      expect(changelog).toContain(`(${id})`);
  });
});
