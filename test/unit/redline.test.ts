import { describe, expect, it } from 'vitest';
import { redline, redlineCounts } from '../../src/letter/redline.js';

describe('redline', () => {
  it('marks the words removed and added; replacements a space apart are one', () => {
    const parts = redline(
      'The time to act is now.\n\nWe call on governments.\n',
      'The time to act is now, not tomorrow.\r\n\r\nWe urge all governments.\n',
    );
    expect(parts).toEqual([
      { kind: 'same', text: 'The time to act is now' },
      { kind: 'added', text: ', not tomorrow' },
      { kind: 'same', text: '.\n\nWe ' },
      { kind: 'removed', text: 'call on' },
      { kind: 'added', text: 'urge all' },
      { kind: 'same', text: ' governments.\n' },
    ]);
    expect(redlineCounts(parts)).toEqual({ removed: 2, added: 4 });
  });

  it('keeps a word both texts share between two changes', () => {
    expect(redline('red big box', 'blue big bag')).toEqual([
      { kind: 'removed', text: 'red' },
      { kind: 'added', text: 'blue' },
      { kind: 'same', text: ' big ' },
      { kind: 'removed', text: 'box' },
      { kind: 'added', text: 'bag' },
    ]);
  });

  it('gives back each text from its parts', () => {
    const from = 'One two three.\nFour five six seven.';
    const to = 'One three, four.\n\nSix eight nine.';
    const parts = redline(from, to);
    const join = (kind: string) =>
      parts
        .filter((p) => p.kind === 'same' || p.kind === kind)
        .map((p) => p.text)
        .join('');
    expect(join('removed')).toBe(from);
    expect(join('added')).toBe(to);
  });

  it('is one part for equal texts, and all added from nothing', () => {
    expect(redline('a b c', 'a b c')).toEqual([{ kind: 'same', text: 'a b c' }]);
    expect(redline('', 'x y')).toEqual([{ kind: 'added', text: 'x y' }]);
    expect(redlineCounts(redline('', 'x y'))).toEqual({ removed: 0, added: 2 });
  });
});

describe('redline of a replacement and a removal a space apart', () => {
  it('is one replacement, the space after it shared', () => {
    expect(redline('We call on you to:', 'We urge you to:')).toEqual([
      { kind: 'same', text: 'We ' },
      { kind: 'removed', text: 'call on' },
      { kind: 'added', text: 'urge' },
      { kind: 'same', text: ' you to:' },
    ]);
  });
});
