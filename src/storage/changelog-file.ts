/**
 * The one owner of writes to a letter's CHANGELOG.md: every command that writes it (sign,
 * import, update, withdraw, erase, changelog, fmt, init) asks here for the change, and this
 * module decides whether the letter takes it (an `on-merge` letter's changelog is written by
 * `letter changelog` after a merge, not by each event) and what it says.
 */
import path from 'node:path';
import { insertEvents, publishedChangelog } from '../letter/changelog.js';
import type { ErasedRecord, LetterFile, Signature } from '../letter/schema.js';
import { CHANGELOG_FILE } from './layout.js';
import type { FileChange } from './transaction.js';

/** Why a command writes CHANGELOG.md, which decides whether and what is written. */
export type ChangelogWrite =
  /**
   * Events were recorded (sign, import, update, withdraw): the text the publishing gate lets
   * through (see `publishedChangelog`) of every signature and erasure record after the change;
   * nothing for a letter that keeps its changelog `on-merge`.
   */
  | { after: 'events'; signatures: readonly Signature[]; erased: readonly ErasedRecord[] }
  /** An erasure: as for `events`, in every mode, as the erased name must leave every file. */
  | { after: 'erasure'; signatures: readonly Signature[]; erased: readonly ErasedRecord[] }
  /** A rebuild (`letter changelog`), a reformat (`letter fmt`) or a new letter (`letter init`): `text`, in every mode. */
  | { after: 'rebuild'; text: string };

/**
 * The changes that write CHANGELOG.md of the letter in `dir` for `write` (see `ChangelogWrite`):
 * one, or none when the letter keeps its changelog `on-merge` and events were recorded.
 */
export function changelogChanges(
  dir: string,
  letter: LetterFile,
  write: ChangelogWrite,
): FileChange[] {
  if (write.after === 'rebuild') return [changelogChange(dir, write.text)];
  if (write.after === 'events' && letter.changelog === 'on-merge') return [];
  return [changelogChange(dir, publishedChangelog(letter, write.signatures, write.erased).text)];
}

/**
 * The change that adds the lines of new signatures (pending: one "signed" event each) to
 * CHANGELOG.md, given its bytes `inStep` when they are known to be exactly what the letter's
 * signatures give (the names kept in the letter's index, adding-state.ts): the lines
 * inserted (see `insertEvents`) instead of every event rendered again. None for an
 * `on-merge` letter.
 * @returns undefined when the lines cannot be inserted (the text is not in the form
 *   `renderChangelog` gives): write the whole text with `changelogChanges` then.
 */
export function changelogLinesAdded(
  dir: string,
  letter: LetterFile,
  inStep: Buffer,
  signatures: readonly Signature[],
): FileChange[] | undefined {
  if (letter.changelog === 'on-merge') return [];
  const inserted = insertEvents(
    inStep,
    signatures.map((s) => ({ at: s.signed_at, kind: 'signed' as const, id: s.id, name: s.name })),
  );
  return inserted === undefined ? undefined : [changelogChange(dir, inserted)];
}

/** The change that writes `text` to CHANGELOG.md of the letter in `dir`. */
function changelogChange(dir: string, text: string | Buffer): FileChange {
  return { path: path.join(dir, CHANGELOG_FILE), text };
}
