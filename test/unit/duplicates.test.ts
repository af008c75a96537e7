import { describe, expect, it } from 'vitest';
import {
  compareNames,
  mixedScriptLetter,
  mixesScripts,
  NameIndex,
} from '../../src/letter/duplicates.js';
import {
  foldSpelling,
  foldSyllable,
  givenNameForms,
  nameProfile,
} from '../../src/letter/name-match.js';

const signatories = [
  ['mikhail-gorbachev', 'Mikhail Gorbachev'],
  ['ernesto-zedillo', 'Ernesto Zedillo'],
  ['ban-ki-moon', 'Ban Ki-moon'],
  ['madeleine-albright', 'Madeleine Albright'],
  ['igor-ivanov', 'Igor Ivanov'],
  ['zeid-raad-al-hussein', "Zeid Ra'ad Al Hussein"],
  ['margaret-chan', 'Margaret Chan'],
  ['desmond-tutu', 'Desmond Tutu'],
  ['peter-maurer', 'Peter Maurer'],
  ['brad-smith', 'Brad Smith'],
  ['eugene-kaspersky', 'Eugene Kaspersky'],
  ['eva-chen', 'Eva Chen'],
  ['nikita-khrushchev', 'Nikita Khrushchev'],
  ['mao-tse-tung', 'Mao Tse-tung'],
  ['jeffrey-sachs', 'Jeffrey Sachs'],
].map(([id, name]) => ({ id: id!, name: name!, status: 'verified' }));
const index = NameIndex.of(signatories);
const found = (name: string) =>
  index
    .find(name)
    .filter((m) => m.kind !== 'possible')
    .map((m) => `${m.kind} ${m.id}`);

describe('NameIndex.find', () => {
  it.each([
    ['Ban ki-Moon', 'exact ban-ki-moon'],
    ['Brad Smith', 'exact brad-smith'],
    ['B\u0430n Ki-moon', 'look-alike ban-ki-moon'],
    ['Ki-moon Ban', 'likely ban-ki-moon'],
    ['M. Albright', 'likely madeleine-albright'],
    ['Ernesto Zedillo Ponce de León', 'likely ernesto-zedillo'],
    ['Madeline Albright', 'likely madeleine-albright'],
    ['Desmund Tutu', 'likely desmond-tutu'],
    ['Dr. Desmond Tutu', 'likely desmond-tutu'],
    ['Micheal Gorbachev', 'likely mikhail-gorbachev'],
    ['Михаил Горбачёв', 'exact mikhail-gorbachev'],
    // Issue 11's examples of other spellings.
    ['Евгений Касперский', 'likely eugene-kaspersky'],
    ['Пан Ги Мун', 'likely ban-ki-moon'],
    ['반기문', 'likely ban-ki-moon'],
    ['Nikita Chruschtschow', 'likely nikita-khrushchev'],
    ['Nikita Khrouchtchev', 'likely nikita-khrushchev'],
    ['毛泽东', 'likely mao-tse-tung'],
    ['Mao Zedong', 'likely mao-tse-tung'],
    ['Jeff Sachs', 'likely jeffrey-sachs'],
  ])('finds %j', (name, expected) => {
    expect(found(name)).toEqual([expected]);
  });

  it('gives a score and the words that paired', () => {
    const [m] = index.find('Madeline Albright');
    expect(m).toMatchObject({ id: 'madeleine-albright', kind: 'likely' });
    expect(m!.reason).toContain('madeline ~ madeleine (forms of one given name)');
    expect(m!.score).toBeGreaterThanOrEqual(0.8);
  });

  it('does not hold back different people who share a family name or a first name', () => {
    const chans = NameIndex.of([
      { id: 'margaret-chan', name: 'Margaret Chan', status: 'verified' },
    ]);
    expect(chans.find('Eva Chen')).toEqual([]);
    for (const name of [
      'Lily Chen',
      'Peter Smith',
      'Ada Lovelace',
      'Igor Stravinsky',
      'Margaret Atwood',
      'Brad Pitt',
      'Margaret Chen',
    ])
      expect(found(name), name).toEqual([]);
  });

  it.each([
    ['Yulia Ivanova', 'Ilia Ivanov'],
    ['Olga Petrova', 'Oleg Petrov'],
    ['Michel Morin', 'Michael Moran'],
    ['Sergey Smirnov', 'Sergey S'],
    ['Alexander', 'Alexander Petrov'],
    ['Alexander', 'Alex K.'],
    ['Ben Harris', 'Hiroshi Harris'],
  ])('does not hold back %j and %j (issue 11 false alarms)', (existing, name) => {
    const i = NameIndex.of([{ id: 'x', name: existing, status: 'verified' }]);
    expect(i.find(name).filter((m) => m.kind !== 'possible')).toEqual([]);
  });

  it('lets context move a score: a different url lowers, the same url raises', () => {
    const i = NameIndex.of([
      { id: 'jeff', name: 'Jeffrey Sachs', status: 'verified', url: 'https://a.example/jeff' },
    ]);
    const same = i.find('Jeff Sachs', { url: 'https://a.example/jeff/' })[0]!;
    const other = i.find('Jeff Sachs', { url: 'https://b.example/' })[0]!;
    expect(same.reason).toContain('same url');
    expect(other.reason).toContain('different url');
    expect(same.score).toBeGreaterThan(other.score);
  });

  it('sees a name added after the index was built', () => {
    const i = NameIndex.of([]);
    i.find('Someone Else');
    i.add({ id: 'a', name: 'Ada Lovelace', status: 'pending' });
    expect(i.find('ADA LOVELACE').map((m) => m.id)).toEqual(['a']);
    expect(i.size).toBe(1);
  });

  it('pairs the names of a whole letter, each pair once', () => {
    const i = NameIndex.of([
      ...signatories,
      { id: 'madeline-albright', name: 'Madeline Albright', status: 'pending' },
    ]);
    expect(
      i
        .pairs()
        .filter((p) => p.match.kind === 'likely')
        .map((p) => `${i.entry(p.earlier).id} ${i.entry(p.later).id}`),
    ).toEqual(['madeleine-albright madeline-albright']);
  });

  it('compares two names alone', () => {
    expect(compareNames('Madeline Albright', 'Madeleine Albright')).toBe('likely');
    expect(compareNames('Eva Chen', 'Margaret Chan')).toBeUndefined();
  });
});

describe('keys and folds', () => {
  it.each([
    ['chruschtschow', 'khrushchov'],
    ['khrouchtchev', 'khruchchev'],
    ['kasperskiy', 'kasperski'],
    ['dostojewski', 'dostoievski'],
    ['fiodor', 'fedor'],
  ])('foldSpelling(%s) = %s', (w, f) => expect(foldSpelling(w)).toBe(f));
  it.each([
    ['tse', 'ze'],
    ['tung', 'dong'],
    ['hsi', 'si'],
    ['moon', 'mun'],
    ['ki', 'gi'],
  ])('foldSyllable(%s) = %s', (w, f) => expect(foldSyllable(w)).toBe(f));
  it('knows forms of one given name', () => {
    expect(givenNameForms('jeff', 'jeffrey')).toBe('near');
    expect(givenNameForms('evgeny', 'eugene')).toBe('near');
    expect(givenNameForms('bill', 'william')).toBe('near');
    expect(givenNameForms('sean', 'john')).toBe('far');
    expect(givenNameForms('olga', 'oleg')).toBeUndefined();
  });
  it('romanises names of other scripts into words', () => {
    expect(nameProfile('毛泽东').words.map((w) => w.w)).toEqual(['mao', 'ze', 'dong']);
    expect(nameProfile('반기문').words.map((w) => w.w)).toEqual(['ban', 'gi', 'mun']);
    expect(nameProfile('H.E. Dr. Ban Ki-moon').words.map((w) => w.w)).toEqual([
      'ban',
      'ki',
      'moon',
    ]);
  });
  it('sees mixed scripts, per word', () => {
    expect(mixesScripts('B\u0430n Ki-moon')).toBe(true);
    expect(mixesScripts('Михаил Горбачёв')).toBe(false);
    expect(mixedScriptLetter('B\u0430n Ki-moon')).toEqual({
      char: '\u0430',
      codePoint: 'U+0430',
      script: 'Cyrillic',
      word: 'B\u0430n',
    });
    expect(mixedScriptLetter('Ban Ki-moon 潘基文')).toBeUndefined();
    expect(mixedScriptLetter('Михаил Gorbachev')).toBeUndefined();
  });
});
