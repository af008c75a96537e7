import { describe, expect, it } from 'vitest';
import { fitColumns } from '../../src/terminal-columns.js';

describe('fitColumns', () => {
  it.each([
    ['Eva Chen', 10, 'Eva Chen  '],
    ['성대현', 10, '성대현    '],
    ['Tomás Ferreira', 8, 'Tomás F…'],
    ['成龍成龍成龍', 7, '成龍成…'],
    ['成龍成龍成龍', 8, '成龍成… '],
  ])('%s in %i columns', (s, width, expected) => {
    expect(fitColumns(s, width)).toBe(expected);
  });
});
