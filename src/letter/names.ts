/**
 * Names of people: the normal form used to find the same name written twice, and the
 * id a new signature gets. Pure functions.
 */
import crypto from 'node:crypto';
import anyAscii from 'any-ascii';
import { isErasedId, RESERVED_ID_PATTERN } from './ids.js';

/**
 * The comparison key of a name: Unicode NFKC, transliterated to Latin (any-ascii, which
 * also removes accents), case folded, punctuation and spacing folded to single spaces.
 * "Zeid Ra'ad Al Hussein", "ZEID RA AD AL-HUSSEIN" and "Zeid Raad Al Hussein" differ;
 * "Ban Ki-moon", "ban ki moon" and "Ban  Ki‑Moon" are the same key: "ban ki moon".
 * Apostrophes are dropped rather than spaced ("Ra'ad" → "raad"), as people type them both ways.
 */
export function normaliseName(name: string): string {
  // One pass over the ASCII text: drop apostrophes, keep letters and digits, fold every other run to one space.
  const ascii = anyAscii(name.normalize('NFKC')).toLowerCase();
  let out = '';
  let gap = false;
  for (let i = 0; i < ascii.length; i++) {
    const c = ascii.charCodeAt(i);
    if (c === 39 || c === 96) continue; // ' and `
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) {
      if (gap && out !== '') out += ' ';
      gap = false;
      out += ascii[i];
    } else gap = true;
  }
  return out;
}

const MAX_ID_LENGTH = 60;

/**
 * A new signature id from a name: its normal form joined by hyphens, at most 60
 * characters, with `-2`, `-3`... when `taken` already holds it. "Ban Ki-moon" → "ban-ki-moon".
 * A name with no letters or digits in any script gets "signature"; a name whose id would
 * start with "erased-" (the prefix of erasure records), or that Windows reserves ("con",
 * "nul", "com1"), gets "s-" before it.
 */
export function idForName(name: string, taken: { has(id: string): boolean }): string {
  const slug =
    normaliseName(name)
      .replace(/ /g, '-')
      .slice(0, MAX_ID_LENGTH)
      .replace(/(?<!-)-+$/, '') || 'signature';
  // ERASED_PREFIX starts the ids of erasure records only; Windows reserves device names such as "con" (see RESERVED_ID_PATTERN).
  const base = isErasedId(slug) || RESERVED_ID_PATTERN.test(slug) ? `s-${slug}` : slug;
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/**
 * The fingerprint an erasure leaves of a name: SHA-256 of the letter's slug and the name's
 * normal form, as `sha256:<64 hex>`. It lets `letter` refuse the name if it comes back;
 * it can confirm a guessed name, so it is a guard against re-adding, not a secret. `key`, the
 * name's normal form when the caller has it, saves normalising it again. See erasure.ts.
 */
export function nameFingerprint(
  slug: string,
  name: string,
  key: string = normaliseName(name),
): string {
  return `sha256:${sha256Hex(`letter:${slug}:${key}`)}`;
}

/** The SHA-256 of a text (UTF-8) in hex: `crypto.hash` (several times faster) where Node has it (20.12 and later). */
export const sha256Hex: (text: string) => string =
  typeof crypto.hash === 'function'
    ? (text) => crypto.hash('sha256', text)
    : (text) => crypto.createHash('sha256').update(text).digest('hex');
