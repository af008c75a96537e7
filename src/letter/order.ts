/**
 * The order in which signatories are shown: by the letter's groups in their declared
 * order, then within a group the featured signatories (`featured: true`) first, then by
 * `sort_as` (else `name`) with the collation of the
 * letter's language (Unicode CLDR via `Intl.Collator`). Ties fall back to the id, so
 * the order never depends on the order files were read in.
 */
import { Streamed } from '../streaming.js';
import type { Group, LetterFile, Signature, SignatureStatus } from './schema.js';

/** A group with its signatories in display order; `group` is undefined for signatures in no group. */
export interface GroupedSignatures {
  group: Group | undefined;
  signatures: Signature[];
}

/** A comparator of signatures for `language` (a BCP 47 tag): featured first, then by name. */
export function signatureComparator(language: string): (a: Signature, b: Signature) => number {
  const collator = new Intl.Collator(language, { sensitivity: 'variant', numeric: true });
  return (a, b) =>
    Number(b.featured === true) - Number(a.featured === true) ||
    collator.compare(a.sort_as ?? a.name, b.sort_as ?? b.name) ||
    collator.compare(a.name, b.name) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * Signatures with a status in `statuses`, grouped in the letter's group order and sorted
 * within each group. Signatures without a group (or in a group the letter lacks) come last;
 * empty groups are left out.
 */
export function groupSignatures(
  letter: LetterFile,
  signatures: readonly Signature[],
  statuses: readonly SignatureStatus[],
): GroupedSignatures[] {
  const compare = signatureComparator(letter.language);
  const shown = signatures.filter((s) => statuses.includes(s.status));
  const known = new Set(letter.groups.map((g) => g.id));
  const result: GroupedSignatures[] = letter.groups.map((group) => ({
    group,
    signatures: shown.filter((s) => s.group === group.id).sort(compare),
  }));
  result.push({
    group: undefined,
    signatures: shown.filter((s) => s.group === undefined || !known.has(s.group)).sort(compare),
  });
  return result.filter((g) => g.signatures.length > 0);
}

/**
 * The signatories of one group in display order, as commands that publish them read them:
 * `signatures` walks them (again from the start on each walk), `signatures.length` is known
 * before any is read. The seam between where signatures are kept (today the loaded letter,
 * see `groupedSource`) and what is made of them (renders, `list`, `export`).
 */
export interface GroupSource {
  /** Undefined for signatures in no group (or in a group the letter lacks). */
  group: Group | undefined;
  signatures: Streamed<Signature>;
}

/** `groupSignatures`' result as sources (holding the same arrays, copying nothing). */
export function groupedSource(grouped: readonly GroupedSignatures[]): GroupSource[] {
  return grouped.map((g) => ({
    group: g.group,
    signatures: new Streamed(g.signatures.length, () => g.signatures),
  }));
}
