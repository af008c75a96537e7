/**
 * One gate for what is published: renders, `list` and `export` leave out every signature
 * that `letter check` refuses for what it says about the list, and say which and why.
 * Pure: signatures in, signatures and the ones left out out.
 */
import { mixedScriptLetter } from './duplicates.js';
import { erasedNames } from './erasure.js';
import { normaliseName } from './names.js';
import type { ErasedRecord, LetterFile, Signature } from './schema.js';
import { sameNameConflicts } from './signatures.js';

/** A signature left out of what is published, and why (in words). */
export interface LeftOut {
  id: string;
  reason: string;
}

/**
 * The signatures that may be published, in their order, and those left out:
 * - a name erased at the signatory's request (a fingerprint of one of its forms has an
 *   erasure record, see erasure.ts), which must never come back, from a restored file, an old
 *   branch, or written in look-alike letters;
 * - a name mixing scripts inside a word (look-alike letters, Unicode TR39);
 * - the same name as another signature, one too many (see `sameNameConflicts`);
 * - a group the letter does not declare.
 * Rejected signatures are never published anyway (see `publishedStatuses`). `keys`, each
 * name's normal form when the loader kept it, saves normalising every name again.
 */
export function publishable(
  letter: LetterFile,
  signatures: readonly Signature[],
  erased: readonly ErasedRecord[],
  keys?: readonly (string | undefined)[],
): { signatures: Signature[]; leftOut: LeftOut[] } {
  const erasedAs = erasedNames(erased, letter.slug);
  const groups = new Set(letter.groups.map((g) => g.id));
  const sameName = new Map(
    sameNameConflicts(signatures, (s, i) => keys?.[i] ?? normaliseName(s.name)).map((c) => [
      c.blamed,
      c.other,
    ]),
  );
  const leftOut: LeftOut[] = [];
  const kept = signatures.filter((s, i) => {
    const reason = leaveOut(s, keys?.[i]);
    if (reason) leftOut.push({ id: s.id, reason });
    return reason === undefined;
  });
  return { signatures: kept, leftOut };

  function leaveOut(s: Signature, key: string | undefined): string | undefined {
    if (erasedAs(s.name, key)) return "the name was erased at the signatory's request";
    if (mixedScriptLetter(s.name))
      return 'the name mixes scripts inside a word (look-alike letters)';
    const other = sameName.get(s);
    if (other)
      return other.status === 'rejected'
        ? `the name of ${other.id}, rejected as fake`
        : `the same name as ${other.id}, and no person decided they are two people`;
    if (s.group !== undefined && !groups.has(s.group))
      return `group "${s.group}" is not a group of this letter`;
    return undefined;
  }
}
