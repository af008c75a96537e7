import { describe, expect, it } from 'vitest';
import { ErasedSignatory } from '../../src/errors.js';
import { skeletonOf } from '../../src/letter/duplicates.js';
import {
  erasedNames,
  lookAlikeFingerprints,
  spacelessSkeleton,
  wordOrderFingerprint,
} from '../../src/letter/erasure.js';
import { nameFingerprint } from '../../src/letter/names.js';
import { publishable } from '../../src/letter/publishing.js';
import { erase, sign } from '../../src/letter/signatures.js';
import { letter, NOW, sig } from '../helpers/fixtures.js';

const eva = sig('eva-chen', 'Eva Chen', { country: 'TW', signed_at: '2020-05-26T00:00:00Z' });
const record = erase(letter, eva, NOW);
const ivan = erase(letter, sig('ivan-petrov', 'Ivan Petrov'), NOW);

describe('erase', () => {
  it('keeps the fingerprint of the normal form (the id comes from it, as before) and the hashes of the look-alike skeletons, never the name', () => {
    expect(record.id).toBe('erased-738005918f7d');
    expect(record.fingerprint).toBe(nameFingerprint('time-to-act', 'Eva Chen'));
    expect(record.fingerprints).toEqual(
      [
        ...lookAlikeFingerprints('time-to-act', 'Eva Chen'),
        wordOrderFingerprint('time-to-act', 'eva chen'),
      ].sort(),
    );
    expect(record.fingerprints).toHaveLength(2);
    expect(ivan.fingerprints).toHaveLength(3);
    expect(JSON.stringify(record)).not.toMatch(/eva|chen/i);
  });
});

describe('a name that comes back after erasure', () => {
  it.each([
    ['Eva Chen', 'the same'],
    ['EVA CHEN', 'in capitals'],
    ['eva   chen', 'spaced'],
    ['EvaChen', 'without a space'],
    ['Eva-Chen', 'hyphenated'],
    ['\uff25\uff56\uff41 \uff23\uff48\uff45\uff4e', 'in fullwidth letters'],
    ['\u00c9va Ch\u00e9n', 'with accents'],
    ['Eva Che\u0301\u0308n', 'with combining marks'],
    ['Eva \u0421hen', 'with a Cyrillic С'],
    ['\u0415v\u0430 Ch\u0435n', 'with Cyrillic Е, а and е'],
    ['\u0435VA \u0441HEN', 'with Cyrillic letters, in another case'],
    ['\u0415\u0432\u0430 \u0427\u0435\u043d', 'transliterated from Cyrillic'],
    ['Chen, Eva', 'family name first, with a comma'],
    ['Chen Eva', 'family name first'],
    ['Dr. Eva Chen', 'with a title'],
    ['Eva Chen PhD', 'with a degree'],
  ])('refuses %j (%s)', (name) => {
    expect(erasedNames([record], letter.slug)(name)?.id).toBe('erased-738005918f7d');
    expect(() => sign(letter, [], { name, country: 'TW', group: 'industry' }, NOW)).not.toThrow();
    expect(() =>
      sign(letter, [], { name, country: 'TW', group: 'industry' }, NOW, { erased: [record] }),
    ).toThrow(ErasedSignatory);
  });

  it.each([['lvan Petrov'], ['iVAN \u0420ETROV'], ['IVAN PETR0V']])(
    'refuses %j, the skeleton of "Ivan Petrov" as written or in lower case',
    (name) => {
      expect(erasedNames([ivan], letter.slug)(name)?.id).toBe(ivan.id);
    },
  );

  it.each([['Eva Cohen'], ['Evan Chen'], ['Eva Chen Li'], ['Ева Ченко']])(
    'lets %j sign: another name',
    (name) => {
      expect(erasedNames([record, ivan], letter.slug)(name)).toBeUndefined();
    },
  );

  it('reads a record made before the look-alike fingerprints: it matches by the normal form alone', () => {
    const old = {
      id: 'erased-738005918f7d',
      fingerprint: nameFingerprint('time-to-act', 'Eva Chen'),
      signed_at: '2020-05-26T00:00:00Z',
      erased_at: '2020-06-01T00:00:00Z',
    };
    const match = erasedNames([old], letter.slug);
    expect(match('EVA CHEN')?.id).toBe('erased-738005918f7d');
    expect(match('Eva \u0421hen')).toBeUndefined();
  });

  it('is a fingerprint of this letter only: the same name on another letter is not matched', () => {
    expect(erasedNames([record], 'another-letter')('Eva Chen')).toBeUndefined();
  });

  it('leaves the name in look-alike letters out of what is published', () => {
    const back = sig('eva-shen', 'Eva \u0421hen');
    expect(publishable(letter, [back, sig('ada', 'Ada Byron')], [record]).leftOut).toEqual([
      { id: 'eva-shen', reason: "the name was erased at the signatory's request" },
    ]);
  });
});

describe('spacelessSkeleton', () => {
  it('gives printable ASCII, by its short cut, what the TR39 table gives', () => {
    const ascii = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i));
    for (const a of ascii)
      for (const b of ['', 'a', 'I', 'm', '0']) {
        const text = `x${a}${b} Y${b}${a}`;
        expect(spacelessSkeleton(text), JSON.stringify(text)).toBe(
          skeletonOf(text).replace(/ /g, ''),
        );
      }
  });

  it.each([
    ['Eva Chen', 'evachen'],
    ['Eva \u0421hen', 'evachen'],
    ['Ivan', 'lvan'],
    ['Emma', 'ernrna'],
    ['\u0415\u0432\u0430', 'eba'],
  ])('%j has the skeleton %j', (text, skeleton) => {
    expect(spacelessSkeleton(text)).toBe(skeleton);
  });
});
