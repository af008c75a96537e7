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
 *   lower case (see `skeletonOf`), spaces dropped, so that "Eva Сhen" with a Cyrillic "С",
 *   "lvan" for "Ivan", "iVAN РETROV" or "EvaChen" is the name that was erased. Records made
 *   before these existed have none, and are matched by `fingerprint` alone.
 * These are the matches no person can decide away in duplicates.ts (`isCertain`: the same
 * normal form, look-alike letters); a name only likely the same is not refused.
 */
import { createHash } from 'node:crypto';
import { skeletonOf } from './duplicates.js';
import { nameFingerprint, normaliseName } from './names.js';
import type { ErasedRecord } from './schema.js';

/**
 * The hashes of the look-alike forms of `name` on the letter `slug`, as `sha256:<64 hex>`,
 * sorted, each once: SHA-256 of `letter-look-alike:<slug>:<skeleton without spaces>`, for the
 * skeleton of the name and of the name in lower case. `key` (the name's normal form) and
 * `skeleton` (its `skeletonOf`), when the caller has them, save computing them again.
 */
export function lookAlikeFingerprints(slug: string, name: string, key?: string, skeleton?: string): string[] {
  const lower = name.normalize('NFKC').toLowerCase();
  const forms = new Set([skeleton ?? skeletonOf(name, key), skeletonOf(lower)].map((s) => s.replace(/ /g, '')));
  forms.delete('');
  return [...forms].map((f) => `sha256:${createHash('sha256').update(`letter-look-alike:${slug}:${f}`).digest('hex')}`).sort();
}

/** What an erasure record keeps of a name: the fingerprint of its normal form and those of its look-alike forms. */
export function erasureFingerprints(slug: string, name: string): { fingerprint: string; fingerprints: string[] } {
  return { fingerprint: nameFingerprint(slug, name), fingerprints: lookAlikeFingerprints(slug, name) };
}

/**
 * A test of names against the erasure records of the letter `slug`: the record whose
 * fingerprints one of the name's forms matches, or undefined. `key` and `skeleton` as for
 * `lookAlikeFingerprints`. The look-alike forms are only computed when a record holds some.
 */
export function erasedNames(erased: readonly ErasedRecord[], slug: string): (name: string, key?: string, skeleton?: string) => ErasedRecord | undefined {
  if (erased.length === 0) return () => undefined;
  const byPrint = new Map(erased.map((e) => [e.fingerprint, e]));
  const byLookAlike = new Map(erased.flatMap((e) => (e.fingerprints ?? []).map((f) => [f, e] as const)));
  return (name, key, skeleton) => {
    const normal = key ?? normaliseName(name);
    const found = byPrint.get(nameFingerprint(slug, name, normal));
    if (found || byLookAlike.size === 0) return found;
    for (const f of lookAlikeFingerprints(slug, name, normal, skeleton)) {
      const e = byLookAlike.get(f);
      if (e) return e;
    }
    return undefined;
  };
}
