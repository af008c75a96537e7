/**
 * A letter as read to add signatures to it (`sign`, `import`), with the invariants of the
 * names kept in the letter's index (sign-index.ts), so that neither command sees them:
 * - the names are looked up in the index when the letter is in the state they were kept for
 *   (see `signStateKey`: no folder of the letter changed) and CHANGELOG.md can take more
 *   lines; else every file is read, and the names are kept again after the write;
 * - CHANGELOG.md gets the new lines inserted when it is in step, else is written whole;
 * - after the one write, the index is moved on by the names added.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Context } from '../context.js';
import { UserError } from '../errors.js';
import { type Contact, emailOwners } from '../letter/contacts.js';
import {
  type IndexedName,
  type NameColumns,
  type NameFinder,
  NameIndex,
} from '../letter/duplicates.js';
import type { ErasedRecord, LetterFile, Signature } from '../letter/schema.js';
import { indexedName, indexOf } from '../letter/signatures.js';
import { trace } from '../trace.js';
import { changelogChanges, changelogLinesAdded, changelogLinesAppended } from './changelog-file.js';
import { CHANGELOG_FILE, readBytes, readTail, readText } from './layout.js';

/** How much of CHANGELOG.md's end is read to append to it: more than its longest line. */
const TAIL_BYTES = 64 * 1024;

import { shownPath } from '../shown-path.js';
import { LetterDb } from './letter-db.js';
import {
  loadLetterRefusingErrors,
  loadLetterYamlRefusingErrors,
  type ValidLetter,
} from './letter-store.js';
import {
  addToSignIndex,
  readSignIndex,
  type StoredNames,
  storedFinder,
  writeSignIndex,
} from './sign-index.js';
import { signStateKey } from './state-key.js';

/** What was read of a letter to add signatures: its names from the index (`stored`), or every file (`full`). */
export interface AddingState {
  dir: string;
  letter: LetterFile;
  body: string;
  erased: ErasedRecord[];
  /** The state of the letter when it was read (see `signStateKey`). */
  key: string;
  /** The names, from the index, and the index they are looked up in (close it after the write). */
  stored?: StoredNames;
  db?: LetterDb;
  /** The whole letter, when it was read (no usable index), and its names. */
  full?: ValidLetter;
  names?: NameColumns;
  /** CHANGELOG.md's last bytes, when the index says it is in step with the signatures. */
  changelogTail?: Buffer;
  /** A folder of the letter changed between the read and the write (git, an editor): the names read may miss a file. */
  changedMeanwhile?: boolean;
}

/** The names of a letter as adding signatures needs them: matches, ids taken, owners of emails. */
export interface AddingNames {
  /** Finds matches; names added to it (`add`) are found too; `expect` as `NameIndex.expect`, for the names to come. */
  finder: NameFinder & Pick<NameIndex, 'add' | 'expect'>;
  /** Whether a signature or erasure record has id `id`. */
  has(id: string): boolean;
  /** The signature that holds each email of `contacts` (by `emailKey`). */
  emailOwners(contacts: Readonly<Record<string, Contact>>): Map<string, IndexedName>;
}

/**
 * The letter in `dir` as it is now: names from the index when no folder of the letter changed
 * since they were kept and CHANGELOG.md can take more lines; else from every file.
 * @throws InvalidLetter when a file of the letter has errors.
 */
export async function readAddingState(dir: string, ctx: Context): Promise<AddingState> {
  const shown = shownPath(ctx.cwd, dir) || '.';
  trace('add: state key');
  const key = await signStateKey(dir);
  const db = await LetterDb.open(dir);
  const stored = db && readSignIndex(db, key);
  trace('add: index read');
  if (db && stored) {
    const letter = await loadLetterYamlRefusingErrors(dir, ctx.cwd);
    const body = await readText(path.join(dir, letter.body), path.join(shown, letter.body));
    // Only the end of CHANGELOG.md: new lines usually go after its last one (see `changelogAfter`).
    const tail = stored.changelogInStep
      ? await readTail(path.join(dir, CHANGELOG_FILE), path.join(shown, CHANGELOG_FILE), TAIL_BYTES)
      : undefined;
    if (body !== undefined && (letter.changelog === 'on-merge' || tail !== undefined))
      return {
        dir,
        letter,
        body,
        erased: stored.erased,
        key,
        stored,
        db,
        ...(tail === undefined ? {} : { changelogTail: tail }),
      };
  }
  db?.close();
  const full = await loadLetterRefusingErrors(dir, ctx.cwd);
  const names = indexOf(
    full.signatures.map((l) => l.signature),
    full.signatures.map((l) => l.seed),
  ).columns;
  return { dir, letter: full.letter, body: full.body, names, erased: full.erased, key, full };
}

/** The names of `s`, from the index or from the files read. */
export function namesOf(s: AddingState): AddingNames {
  const erasedIds = new Set(s.erased.map((e) => e.id));
  const added = new Set<string>();
  const { stored } = s;
  if (stored) {
    const finder = storedFinder(stored);
    return {
      finder: {
        find: (name, ctx) => finder.find(name, ctx),
        expect: (names) => finder.expect(names),
        add: (n, seed) => {
          added.add(n.id);
          finder.add(n, seed);
        },
      },
      has: (id) => erasedIds.has(id) || added.has(id) || stored.has(id),
      emailOwners: (contacts) => {
        const ids = Object.keys(contacts).filter((id) => stored.has(id));
        return emailOwners(ids, contacts, (i) => stored.owner(ids[i]!)!);
      },
    };
  }
  const names = s.names!;
  // A copy: the names added to the finder are not (yet) the letter's.
  const index = new NameIndex({
    ids: [...names.ids],
    names: [...names.names],
    statuses: [...names.statuses],
    keys: [...names.keys],
    skeletons: [...names.skeletons],
    translits: [...names.translits],
    contexts: [...names.contexts],
  });
  const taken = new Set([...names.ids, ...erasedIds]);
  return {
    finder: {
      find: (name, ctx) => index.find(name, ctx),
      expect: (list) => index.expect(list),
      add: (n, seed) => {
        taken.add(n.id);
        index.add(n, seed);
      },
    },
    has: (id) => taken.has(id),
    emailOwners: (contacts) =>
      emailOwners(names.ids, contacts, (i) => ({
        id: names.ids[i]!,
        name: names.names[i]!,
        status: names.statuses[i]!,
      })),
  };
}

/**
 * The CHANGELOG.md change that adds `signatures`, when the index says the file is in step:
 * their lines appended when they go after its last line (the file is not read), else
 * inserted; when it is not in step, the whole text, appended when it only adds at the end.
 */
export async function changelogAfter(s: AddingState, ctx: Context, signatures: Signature[]) {
  if (s.changelogTail !== undefined) {
    const appended = changelogLinesAppended(s.dir, s.letter, s.changelogTail, signatures);
    if (appended !== undefined) return appended;
    const shown = shownPath(ctx.cwd, s.dir) || '.';
    const bytes = await readBytes(
      path.join(s.dir, CHANGELOG_FILE),
      path.join(shown, CHANGELOG_FILE),
      Number.MAX_SAFE_INTEGER,
    );
    const inserted =
      bytes === undefined ? undefined : changelogLinesAdded(s.dir, s.letter, bytes, signatures);
    if (inserted !== undefined) return inserted;
  }
  if (s.letter.changelog === 'on-merge') return [];
  s.full ??= await loadLetterRefusingErrors(s.dir, ctx.cwd);
  return changelogChanges(
    s.dir,
    s.letter,
    {
      after: 'events',
      signatures: [...s.full.signatures.map((l) => l.signature), ...signatures],
      erased: s.erased,
    },
    s.full.changelogBytes,
  );
}

/**
 * Called just before the write of new signature files at `paths`: refuses to replace a file
 * that appeared since the letter was read (git, an editor or a script wrote it meanwhile:
 * the names read do not hold it), and notes whether any folder of the letter changed, so
 * that the index is not moved on past a change this command did not make.
 * @throws UserError naming the file; the names kept in the index are dropped first, so that
 *   the next run reads every file.
 */
export async function beforeWrite(s: AddingState, ctx: Context, paths: readonly string[]) {
  for (const p of paths)
    if (existsSync(p)) {
      const db = s.db ?? (await LetterDb.open(s.dir));
      db?.setMeta('names', undefined);
      if (db !== s.db) db?.close();
      throw new UserError(
        `${shownPath(ctx.cwd, p)} appeared while this command ran (written by another program); nothing was written.`,
        'Run the command again: it reads the letter as it is now.',
      );
    }
  s.changedMeanwhile = (await signStateKey(s.dir)) !== s.key;
}

/**
 * Moves the index on to the state after `signatures` were written: the names as they were
 * plus theirs, CHANGELOG.md in step (it was just written whole or lines inserted). After a
 * read of every file, the index keeps the whole letter's names. Closes the index.
 */
export async function moveIndexOn(s: AddingState, signatures: Signature[]): Promise<void> {
  const db = s.db ?? (await LetterDb.open(s.dir));
  if (!db) return;
  try {
    const to = await signStateKey(s.dir);
    const inStep = s.letter.changelog === 'append';
    if (s.changedMeanwhile) db.setMeta('names', undefined);
    else if (s.stored)
      addToSignIndex(
        db,
        s.key,
        to,
        signatures.map((sig) => indexedName(sig)),
        inStep,
      );
    else if (s.names) {
      const index = new NameIndex(s.names);
      for (const sig of signatures) index.add(indexedName(sig));
      writeSignIndex(db, to, s.names, s.erased, inStep);
    }
  } finally {
    db.close();
  }
  trace('add: index written');
}
