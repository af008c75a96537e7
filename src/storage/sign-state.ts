/**
 * What `letter sign` reads of a letter and writes to it. A sign onto a large letter should
 * read neither every signature file nor the whole changelog, so this module keeps the letter
 * index (letter-index.ts) and its invariants, and the command never sees them: the letter is
 * read from the index when no file changed since the last sign (the scan sum of the
 * signature files matches the index key) and CHANGELOG.md can take one more line, else from
 * every file; after the one write of a sign, the index key is moved on by the file added.
 */
import path from 'node:path';
import type { Context } from '../context.js';
import { type Contact, emailKey, emailOwners } from '../letter/contacts.js';
import { type IndexedName, type NameColumns, NameIndex } from '../letter/duplicates.js';
import type { ErasedRecord, LetterFile, Signature } from '../letter/schema.js';
import { indexOf, type SignOptions } from '../letter/signatures.js';
import { textVersion } from '../letter/text-version.js';
import { trace } from '../trace.js';
import { changelogChanges, changelogLineAdded } from './changelog-file.js';
import { STAT_WIDTH, statInto } from './file-stats.js';
import { CHANGELOG_FILE, readBytes, readText, SIGNATURES_DIR } from './layout.js';
import { type IndexOrigin, indexKey, readLetterIndex, writeLetterIndex } from './letter-index.js';
import {
  loadLetterRefusingErrors,
  loadLetterYamlRefusingErrors,
  signatureChange,
  type ValidLetter,
  withLetterLock,
} from './letter-store.js';
import { contactsChanges, readContacts } from './private-store.js';
import { addToSum, type ScanSum, scanSignatures, scanSum } from './signature-scan.js';
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
  return withLetterLock(dir, async () => fn(new LetterState(await readState(dir, ctx), ctx)));
}

/** What a sign read of the letter: from the index, or from every file (`full`). */
interface ReadState {
  dir: string;
  letter: LetterFile;
  body: string;
  names: NameColumns;
  erased: ErasedRecord[];
  /** The sum of the signature files (see signature-scan.ts), for the next index key. */
  sum: ScanSum;
  /** The whole letter, when it was read (no usable index). */
  full?: ValidLetter;
  /** CHANGELOG.md's bytes, when the index says they are in step with the signatures. */
  changelog?: Buffer;
  /** The index file the names came from, if they did. */
  origin?: IndexOrigin;
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
    const { names, erased } = this.s;
    const owner = (i: number): IndexedName => ({
      id: names.ids[i]!,
      name: names.names[i]!,
      status: names.statuses[i]!,
    });
    const owners = contact.email
      ? emailOwners(names.ids, await this.contactsNow(), owner)
      : new Map<string, IndexedName>();
    return {
      erased,
      textVersion: textVersion(this.s.body),
      index: new NameIndex(names),
      takenIds: new Set([...names.ids, ...erased.map((e) => e.id)]),
      ...(contact.email ? { email: { key: emailKey(contact.email), owners } } : {}),
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
    await this.moveIndexOn(signature, signatureFile.path);
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
   * Moves the letter index on to the state after the sign: the files as they were, plus the
   * signature file just written at `file`, and CHANGELOG.md in step (it was just written
   * whole or one line added). Nothing happens when the file cannot be stat-ed: the next
   * sign reads the whole letter.
   */
  private async moveIndexOn(signature: Signature, file: string): Promise<void> {
    const s = this.s;
    const identity = new Float64Array(STAT_WIDTH);
    statInto([file], identity);
    if (identity[0] === 0) return;
    const sum = { ...s.sum };
    addToSum(
      sum,
      `${path.relative(path.join(s.dir, SIGNATURES_DIR), path.dirname(file))}/${path.basename(file)}`,
      [1, ...identity.subarray(1)],
    );
    // The columns the sign's name index adopted: adding to the index adds to them.
    new NameIndex(s.names).add(signature);
    await writeLetterIndex(
      s.dir,
      await indexKey(s.dir, sum),
      {
        sum,
        names: s.names,
        erased: s.erased,
        changelogInStep: s.letter.changelog === 'append',
      },
      s.origin,
    );
  }
}

/**
 * The letter as it is now: from the letter index when no file changed since the last sign
 * and CHANGELOG.md can take one more line; else from every file.
 * @throws InvalidLetter when a file of the letter has errors.
 */
async function readState(dir: string, ctx: Context): Promise<ReadState> {
  const shown = path.relative(ctx.cwd, dir) || '.';
  trace('sign: scan');
  const scan = await scanSignatures(dir, shown, 0.3);
  // The index is read while a worker stats most of the files; its key is then checked against them.
  const statting = scan.stats;
  trace('sign: read index');
  const stored = await readLetterIndex(dir);
  await statting;
  trace('sign: sum');
  const sum = await scanSum(scan);
  trace('sign: state known');
  if (stored && stored.key === (await indexKey(dir, sum))) {
    const letter = await loadLetterYamlRefusingErrors(dir, ctx.cwd);
    const body = await readText(path.join(dir, letter.body), path.join(shown, letter.body));
    const changelog = stored.index.changelogInStep
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
        names: stored.index.names,
        erased: stored.index.erased,
        sum,
        origin: stored.origin,
        ...(changelog === undefined ? {} : { changelog }),
      };
  }
  const full = await loadLetterRefusingErrors(dir, ctx.cwd, scan);
  const names = indexOf(
    full.signatures.map((l) => l.signature),
    full.signatures.map((l) => l.seed),
  ).columns;
  return { dir, letter: full.letter, body: full.body, names, erased: full.erased, sum, full };
}
