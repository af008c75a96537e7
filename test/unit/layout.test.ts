import { describe, expect, it } from 'vitest';
import { ID_PATTERN } from '../../src/letter/ids.js';
import {
  idOfEntry,
  SIGNATURE_ENTRY_PATTERN,
  SIGNATURE_EXT,
  signatureEntry,
  signatureFileName,
  signatureIdOf,
} from '../../src/storage/layout.js';

// Every reader of ids from paths (check --base among them) asks signatureIdOf, for both layouts.
describe('signatureIdOf', () => {
  it.each([
    ['signatures/ada-lovelace.yaml', { id: 'ada-lovelace', erased: false }],
    ['signatures/ad/ada-lovelace.yaml', { id: 'ada-lovelace', erased: false }],
    ['signatures/erased-0123456789ab.yaml', { id: 'erased-0123456789ab', erased: true }],
    ['signatures/er/erased-0123456789ab.yaml', { id: 'erased-0123456789ab', erased: true }],
    ['signatures/a/a.yaml', { id: 'a', erased: false }],
    ['signatures/xx/ada-lovelace.yaml', undefined],
    ['signatures/ad/ada-lovelace.yml', undefined],
    ['signatures/ad/ma/ada-lovelace.yaml', undefined],
    ['signatures/Ada.yaml', undefined],
    ['letter.yaml', undefined],
    ['CHANGELOG.md', undefined],
    ['private/contacts.yaml', undefined],
  ])('%s → %j', (inLetter, want) => {
    expect(signatureIdOf(inLetter)).toEqual(want);
  });

  it('reads back the path signatureFileName gives, in either layout', () => {
    for (const layout of ['flat', 'sharded'] as const)
      for (const id of ['margaret-chan', 'erased-0123456789ab', 'x'])
        expect(signatureIdOf(signatureFileName(id, layout))).toEqual({
          id,
          erased: id.startsWith('erased-'),
        });
  });
});

describe('signatureEntry, idOfEntry and signatureFileName', () => {
  it.each([
    [
      'margaret-chan',
      'margaret-chan.yaml',
      'signatures/margaret-chan.yaml',
      'signatures/ma/margaret-chan.yaml',
    ],
    [
      'erased-0123456789ab',
      'erased-0123456789ab.yaml',
      'signatures/erased-0123456789ab.yaml',
      'signatures/er/erased-0123456789ab.yaml',
    ],
    ['x', 'x.yaml', 'signatures/x.yaml', 'signatures/x/x.yaml'],
  ])('%s → %s, %s, %s', (id, entry, flat, sharded) => {
    expect(signatureEntry(id)).toBe(entry);
    expect(idOfEntry(entry)).toBe(id);
    expect(signatureFileName(id)).toBe(flat);
    expect(signatureFileName(id, 'flat')).toBe(flat);
    expect(signatureFileName(id, 'sharded')).toBe(sharded);
  });
});

// The scan's one test of a well-named entry must say what ID_PATTERN and SIGNATURE_EXT say.
describe('SIGNATURE_ENTRY_PATTERN', () => {
  it.each([
    'ada-lovelace.yaml',
    'a.yaml',
    'erased-0123456789ab.yaml',
    'ada--lovelace.yaml',
    '-ada.yaml',
    'ada-.yaml',
    'Ada.yaml',
    'ada.yml',
    'ada.yaml.1a2b',
    'ada.yaml.yaml',
    '.yaml',
    'ada lovelace.yaml',
    'adá.yaml',
  ])('%s', (entry) => {
    expect(SIGNATURE_ENTRY_PATTERN.test(entry)).toBe(
      entry.endsWith(SIGNATURE_EXT) && ID_PATTERN.test(idOfEntry(entry)),
    );
  });
});
