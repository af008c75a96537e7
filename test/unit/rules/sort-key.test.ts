import { describe, expect, it } from 'vitest';
import { sortKeysPresent } from '../../../src/letter/rules/sort-key.js';
import { checkInput } from '../../helpers/check-input.js';
import { sig } from '../../helpers/fixtures.js';

describe('sortKeysPresent', () => {
  it('warns at a published signature whose key differs from its name, with the line to add', () => {
    expect(sortKeysPresent(checkInput([sig('a', 'Desmond Tutu')]))).toEqual([
      {
        file: 'signatures/a.yaml',
        line: 1,
        column: 3,
        severity: 'warning',
        code: 'sort-key-missing',
        message:
          '"Desmond Tutu" has no sort_as: renders sort it by the name as displayed, given name first',
        hint: 'add the line: sort_as: Tutu Desmond',
      },
    ]);
  });
  it('is quiet for a signature with sort_as, and for a withdrawn one', () => {
    const withdrawn = sig('b', 'Desmond Tutu', {
      status: 'withdrawn',
      withdrawn: { at: '2020-06-01T00:00:00Z', reason: 'x' },
    });
    const sorted = sig('a', 'Desmond Tutu', { sort_as: 'Tutu Desmond' });
    expect(sortKeysPresent(checkInput([sorted, withdrawn]))).toEqual([]);
  });
  it('gives one warning for more than 20, at the first, with the count', () => {
    const many = Array.from({ length: 21 }, (_, i) => sig(`s${i}`, 'Desmond Tutu'));
    expect(sortKeysPresent(checkInput(many))).toEqual([
      {
        file: 'signatures/s0.yaml',
        line: 1,
        column: 3,
        severity: 'warning',
        code: 'sort-key-missing',
        message:
          '21 published signatures have no sort_as: renders sort them by the name as displayed, given name first (the first: signatures/s0.yaml)',
        hint: 'fill them all in with: letter fmt letters/time-to-act --sort-keys (here: sort_as: Tutu Desmond)',
      },
    ]);
  });
});
