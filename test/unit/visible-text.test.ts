import { describe, expect, it } from 'vitest';
import { showInvisible, visibleDifference } from '../../src/letter/visible-text.js';

describe('showInvisible', () => {
  it.each([
    ['Ada\u200B Lovelace', 'Ada\\u{200B} Lovelace'],
    ['a\u00adb', 'a\\u{AD}b'],
    ['Ada\u202eecalevoL', 'Ada\\u{202E}ecalevoL'],
    ['Ernesto\u00a0Zedillo', 'Ernesto\\u{A0}Zedillo'],
    ['tab\there', 'tab\\u{9}here'],
    ['Zeid Ra\u2019ad Al Hussein', 'Zeid Ra\u2019ad Al Hussein'],
    ['Михаил Горбачёв', 'Михаил Горбачёв'],
  ])('%j → %s', (input, shown) => {
    expect(showInvisible(input)).toBe(shown);
  });
});

describe('visibleDifference', () => {
  it.each([
    // Invisible: a zero-width space.
    ['Ada Lovelace', 'Ada\u200B Lovelace', 'Ada Lovelace', 'Ada\\u{200B} Lovelace'],
    // A look-alike: Cyrillic А for Latin A.
    ['Ada Lovelace', '\u0410da Lovelace', 'Ada Lovelace', '\\u{410}da Lovelace'],
    // The same letters composed and decomposed.
    ['José', 'Jose\u0301', 'Jos\\u{E9}', 'Jose\\u{301}'],
    // A difference anyone can see is left as it is.
    ['Ernesto Zedillo', 'ERnesto Zedillo', 'Ernesto Zedillo', 'ERnesto Zedillo'],
    ['Mikhail Gorbachev', 'Михаил Горбачёв', 'Mikhail Gorbachev', 'Михаил Горбачёв'],
  ])('%j and %j', (a, b, shownA, shownB) => {
    expect(visibleDifference(a, b)).toEqual([shownA, shownB]);
  });
});
