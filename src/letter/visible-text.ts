/**
 * Text shown so that what differs can be seen: a name changed by a character nobody can see
 * (a zero-width space, a direction mark, a soft hyphen) or by one that looks like another (a
 * Cyrillic "а" for a Latin "a", "é" written as "e" and a combining accent) is written with
 * that character as an escape, `\u{200B}`. Pure.
 */
import { skeletonOf } from './duplicates.js';

// Characters with no glyph of their own or none that shows: controls (Cc), format characters
// (Cf: zero-width, direction marks, soft hyphen), separators but the plain space, and the
// rest of Unicode's default-ignorable code points (variation selectors, fillers).
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Default_Ignorable_Code_Point}]|(?! )\p{Zs}/u;

/** The escape of one code point: `\u{200B}`. */
export function escapeCodePoint(c: string): string {
  return `\\u{${c.codePointAt(0)!.toString(16).toUpperCase()}}`;
}

/** `s` with every invisible code point (controls, format characters, spaces but U+0020, default-ignorables) escaped as `\u{…}`. */
export function showInvisible(s: string): string {
  let out = '';
  for (const c of s) out += INVISIBLE.test(c) ? escapeCodePoint(c) : c;
  return out;
}

/**
 * Two texts that differ, each shown so the difference is seen: invisible code points escaped
 * everywhere; and when the two look alike (the same TR39 skeleton, see duplicates.ts
 * `skeletonOf`), every character outside ASCII in the part that differs (between the common
 * start and end) escaped too. "Ada Lovelace" and "Аda Lovelace" (Cyrillic А) give
 * "Ada Lovelace" and "\u{410}da Lovelace".
 */
export function visibleDifference(a: string, b: string): [string, string] {
  if (a === b) return [showInvisible(a), showInvisible(b)];
  const x = [...a];
  const y = [...b];
  let start = 0;
  while (start < x.length && start < y.length && x[start] === y[start]) start++;
  let end = 0;
  while (
    end < x.length - start &&
    end < y.length - start &&
    x[x.length - 1 - end] === y[y.length - 1 - end]
  )
    end++;
  const alike = skeletonOf(a) === skeletonOf(b);
  const show = (cs: string[]) =>
    cs
      .map((c, i) => {
        const differs = i >= start && i < cs.length - end;
        return INVISIBLE.test(c) || (alike && differs && c > '\u007e') ? escapeCodePoint(c) : c;
      })
      .join('');
  return [show(x), show(y)];
}
