/** What the rules of a change (`letter check --base`) are given: the change, as `checkChange` receives it. */
import type { Locate } from '../../errors.js';
import type { ErasedRecord, LetterFile, Signature } from '../schema.js';

/**
 * A changed file of the letter: its status, its path as shown, its path inside the letter
 * folder, and the signature or erasure record it holds (`id`, read by the layout module).
 */
export interface LetterFileChange {
  status: 'A' | 'M' | 'D';
  file: string;
  inLetter: string;
  signature?: { id: string; erased: boolean } | undefined;
}

/** Inputs of `checkChange`. */
export interface ChangeInput {
  base: string;
  role: 'contributor' | 'editor';
  maxAdded: number;
  author?: string | undefined;
  changes: readonly LetterFileChange[];
  /** The added signature files that parsed, by shown path. */
  added: ReadonlyMap<string, { signature: Signature; locate: Locate }>;
  /** True when the change only adds lines to CHANGELOG.md (or leaves it alone). */
  changelogOnlyAdds: boolean;
  /** The lines CHANGELOG.md gains, with their line numbers after the change. */
  changelogAdded: readonly { line: number; text: string }[];
  /** The letter after the change (undefined when letter.yaml does not parse). */
  letter: LetterFile | undefined;
  /** The letter's status after the change: a closed letter takes no signature. */
  letterStatus: string;
  /** Now (ISO 8601 UTC), to refuse a backdated or future signature. */
  now: string;
  /** The letter's signatures that the change does not add, to find an added name that is likely one of them. */
  existing: readonly Signature[];
  /** The erasure records after the change. */
  erased: readonly ErasedRecord[];
  /** The signatures the change removes, as they were at the base (those that parsed), by id. */
  removedAtBase: ReadonlyMap<string, Signature>;
}
