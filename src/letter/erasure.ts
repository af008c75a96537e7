/**
 * Knowing an erased name again without keeping it: an erasure record holds hashes of the
 * name's forms, and a name that comes back is refused when one of its forms hashes the same.
 * Pure functions.
 *
 * Two kinds of form, each hashed with the letter's slug and its own prefix so that the two
 * never match each other:
 * - `fingerprint`: the normal form (see `normaliseName`): case, accents, combining marks,
 *   fullwidth letters, spacing and punctuation folded, other scripts transliterated
 *   ("Ева Чен" is "eva chen"). Every record has it; its first 12 hex digits make the id.
 * - `fingerprints`: the Unicode TR39 confusable skeletons of the name as written and in
 *   lower case (see `spacelessSkeleton`), so that "Eva Сhen" with a Cyrillic "С",
 *   "lvan" for "Ivan", "iVAN РETROV" or "EvaChen" is the name that was erased. Records made
 *   before these existed have none, and are matched by `fingerprint` alone.
 * - in `fingerprints` too: the words of the normal form in any order, titles and degrees
 *   left out (`wordOrderFingerprint`): "Chen, Eva", "Dr. Eva Chen PhD".
 * These are the matches no person can decide away in duplicates.ts (`isCertain`: the same
 * normal form, look-alike letters); a name only likely the same is not refused.
 */
import { skeletonOf } from './duplicates.js';
import { nameFingerprint, normaliseName, sha256Hex } from './names.js';
import type { ErasedRecord } from './schema.js';

/**
 * The hashes of the look-alike forms of `name` on the letter `slug`, as `sha256:<64 hex>`,
 * sorted, each once: SHA-256 of `letter-look-alike:<slug>:<form>`, where the forms are the
 * skeleton of the name (see `spacelessSkeleton`) as written and in lower case.
 */
export function lookAlikeFingerprints(slug: string, name: string): string[] {
  const nfkc = name.normalize('NFKC');
  const forms = new Set([spacelessSkeleton(nfkc), spacelessSkeleton(nfkc.toLowerCase())]);
  forms.delete('');
  return [...forms].map((f) => `sha256:${sha256Hex(`letter-look-alike:${slug}:${f}`)}`).sort();
}

/**
 * The TR39 skeleton of a text without spaces: word by word (split at white space), each
 * word's `skeletonOf` with its spaces dropped, joined (the confusables map one code point at
 * a time, so words can be mapped apart). Printable ASCII, most names, takes a short cut
 * that gives the same: of ASCII, TR39 maps only 0 to O, 1 | I to l, m to rn and % to º/₀.
 */
export function spacelessSkeleton(text: string): string {
  if (PRINTABLE_ASCII.test(text)) {
    let out = '';
    for (let i = 0; i < text.length; i++) out += ASCII_SKELETON[text.charCodeAt(i)]!;
    return out;
  }
  let out = '';
  for (const w of text.split(/\s+/)) if (w !== '') out += skeletonOf(w).replace(/ /g, '');
  return out;
}

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
// The skeleton of each printable ASCII character, by code: letters and digits in lower case, the rest dropped.
const ASCII_SKELETON: string[] = Array.from({ length: 127 }, (_, code) => {
  const c = String.fromCharCode(code);
  const mapped: Record<string, string> = {
    '0': 'o',
    '1': 'l',
    '|': 'l',
    I: 'l',
    m: 'rn',
    '%': 'o0',
  };
  return mapped[c] ?? (/[A-Za-z0-9]/.test(c) ? c.toLowerCase() : '');
});

// Titles and degrees around a name, in its normal form: "Dr. Eva Chen", "Eva Chen PhD".
const TITLES = new Set([
  'dr',
  'prof',
  'professor',
  'mr',
  'mrs',
  'ms',
  'mx',
  'miss',
  'sir',
  'dame',
  'lord',
  'lady',
  'rev',
  'hon',
  'phd',
  'md',
  'msc',
  'mba',
  'jr',
  'sr',
  'esq',
]);

/**
 * The hash of the name's words in any order, titles and degrees left out: SHA-256 of
 * `letter-words:<slug>:<words of the normal form, sorted>`, so that "Chen, Eva", "Chen Eva"
 * and "Dr. Eva Chen PhD" are the erased "Eva Chen". Undefined for a name of one word.
 */
export function wordOrderFingerprint(slug: string, normal: string): string | undefined {
  const words = normal.split(' ').filter((w) => w !== '' && !TITLES.has(w));
  return words.length < 2
    ? undefined
    : `sha256:${sha256Hex(`letter-words:${slug}:${words.sort().join(' ')}`)}`;
}

/** What an erasure record keeps of a name: the fingerprint of its normal form, and those of its look-alike forms and of its words in any order. */
export function erasureFingerprints(
  slug: string,
  name: string,
): { fingerprint: string; fingerprints: string[] } {
  const words = wordOrderFingerprint(slug, normaliseName(name));
  return {
    fingerprint: nameFingerprint(slug, name),
    fingerprints: [...lookAlikeFingerprints(slug, name), ...(words ? [words] : [])].sort(),
  };
}

/**
 * A test of names against the erasure records of the letter `slug`: the record whose
 * fingerprints one of the name's forms matches, or undefined. `key`, the name's normal form
 * when the caller has it, saves computing it again. The look-alike forms are only computed
 * when a record holds some.
 */
export function erasedNames(
  erased: readonly ErasedRecord[],
  slug: string,
): (name: string, key?: string) => ErasedRecord | undefined {
  if (erased.length === 0) return () => undefined;
  const byPrint = new Map(erased.map((e) => [e.fingerprint, e]));
  const byLookAlike = new Map(
    erased.flatMap((e) => (e.fingerprints ?? []).map((f) => [f, e] as const)),
  );
  return (name, key) => {
    const normal = key ?? normaliseName(name);
    const found = byPrint.get(nameFingerprint(slug, name, normal));
    if (found || byLookAlike.size === 0) return found;
    const words = wordOrderFingerprint(slug, normal);
    if (words && byLookAlike.has(words)) return byLookAlike.get(words);
    for (const f of lookAlikeFingerprints(slug, name)) {
      const e = byLookAlike.get(f);
      if (e) return e;
    }
    return undefined;
  };
}
