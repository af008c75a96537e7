import { describe, expect, it } from 'vitest';
import { noLikelyDuplicates } from '../../../src/letter/rules/likely-duplicate.js';
import { checkInput } from '../../helpers/check-input.js';
import { sig } from '../../helpers/fixtures.js';

describe('noLikelyDuplicates', () => {
  const madeleine = sig('madeleine-albright', 'Madeleine Albright');
  const madeline = sig('madeline-albright', 'Madeline Albright');

  it('warns at the later of two names likely of one person', () => {
    const [p, ...rest] = noLikelyDuplicates(checkInput([madeleine, madeline]));
    expect(rest).toEqual([]);
    expect(p).toMatchObject({
      file: 'signatures/madeline-albright.yaml',
      line: 1,
      column: 3,
      severity: 'warning',
      code: 'likely-duplicate',
      hint: 'if they are different people: letter distinct letters/time-to-act madeline-albright madeleine-albright; else withdraw or reject one of them',
    });
    expect(p!.message).toMatch(
      /^"Madeline Albright" is likely the same person as madeleine-albright \("Madeleine Albright"\): ./,
    );
  });
  it('is quiet once a person decided they are two, or when one is withdrawn', () => {
    const decided = { ...madeline, distinct_from: ['madeleine-albright'] };
    expect(noLikelyDuplicates(checkInput([madeleine, decided]))).toEqual([]);
    const withdrawn = {
      ...madeline,
      status: 'withdrawn' as const,
      withdrawn: { at: '2020-06-01T00:00:00Z', reason: 'x' },
    };
    expect(noLikelyDuplicates(checkInput([madeleine, withdrawn]))).toEqual([]);
  });
});
