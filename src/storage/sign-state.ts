/**
 * What `letter sign` reads of a letter and writes to it: the letter as adding-state.ts reads
 * it (names from the letter's index when it is in step, so that a sign onto a large letter
 * reads neither every signature file nor every name), and the one write of the sign.
 */
import type { Context } from '../context.js';
import { type Contact, emailKey } from '../letter/contacts.js';
import type { LetterFile, Signature } from '../letter/schema.js';
import type { SignOptions } from '../letter/signatures.js';
import { textVersion } from '../letter/text-version.js';
import { trace } from '../trace.js';
import {
  type AddingState,
  beforeWrite,
  changelogAfter,
  moveIndexOn,
  namesOf,
  readAddingState,
} from './adding-state.js';
import { signatureChange, withLetterLock } from './letter-store.js';
import { contactsChange, privateChanges, readContacts } from './private-store.js';
import { type FileChange, writeAll } from './transaction.js';

/** What the domain's `sign` (letter/signatures.ts) is told of the letter: all but whether to allow a similar name. */
export type SignRules = Omit<SignOptions, 'allowSimilar'>;

/** The letter as a sign sees it, read without its lock: for a preview or a dry run. */
export interface SignView {
  /** letter.yaml as it is now. */
  readonly letter: LetterFile;
  /**
   * What the domain's `sign` needs to know of the letter for a signatory with `contact`: the
   * erasure records, the text version, the name index, the ids taken and, with an email, who
   * holds each email already (read from the private store).
   * @throws InvalidLetter when the private store is not valid.
   */
  rules(contact: Contact): Promise<SignRules>;
}

/** The letter as a sign sees it under its lock, and the one write of the sign. */
export interface SignState extends SignView {
  /**
   * Writes the signature file, the contact and `privateFiles` (other files of the private
   * store: an invitation, a consent record; see `privateChanges`), and
   * CHANGELOG.md (one line added when the index knows it is in step, else the whole text) as
   * one change (`writeAll`), then moves the letter index on. Call it at most once.
   * @returns the absolute paths written, in order.
   * @throws UserError when git tracks the private store (nothing is written then).
   */
  record(signature: Signature, contact: Contact, privateFiles?: FileChange[]): Promise<string[]>;
}

/**
 * Reads the letter in `dir` as a sign sees it, without taking its lock (nothing is written).
 * @throws InvalidLetter when a file of the letter has errors.
 */
export async function readSignView(dir: string, ctx: Context): Promise<SignView> {
  return new LetterState(await readAddingState(dir, ctx), ctx);
}

/**
 * Runs `fn` under the letter's lock (see `withLetterLock`) with the letter as it is now;
 * `fn` calls the domain and `state.record` once to write.
 * @throws InvalidLetter when a file of the letter has errors; whatever `fn` throws.
 */
export function withSignState<T>(
  dir: string,
  ctx: Context,
  fn: (state: SignState) => Promise<T>,
): Promise<T> {
  return withLetterLock(dir, async () => {
    const state = await readAddingState(dir, ctx);
    try {
      return await fn(new LetterState(state, ctx));
    } finally {
      state.db?.close();
    }
  });
}

class LetterState implements SignState {
  readonly letter: LetterFile;
  private contacts: Record<string, Contact> | undefined;

  constructor(
    private readonly s: AddingState,
    private readonly ctx: Context,
  ) {
    this.letter = s.letter;
  }

  async rules(contact: Contact): Promise<SignRules> {
    const names = namesOf(this.s);
    const contacts = contact.email ? await this.contactsNow() : {};
    return {
      erased: this.s.erased,
      textVersion: textVersion(this.s.body),
      index: names.finder,
      takenIds: names,
      ...(contact.email
        ? { email: { key: emailKey(contact.email), owners: names.emailOwners(contacts) } }
        : {}),
    };
  }

  async record(
    signature: Signature,
    contact: Contact,
    privateFiles: FileChange[] = [],
  ): Promise<string[]> {
    const { dir } = this.s;
    const signatureFile = signatureChange(
      { dir, letter: this.letter, files: new Map() },
      signature,
    );
    const withContact = Boolean(contact.email || contact.phone);
    await beforeWrite(this.s, this.ctx, [signatureFile.path]);
    const files = await writeAll([
      signatureFile,
      ...(withContact || privateFiles.length > 0
        ? await privateChanges(
            dir,
            [
              ...(withContact
                ? [contactsChange(dir, { ...(await this.contactsNow()), [signature.id]: contact })]
                : []),
              ...privateFiles,
            ],
            this.ctx.cwd,
          )
        : []),
      ...(await changelogAfter(this.s, this.ctx, [signature])),
    ]);
    trace('sign: written');
    await moveIndexOn(this.s, [signature]);
    trace('sign: index written');
    return files;
  }

  /** The private store's contacts, read once. */
  private async contactsNow(): Promise<Record<string, Contact>> {
    this.contacts ??= await readContacts(this.s.dir, this.ctx.cwd);
    return this.contacts;
  }
}
