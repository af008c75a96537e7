import { describe, expect, it } from 'vitest';
import { canonicalText, stripBom, toLf } from '../../src/letter/text.js';

describe('stripBom', () => {
  it.each([
    ['\ufeffDear all', 'Dear all'],
    ['Dear all', 'Dear all'],
    ['\ufeff', ''],
    ['', ''],
    ['a\ufeffb', 'a\ufeffb'],
    ['\ufeff\ufeffx', '\ufeffx'],
  ])('%j → %j', (text, want) => {
    expect(stripBom(text)).toBe(want);
  });
});

describe('toLf', () => {
  it.each([
    ['a\r\nb\r\n', 'a\nb\n'],
    ['a\rb\r', 'a\nb\n'],
    ['a\nb\n', 'a\nb\n'],
    ['a\r\rb', 'a\n\nb'],
    ['a\n\rb', 'a\n\nb'],
    ['a\r\n\nb', 'a\n\nb'],
    ['', ''],
  ])('%j → %j', (text, want) => {
    expect(toLf(text)).toBe(want);
  });
});

describe('canonicalText', () => {
  it.each([
    ['Dear all,\nWe ask.\n', 'Dear all,\nWe ask.\n'],
    ['Dear all,\nWe ask.', 'Dear all,\nWe ask.\n'],
    ['Dear all,\nWe ask.\n\n\n', 'Dear all,\nWe ask.\n'],
    ['\ufeffDear all,\r\nWe ask.\r\n', 'Dear all,\nWe ask.\n'],
    ['Dear all,\rWe ask.\r', 'Dear all,\nWe ask.\n'],
    ['Dear all,\r\rWe ask.\r\r\r', 'Dear all,\n\nWe ask.\n'],
    ['one\r\ntwo\rthree\n', 'one\ntwo\nthree\n'],
    ['  trailing spaces stay  ', '  trailing spaces stay  \n'],
    ['', '\n'],
    ['\n\n', '\n'],
    ['\ufeff', '\n'],
  ])('%j → %j', (text, want) => {
    expect(canonicalText(text)).toBe(want);
  });

  it('is idempotent', () => {
    for (const t of ['\ufeffa\r\nb\rc\n\n', '', 'x'])
      expect(canonicalText(canonicalText(t))).toBe(canonicalText(t));
  });
});
