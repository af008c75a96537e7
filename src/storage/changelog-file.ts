/**
 * The one owner of writes to a letter's CHANGELOG.md: every command that writes it (sign,
 * import, update, withdraw, erase, changelog, fmt, init) asks here for the change, and this
 * module decides whether the letter takes it (an `on-merge` letter's changelog is written by
 * `letter changelog` after a merge, not by each event) and what it says.
 */
import path from 'node:path';
import {
  eventsAfterTail,
  eventsOf,
  insertEvents,
  publishedChangelog,
} from '../letter/changelog.js';
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
  | {
      after: 'events';
      signatures: readonly Signature[];
      erased: readonly ErasedRecord[];
      /** Each signature's normal name form where the loader kept it (see `publishable`), so that it is not made again. */
      keys?: readonly (string | undefined)[];
    }
  /** An erasure: as for `events`, in every mode, as the erased name must leave every file. */
  | { after: 'erasure'; signatures: readonly Signature[]; erased: readonly ErasedRecord[] }
  /** A rebuild (`letter changelog`), a reformat (`letter fmt`) or a new letter (`letter init`): `text`, in every mode. */
  | { after: 'rebuild'; text: string };

/**
 * The changes that write CHANGELOG.md of the letter in `dir` for `write` (see `ChangelogWrite`):
 * one, or none when the letter keeps its changelog `on-merge` and events were recorded.
 * Given the file's bytes `before` (as they are on disk) for events or an erasure, the change
 * only appends the new bytes when the new text starts with them (events added at the end,
 * the common case of a sign or an import "now"); else it writes the whole text.
 */
export function changelogChanges(
  dir: string,
  letter: LetterFile,
  write: ChangelogWrite,
  before?: Buffer,
): FileChange[] {
  if (write.after === 'rebuild') return [changelogChange(dir, write.text)];
  if (write.after === 'events' && letter.changelog === 'on-merge') return [];
  return [
    changelogChange(
      dir,
      publishedChangelog(
        letter,
        write.signatures,
        write.erased,
        'keys' in write ? write.keys : undefined,
      ).text,
      before,
    ),
  ];
}

/**
 * The change that adds the lines of new signatures (each event of each: "signed", and
 * "verified" for an agreement recorded with evidence) to
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
  const inserted = insertEvents(inStep, eventsOf(signatures));
  return inserted === undefined ? undefined : [changelogChange(dir, inserted, inStep)];
}

/**
 * The change that appends the lines of new signatures to CHANGELOG.md when they all go after
 * its last line, given only its last bytes `tail` (see `eventsAfterTail`), when the file is
 * known to be exactly what the letter's signatures give: a sign or an import "now" onto a
 * letter of a million never reads its changelog. None for an `on-merge` letter.
 * @returns undefined when a line goes before the last one (insert with `changelogLinesAdded`).
 */
export function changelogLinesAppended(
  dir: string,
  letter: LetterFile,
  tail: Buffer,
  signatures: readonly Signature[],
): FileChange[] | undefined {
  if (letter.changelog === 'on-merge') return [];
  const lines = eventsAfterTail(tail, eventsOf(signatures));
  return lines === undefined
    ? undefined
    : [{ path: path.join(dir, CHANGELOG_FILE), append: lines }];
}

/**
 * The change that makes CHANGELOG.md of the letter in `dir` hold `text`: given its bytes
 * `before`, only what follows them when `text` starts with them (an append, see `FileChange`),
 * else the whole text.
 */
function changelogChange(dir: string, text: string | Buffer, before?: Buffer): FileChange {
  const file = path.join(dir, CHANGELOG_FILE);
  if (before !== undefined && before.length > 0) {
    const bytes = typeof text === 'string' ? Buffer.from(text) : text;
    if (bytes.length > before.length && bytes.subarray(0, before.length).equals(before))
      return { path: file, append: bytes.subarray(before.length) };
  }
  return { path: file, text };
}
