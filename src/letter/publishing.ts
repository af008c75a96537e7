/**
 * One gate for what is published: renders, `list` and `export` leave out every signature
 * that `letter check` refuses for what it says about the list, and say which and why.
 * Pure: signatures in, signatures and the ones left out out.
 */
import { mixedScriptLetter } from './duplicates.js';
import { nameFingerprint, normaliseName } from './names.js';
import type { ErasedRecord, LetterFile, Signature } from './schema.js';
import { decided, toldApart } from './signatures.js';

/** A signature left out of what is published, and why (in words). */
export interface LeftOut {
  id: string;
  reason: string;
}

/**
 * The signatures that may be published, in their order, and those left out:
 * - a name erased at the signatory's request (its fingerprint has an erasure record), which
 *   must never come back, from a restored file or an old branch;
 * - a name mixing scripts inside a word (look-alike letters, Unicode TR39);
 * - the same name as an earlier signature (by `signed_at`, then id) that no person has
 *   decided is another person, or that nothing tells apart (see `toldApart`);
 * - a group the letter does not declare.
 * Rejected signatures are never published anyway (see `publishedStatuses`).
 */
export function publishable(
  letter: LetterFile,
  signatures: readonly Signature[],
  erased: readonly ErasedRecord[],
): { signatures: Signature[]; leftOut: LeftOut[] } {
  const prints = new Set(erased.map((e) => e.fingerprint));
  const groups = new Set(letter.groups.map((g) => g.id));
  const byKey = new Map<string, Signature[]>();
  for (const s of [...signatures].sort((a, b) => (a.signed_at + a.id < b.signed_at + b.id ? -1 : 1))) {
    const key = normaliseName(s.name);
    byKey.set(key, [...(byKey.get(key) ?? []), s]);
  }
  const leftOut: LeftOut[] = [];
  const kept = signatures.filter((s) => {
    const reason = leaveOut(s);
    if (reason) leftOut.push({ id: s.id, reason });
    return reason === undefined;
  });
  return { signatures: kept, leftOut };

  function leaveOut(s: Signature): string | undefined {
    if (prints.size > 0 && prints.has(nameFingerprint(letter.slug, s.name))) return 'the name was erased at the signatory\'s request';
    if (mixedScriptLetter(s.name)) return 'the name mixes scripts inside a word (look-alike letters)';
    const same = byKey.get(normaliseName(s.name)) ?? [];
    const first = same.find((o) => o.status !== 'withdrawn' && o.status !== 'rejected');
    if (first && first !== s && s.status !== 'withdrawn' && s.status !== 'rejected' && same.indexOf(s) > same.indexOf(first) && (!decided(s, first) || !toldApart(s, first)))
      return `the same name as ${first.id}, and no person decided they are two people`;
    if (s.group !== undefined && !groups.has(s.group)) return `group "${s.group}" is not a group of this letter`;
    return undefined;
  }
}
