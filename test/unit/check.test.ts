import { describe, expect, it } from 'vitest';
import { publishedChangelog, renderChangelog } from '../../src/letter/changelog.js';
import { type CheckInput, checkLetter } from '../../src/letter/check.js';
import { checkInput } from '../helpers/check-input.js';
import { letter, sig } from '../helpers/fixtures.js';

const summary = (i: CheckInput) =>
  checkLetter(i).map(
    (p) => `${p.severity} ${p.file}:${p.line}:${p.column} ${p.code}: ${p.message}`,
  );

describe('checkLetter', () => {
  it('finds nothing wrong with a consistent letter', () => {
    expect(
      checkLetter(
        checkInput([
          sig('ban-ki-moon', 'Ban Ki-moon'),
          sig('eva-chen', 'Eva Chen', { sort_as: 'Chen Eva' }),
        ]),
      ),
    ).toEqual([]);
  });

  it('warns where a published signature has no sort_as and a key can be derived, with the line to add', () => {
    const s = [
      sig('desmond-tutu', 'Desmond Tutu'),
      sig('oscar-arias-sanchez', 'Óscar Arias Sánchez', {
        status: 'verified',
        verified: { by: 'x', at: '2020-05-27T00:00:00Z' },
      }),
      sig('ban-ki-moon', 'Ban Ki-moon'),
      sig('madonna', 'Madonna'),
      sig('cyberpeace-institute', 'CyberPeace Institute'),
      sig('eva-chen', 'Eva Chen', { sort_as: 'Chen Eva' }),
      sig('gone', 'Gone Person', {
        status: 'withdrawn',
        withdrawn: { at: '2020-06-01T00:00:00Z', reason: 'x' },
      }),
    ];
    const problems = checkLetter(checkInput(s)).filter((p) => p.code === 'sort-key-missing');
    expect(problems.map((p) => [p.severity, p.file, p.line, p.message, p.hint])).toEqual([
      [
        'warning',
        'signatures/desmond-tutu.yaml',
        1,
        '"Desmond Tutu" has no sort_as: renders sort it by the name as displayed, given name first',
        'add the line: sort_as: Tutu Desmond',
      ],
      [
        'warning',
        'signatures/oscar-arias-sanchez.yaml',
        1,
        '"Óscar Arias Sánchez" has no sort_as: renders sort it by the name as displayed, given name first',
        'add the line: sort_as: Arias Sánchez Óscar',
      ],
    ]);
  });

  it('gives one warning for a letter where more than 20 signatures lack sort_as, naming the first file and the count', () => {
    const s = Array.from({ length: 21 }, (_, i) =>
      sig(`person-${String.fromCharCode(97 + i)}`, `Person ${String.fromCharCode(65 + i)}lpha`),
    );
    const problems = checkLetter(checkInput(s)).filter((p) => p.code === 'sort-key-missing');
    expect(problems).toEqual([
      {
        file: 'signatures/person-a.yaml',
        line: 1,
        column: 3,
        severity: 'warning',
        code: 'sort-key-missing',
        message:
          '21 published signatures have no sort_as: renders sort them by the name as displayed, given name first (the first: signatures/person-a.yaml)',
        hint: 'fill them all in with: letter fmt letters/time-to-act --sort-keys (here: sort_as: Alpha Person)',
      },
    ]);
    expect(
      checkLetter(checkInput(s.slice(0, 20))).filter((p) => p.code === 'sort-key-missing'),
    ).toHaveLength(20);
  });

  it('reports a name signed twice after normalisation, at the second file', () => {
    const s = [sig('ban-ki-moon', 'Ban Ki-moon'), sig('ban-ki-moon-2', 'BAN KI MOON')];
    expect(summary(checkInput(s))).toEqual([
      'error signatures/ban-ki-moon-2.yaml:1:3 duplicate-name: "BAN KI MOON" is the same name as signature ban-ki-moon ("Ban Ki-moon") after normalisation',
    ]);
  });

  it('reports a group the letter does not declare, and a folder that differs from the slug', () => {
    const s = [sig('a', 'A', { group: 'nobel' })];
    expect(summary(checkInput(s, { folderName: 'other' }))).toEqual([
      'error letter.yaml:2:3 slug-mismatch: slug "time-to-act" differs from the folder name "other"',
      'error signatures/a.yaml:1:3 unknown-group: group "nobel" is not a group of this letter',
    ]);
  });

  it('reports a stale changelog at the first line that differs', () => {
    const s = [sig('a', 'A'), sig('b', 'B', { signed_at: '2020-05-27T00:00:00Z' })];
    const stale = renderChangelog(letter, s.slice(0, 1));
    expect(summary(checkInput(s, { changelog: stale }))).toEqual([
      'error CHANGELOG.md:6:1 changelog-stale: CHANGELOG.md is out of step with the signatures: line 6 should read "- 2020-05-27T00:00:00Z signed: B (b)"',
    ]);
    expect(summary(checkInput(s, { changelog: undefined }))).toEqual([
      'error CHANGELOG.md:1:1 changelog-missing: CHANGELOG.md is missing',
    ]);
  });

  it('warns about a changelog whose lines are right but out of time order (a union merge), and refuses a line too many', () => {
    const s = [sig('a', 'A'), sig('b', 'B', { signed_at: '2020-05-27T00:00:00Z' })];
    const lines = renderChangelog(letter, s).split('\n');
    const swapped = [...lines.slice(0, 4), lines[5], lines[4], ...lines.slice(6)].join('\n');
    expect(summary(checkInput(s, { changelog: swapped }))).toEqual([
      'warning CHANGELOG.md:5:1 changelog-order: CHANGELOG.md lists the right events out of time order (as a union merge of two branches leaves it)',
    ]);
    expect(
      summary(checkInput(s, { changelog: `${swapped}${lines[4]}\n` })).map((l) => l.split(': ')[0]),
    ).toEqual(['error CHANGELOG.md:5:12 changelog-stale']);
  });

  it('warns about dates in the future and refuses a verification before the signature', () => {
    const s = [
      sig('a', 'A', {
        signed_at: '2030-01-01T00:00:00Z',
        status: 'verified',
        verified: { by: 'x', at: '2029-01-01T00:00:00Z' },
      }),
    ];
    expect(summary(checkInput(s)).filter((l) => !l.includes('CHANGELOG'))).toEqual([
      'warning signatures/a.yaml:1:3 future-date: signed_at 2030-01-01T00:00:00Z is in the future',
      'warning signatures/a.yaml:1:3 future-date: verified.at 2029-01-01T00:00:00Z is in the future',
      'error signatures/a.yaml:1:3 date-order: verified.at 2029-01-01T00:00:00Z is before signed_at 2030-01-01T00:00:00Z',
    ]);
  });
});

describe('the flat layout past 100,000 signatures', () => {
  const many = (n: number) =>
    Array.from({ length: n }, (_, i) => sig(`s${i}`, `Signatory Number ${i}`));
  it('warns at letter.yaml to move the files into shards', () => {
    const s = many(100_001);
    const problems = checkLetter(checkInput(s, { changelog: undefined, unreadSignatures: 1 }));
    expect(
      problems
        .filter((p) => p.code === 'flat-layout-full')
        .map((p) => `${p.severity} ${p.file}: ${p.message} (${p.hint})`),
    ).toEqual([
      'warning letter.yaml: 100,001 signature files in one folder; past 100,000, file systems and git slow down (move them into shards: letter fmt letters/time-to-act --layout sharded)',
    ]);
  });
  it('says nothing at 100,000, or for a sharded letter', () => {
    expect(
      checkLetter(checkInput(many(100_000), { changelog: undefined, unreadSignatures: 1 })).filter(
        (p) => p.code === 'flat-layout-full',
      ),
    ).toEqual([]);
    expect(
      checkLetter(
        checkInput(many(100_001), {
          changelog: undefined,
          unreadSignatures: 1,
          letter: { ...letter, layout: 'sharded' },
        }),
      ).filter((p) => p.code === 'flat-layout-full'),
    ).toEqual([]);
  });
});

describe('the changelog check and the publishing gate', () => {
  it('expects no event of a signature the gate leaves out: the changelog letter writes never names it', () => {
    const s = [sig('ban-ki-moon', 'Ban Ki-moon'), sig('ban-ki-moon-2', 'BAN KI MOON')];
    expect(publishedChangelog(letter, s, []).text).not.toContain('ban-ki-moon-2');
    expect(
      summary(checkInput(s, { changelog: renderChangelog(letter, s) })).map(
        (l) => l.split(': ')[0],
      ),
    ).toEqual([
      'error signatures/ban-ki-moon-2.yaml:1:3 duplicate-name',
      'error CHANGELOG.md:6:1 changelog-stale',
    ]);
  });
});

describe('the rules about each signature, on a signature with nothing to report', () => {
  // A loaded signature makes its path and its locator when asked (storage/signature-files.ts):
  // a rule that asks for them of every signature makes a million of each on a letter of a million.
  it('never ask for its file or its locator', () => {
    const signatures = [
      sig('ana-lima', 'Ana Lima', {
        status: 'verified',
        verified: { by: 'Staff', at: '2020-05-27T00:00:00Z' },
        url: 'https://example.org/ana',
      }),
      sig('ban-ki-moon', 'Ban Ki-moon', { distinct_from: ['ana-lima'] }),
    ];
    const input = checkInput(signatures, {
      letter: { ...letter, consent: 'required' },
      consentRecords: new Map([
        ['ana-lima', new Set(['c1'])],
        ['ban-ki-moon', new Set(['c2'])],
      ]),
    });
    const asked: string[] = [];
    input.signatures = input.signatures.map((e, i) => ({
      signature: { ...e.signature, consent: `c${i + 1}`, sort_as: e.signature.name },
      get file() {
        asked.push(`file of ${e.signature.id}`);
        return e.file;
      },
      get locate() {
        asked.push(`locate of ${e.signature.id}`);
        return e.locate;
      },
    }));
    expect(checkLetter(input).filter((p) => p.severity === 'error')).toEqual([]);
    expect(asked).toEqual([]);
  });
});
