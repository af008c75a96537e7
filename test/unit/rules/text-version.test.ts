import { describe, expect, it } from 'vitest';
import {
  textUnchangedSinceSigned,
  translationsUpToDate,
} from '../../../src/letter/rules/text-version.js';
import { textVersion } from '../../../src/letter/text-version.js';
import { checkInput } from '../../helpers/check-input.js';
import { letter, sig } from '../../helpers/fixtures.js';

const now = textVersion('Text.');

describe('textUnchangedSinceSigned', () => {
  it('warns once, at the body, about signatures made on earlier texts', () => {
    const signatures = [
      sig('a', 'Ann Lee', { text_version: 'v-old' }),
      sig('b', 'Bo Yi', { text_version: 'v-old' }),
      sig('c', 'Cy Ng', { text_version: now }),
    ];
    expect(textUnchangedSinceSigned(checkInput(signatures))).toEqual([
      {
        file: 'letter.md',
        line: 1,
        column: 1,
        severity: 'warning',
        code: 'text-changed',
        message: `the text changed after people signed: 2 signatures were made on v-old and not reconfirmed (a, b); the text is now ${now}`,
        hint: 'if the change is more than a correction, show them what changed (letter diff letters/time-to-act v-old) and ask them to reconfirm: letter reconfirm letters/time-to-act a b',
      },
    ]);
  });
  it('names the first five signatories and how many more, and each earlier version', () => {
    const signatures = ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((id, i) =>
      sig(id, `Person ${id}`, { text_version: i < 4 ? 'v-one' : 'v-two' }),
    );
    const [p] = textUnchangedSinceSigned(checkInput(signatures));
    expect(p?.message).toBe(
      `the text changed after people signed: 7 signatures were made on v-one, v-two and not reconfirmed (a, b, c, d, e and 2 more); the text is now ${now}`,
    );
    expect(p?.hint).toBe(
      'if the change is more than a correction, show them what changed (letter diff letters/time-to-act v-one; letter diff letters/time-to-act v-two) and ask them to reconfirm: letter reconfirm letters/time-to-act a b c d e ...',
    );
  });
  it('leaves out withdrawn and rejected signatures, and a letter without its body', () => {
    const withdrawn = sig('a', 'Ann Lee', {
      text_version: 'v-old',
      status: 'withdrawn',
      withdrawn: { at: '2020-06-01T00:00:00Z', reason: 'x' },
    });
    expect(textUnchangedSinceSigned(checkInput([withdrawn]))).toEqual([]);
    expect(
      textUnchangedSinceSigned(
        checkInput([sig('a', 'Ann Lee', { text_version: 'v-old' })], { body: undefined }),
      ),
    ).toEqual([]);
  });
});

describe('translationsUpToDate', () => {
  const translated = {
    ...letter,
    translations: {
      fr: { title: 'Le temps', source: now },
      de: { title: 'Die Zeit', source: 'v-old' },
    },
  };
  it('reports a translation without its text, and warns about one made from an earlier text', () => {
    expect(
      translationsUpToDate(
        checkInput([], {
          letter: translated,
          translations: { de: { file: 'letter.de.md', text: 'Text.' } },
        }),
      ),
    ).toEqual([
      {
        file: 'letter.yaml',
        line: 2,
        column: 3,
        severity: 'error',
        code: 'missing-translation',
        message: 'the fr translation has no text: letter.fr.md does not exist',
        hint: 'write letter.fr.md or remove translations.fr',
      },
      {
        file: 'letter.yaml',
        line: 2,
        column: 3,
        severity: 'warning',
        code: 'translation-outdated',
        message: `the de translation was made from the text v-old; the text is now ${now}`,
        hint: `update letter.de.md, then set translations.de.source: ${now}`,
      },
    ]);
  });
  it('is quiet for translations made from the current text', () => {
    const current = { ...letter, translations: { fr: { title: 'Le temps', source: now } } };
    expect(
      translationsUpToDate(
        checkInput([], {
          letter: current,
          translations: { fr: { file: 'letter.fr.md', text: 'Texte.' } },
        }),
      ),
    ).toEqual([]);
  });
});
