import { describe, expect, it } from 'vitest';
import { renderChangelog } from '../../src/letter/changelog.js';
import { type CheckInput, checkLetter } from '../../src/letter/check.js';
import type { Signature } from '../../src/letter/schema.js';
import { letter, NOW, sig } from '../helpers/fixtures.js';

const at = (line: number) => () => ({ line, column: 3 });
const loaded = (s: Signature) => ({ signature: s, file: `signatures/${s.id}.yaml`, locate: at(1) });

function input(signatures: Signature[], overrides: Partial<CheckInput> = {}): CheckInput {
  return {
    folderName: 'time-to-act', shown: 'letters/time-to-act', letter, letterFile: 'letter.yaml', locateLetter: at(2),
    body: 'Text.', bodyFile: 'letter.md', translations: {}, signatures: signatures.map(loaded),
    changelog: renderChangelog(letter, signatures), changelogFile: 'CHANGELOG.md', now: NOW, unreadSignatures: 0, erased: [], ...overrides,
  };
}
const summary = (i: CheckInput) => checkLetter(i).map((p) => `${p.severity} ${p.file}:${p.line}:${p.column} ${p.code}: ${p.message}`);

describe('checkLetter', () => {
  it('finds nothing wrong with a consistent letter', () => {
    expect(checkLetter(input([sig('ban-ki-moon', 'Ban Ki-moon'), sig('eva-chen', 'Eva Chen')]))).toEqual([]);
  });

  it('reports a name signed twice after normalisation, at the second file', () => {
    const s = [sig('ban-ki-moon', 'Ban Ki-moon'), sig('ban-ki-moon-2', 'BAN KI MOON')];
    expect(summary(input(s))).toEqual([
      'error signatures/ban-ki-moon-2.yaml:1:3 duplicate-name: "BAN KI MOON" is the same name as signature ban-ki-moon ("Ban Ki-moon") after normalisation',
    ]);
  });

  it('reports a group the letter does not declare, and a folder that differs from the slug', () => {
    const s = [sig('a', 'A', { group: 'nobel' })];
    expect(summary(input(s, { folderName: 'other' }))).toEqual([
      'error letter.yaml:2:3 slug-mismatch: slug "time-to-act" differs from the folder name "other"',
      'error signatures/a.yaml:1:3 unknown-group: group "nobel" is not a group of this letter',
    ]);
  });

  it('reports a stale changelog at the first line that differs', () => {
    const s = [sig('a', 'A'), sig('b', 'B', { signed_at: '2020-05-27T00:00:00Z' })];
    const stale = renderChangelog(letter, s.slice(0, 1));
    expect(summary(input(s, { changelog: stale }))).toEqual([
      'error CHANGELOG.md:6:1 changelog-stale: CHANGELOG.md is out of step with the signatures: line 6 should read "- 2020-05-27T00:00:00Z signed: B (b)"',
    ]);
    expect(summary(input(s, { changelog: undefined }))).toEqual(['error CHANGELOG.md:1:1 changelog-missing: CHANGELOG.md is missing']);
  });

  it('warns about dates in the future and refuses a verification before the signature', () => {
    const s = [sig('a', 'A', { signed_at: '2030-01-01T00:00:00Z', status: 'verified', verified: { by: 'x', at: '2029-01-01T00:00:00Z' } })];
    expect(summary(input(s)).filter((l) => !l.includes('CHANGELOG'))).toEqual([
      'warning signatures/a.yaml:1:3 future-date: signed_at 2030-01-01T00:00:00Z is in the future',
      'warning signatures/a.yaml:1:3 future-date: verified.at 2029-01-01T00:00:00Z is in the future',
      'error signatures/a.yaml:1:3 date-order: verified.at 2029-01-01T00:00:00Z is before signed_at 2030-01-01T00:00:00Z',
    ]);
  });
});

describe('the flat layout past 100,000 signatures', () => {
  const many = (n: number) => Array.from({ length: n }, (_, i) => sig(`s${i}`, `Signatory Number ${i}`));
  it('warns at letter.yaml to move the files into shards', () => {
    const s = many(100_001);
    const problems = checkLetter(input(s, { changelog: undefined, unreadSignatures: 1 }));
    expect(problems.filter((p) => p.code === 'flat-layout-full').map((p) => `${p.severity} ${p.file}: ${p.message} (${p.hint})`)).toEqual([
      'warning letter.yaml: 100,001 signature files in one folder; past 100,000, file systems and git slow down (move them into shards: letter fmt letters/time-to-act --layout sharded)',
    ]);
  });
  it('says nothing at 100,000, or for a sharded letter', () => {
    expect(checkLetter(input(many(100_000), { changelog: undefined, unreadSignatures: 1 })).filter((p) => p.code === 'flat-layout-full')).toEqual([]);
    expect(checkLetter(input(many(100_001), { changelog: undefined, unreadSignatures: 1, letter: { ...letter, layout: 'sharded' } })).filter((p) => p.code === 'flat-layout-full')).toEqual([]);
  });
});
