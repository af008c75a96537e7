import { describe, expect, it } from 'vitest';
import { sameReasonRows } from '../../src/commands/import-format.js';

describe('sameReasonRows', () => {
  it('lists up to three rows of a reason one by one', () => {
    expect(
      sameReasonRows([
        { line: 2, text: 'country is empty' },
        { line: 5, text: 'name is empty' },
        { line: 9, text: 'country is empty' },
      ]),
    ).toEqual([
      '    row 2: country is empty',
      '    row 9: country is empty',
      '    row 5: name is empty',
    ]);
  });

  it('names the rows of a reason shared by more than three as runs', () => {
    const rows = [
      ...Array.from({ length: 3081 }, (_, i) => ({ line: i + 2, text: 'country is empty' })),
      { line: 7, text: 'name is empty' },
    ];
    expect(sameReasonRows(rows)).toEqual([
      '    rows 2-3082 (3,081 rows): country is empty',
      '    row 7: name is empty',
    ]);
    const gaps = [2, 3, 4, 6, 8, 9, 11, 13, 15, 17, 19, 21].map((line) => ({ line, text: 'x' }));
    expect(sameReasonRows(gaps)).toEqual([
      '    rows 2-4, 6, 8-9, 11, 13, 15, 17, 19, ... (12 rows): x',
    ]);
  });
});
