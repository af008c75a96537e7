import { describe, expect, it } from 'vitest';
import { idForName, normaliseName } from '../../src/letter/names.js';

describe('normaliseName', () => {
  it.each([
    ['Ban Ki-moon', 'ban ki moon'],
    ['BAN  ki‑Moon', 'ban ki moon'],
    ['Ernesto Zedillo Ponce de León', 'ernesto zedillo ponce de leon'],
    ["Zeid Ra'ad Al Hussein", 'zeid raad al hussein'],
    ['Zeid Ra’ad Al Hussein', 'zeid raad al hussein'],
    ['Михаил Горбачёв', 'mikhail gorbachev'],
    ['ＢＡＮ Ｋｉ－ｍｏｏｎ', 'ban ki moon'],
    ['Mad\u200beleine Albright', 'madeleine albright'],
    ['  Desmond   Tutu. ', 'desmond tutu'],
  ])('%s → %s', (name, key) => {
    expect(normaliseName(name)).toBe(key);
  });
});

describe('idForName', () => {
  it.each([
    ['Ban Ki-moon', [], 'ban-ki-moon'],
    ["Zeid Ra'ad Al Hussein", [], 'zeid-raad-al-hussein'],
    ['Ban Ki-moon', ['ban-ki-moon'], 'ban-ki-moon-2'],
    ['Ban Ki-moon', ['ban-ki-moon', 'ban-ki-moon-2'], 'ban-ki-moon-3'],
    ['!!!', [], 'signature'],
    ['a'.repeat(80), [], 'a'.repeat(60)],
  ])('%s with %j taken → %s', (name, taken, id) => {
    expect(idForName(name, new Set(taken))).toBe(id);
  });
});

describe('nameProfile: a bounded number of words', () => {
  it('compares at most MAX_NAME_WORDS words, so a name of 40 short words cannot make a check quadratic', async () => {
    const { MAX_NAME_WORDS, nameProfile } = await import('../../src/letter/name-match.js');
    const words = Array.from(
      { length: 40 },
      (_, i) =>
        `W${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}x`,
    );
    expect(MAX_NAME_WORDS).toBe(12);
    expect(nameProfile(words.join(' ')).words.map((w) => w.w)).toEqual(
      words.slice(0, 12).map((w) => w.toLowerCase()),
    );
    expect(nameProfile('María de los Ángeles García de la Torre y Sánchez').words).toHaveLength(10);
  });
});
