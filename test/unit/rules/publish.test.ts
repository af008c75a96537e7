import { describe, expect, it } from 'vitest';
import { problem } from '../../../src/errors.js';
import { readyToPublish, refusedWhenPublishing } from '../../../src/letter/rules/publish.js';
import { letter } from '../../helpers/fixtures.js';

const EMBARGO = '2020-05-26T09:00:00Z';
// letter.yaml as the locator sees it: status on line 9, embargo on line 12.
const locateLetter = (p: readonly (string | number)[]) =>
  p[0] === 'status'
    ? { line: 9, column: 9 }
    : p[0] === 'embargo'
      ? { line: 12, column: 10 }
      : { line: 1, column: 1 };
const input = (status: 'draft' | 'open', embargo: string | undefined, now: string) => ({
  letter: { ...letter, status, embargo },
  letterFile: 'letters/time-to-act/letter.yaml',
  locateLetter,
  shown: 'letters/time-to-act',
  now: new Date(now),
});

const embargoed = {
  file: 'letters/time-to-act/letter.yaml',
  line: 12,
  column: 10,
  severity: 'error',
  code: 'embargoed',
  message:
    'the letter is under embargo until 2020-05-26T09:00:00Z (now 2020-05-26T08:59:59Z): it may not be published before then',
  hint: 'run letter check --publish letters/time-to-act again from 2020-05-26T09:00:00Z; renders until then are marked as embargoed previews',
};
const draft = {
  file: 'letters/time-to-act/letter.yaml',
  line: 9,
  column: 9,
  severity: 'error',
  code: 'draft-not-published',
  message: 'the letter is a draft: its signatures are agreements under embargo, not public',
  hint: 'when it may be published, set status: open in letter.yaml and commit; then run: letter check --publish letters/time-to-act',
};

describe('readyToPublish', () => {
  it('refuses an open letter one second before its embargo, at the embargo line', () => {
    expect(readyToPublish(input('open', EMBARGO, '2020-05-26T08:59:59Z'))).toEqual([embargoed]);
  });
  it('lets it through at the embargo, and a letter without one', () => {
    expect(readyToPublish(input('open', EMBARGO, '2020-05-26T09:00:00Z'))).toEqual([]);
    expect(readyToPublish(input('open', undefined, '2020-05-26T08:59:59Z'))).toEqual([]);
  });
  it('refuses a draft at its status line, whatever the embargo; both when the embargo is ahead too', () => {
    expect(readyToPublish(input('draft', undefined, '2020-05-26T09:00:00Z'))).toEqual([draft]);
    expect(readyToPublish(input('draft', EMBARGO, '2020-05-26T09:00:00Z'))).toEqual([draft]);
    expect(readyToPublish(input('draft', EMBARGO, '2020-05-26T08:59:59Z'))).toEqual([
      draft,
      embargoed,
    ]);
  });
});

describe('refusedWhenPublishing', () => {
  it('makes a text-changed warning an error, saying why; leaves other problems as they are', () => {
    const changed = problem(
      'text-changed',
      { file: 'letter.md', line: 1, column: 1 },
      'the text changed',
      'ask them',
      'warning',
    );
    const other = problem('empty-body', { file: 'letter.md', line: 1, column: 1 }, 'no text');
    expect(refusedWhenPublishing([changed, other])).toEqual([
      {
        ...changed,
        severity: 'error',
        hint: 'ask them; --publish refuses it: people would be shown under a text they did not sign',
      },
      other,
    ]);
  });
});
