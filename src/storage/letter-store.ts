/**
 * The only module that touches a letter's files. Layout of `letters/<slug>/`:
 * `letter.yaml`, the body (`letter.md`), `signatures/<id>.yaml`, `CHANGELOG.md`.
 * Reads never throw on bad content: they return problems with file, line and column.
 * Writes are atomic (write-file-atomic: a temporary file renamed over the old one) and
 * run under a lock on the letter folder (proper-lockfile), so two processes signing at
 * once both land.
 */
import { isUtf8 } from 'node:buffer';
import { existsSync, readFileSync } from 'node:fs';
import { readdir, rmdir, utimes } from 'node:fs/promises';
import path from 'node:path';
import type { Locate } from '../errors.js';
import { InvalidLetter, type Problem, problem, UserError } from '../errors.js';
import {
  ERASED_KEY_ORDER,
  type ErasedRecord,
  LETTER_KEY_ORDER,
  type LetterFile,
  letterSchema,
  SIGNATURE_KEY_ORDER,
  type Signature,
} from '../letter/schema.js';
import {
  CHANGELOG_FILE,
  conflictMarker,
  decodeUtf8,
  LETTER_FILE,
  MAX_LETTER_BYTES,
  readBytes,
  readText,
  SIGNATURES_DIR,
  signatureFileName,
  strayFiles,
} from './layout.js';
import { schemaHeader } from './schema-files.js';
import { type FileIndex, type LoadedSignature, loadSignatures } from './signature-files.js';
import type { SignatureScan } from './signature-scan.js';

export { resolveLetterDir } from './layout.js';

import { shownPath } from '../shown-path.js';
import {
  claim,
  disclaim,
  hasJournal,
  journalDir,
  lockOwnerDied,
  reportRecovery,
  rollBack,
} from './journal.js';
import { type FileChange, holds, whileHeld } from './transaction.js';
import { parseYaml, stringifyYaml } from './yaml.js';

export type { LoadedSignature } from './signature-files.js';

/**
 * A letter folder as read from disk. `letter` is undefined when letter.yaml is invalid;
 * signatures whose file is invalid are left out of `signatures` and reported in `problems`.
 */
export interface LoadedLetter {
  /** Absolute path of the folder. */
  dir: string;
  /** The folder as the user should see it (relative to the working directory). */
  shown: string;
  letter: LetterFile | undefined;
  letterFile: string;
  locateLetter: Locate;
  body: string | undefined;
  bodyFile: string;
  /** The bodies of the translations letter.yaml declares, by language (undefined when the file is missing). */
  translations: Record<string, { file: string; text: string | undefined }>;
  signatures: LoadedSignature[];
  /** Erasure records (`signatures/erased-*.yaml`). */
  erased: ErasedRecord[];
  /** CHANGELOG.md as text (decoded when first asked for; not copied by a spread) and as bytes. */
  changelog: string | undefined;
  changelogBytes: Buffer | undefined;
  changelogFile: string;
  /** Signature files that failed to parse or validate (left out of `signatures`). */
  unreadSignatures: number;
  /** Absolute paths of the files of signatures and erasure records, by id. */
  files: FileIndex;
  /** The text of letter.yaml, the body, its translations and CHANGELOG.md (with its bytes, decoded when `text` is asked for), for checks that scan text. */
  texts: { file: string; text: string; bytes?: Uint8Array }[];
  /** Email addresses and phone numbers found in signature files (errors that `letter check` reports). */
  contacts: Problem[];
  problems: Problem[];
}

/**
 * Reads every file of the letter in `dir`, tolerating every error in them: each is a problem
 * in `problems` (file, line, column), an invalid signature file is left out of `signatures`,
 * an invalid letter.yaml leaves `letter` undefined. For `letter check` and `letter fmt`.
 * `cwd` decides how file names are shown.
 * @throws UserError when a write to the letter was interrupted (see `refuseUnfinishedWrite`).
 * Signature files unchanged since the last run come from the letter's index (see letter-db.ts);
 * `scan`, a `scanSignatures` of the letter just made, saves listing them again. With
 * `checking`, the files parsed also give the keys the rules of `letter check` need, made on
 * the parse threads (see `DeriveKeys`). With `lean` (commands that read or publish the list
 * and write nothing), what only checks and writes need is not kept: the name keys of the
 * index (see `loadSignatures`), and CHANGELOG.md, which is read for merge-conflict markers
 * and then read again only if `changelogBytes` or `changelog` is asked for (it is left out
 * of `texts`): a letter of a million does not hold its 90 MB.
 */
export async function loadLetterAllowingErrors(
  dir: string,
  cwd: string,
  scan?: SignatureScan,
  how: { checking?: boolean; lean?: boolean } = {},
): Promise<LoadedLetter> {
  const { checking = false, lean = false } = how;
  const shown = shownPath(cwd, dir) || '.';
  await refuseUnfinishedWrite(dir, shown);
  const rel = (...parts: string[]) => path.join(shown, ...parts);
  const problems: Problem[] = [];
  const letterFile = rel(LETTER_FILE);
  const texts: LoadedLetter['texts'] = [];
  const letterText =
    (await readText(path.join(dir, LETTER_FILE), letterFile, problems, MAX_LETTER_BYTES)) ?? '';
  texts.push({ file: letterFile, text: letterText });
  const letterConflict = conflictMarker(letterText, letterFile);
  const parsedLetter = letterConflict
    ? { value: undefined, problems: [letterConflict], locate: () => ({ line: 1, column: 1 }) }
    : parseYaml(letterText, letterFile, letterSchema);
  problems.push(...parsedLetter.problems);
  const letter = parsedLetter.value;

  const bodyName = letter?.body ?? 'letter.md';
  const bodyFile = rel(bodyName);
  const body = await readText(path.join(dir, bodyName), bodyFile, problems);
  if (body !== undefined) texts.push({ file: bodyFile, text: body });
  const bodyConflict = body === undefined ? undefined : conflictMarker(body, bodyFile);
  if (bodyConflict) problems.push(bodyConflict);
  const translations: LoadedLetter['translations'] = {};
  for (const lang of Object.keys(letter?.translations ?? {})) {
    const file = rel(`letter.${lang}.md`);
    const text = await readText(path.join(dir, `letter.${lang}.md`), file, problems);
    translations[lang] = { file, text };
    const conflict = text === undefined ? undefined : conflictMarker(text, file);
    if (conflict) problems.push(conflict);
    if (text !== undefined) texts.push({ file, text });
  }
  if (letter && body === undefined)
    problems.push(
      problem(
        'missing-body',
        { file: letterFile, ...parsedLetter.locate(['body']) },
        `the body file ${bodyName} does not exist`,
        `create ${bodyFile} or fix the body field`,
      ),
    );

  const {
    signatures,
    erased,
    files,
    contacts,
    unread: unreadSignatures,
  } = await loadSignatures(
    dir,
    shown,
    letter ? (letter.layout ?? 'flat') : undefined,
    problems,
    scan,
    checking && letter ? { language: letter.language } : undefined,
    lean,
  );

  problems.push(...(await strayFiles(dir, shown, bodyName)));
  const changelogFile = rel(CHANGELOG_FILE);
  // The changelog grows with the letter (about 90 bytes an event): no size limit of its own.
  // It is kept as bytes and decoded only when asked for: a million events make 300 MB of text.
  let changelogBytes = await readBytes(
    path.join(dir, CHANGELOG_FILE),
    changelogFile,
    Number.MAX_SAFE_INTEGER,
  );
  let changelogText: string | undefined;
  const decodeChangelog = (): string | undefined => {
    if (changelogBytes === undefined) return lean ? decodeKept() : undefined;
    if (changelogText === undefined) {
      const decoded = decodeUtf8(changelogBytes, changelogFile);
      changelogText = 'text' in decoded ? decoded.text : '';
    }
    return changelogText;
  };
  if (changelogBytes !== undefined) {
    if (!isUtf8(changelogBytes)) {
      const decoded = decodeUtf8(changelogBytes, changelogFile);
      if ('problem' in decoded) problems.push(decoded.problem);
    }
    if (!lean)
      texts.push({
        file: changelogFile,
        bytes: changelogBytes,
        get text() {
          return decodeChangelog()!;
        },
      });
    const changelogConflict = mayHoldConflict(changelogBytes)
      ? conflictMarker(decodeChangelog()!, changelogFile)
      : undefined;
    if (changelogConflict)
      problems.push({
        ...changelogConflict,
        hint: `take either side, then run: letter changelog ${shown}`,
      });
  }
  // Lean: the bytes are let go here, and read again (as they are then) only when asked for.
  const present = changelogBytes !== undefined;
  if (lean) {
    changelogBytes = undefined;
    changelogText = undefined;
  }
  const changelogPath = path.join(dir, CHANGELOG_FILE);
  const keptBytes = (): Buffer | undefined =>
    present && existsSync(changelogPath) ? readFileSync(changelogPath) : undefined;
  const decodeKept = (): string | undefined => {
    const bytes = keptBytes();
    if (bytes === undefined) return undefined;
    const decoded = decodeUtf8(bytes, changelogFile);
    return 'text' in decoded ? decoded.text : '';
  };
  const loaded = {
    dir,
    shown,
    letter,
    letterFile,
    locateLetter: parsedLetter.locate,
    body,
    bodyFile,
    translations,
    signatures,
    erased,
    files,
    changelogBytes,
    changelogFile,
    unreadSignatures,
    texts,
    contacts,
    problems,
  };
  // Not enumerable: a copy of the letter ({ ...loaded }) does not decode it.
  Object.defineProperty(loaded, 'changelog', { get: decodeChangelog, enumerable: false });
  if (lean) Object.defineProperty(loaded, 'changelogBytes', { get: keptBytes, enumerable: false });
  return loaded as typeof loaded & { changelog: string | undefined };
}

/** Whether `bytes` may hold merge-conflict markers (seven <, = or > at the start of a line); a quick test before a decode. */
function mayHoldConflict(bytes: Buffer): boolean {
  return ['<<<<<<<', '=======', '>>>>>>>'].some((m) => bytes.includes(m));
}

/**
 * Reads and validates letter.yaml alone (no signatures), tolerating no error in it, for
 * what must be known before taking the letter's lock, such as the groups to offer at a prompt.
 * @throws InvalidLetter when letter.yaml has errors.
 */
export async function loadLetterYamlRefusingErrors(dir: string, cwd: string): Promise<LetterFile> {
  const file = path.join(shownPath(cwd, dir) || '.', LETTER_FILE);
  const problems: Problem[] = [];
  const parsed = parseYaml(
    (await readText(path.join(dir, LETTER_FILE), file, problems, MAX_LETTER_BYTES)) ?? '',
    file,
    letterSchema,
  );
  if (problems.length > 0) throw new InvalidLetter(problems);
  if (!parsed.value) throw new InvalidLetter(parsed.problems);
  return parsed.value;
}

/** A letter whose files all parsed and validated. */
export interface ValidLetter extends LoadedLetter {
  letter: LetterFile;
  body: string;
}

/**
 * Loads a letter tolerating no error in any of its files (warnings do not count), for the
 * commands that write it or publish it whole; `scan` and `how.lean` (for a command that
 * publishes and writes nothing to the letter) as for `loadLetterAllowingErrors`.
 * @throws InvalidLetter listing the errors.
 */
export async function loadLetterRefusingErrors(
  dir: string,
  cwd: string,
  scan?: SignatureScan,
  how: { lean?: boolean } = {},
): Promise<ValidLetter> {
  const loaded = await loadLetterAllowingErrors(dir, cwd, scan, how);
  const errors = loaded.problems.filter((p) => p.severity === 'error');
  if (errors.length > 0 || !loaded.letter || loaded.body === undefined)
    throw new InvalidLetter(errors);
  return loaded as ValidLetter;
}

/** A file a loader left out: the first of its errors. */
export interface SkippedFile {
  file: string;
  line: number;
  column: number;
  reason: string;
}

/** A letter whose letter.yaml is valid; the files with errors are left out and named in `skipped`. */
export type LetterSkippingInvalidFiles = LoadedLetter & {
  letter: LetterFile;
  /** The files left out, each once, in the order their errors were found. */
  skipped: SkippedFile[];
};

/**
 * Loads a letter for commands that only read it (list, log, stats, export, the GitHub sign
 * files), tolerating errors in every file but letter.yaml: a signature file with errors is
 * left out of `signatures`, and every file with errors is named in `skipped` for the
 * command's result. `cwd` decides how file names are shown.
 * @throws InvalidLetter when letter.yaml has errors.
 */
export async function loadLetterSkippingInvalidFiles(
  dir: string,
  cwd: string,
): Promise<LetterSkippingInvalidFiles> {
  const loaded = await loadLetterAllowingErrors(dir, cwd, undefined, { lean: true });
  const errors = loaded.problems.filter((p) => p.severity === 'error');
  if (!loaded.letter) throw new InvalidLetter(errors);
  const skipped = new Map<string, SkippedFile>();
  for (const p of errors)
    if (!skipped.has(p.file))
      skipped.set(p.file, { file: p.file, line: p.line, column: p.column, reason: p.message });
  // Assigned, not spread: the letter's changelog is a getter that a copy would decode.
  return Object.assign(loaded as LoadedLetter & { letter: LetterFile }, {
    skipped: [...skipped.values()],
  });
}

/**
 * The text of a signature file, keys in their canonical order; with `place` (the letter
 * folder and the file's absolute path), headed by its schema line for editors (schema-files.ts).
 */
export function signatureText(sig: Signature, place?: { dir: string; file: string }): string {
  const { id: _id, ...fields } = sig;
  const body = stringifyYaml(fields, SIGNATURE_KEY_ORDER);
  return place === undefined ? body : schemaHeader(place.dir, place.file, 'signature') + body;
}

/** The text of letter.yaml in canonical form, headed by its schema line. */
export function letterText(letter: Record<string, unknown>, dir: string): string {
  return (
    schemaHeader(dir, path.join(dir, LETTER_FILE), 'letter') +
    stringifyYaml(letter, LETTER_KEY_ORDER)
  );
}

/** Where a letter's signature files are written: its folder, its layout, and the files it has now. */
export interface SignatureTarget {
  dir: string;
  letter: Pick<LetterFile, 'layout'> | undefined;
  /** Absolute paths of the files there are, by id (see `LoadedLetter.files`). */
  files: FileIndex;
}

/** The absolute path of the file of `id`: where it is now, else where the letter's layout puts it (see layout.ts). */
export function signaturePath(at: SignatureTarget, id: string): string {
  return at.files.get(id) ?? path.join(at.dir, signatureFileName(id, at.letter?.layout));
}

/** The change that writes the file of a signature (see transaction.ts). */
export function signatureChange(at: SignatureTarget, sig: Signature): FileChange {
  const file = signaturePath(at, sig.id);
  return { path: file, text: signatureText(sig, { dir: at.dir, file }) };
}

/** The change that writes an erasure record, `erased-<hash>.yaml`. */
export function erasedChange(at: SignatureTarget, record: ErasedRecord): FileChange {
  const { id, ...fields } = record;
  return { path: signaturePath(at, id), text: stringifyYaml(fields, ERASED_KEY_ORDER) };
}

/** The change that deletes the file of signature `id` (only erasure does this; a withdrawal keeps the file). */
export function removeSignatureChange(at: SignatureTarget, id: string): FileChange {
  return { path: signaturePath(at, id), text: null };
}

/** The text of a signature file (absolute path), as it is on disk, for `letter fmt` to compare. @throws the read error. */
export function signatureFileText(file: string): string {
  return readFileSync(file, 'utf8');
}

/** Deletes the shard folders of the letter in `dir` that a move to the flat layout left empty. */
export async function removeEmptyShards(dir: string): Promise<void> {
  const sigDir = path.join(dir, SIGNATURES_DIR);
  for (const d of await readdir(sigDir, { withFileTypes: true }).catch(() => []))
    if (d.isDirectory()) await rmdir(path.join(sigDir, d.name)).catch(() => {});
}

/**
 * A letter with a journal (journal.ts) is half-written, or being written by another process:
 * a reader does not read it, and never repairs it itself (a read-only command such as
 * `check` must not change the files it checks; a journal committed by mistake or malice
 * would otherwise rewrite them). Any command that takes the lock undoes the write first.
 * @throws UserError naming the command that undoes it.
 */
async function refuseUnfinishedWrite(dir: string, shown: string): Promise<void> {
  if (holds(dir) || !(await hasJournal(dir))) return;
  await refuseTrackedJournal(dir);
  throw new UserError(
    `A write to ${shown} did not finish (killed part-way, or still under way): ${path.relative(path.dirname(dir), journalDir(dir))}/ beside it records it, and the letter is not read until it is undone.`,
    `Undo it (any command that writes the letter does so first): letter changelog ${shown}`,
  );
}

/**
 * A journal that git tracks came from a commit (a pull request, by mistake or malice), never
 * from a killed `letter`, which writes it beside the letter where git ignores it: it is
 * never undone, since undoing it would write whatever the commit put in it.
 * @throws UserError naming the git command that takes it out.
 */
async function refuseTrackedJournal(dir: string): Promise<void> {
  const { trackedFiles } = await import('../git.js');
  const journal = journalDir(dir);
  const tracked = await trackedFiles(path.dirname(journal), path.basename(journal));
  if (!tracked || tracked.length === 0) return;
  const shown = path.basename(journal);
  throw new UserError(
    `${shown}/ beside the letter is tracked by git: letter never commits the record of a write, so this one came from a commit and is not undone.`,
    `Take it out of git and delete it: git rm -r -q -- ${shown} (in ${path.dirname(journal)})`,
  );
}

/**
 * Runs `fn` while holding the letter's lock: a folder `<dir>.lock/` beside the letter
 * (ignored by git). Waits up to about 10 s for another `letter`
 * process; a lock left by a killed process is taken over at once when that process ran on
 * this machine, else after 10 s. Before `fn`, undoes a write that a killed process left
 * unfinished (journal.ts), and tells the run (see run-env.ts). Writes by `writeAll`
 * inside the letter while `fn` runs are journaled.
 */
export async function withLetterLock<T>(dir: string, fn: () => Promise<T>): Promise<T> {
  // Loaded here: only commands that write take the lock.
  const { default: lockfile } = await import('proper-lockfile');
  const lock = `${dir}.lock`;
  // Stale at once for proper-lockfile, which then takes it over.
  if (await lockOwnerDied(dir)) await utimes(lock, 0, 0).catch(() => {});
  const release = await lockfile.lock(dir, {
    lockfilePath: lock,
    stale: 10_000,
    retries: { retries: 100, minTimeout: 20, maxTimeout: 200, randomize: true },
  });
  try {
    // Named first, so that a kill from here on leaves a lock the next command takes at once.
    await claim(dir);
    // git is asked only when a record is there to undo.
    if (await hasJournal(dir)) await refuseTrackedJournal(dir);
    const recovered = await rollBack(dir).catch((e: Error) => {
      const record = path.basename(journalDir(dir));
      throw new UserError(
        `The record of an unfinished write beside the letter, ${record}/, cannot be undone: ${e.message}. Nothing was written.`,
        `letter writes that record itself and never commits it: look at ${record}/ and delete it if you did not make it.`,
      );
    });
    if (recovered) reportRecovery(recovered);
    return await whileHeld(dir, fn);
  } finally {
    // A record a failed undo left stays for the next command.
    if (!(await hasJournal(dir).catch(() => true))) await disclaim(dir).catch(() => {});
    await release();
  }
}
