/**
 * Reading every signature file of a letter, in either layout (`signatures/<id>.yaml` or
 * `signatures/<shard>/<id>.yaml`, see layout.ts), as fast as the files allow:
 * - files unchanged since the last run come from the parse cache (parse-cache.ts), so a
 *   warm run only lists and stats the files;
 * - files that must be parsed are split between the main thread and worker threads
 *   (parse-worker.ts) when there are many, one per core.
 * Every file passes the same guards (name, regular file, size, UTF-8, merge conflicts) and
 * the same parse (signature-parse.ts) wherever it runs. Never throws on a file's content.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Locate, Problem } from '../errors.js';
import type { NameSeed } from '../letter/duplicates.js';
import { type ErasedRecord, type Signature, signatureSchema } from '../letter/schema.js';
import { MAX_SIGNATURE_BYTES, shardOf, SIGNATURES_DIR, type SignatureLayout } from './layout.js';
import { type Identity, ParseCache } from './parse-cache.js';
import { STAT_WIDTH } from './file-stats.js';
import { PARALLEL_MIN, scanSignatures, type SignatureScan, threadCount, workerFile } from './signature-scan.js';
import { type ParsedFile, parseSignatureFile } from './signature-parse.js';
import { parseYaml } from './yaml.js';
import { trace } from '../trace.js';

/** A signature as loaded, with the file it came from (relative to the working directory) and a locator for its fields. */
export interface LoadedSignature {
  signature: Signature;
  file: string;
  locate: Locate;
  /** The name's costly index keys (see `nameSeed`), cached with the parse. */
  seed: NameSeed;
}

/** A loaded signature whose locator is made when first asked for (most never are). */
class SignatureFromFile implements LoadedSignature {
  #locate: Locate | undefined;

  constructor(
    readonly signature: Signature,
    readonly file: string,
    private readonly full: string,
    readonly seed: NameSeed,
  ) {}

  get locate(): Locate {
    return (this.#locate ??= lazyLocate(this.full, this.file));
  }
}

/** What `loadSignatures` found, in file order. */
export interface LoadedSignatures {
  signatures: LoadedSignature[];
  erased: ErasedRecord[];
  /** Absolute path of each loaded file, by id. */
  files: Map<string, string>;
  /** Email addresses and phone numbers found in the files. */
  contacts: Problem[];
  /** Files that could not be read as a signature (their problems are in `problems`). */
  unread: number;
}

/**
 * A locator that parses the file only when asked: loaded signatures have no positions
 * until a problem needs one.
 */
function lazyLocate(full: string, file: string): Locate {
  let locate: Locate | undefined;
  return (p) => {
    locate ??= parseYaml(readFileSync(full, 'utf8'), file, signatureSchema).locate;
    return locate(p);
  };
}

/** One file to parse: where it is, how it is shown, its id and identity. */
interface Todo {
  slot: number;
  full: string;
  file: string;
  id: string;
  entry: string;
  st: Identity;
  cache: ParseCache;
}

/** What one file gave, in file order: a signature, an erasure record, or nothing. */
type Slot = LoadedSignature | { record: ErasedRecord } | undefined;

/**
 * Reads the signature files of the letter in `dir` (shown to the user as `shown`), whose
 * letter.yaml declares `layout`. Files in the other layout are read too, and reported as
 * misplaced. Problems of the files are appended to `problems`, in file order. `scan`, when
 * given, is a `scanSignatures` of the same folder just made.
 */
export async function loadSignatures(dir: string, shown: string, layout: SignatureLayout, problems: Problem[], scan?: SignatureScan): Promise<LoadedSignatures> {
  const { sigDir, folders, candidates, listing, ...counts } = scan ?? (await scanSignatures(dir, shown, 0.2));
  // A copy: the scan stays as it was made (its sum is a key).
  const found = new Map([...counts.found].map(([slot, list]) => [slot, [...list]]));
  // The caches are read while a worker stats the files.
  const caches = await Promise.all(folders.map(({ shard }) => ParseCache.open(path.join(sigDir, shard))));
  trace('load: caches read');
  const stats = await counts.stats;
  trace('load: stats in');
  problems.push(...listing);
  let unread = counts.unread;
  const slots: Slot[] = new Array<Slot>(counts.slots).fill(undefined);
  const report = (slot: number, p: Problem) => {
    const list = found.get(slot);
    if (list) list.push(p);
    else found.set(slot, [p]);
  };
  const files = new Map<string, string>();

  // Each file from the cache when unchanged, else to parse.
  const todo: Todo[] = [];
  const shownFolders = folders.map(({ shard }) => `${path.join(shown, SIGNATURES_DIR, shard)}${path.sep}`);
  const fullFolders = folders.map(({ shard }) => `${path.join(sigDir, shard)}${path.sep}`);
  candidates.entry.forEach((entry, i) => {
    const c = candidates.folder[i]!;
    const slot = candidates.slot[i]!;
    const shard = folders[c]!.shard;
    const id = entry.slice(0, -5);
    const file = shownFolders[c]! + entry;
    const full = fullFolders[c]! + entry;
    const at = i * STAT_WIDTH;
    const kind = stats[at];
    const fail = (code: string, message: string, hint: string) => {
      report(slot, { file, line: 1, column: 1, severity: 'error', code, message, hint });
      unread++;
    };
    if (kind !== 1) {
      if (kind === 2) fail('not-a-file', `"${entry}" is not a regular file (a link or a folder)`, 'signature files are plain files inside the letter folder');
      return;
    }
    const st: Identity = { size: stats[at + 1]!, mtimeMs: stats[at + 2]!, ctimeMs: stats[at + 3]!, ino: stats[at + 4]! };
    if (st.size > MAX_SIGNATURE_BYTES) {
      fail('too-large', `the file is ${st.size.toLocaleString('en')} bytes; a signature file holds at most ${MAX_SIGNATURE_BYTES.toLocaleString('en')}`, 'a signature is a few short fields');
      return;
    }
    const belongs = layout === 'sharded' ? shardOf(id) : '';
    if (shard !== belongs) {
      report(slot, {
        file, line: 1, column: 1, severity: 'error', code: 'misplaced-file',
        message: `the letter's layout is ${layout}: this file belongs at ${path.join(SIGNATURES_DIR, belongs, entry)}`,
        hint: `move it there with git mv, or move every file with: letter fmt ${shown} --layout ${layout}`,
      });
    }
    files.set(id, full);
    const cache = caches[c]!;
    const cached = cache.get(entry, st);
    if (!cached) todo.push({ slot, full, file, id, entry, st, cache });
    else if (cached.kind === 'erased') slots[slot] = { record: { id, ...cached.data } };
    else slots[slot] = new SignatureFromFile({ id, ...cached.data }, file, full, cached.seed);
  });

  // The rest, parsed.
  trace(`load: ${todo.length} files to parse`);
  const contacts: Problem[] = [];
  const parsed = await parseAll(todo);
  trace('load: parsed');
  todo.forEach((t, i) => {
    const result = parsed[i]!;
    for (const p of result.problems) report(t.slot, p);
    contacts.push(...result.contacts);
    if (result.kind === 'invalid') {
      unread++;
      files.delete(t.id);
    } else if (result.kind === 'erased') {
      slots[t.slot] = { record: { id: t.id, ...result.value } };
      if (result.cacheable) t.cache.set(t.entry, t.st, { kind: 'erased', data: result.value });
    } else {
      slots[t.slot] = new SignatureFromFile({ id: t.id, ...result.value }, t.file, t.full, result.seed);
      if (result.cacheable) t.cache.set(t.entry, t.st, { kind: 'signature', data: result.value, seed: result.seed });
    }
  });
  trace('load: results taken');
  await Promise.all(caches.map((c) => c.save()));
  trace('load: caches saved');

  const signatures: LoadedSignature[] = [];
  const erased: ErasedRecord[] = [];
  for (let i = 0; i < slots.length; i++) {
    const p = found.get(i);
    if (p) problems.push(...p);
    const slot = slots[i];
    if (slot === undefined) continue;
    if ('record' in slot) erased.push(slot.record);
    else signatures.push(slot);
  }
  return { signatures, erased, files, contacts, unread };
}

function parseHere(t: { full: string; file: string; id: string }): ParsedFile {
  return parseSignatureFile(readFileSync(t.full), t.file, t.id);
}

/** Parses the files of `todo`, in order: on this thread, or shared with workers when there are many. */
async function parseAll(todo: Todo[]): Promise<ParsedFile[]> {
  const threads = threadCount();
  const script = todo.length >= PARALLEL_MIN && threads > 1 ? workerFile('parse-worker.js') : undefined;
  if (!script) return todo.map(parseHere);
  // Workers first take a moment to load, so this thread takes a larger share.
  const size = Math.ceil(todo.length / (threads + 0.3));
  const chunks: Todo[][] = [];
  for (let at = todo.length - size * (threads - 1); at < todo.length; at += size) chunks.push(todo.slice(at, at + size));
  const own = todo.slice(0, todo.length - size * (threads - 1));
  const theirs = chunks.map((chunk) => inWorker(script, chunk));
  const mine = own.map(parseHere);
  trace('parse: this thread done');
  return mine.concat(...(await Promise.all(theirs)));
}

/** Parses `chunk` in a worker thread; on this thread instead if the worker fails. */
function inWorker(script: string, chunk: Todo[]): Promise<ParsedFile[]> {
  const jobs = chunk.map((t) => [t.full, t.file, t.id] as const);
  return new Promise((resolve) => {
    const worker = new Worker(script, { workerData: jobs });
    let done = false;
    worker.once('message', (results: ParsedFile[]) => {
      done = true;
      resolve(results);
      void worker.terminate();
    });
    const fallback = () => {
      if (!done) {
        done = true;
        resolve(chunk.map(parseHere));
      }
    };
    worker.once('error', fallback);
    worker.once('exit', fallback);
  });
}
