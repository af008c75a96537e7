import { describe, expect, it } from 'vitest';
import { compareNames, mixesScripts, NameIndex, transliterationKey } from '../../src/letter/duplicates.js';

const signatories = [
  ['mikhail-gorbachev', 'Mikhail Gorbachev'], ['ernesto-zedillo', 'Ernesto Zedillo'], ['ban-ki-moon', 'Ban Ki-moon'],
  ['madeleine-albright', 'Madeleine Albright'], ['igor-ivanov', 'Igor Ivanov'], ['zeid-raad-al-hussein', "Zeid Ra'ad Al Hussein"],
  ['margaret-chan', 'Margaret Chan'], ['desmond-tutu', 'Desmond Tutu'], ['peter-maurer', 'Peter Maurer'],
  ['brad-smith', 'Brad Smith'], ['eugene-kaspersky', 'Eugene Kaspersky'], ['eva-chen', 'Eva Chen'],
].map(([id, name]) => ({ id: id!, name: name!, status: 'verified' }));
const index = NameIndex.of(signatories);
const found = (name: string) => index.find(name).map((m) => `${m.kind} ${m.id}: ${m.reason}`);

describe('NameIndex.find', () => {
  it.each([
    ['Ban ki-Moon', 'exact ban-ki-moon: the same name once case, accents, spacing and punctuation are folded'],
    ['Brad Smith', 'exact brad-smith: the same name'],
    ['B\u0430n Ki-moon', 'look-alike ban-ki-moon: the same name written with look-alike characters from another script (Unicode TR39 confusables)'],
    ['Ki-moon Ban', 'swapped ban-ki-moon: the same words in another order'],
    ['M. Albright', 'initials madeleine-albright: initials for the words of the existing name'],
    ['Ernesto Zedillo Ponce de León', 'contains ernesto-zedillo: every word of the shorter name is in the longer one'],
    ['Madeline Albright', 'one-letter madeleine-albright: one letter added, removed or changed'],
    ['Desmund Tutu', 'one-letter desmond-tutu: one letter added, removed or changed'],
    ['Margaret Chen', 'one-letter margaret-chan: one letter added, removed or changed'],
    ['Micheal Gorbachev', 'transliteration mikhail-gorbachev: a transliteration variant (same consonants)'],
    ['Михаил Горбачёв', 'exact mikhail-gorbachev: the same name once case, accents, spacing and punctuation are folded'],
  ])('finds %j', (name, expected) => {
    expect(found(name)).toEqual([expected]);
  });

  it('does not flag different people who share a family name or a first name', () => {
    const chans = NameIndex.of([{ id: 'margaret-chan', name: 'Margaret Chan', status: 'verified' }]);
    expect(chans.find('Eva Chen')).toEqual([]);
    expect(found('Margaret Chan')).toEqual(['exact margaret-chan: the same name']);
    expect(found('Eva Chen')).toEqual(['exact eva-chen: the same name']);
    for (const name of ['Lily Chen', 'Peter Smith', 'Ada Lovelace', 'Igor Stravinsky', 'Margaret Atwood', 'Brad Pitt']) expect(found(name)).toEqual([]);
  });

  it('sees a name added after the index was built', () => {
    const i = NameIndex.of([]);
    i.add({ id: 'a', name: 'Ada Lovelace', status: 'pending' });
    expect(i.find('ADA LOVELACE').map((m) => m.id)).toEqual(['a']);
    expect(i.size).toBe(1);
  });
});

describe('keys', () => {
  it.each([
    ['micheal gorbachev', 'mkl grbkv'],
    ['mikhail gorbatchev', 'mkl grbtkv'],
    ['eva chen', 'av kn'],
  ])('transliterationKey(%s) = %s', (k, t) => expect(transliterationKey(k)).toBe(t));
  it('sees mixed scripts', () => {
    expect(mixesScripts('B\u0430n Ki-moon')).toBe(true);
    expect(mixesScripts('Михаил Горбачёв')).toBe(false);
    expect(mixesScripts('Ban Ki-moon 潘基文')).toBe(false);
  });
});

describe('lookups by scan and by hash maps', () => {
  it('agree on every kind', () => {
    const queries = ['Ban ki-Moon', 'B\u0430n Ki-moon', 'Ki-moon Ban', 'M. Albright', 'Ernesto Zedillo Ponce de León', 'Madeline Albright', 'Micheal Gorbachev', 'Lily Chen', 'Eva Chen'];
    const mapped = NameIndex.of(signatories);
    for (let i = 0; i < 3; i++) mapped.find('warm up the maps');
    for (const q of queries) expect(mapped.find(q), q).toEqual(NameIndex.of(signatories).find(q));
  });
});

describe('NameIndex after its first lookups (hash maps)', () => {
  // Names as a campaign gets them: shared first and family names, typos, swaps, initials, shorter and longer forms.
  const first = ['Maria', 'José', 'Anna', 'Mohamed', 'Wei', 'Olga', 'Peter', 'Fatou', 'Jean', 'Ana'];
  const family = ['García', 'Chen', 'Diallo', 'Ivanova', 'Smith', 'Haddad', 'Lopez', 'Martin', 'Nowak', 'Rossi'];
  let seed = 11;
  const r = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)]!;
  const names = [...new Set(Array.from({ length: 600 }, () => `${pick(first)} ${r() < 0.4 ? `${pick(first)} ` : ''}${pick(family)}${r() < 0.3 ? ` ${pick(family)}` : ''}`))];
  const variant = (n: string): string => {
    const w = n.split(' ');
    const k = r();
    if (k < 0.2) return [...w].reverse().join(' ');
    if (k < 0.35) return w.map((x, i) => (i === 0 ? `${x[0]}.` : x)).join(' ');
    if (k < 0.5) return w.slice(0, Math.max(2, w.length - 1)).join(' ');
    if (k < 0.6) return `${n} ${pick(family)}`;
    const i = Math.floor(r() * n.length);
    if (k < 0.75) return n[i] === ' ' ? n : `${n.slice(0, i)}x${n.slice(i + 1)}`;
    if (k < 0.9) return `${n.slice(0, i)}${n.slice(i + 1)}`;
    return n.replace(' ', '');
  };
  const entries = names.map((name, i) => ({ id: `s${i}`, name, status: 'pending' }));

  it('finds every name that compareNames matches, and only those, by scan and by hash maps', () => {
    const mapped = NameIndex.of(entries);
    mapped.find('Warm Up');
    mapped.find('Warm Up Again');
    for (let q = 0; q < 400; q++) {
      const name = variant(pick(names));
      const everyPair = entries.flatMap((e) => {
        const kind = compareNames(name, e.name);
        return kind ? [`${kind} ${e.id}`] : [];
      });
      expect(mapped.find(name).map((m) => `${m.kind} ${m.id}`).sort(), name).toEqual(everyPair.sort());
      // The first lookups scan every name's keys instead: the same matches.
      expect(NameIndex.of(entries).find(name).map((m) => `${m.kind} ${m.id}`).sort(), name).toEqual(everyPair.sort());
    }
  });
});
