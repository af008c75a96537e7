/**
 * What `letter import` reads of a letter and writes to it: the whole letter with the
 * private store's contacts, and the one write of every accepted row.
 */
import type { Context } from '../context.js';
import { type Contact, emailOwners } from '../letter/contacts.js';
import type { ImportPlan } from '../letter/import-plan.js';
import type { Signature } from '../letter/schema.js';
import { trace } from '../trace.js';
import { changelogChanges } from './changelog-file.js';
import {
  loadLetterRefusingErrors,
  signatureChange,
  type ValidLetter,
  withLetterLock,
} from './letter-store.js';
import { contactsChanges, readContacts } from './private-store.js';
import { writeAll } from './transaction.js';

/** The letter as an import sees it, read without its lock: for a dry run or the questions. */
export interface ImportView {
  /** The letter, all its files valid. */
  readonly letter: ValidLetter;
  /** The signature that holds each email already (by `emailKey`), from the private store. */
  readonly emailOwners: ReadonlyMap<string, Signature>;
}

/** The letter as an import sees it under its lock, and the one write of the import. */
export interface ImportState extends ImportView {
  /**
   * Writes every accepted row of `plan` (its signature file, its contact in the private
   * store), and CHANGELOG.md, or none of them (`writeAll`). Call it at most once.
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
    const { view, contacts } = await readState(dir, ctx);
    return fn({
      ...view,
      record: (plan) => writeAccepted(dir, view.letter, plan, contacts, ctx.cwd),
    });
  });
}

async function readState(
  dir: string,
  ctx: Context,
): Promise<{ view: ImportView; contacts: Record<string, Contact> }> {
  const letter = await loadLetterRefusingErrors(dir, ctx.cwd);
  const contacts = await readContacts(dir, ctx.cwd);
  const signatures = letter.signatures.map((s) => s.signature);
  const owners = emailOwners(
    signatures.map((s) => s.id),
    contacts,
    (i) => signatures[i]!,
  );
  return { view: { letter, emailOwners: owners }, contacts };
}

/** Writes every accepted row, the contacts and the changelog, or none of them. */
async function writeAccepted(
  dir: string,
  letter: ValidLetter,
  plan: ImportPlan,
  contacts: Record<string, Contact>,
  cwd: string,
): Promise<string[]> {
  trace('import: planned');
  const withContacts = plan.toAdd.filter((r) => r.contact.email || r.contact.phone);
  for (const r of withContacts) contacts[r.signature.id] = r.contact;
  const all = [...letter.signatures.map((s) => s.signature), ...plan.toAdd.map((r) => r.signature)];
  const files = plan.toAdd.map((r) => signatureChange(letter, r.signature));
  trace('import: files made');
  // Appended when the import's lines all go after the file's last line.
  const changelog = changelogChanges(
    dir,
    letter.letter,
    {
      after: 'events',
      signatures: all,
      erased: letter.erased,
      keys: letter.signatures.map((s) => s.key),
    },
    letter.changelogBytes,
  );
  trace('import: changelog made');
  return writeAll([
    ...files,
    ...(withContacts.length > 0 ? await contactsChanges(dir, contacts, cwd) : []),
    ...changelog,
  ]);
}
