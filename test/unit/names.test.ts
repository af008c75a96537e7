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
