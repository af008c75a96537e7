import { describe, expect, it } from 'vitest';
import { renderChangelog } from '../../../src/letter/changelog.js';
import { changelogInStep } from '../../../src/letter/rules/changelog.js';
import { checkInput } from '../../helpers/check-input.js';
import { letter, sig } from '../../helpers/fixtures.js';

const s = [sig('a', 'A'), sig('b', 'B', { signed_at: '2020-05-27T00:00:00Z' })];

describe('changelogInStep', () => {
  it('is quiet for the changelog letter writes, as text, as bytes, or with CRLF line ends', () => {
    const text = renderChangelog(letter, s);
    expect(changelogInStep(checkInput(s))).toEqual([]);
    expect(
      changelogInStep(
        checkInput(s, { changelog: undefined, changelogBytes: new TextEncoder().encode(text) }),
      ),
    ).toEqual([]);
    expect(changelogInStep(checkInput(s, { changelog: text.replace(/\n/g, '\r\n') }))).toEqual([]);
  });
  it('reports a missing changelog', () => {
    expect(changelogInStep(checkInput(s, { changelog: undefined }))).toEqual([
      {
        file: 'CHANGELOG.md',
        line: 1,
        column: 1,
        severity: 'error',
        code: 'changelog-missing',
        message: 'CHANGELOG.md is missing',
        hint: 'run: letter changelog letters/time-to-act',
      },
    ]);
  });
  it('reports a stale changelog at the first line that differs', () => {
    const stale = renderChangelog(letter, s.slice(0, 1));
    expect(changelogInStep(checkInput(s, { changelog: stale }))).toEqual([
      {
        file: 'CHANGELOG.md',
        line: 6,
        column: 1,
        severity: 'error',
        code: 'changelog-stale',
        message:
          'CHANGELOG.md is out of step with the signatures: line 6 should read "- 2020-05-27T00:00:00Z signed: B (b)"',
        hint: 'run: letter changelog letters/time-to-act',
      },
    ]);
  });
  it('warns about the right lines out of time order (a union merge)', () => {
    const lines = renderChangelog(letter, s).split('\n');
    const swapped = [...lines.slice(0, 4), lines[5], lines[4], ...lines.slice(6)].join('\n');
    expect(changelogInStep(checkInput(s, { changelog: swapped }))).toEqual([
      {
        file: 'CHANGELOG.md',
        line: 5,
        column: 1,
        severity: 'warning',
        code: 'changelog-order',
        message:
          'CHANGELOG.md lists the right events out of time order (as a union merge of two branches leaves it)',
        hint: 'run: letter changelog letters/time-to-act',
      },
    ]);
  });
  it('warns about a changelog behind the signatures of a letter that refreshes it after merges', () => {
    const onMerge = { ...letter, changelog: 'on-merge' as const };
    const behind = renderChangelog(onMerge, s.slice(0, 1));
    expect(changelogInStep(checkInput(s, { letter: onMerge, changelog: behind }))).toEqual([
      {
        file: 'CHANGELOG.md',
        line: 1,
        column: 1,
        severity: 'warning',
        code: 'changelog-behind',
        message: 'CHANGELOG.md lacks 1 event (this letter refreshes it after merges)',
        hint: 'run: letter changelog letters/time-to-act',
      },
    ]);
  });
  it('compares nothing while a signature file could not be read', () => {
    expect(changelogInStep(checkInput(s, { changelog: undefined, unreadSignatures: 1 }))).toEqual(
      [],
    );
  });
});
