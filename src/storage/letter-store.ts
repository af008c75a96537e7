/**
 * The only module that touches a letter's files. Layout of `letters/<slug>/`:
 * `letter.yaml`, the body (`letter.md`), `signatures/<id>.yaml`, `CHANGELOG.md`.
 * Reads never throw on bad content: they return problems with file, line and column.
 * Writes are atomic (write-file-atomic: a temporary file renamed over the old one) and
 * run under a lock on the letter folder (proper-lockfile), so two processes signing at
 * once both land.
 */
import { lstatSync, readFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import lockfile from 'proper-lockfile';
import { InvalidLetter, type Problem, UsageError } from '../errors.js';
import {
  ERASED_KEY_ORDER, ERASED_PREFIX, type ErasedRecord, erasedSchema, ID_PATTERN, LETTER_KEY_ORDER, type LetterFile, letterSchema, SIGNATURE_KEY_ORDER,
  type Signature, signatureSchema,
} from '../letter/schema.js';
import type { Locate } from '../errors.js';
import { renderChangelog } from '../letter/changelog.js';
import { type NameSeed, nameSeed } from '../letter/duplicates.js';
import { schemaHeader } from './package-files.js';
import {
  CHANGELOG_FILE, conflictMarker, decodeUtf8, isFile, LETTER_FILE, MAX_LETTER_BYTES, MAX_SIGNATURE_BYTES, readText, SIGNATURES_DIR, strayFiles,
} from './layout.js';
import { ParseCache } from './parse-cache.js';
import type { FileChange } from './transaction.js';
import { parseYaml, parseYamlFast, stringifyYaml } from './yaml.js';

// write-file-atomic writes `<file>.<hash>` beside the file, then renames it over the file.
const ATOMIC_TEMP = /\.yaml\.[0-9a-f]+$/;

/** A signature as loaded, with the file it came from (relative to the working directory) and a locator for its fields. */
export interface LoadedSignature {
  signature: Signature;
  file: string;
  locate: Locate;
  /** The name's costly index keys (see `nameSeed`), cached with the parse. */
  seed: NameSeed;
}

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
  changelog: string | undefined;
  changelogFile: string;
  /** Signature files that failed to parse or validate (left out of `signatures`). */
  unreadSignatures: number;
  /** With `texts`: the text of every public file (letter.yaml, the body, signatures, CHANGELOG.md), for checks that scan text. */
  texts: { file: string; text: string }[];
  problems: Problem[];
}

/**
 * Finds the folder of a letter from what the user typed: a folder holding letter.yaml,
 * or a slug under `letters/`.
 * @returns the absolute path.
 * @throws UsageError when neither exists.
 */
export async function resolveLetterDir(arg: string, cwd: string): Promise<string> {
  const candidates = [path.resolve(cwd, arg)];
  if (!arg.includes('/') && !arg.includes(path.sep)) candidates.push(path.resolve(cwd, 'letters', arg));
  for (const dir of candidates) {
    if (await isFile(path.join(dir, LETTER_FILE), true)) return dir;
  }
  throw new UsageError(`No letter at "${arg}": expected a folder holding ${LETTER_FILE}.`, 'Name a letter folder such as letters/time-to-act.');
}

/** How to load: `texts` keeps the text of every public file (for checks that scan text; it reads every file). */
export interface LoadOptions {
  texts?: boolean;
}

/**
 * A locator that parses the file only when asked: cached signatures have no positions
 * until a problem needs one.
 */
function lazyLocate(full: string, file: string, schema: typeof signatureSchema | typeof erasedSchema): Locate {
  let locate: Locate | undefined;
  return (p) => {
    locate ??= parseYaml(readFileSync(full, 'utf8'), file, schema as typeof signatureSchema).locate;
    return locate(p);
  };
}

/**
 * Reads every file of the letter in `dir`; `cwd` decides how file names are shown.
 * Signature files unchanged since the last run come from the parse cache (see parse-cache.ts).
 */
export async function loadLetter(dir: string, cwd: string, options: LoadOptions = {}): Promise<LoadedLetter> {
  const shown = path.relative(cwd, dir) || '.';
  const rel = (...parts: string[]) => path.join(shown, ...parts);
  const problems: Problem[] = [];
  const letterFile = rel(LETTER_FILE);
  const texts: { file: string; text: string }[] = [];
  const letterText = (await readText(path.join(dir, LETTER_FILE), letterFile, problems, MAX_LETTER_BYTES)) ?? '';
  if (options.texts) texts.push({ file: letterFile, text: letterText });
  const letterConflict = conflictMarker(letterText, letterFile);
  const parsedLetter = letterConflict
    ? { value: undefined, problems: [letterConflict], locate: () => ({ line: 1, column: 1 }) }
    : parseYaml(letterText, letterFile, letterSchema);
  problems.push(...parsedLetter.problems);
  const letter = parsedLetter.value;

  const bodyName = letter?.body ?? 'letter.md';
  const bodyFile = rel(bodyName);
  const body = await readText(path.join(dir, bodyName), bodyFile, problems);
  if (body !== undefined && options.texts) texts.push({ file: bodyFile, text: body });
  const bodyConflict = body === undefined ? undefined : conflictMarker(body, bodyFile);
  if (bodyConflict) problems.push(bodyConflict);
  const translations: LoadedLetter['translations'] = {};
  for (const lang of Object.keys(letter?.translations ?? {})) {
    const file = rel(`letter.${lang}.md`);
    const text = await readText(path.join(dir, `letter.${lang}.md`), file, problems);
    translations[lang] = { file, text };
    const conflict = text === undefined ? undefined : conflictMarker(text, file);
    if (conflict) problems.push(conflict);
    if (text !== undefined && options.texts) texts.push({ file, text });
  }
  if (letter && body === undefined)
    problems.push({ file: letterFile, ...parsedLetter.locate(['body']), severity: 'error', code: 'missing-body', message: `the body file ${bodyName} does not exist`, hint: `create ${bodyFile} or fix the body field` });

  const signatures: LoadedSignature[] = [];
  const erased: ErasedRecord[] = [];
  let unreadSignatures = 0;
  const sigDir = path.join(dir, SIGNATURES_DIR);
  let entries: string[] = [];
  try {
    entries = (await readdir(sigDir)).sort();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  const cache = await ParseCache.open(sigDir);
  for (const entry of entries) {
    const file = rel(SIGNATURES_DIR, entry);
    const id = entry.replace(/\.yaml$/, '');
    if (ATOMIC_TEMP.test(entry)) {
      problems.push({
        file, line: 1, column: 1, severity: 'warning', code: 'temporary-file',
        message: `"${entry}" is the temporary file of a write that is under way or was interrupted`,
        hint: 'if no letter command is running, delete it',
      });
      continue;
    }
    if (entry === '.gitkeep') continue;
    if (!entry.endsWith('.yaml') || !ID_PATTERN.test(id)) {
      problems.push({
        file, line: 1, column: 1, severity: 'error', code: 'bad-file-name',
        message: `"${entry}" is not a signature file name`,
        hint: 'signature files are named <id>.yaml, the id in lower-case letters, digits and hyphens',
      });
      unreadSignatures++;
      continue;
    }
    const full = path.join(sigDir, entry);
    const st = lstatSync(full);
    if (!st.isFile()) {
      problems.push({ file, line: 1, column: 1, severity: 'error', code: 'not-a-file', message: `"${entry}" is not a regular file (a link or a folder)`, hint: 'signature files are plain files inside the letter folder' });
      unreadSignatures++;
      continue;
    }
    if (st.size > MAX_SIGNATURE_BYTES) {
      problems.push({ file, line: 1, column: 1, severity: 'error', code: 'too-large', message: `the file is ${st.size.toLocaleString('en')} bytes; a signature file holds at most ${MAX_SIGNATURE_BYTES.toLocaleString('en')}`, hint: 'a signature is a few short fields' });
      unreadSignatures++;
      continue;
    }
    const cached = cache.get(entry, st);
    if (cached) {
      if (options.texts) texts.push({ file, text: readFileSync(full, 'utf8') });
      const locate = lazyLocate(full, file, cached.kind === 'erased' ? erasedSchema : signatureSchema);
      if (cached.kind === 'erased') erased.push({ id, ...cached.data });
      else signatures.push({ signature: { id, ...cached.data }, file, locate, seed: cached.seed });
      continue;
    }
    // Synchronous reads: one at a time through the thread pool costs several times more for many small files.
    const decoded = decodeUtf8(readFileSync(full), file);
    if ('problem' in decoded) {
      problems.push(decoded.problem);
      unreadSignatures++;
      continue;
    }
    const text = decoded.text;
    if (options.texts) texts.push({ file, text });
    const conflict = conflictMarker(text, file);
    if (conflict) {
      problems.push(conflict);
      unreadSignatures++;
      continue;
    }
    if (id.startsWith(ERASED_PREFIX)) {
      const record = parseYaml(text, file, erasedSchema);
      problems.push(...record.problems);
      if (record.value) {
        erased.push({ id, ...record.value });
        cache.set(entry, st, { kind: 'erased', data: record.value });
      } else unreadSignatures++;
      continue;
    }
    const parsed = parseYamlFast(text, file, signatureSchema);
    problems.push(...parsed.problems);
    if (!parsed.value) {
      unreadSignatures++;
      continue;
    }
    const seed = nameSeed(parsed.value.name);
    signatures.push({ signature: { id, ...parsed.value }, file, locate: parsed.locate, seed });
    // Only files without warnings are cached, so that a warning is reported on every run.
    if (parsed.problems.length === 0) cache.set(entry, st, { kind: 'signature', data: parsed.value, seed });
  }
  await cache.save();

  problems.push(...(await strayFiles(dir, shown, bodyName)));
  const changelogFile = rel(CHANGELOG_FILE);
  // The changelog grows with the letter (about 70 bytes an event): no size limit of its own.
  const changelog = await readText(path.join(dir, CHANGELOG_FILE), changelogFile, problems, Number.MAX_SAFE_INTEGER);
  if (changelog !== undefined && options.texts) texts.push({ file: changelogFile, text: changelog });
  const changelogConflict = changelog === undefined ? undefined : conflictMarker(changelog, changelogFile);
  if (changelogConflict) problems.push({ ...changelogConflict, hint: `take either side, then run: letter changelog ${shown}` });
  return { dir, shown, letter, letterFile, locateLetter: parsedLetter.locate, body, bodyFile, translations, signatures, erased, changelog, changelogFile, unreadSignatures, texts, problems };
}

/**
 * Reads and validates letter.yaml alone (no signatures), for what must be known before
 * taking the letter's lock, such as the groups to offer at a prompt.
 * @throws InvalidLetter when letter.yaml has errors.
 */
export async function loadLetterFile(dir: string, cwd: string): Promise<LetterFile> {
  const file = path.join(path.relative(cwd, dir) || '.', LETTER_FILE);
  const problems: Problem[] = [];
  const parsed = parseYaml((await readText(path.join(dir, LETTER_FILE), file, problems, MAX_LETTER_BYTES)) ?? '', file, letterSchema);
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
 * Loads a letter and insists its files are valid.
 * @throws InvalidLetter listing the errors (warnings do not count).
 */
export async function loadValidLetter(dir: string, cwd: string): Promise<ValidLetter> {
  const loaded = await loadLetter(dir, cwd);
  const errors = loaded.problems.filter((p) => p.severity === 'error');
  if (errors.length > 0 || !loaded.letter || loaded.body === undefined) throw new InvalidLetter(errors);
  return loaded as ValidLetter;
}

/**
 * The text of a signature file, keys in their canonical order; with the letter folder
 * `dir`, headed by its schema line for editors.
 */
export function signatureText(sig: Signature, dir?: string): string {
  const { id: _id, ...fields } = sig;
  const body = stringifyYaml(fields, SIGNATURE_KEY_ORDER);
  return dir === undefined ? body : schemaHeader(path.join(dir, SIGNATURES_DIR), 'signature') + body;
}

/** The text of letter.yaml in canonical form, headed by its schema line. */
export function letterText(letter: Record<string, unknown>, dir: string): string {
  return schemaHeader(dir, 'letter') + stringifyYaml(letter, LETTER_KEY_ORDER);
}

/** The change that writes `signatures/<id>.yaml` (see transaction.ts). */
export function signatureChange(dir: string, sig: Signature): FileChange {
  return { path: path.join(dir, SIGNATURES_DIR, `${sig.id}.yaml`), text: signatureText(sig, dir) };
}

/** The change that writes `signatures/erased-<hash>.yaml`. */
export function erasedChange(dir: string, record: ErasedRecord): FileChange {
  const { id, ...fields } = record;
  return { path: path.join(dir, SIGNATURES_DIR, `${id}.yaml`), text: stringifyYaml(fields, ERASED_KEY_ORDER) };
}

/** The change that deletes `signatures/<id>.yaml` (only erasure does this; a withdrawal keeps the file). */
export function removeSignatureChange(dir: string, id: string): FileChange {
  return { path: path.join(dir, SIGNATURES_DIR, `${id}.yaml`), text: null };
}

/** The change that writes CHANGELOG.md. */
export function changelogChange(dir: string, text: string): FileChange {
  return { path: path.join(dir, CHANGELOG_FILE), text };
}

/**
 * The CHANGELOG.md a command writes after recording events: the whole derived text, or
 * nothing when the letter keeps its changelog `on-merge`.
 */
export function eventChanges(dir: string, letter: LetterFile, signatures: readonly Signature[], erased: readonly ErasedRecord[]): FileChange[] {
  return letter.changelog === 'on-merge' ? [] : [changelogChange(dir, renderChangelog(letter, signatures, erased))];
}

/**
 * Runs `fn` while holding the letter's lock: a folder `<dir>.lock/` beside the letter
 * (ignored by git). Waits up to about 10 s for another `letter` process; a lock left by a
 * killed process is taken over after 10 s.
 */
export async function withLetterLock<T>(dir: string, fn: () => Promise<T>): Promise<T> {
  const release = await lockfile.lock(dir, {
    lockfilePath: `${dir}.lock`,
    stale: 10_000,
    retries: { retries: 100, minTimeout: 20, maxTimeout: 200, randomize: true },
  });
  try {
    return await fn();
  } finally {
    await release();
  }
}
