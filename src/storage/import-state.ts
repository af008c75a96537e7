/**
 * What `letter import` reads of a letter and writes to it: the letter as adding-state.ts
 * reads it (its names from the letter's index when it is in step, so that an import onto a
 * large letter reads neither every signature file nor every name), the private store's
 * contacts, and the one write of every accepted row.
 */
import type { Context } from '../context.js';
import type { Contact } from '../letter/contacts.js';
import type { IndexedName } from '../letter/duplicates.js';
import type { ImportPlan } from '../letter/import-plan.js';
import type { ErasedRecord, LetterFile, Signature } from '../letter/schema.js';
import { trace } from '../trace.js';
import {
  type AddingNames,
  type AddingState,
  beforeWrite,
  changelogAfter,
  moveIndexOn,
  namesOf,
  readAddingState,
} from './adding-state.js';
import { signatureChange, withLetterLock } from './letter-store.js';
import { contactsChanges, readContacts } from './private-store.js';
import { writeAll } from './transaction.js';

/** The letter as an import sees it, read without its lock: for a dry run or the questions. */
export interface ImportView {
  /** letter.yaml and the body, as they are now. */
  readonly letter: LetterFile;
  readonly body: string;
  readonly erased: readonly ErasedRecord[];
  /** The signatures, when every file was read; empty when the names come from the letter's index (see `names`). */
  readonly signatures: readonly Signature[];
  /** The names of the letter, afresh for each plan (rows a plan adds go into its own). */
  names(): AddingNames;
  /** The signature that holds each email already (by `emailKey`), from the private store. */
  readonly emailOwners: ReadonlyMap<string, IndexedName>;
}

/** The letter as an import sees it under its lock, and the one write of the import. */
export interface ImportState extends ImportView {
  /**
   * Writes every accepted row of `plan` (its signature file, its contact in the private
   * store), and CHANGELOG.md, or none of them (`writeAll`), then moves the letter's index on.
   * Call it at most once.
   * @returns the absolute paths written, in order.
   * @throws UserError when git tracks the private store (nothing is written then).
   */
  record(plan: ImportPlan): Promise<string[]>;
}

/**
 * Reads the letter in `dir` as an import sees it, without taking its lock.
 * @throws InvalidLetter when a file of the letter, or its private store, has errors.
 */
export async function readImportView(dir: string, ctx: Context): Promise<ImportView> {
  // The index stays open for the plans the view makes (closed as the process ends).
  return (await readState(dir, ctx)).view;
}

/**
 * Runs `fn` under the letter's lock (see `withLetterLock`) with the letter as it is now;
 * `fn` plans the import and calls `state.record` once to write.
 * @throws InvalidLetter as `readImportView`; whatever `fn` throws.
 */
export function withImportState<T>(
  dir: string,
  ctx: Context,
  fn: (state: ImportState) => Promise<T>,
): Promise<T> {
  return withLetterLock(dir, async () => {
    const { view, state, contacts } = await readState(dir, ctx);
    try {
      return await fn({
        ...view,
        record: (plan) => writeAccepted(state, plan, contacts, ctx),
      });
    } finally {
      state.db?.close();
    }
  });
}

async function readState(
  dir: string,
  ctx: Context,
): Promise<{ view: ImportView; state: AddingState; contacts: Record<string, Contact> }> {
  const state = await readAddingState(dir, ctx);
  const contacts = await readContacts(dir, ctx.cwd);
  const view: ImportView = {
    letter: state.letter,
    body: state.body,
    erased: state.erased,
    signatures: state.stored ? [] : (state.full?.signatures.map((l) => l.signature) ?? []),
    names: () => namesOf(state),
    emailOwners: namesOf(state).emailOwners(contacts),
  };
  return { view, state, contacts };
}

/** Writes every accepted row, the contacts and the changelog, or none of them; then moves the index on. */
async function writeAccepted(
  state: AddingState,
  plan: ImportPlan,
  contacts: Record<string, Contact>,
  ctx: Context,
): Promise<string[]> {
  const { dir, letter } = state;
  trace('import: planned');
  const withContacts = plan.toAdd.filter((r) => r.contact.email || r.contact.phone);
  for (const r of withContacts) contacts[r.signature.id] = r.contact;
  const added = plan.toAdd.map((r) => r.signature);
  const files = added.map((sig) => signatureChange({ dir, letter, files: new Map() }, sig));
  await beforeWrite(
    state,
    ctx,
    files.map((f) => f.path),
  );
  const written = await writeAll([
    ...files,
    ...(withContacts.length > 0 ? await contactsChanges(dir, contacts, ctx.cwd) : []),
    ...(await changelogAfter(state, ctx, added)),
  ]);
  trace('import: written');
  if (added.length > 0) await moveIndexOn(state, added);
  return written;
}
