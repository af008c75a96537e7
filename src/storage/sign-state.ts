/**
 * What `letter sign` reads of a letter and writes to it. A sign onto a large letter should
 * read neither every signature file nor every name, so this module keeps the names in the
 * letter's index (sign-index.ts) and their invariants, and the command never sees them: the
 * names are looked up in the index when the letter is in the state they were kept for (see
 * `signStateKey`: no folder of the letter changed) and CHANGELOG.md can take one more line,
 * else read from every file and kept again; after the one write of a sign, the index is
 * moved on by the name added.
 */
import path from 'node:path';
import type { Context } from '../context.js';
import { type Contact, emailKey, emailOwners } from '../letter/contacts.js';
import {
  type IndexedName,
  type NameColumns,
  type NameFinder,
  NameIndex,
} from '../letter/duplicates.js';
import type { ErasedRecord, LetterFile, Signature } from '../letter/schema.js';
import { indexedName, indexOf, type SignOptions } from '../letter/signatures.js';
import { textVersion } from '../letter/text-version.js';
import { trace } from '../trace.js';
import { changelogChanges, changelogLineAdded } from './changelog-file.js';
import { CHANGELOG_FILE, readBytes, readText } from './layout.js';
import { LetterDb } from './letter-db.js';
import {
  loadLetterRefusingErrors,
  loadLetterYamlRefusingErrors,
  signatureChange,
  type ValidLetter,
  withLetterLock,
} from './letter-store.js';
import { contactsChanges, readContacts } from './private-store.js';
import { addToSignIndex, readSignIndex, type StoredNames, writeSignIndex } from './sign-index.js';
import { signStateKey } from './state-key.js';
import { writeAll } from './transaction.js';

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
   * Writes the signature file, the contact (in the private store, when there is one) and
   * CHANGELOG.md (one line added when the index knows it is in step, else the whole text) as
   * one change (`writeAll`), then moves the letter index on. Call it at most once.
   * @returns the absolute paths written, in order.
   * @throws UserError when git tracks the private store (nothing is written then).
   */
  record(signature: Signature, contact: Contact): Promise<string[]>;
}

/**
 * Reads the letter in `dir` as a sign sees it, without taking its lock (nothing is written).
 * @throws InvalidLetter when a file of the letter has errors.
 */
export async function readSignView(dir: string, ctx: Context): Promise<SignView> {
  return new LetterState(await readState(dir, ctx), ctx);
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
    const state = await readState(dir, ctx);
    try {
      return await fn(new LetterState(state, ctx));
    } finally {
      state.db?.close();
    }
  });
}

/** What a sign read of the letter: its names from the index (`stored`), or every file (`full`). */
interface ReadState {
  dir: string;
  letter: LetterFile;
  body: string;
  erased: ErasedRecord[];
  /** The state of the letter when it was read (see `signStateKey`). */
  key: string;
  /** The names, from the index, and the index they are looked up in (closed after the sign, see `withSignState`). */
  stored?: StoredNames;
  db?: LetterDb;
  /** The whole letter, when it was read (no usable index), and its names. */
  full?: ValidLetter;
  names?: NameColumns;
  /** CHANGELOG.md's bytes, when the index says they are in step with the signatures. */
  changelog?: Buffer;
}

class LetterState implements SignState {
  readonly letter: LetterFile;
  private contacts: Record<string, Contact> | undefined;

  constructor(
    private readonly s: ReadState,
    private readonly ctx: Context,
  ) {
    this.letter = s.letter;
  }

  async rules(contact: Contact): Promise<SignRules> {
    const { erased, stored } = this.s;
    const erasedIds = new Set(erased.map((e) => e.id));
    const contacts = contact.email ? await this.contactsNow() : {};
    let index: NameFinder;
    let has: (id: string) => boolean;
    let ids: readonly string[];
    let owner: (i: number) => IndexedName;
    if (stored) {
      index = stored;
      has = (id) => erasedIds.has(id) || stored.has(id);
      ids = Object.keys(contacts).filter((id) => stored.has(id));
      owner = (i) => stored.owner(ids[i]!)!;
    } else {
      const names = this.s.names!;
      index = new NameIndex(names);
      const taken = new Set([...names.ids, ...erasedIds]);
      has = (id) => taken.has(id);
      ids = names.ids;
      owner = (i) => ({ id: names.ids[i]!, name: names.names[i]!, status: names.statuses[i]! });
    }
    return {
      erased,
      textVersion: textVersion(this.s.body),
      index,
      takenIds: { has },
      ...(contact.email
        ? { email: { key: emailKey(contact.email), owners: emailOwners(ids, contacts, owner) } }
        : {}),
    };
  }
  async record(signature: Signature, contact: Contact): Promise<string[]> {
    const { dir } = this.s;
    const signatureFile = signatureChange(
      { dir, letter: this.letter, files: new Map() },
      signature,
    );
    const withContact = Boolean(contact.email || contact.phone);
    const files = await writeAll([
      signatureFile,
      ...(withContact
        ? await contactsChanges(
            dir,
            { ...(await this.contactsNow()), [signature.id]: contact },
            this.ctx.cwd,
          )
        : []),
      ...(await this.changelogAfter(signature)),
    ]);
    trace('sign: written');
    await this.moveIndexOn(signature);
    trace('sign: index written');
    return files;
  }

  /** The private store's contacts, read once. */
  private async contactsNow(): Promise<Record<string, Contact>> {
    this.contacts ??= await readContacts(this.s.dir, this.ctx.cwd);
    return this.contacts;
  }

  /** The CHANGELOG.md change of a sign: one line inserted when the index allows it, else the whole text. */
  private async changelogAfter(signature: Signature) {
    const s = this.s;
    const inserted =
      s.changelog === undefined
        ? undefined
        : changelogLineAdded(s.dir, s.letter, s.changelog, signature);
    if (inserted !== undefined) return inserted;
    if (s.letter.changelog === 'on-merge') return [];
    s.full ??= await loadLetterRefusingErrors(s.dir, this.ctx.cwd);
    return changelogChanges(s.dir, s.letter, {
      after: 'events',
      signatures: [...s.full.signatures.map((l) => l.signature), signature],
      erased: s.erased,
    });
  }

  /**
   * Moves the index on to the state after the sign: the names as they were plus the one
   * just written, CHANGELOG.md in step (it was just written whole or one line added). After
   * a sign that read every file, the index keeps the whole letter's names.
   */
  private async moveIndexOn(signature: Signature): Promise<void> {
    const s = this.s;
    const db = s.db ?? (await LetterDb.open(s.dir));
    if (!db) return;
    try {
      const to = await signStateKey(s.dir);
      const inStep = s.letter.changelog === 'append';
      if (s.stored) addToSignIndex(db, s.key, to, indexedName(signature), inStep);
      else if (s.names) {
        new NameIndex(s.names).add(indexedName(signature));
        writeSignIndex(db, to, s.names, s.erased, inStep);
      }
    } finally {
      if (db !== s.db) db.close();
    }
  }
}

/**
 * The letter as it is now: names from the index when no folder of the letter changed since
 * they were kept and CHANGELOG.md can take one more line; else from every file.
 * @throws InvalidLetter when a file of the letter has errors.
 */
async function readState(dir: string, ctx: Context): Promise<ReadState> {
  const shown = path.relative(ctx.cwd, dir) || '.';
  trace('sign: state key');
  const key = await signStateKey(dir);
  const db = await LetterDb.open(dir);
  const stored = db && readSignIndex(db, key);
  trace('sign: index read');
  if (db && stored) {
    const letter = await loadLetterYamlRefusingErrors(dir, ctx.cwd);
    const body = await readText(path.join(dir, letter.body), path.join(shown, letter.body));
    const changelog = stored.changelogInStep
      ? await readBytes(
          path.join(dir, CHANGELOG_FILE),
          path.join(shown, CHANGELOG_FILE),
          Number.MAX_SAFE_INTEGER,
        )
      : undefined;
    if (body !== undefined && (letter.changelog === 'on-merge' || changelog !== undefined))
      return {
        dir,
        letter,
        body,
        erased: stored.erased,
        key,
        stored,
        db,
        ...(changelog === undefined ? {} : { changelog }),
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
