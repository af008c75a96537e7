import { describe, expect, it } from 'vitest';
import { ERASED_PREFIX, ID_PATTERN, isErasedId } from '../../src/letter/ids.js';
import { idForName } from '../../src/letter/names.js';

describe('isErasedId', () => {
  it.each([
    ['erased-0123456789ab', true],
    [`${ERASED_PREFIX}x`, true],
    ['erased', false],
    ['s-erased-list', false],
    ['ada-lovelace', false],
  ])('%s → %s', (id, erased) => {
    expect(isErasedId(id)).toBe(erased);
  });

  it('is never true of an id made from a name', () => {
    expect(idForName('Erased List', new Set())).toBe('s-erased-list');
    expect(isErasedId(idForName('Erased List', new Set()))).toBe(false);
  });
});

describe('ID_PATTERN', () => {
  it.each([
    ['ada-lovelace', true],
    ['erased-0123456789ab', true],
    ['ban-ki-moon-2', true],
    ['Ada', false],
    ['-ada', false],
    ['ada--lovelace', false],
    ['ada_lovelace', false],
  ])('%s → %s', (id, ok) => {
    expect(ID_PATTERN.test(id)).toBe(ok);
  });
});
