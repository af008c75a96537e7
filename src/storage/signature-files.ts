/**
 * Reading every signature file of a letter, in either layout (`signatures/<id>.yaml` or
 * `signatures/<shard>/<id>.yaml`, see layout.ts), as fast as the files allow:
 * - files unchanged since the last run come from the letter's index (letter-db.ts), so a
 *   warm run only lists and stats the files (signature-scan.ts);
 * - files that must be parsed are split between the main thread and worker threads
 *   (parse-worker.ts) when there are many, one per core; with no cache at all, each file
 *   is opened, stat-ed and parsed in one go;
 * - results come back a batch at a time and each folder's cache is written as soon as its
 *   last file is settled, so that a letter of a million never holds them all twice.
 * Every file passes the same guards (name, regular file, size, UTF-8, merge conflicts) and
 * the same parse (signature-parse.ts) wherever it runs. Never throws on a file's content.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { type Locate, type Problem, type ProblemCode, problem } from '../errors.js';
import { type NameSeed, skeletonOf, transliterationKey } from '../letter/duplicates.js';
import { type ErasedRecord, type Signature, signatureSchema } from '../letter/schema.js';
import { trace } from '../trace.js';
import { type Identity, identityAt, NOT_A_FILE, REGULAR_FILE, STAT_WIDTH } from './file-stats.js';
import {
  idOfEntry,
  MAX_SIGNATURE_BYTES,
  SIGNATURES_DIR,
  type SignatureLayout,
  shardOf,
  signatureEntry,
} from './layout.js';
import { type FolderFiles, hasIndex, LetterDb } from './letter-db.js';
import type { DeriveKeys, openSignatureFile, ParsedFile } from './signature-parse.js';
import {
  PARALLEL_MIN,
  type SignatureScan,
  scanSignatures,
  threadCount,
  workerFile,
} from './signature-scan.js';
import { parseYaml } from './yaml.js';

/** A signature as loaded, with the file it came from (relative to the working directory) and a locator for its fields. */
export interface LoadedSignature {
  signature: Signature;
  file: string;
  locate: Locate;
  /** The name's normal form (see `normaliseName`). */
  key: string;
  /** The name's index keys (see `nameSeed`): made on first use, or cached with the parse. */
  readonly seed: NameSeed;
  /**
   * When the loader was asked to derive keys (see `DeriveKeys`) and parsed this file: for a
   * published signature without `sort_as`, whether `sortKeyToWrite` gives it a key (a
   * boolean, not the key: a letter of a million keeps no million keys for one warning).
   */
  readonly lacksSortKey?: boolean | undefined;
}

/** A folder of signature files: its absolute path and its path as shown, each ending in a separator. */
interface Place {
  full: string;
  shown: string;
}

/**
 * A loaded signature, kept small for letters of a million: its paths come from its folder
 * and id when asked for, its locator and name keys are made on first use.
 */
class SignatureFromFile implements LoadedSignature {
  #locate: Locate | undefined;
  // The name keys after `key` (see `nameSeed`), each 0 when it is `key` itself (most names):
  // two fields rather than an array, and no second copy of the key. Undefined until known.
  #skeleton: string | 0 | undefined;
  #translit: string | 0 | undefined;

  constructor(
    readonly signature: Signature,
    readonly place: Place,
    readonly key: string,
    known?: NameSeed,
    readonly lacksSortKey?: boolean,
  ) {
    if (known) this.keep(known[1], known[2]);
  }

  private keep(skeleton: string, translit: string): void {
    this.#skeleton = skeleton === this.key ? 0 : skeleton;
    this.#translit = translit === this.key ? 0 : translit;
  }

  get file(): string {
    return this.place.shown + signatureEntry(this.signature.id);
  }

  get seed(): NameSeed {
    if (this.#skeleton === undefined || this.#translit === undefined)
      this.keep(skeletonOf(this.signature.name, this.key), transliterationKey(this.key));
    const { key } = this;
    return [
      key,
      this.#skeleton === 0 ? key : this.#skeleton!,
      this.#translit === 0 ? key : this.#translit!,
    ];
  }

  get locate(): Locate {
    const full = this.place.full + signatureEntry(this.signature.id);
    return (this.#locate ??= lazyLocate(full, this.file));
  }
}

/** Absolute paths of the files of a letter by id (see `LoadedLetter.files`). */
export interface FileIndex {
  get(id: string): string | undefined;
}

/** What `loadSignatures` found, in file order. */
export interface LoadedSignatures {
  signatures: LoadedSignature[];
  erased: ErasedRecord[];
  /** Absolute path of each loaded file, by id (made when first asked for). */
  files: FileIndex;
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

/** What one file gave, in file order: a signature, an erasure record (and its folder), or nothing. */
type Slot = LoadedSignature | { record: ErasedRecord; place: Place } | undefined;

/**
 * One copy of each value that many signatures share (country, group, status, role, who
 * verified): a parser makes a new string for every file, and a letter of a million would
 * hold a million copies of "verified".
 */
function shareValues(s: Signature, known: Map<string, string>): Signature {
  const one = (v: string) => {
    const seen = known.get(v);
    if (seen !== undefined) return seen;
    known.set(v, v);
    return v;
  };
  if (s.country !== undefined) s.country = one(s.country);
  s.status = one(s.status) as Signature['status'];
  if (s.group !== undefined) s.group = one(s.group);
  if (s.role !== undefined) s.role = one(s.role);
  if (s.verified) s.verified.by = one(s.verified.by);
  return s;
}

/** Results a parse thread sends back at a time. */
const BATCH = 2000;

/**
 * Reads the signature files of the letter in `dir` (shown to the user as `shown`), whose
 * letter.yaml declares `layout` (undefined when letter.yaml is invalid: then no file is
 * reported as misplaced). Files in the other layout are read too, and reported as
 * misplaced. Problems of the files are appended to `problems`, in file order. `scan`, when
 * given, is a `scanSignatures` of the same folder just made. With `derive`, each file parsed
 * also gives the keys `letter check` needs (see `DeriveKeys`), made on the parse threads.
 * With `lean` (commands that publish or read the list, never match names), the name keys the
 * index keeps are not loaded: they are made again if ever asked for (`seed`), and a letter of
 * a million holds three strings fewer per signature.
 */
export async function loadSignatures(
  dir: string,
  shown: string,
  layout: SignatureLayout | undefined,
  problems: Problem[],
  scan?: SignatureScan,
  derive?: DeriveKeys,
  lean = false,
): Promise<LoadedSignatures> {
  // With an index, the files are stat-ed, not read: the stat worker starts while they are
  // listed and takes half (see scanSignatures). Without one, they are read: no stat worker.
  const warm = !scan && (await hasIndex(dir));
  const listed = scan ?? (await scanSignatures(dir, shown, warm ? 0.5 : 0.2, warm));
  const { folders, candidates, listing } = listed;
  const places = folders.map(
    (_, f): Place => ({ full: listed.folderPaths[f]!, shown: listed.shownFolders[f]! }),
  );
  // A copy: the scan stays as it was made (its sum is a key).
  const found = new Map([...listed.found].map(([slot, list]) => [slot, [...list]]));
  const report = (slot: number, p: Problem) => {
    const list = found.get(slot);
    if (list) list.push(p);
    else found.set(slot, [p]);
  };
  const slots: Slot[] = new Array<Slot>(listed.slots).fill(undefined);
  const contacts: Problem[] = [];
  const shared = new Map<string, string>();
  let unread = listed.unread;
  const db = await LetterDb.open(dir);
  const caches = folders.map(({ shard }) => LetterDb.folderOf(db, shard));
  trace('load: index open');
  // Each folder's cache is written as soon as its last file is settled, and then let go: a
  // letter of a million never holds every cache at once.
  const left = folders.map(() => 0);
  for (const f of candidates.folder) left[f]!++;
  const empty = left.map((n) => n === 0);
  const settled = (i: number) => {
    const f = candidates.folder[i]!;
    if (--left[f]! === 0) caches[f]!.save();
  };

  /** Settles candidate i, whose identity is `st` (kind first, see file-stats.ts): from `parsed` when it was just read, else from the cache; false when it must be parsed. */
  const settle = (
    i: number,
    st: ArrayLike<number>,
    at: number,
    parsed: ParsedFile | undefined,
  ): boolean => {
    const entry = candidates.entry[i]!;
    const slot = candidates.slot[i]!;
    const place = places[candidates.folder[i]!]!;
    const fail = (code: ProblemCode, message: string, hint: string) => {
      report(slot, problem(code, { file: place.shown + entry, line: 1, column: 1 }, message, hint));
      unread++;
    };
    const kind = st[at];
    if (kind !== REGULAR_FILE) {
      if (kind === NOT_A_FILE)
        fail(
          'not-a-file',
          `"${entry}" is not a regular file (a link or a folder)`,
          'signature files are plain files inside the letter folder',
        );
      settled(i);
      return true;
    }
    const size = st[at + 1]!;
    if (size > MAX_SIGNATURE_BYTES) {
      fail(
        'too-large',
        `the file is ${size.toLocaleString('en')} bytes; a signature file holds at most ${MAX_SIGNATURE_BYTES.toLocaleString('en')}`,
        'a signature is a few short fields',
      );
      settled(i);
      return true;
    }
    const id = idOfEntry(entry);
    const shard = folders[candidates.folder[i]!]!.shard;
    const belongs = layout === 'sharded' ? shardOf(id) : '';
    if (layout !== undefined && shard !== belongs) {
      report(
        slot,
        problem(
          'misplaced-file',
          { file: place.shown + entry, line: 1, column: 1 },
          `the letter's layout is ${layout}: this file belongs at ${path.join(SIGNATURES_DIR, belongs, entry)}`,
          `move it there with git mv, or move every file with: letter fmt ${shown} --layout ${layout}`,
        ),
      );
    }
    const identity = identityAt(st, at);
    const cache = caches[candidates.folder[i]!]!;
    if (parsed) {
      take(slot, place, entry, identity, cache, parsed);
      settled(i);
      return true;
    }
    const cached = cache.get(entry, identity);
    if (!cached) return false;
    slots[slot] =
      cached.kind === 'erased'
        ? { record: cached.record, place }
        : new SignatureFromFile(
            shareValues(cached.signature, shared),
            place,
            cached.key,
            lean ? undefined : cached.seed,
          );
    settled(i);
    return true;
  };
  const take = (
    slot: number,
    place: Place,
    entry: string,
    identity: Identity,
    cache: FolderFiles,
    result: ParsedFile,
  ) => {
    if (result.problems) for (const p of result.problems) report(slot, p);
    if (result.contacts) contacts.push(...result.contacts);
    if (result.kind === 'invalid') {
      unread++;
    } else if (result.kind === 'erased') {
      slots[slot] = { record: result.record, place };
      if (result.cacheable) cache.set(entry, identity, { kind: 'erased', record: result.record });
    } else {
      slots[slot] = new SignatureFromFile(
        shareValues(result.signature, shared),
        place,
        result.key,
        lean ? undefined : result.seed,
        result.lacksSortKey,
      );
      if (result.cacheable)
        cache.set(entry, identity, {
          kind: 'signature',
          signature: result.signature,
          key: result.key,
          ...(result.seed ? { seed: result.seed } : {}),
        });
    }
  };

  const all = candidates.entry.length;
  if (all >= PARALLEL_MIN && caches.every((c) => c.empty)) {
    // No cache at all (a first run, CI on a fresh clone): every file is read anyway, so each is
    // opened, stat-ed and parsed in one go (see openSignatureFile), spread over the threads,
    // and settled as its result comes in.
    const given = new Float64Array(all * STAT_WIDTH);
    await eachParsed(
      listed,
      Array.from({ length: all }, (_, i) => i),
      true,
      derive,
      (i, result) => {
        const r = result as Opened;
        given.set(r.identity, i * STAT_WIDTH);
        settle(i, r.identity, 0, r.parsed);
      },
    );
    listed.provideStats(given);
  } else {
    const stats = await listed.stats;
    trace('load: stats in');
    const todo: number[] = [];
    for (let i = 0; i < all; i++) if (!settle(i, stats, i * STAT_WIDTH, undefined)) todo.push(i);
    trace(`load: ${todo.length} files to parse`);
    await eachParsed(listed, todo, false, derive, (i, result) => {
      const place = places[candidates.folder[i]!]!;
      const identity = identityAt(stats, i * STAT_WIDTH);
      take(
        candidates.slot[i]!,
        place,
        candidates.entry[i]!,
        identity,
        caches[candidates.folder[i]!]!,
        result as ParsedFile,
      );
      settled(i);
    });
  }
  trace('load: parsed');
  // Folders with no well-named file, and folders that are gone: the index forgets their files.
  folders.forEach((_, f) => {
    if (empty[f]) caches[f]!.save();
  });
  db?.keepFolders(folders.map((f) => f.shard));
  db?.settle();
  trace('load: index saved');

  problems.push(...listing);
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
  return { signatures, erased, files: fileIndexOf(slots), contacts, unread };
}

/**
 * The absolute path of each file of `slots` by id, made when first asked for. Made outside
 * `loadSignatures` so that what it keeps alive is the slots alone, not the loader's scan,
 * identities and caches (a closure there would hold them all for as long as the letter).
 */
function fileIndexOf(slots: readonly Slot[]): FileIndex {
  let byId: Map<string, string> | undefined;
  return {
    get: (id) => {
      if (!byId) {
        byId = new Map();
        for (const slot of slots) {
          if (slot === undefined) continue;
          const [sid, place] =
            'record' in slot
              ? [slot.record.id, slot.place]
              : [slot.signature.id, (slot as SignatureFromFile).place];
          byId.set(sid, place.full + signatureEntry(sid));
        }
      }
      return byId.get(id);
    },
  };
}

/**
 * Copies the text values of a signature parsed on this thread out of its file's text. A
 * parser's values are slices of the text it read, and V8 keeps a slice of 13 characters or
 * more as a pointer into the whole string: every signature kept would keep its whole file in
 * memory (a letter of a million, hundreds of megabytes). Results from a worker arrive copied.
 */
function unsliced(parsed: ParsedFile | undefined): void {
  if (parsed?.kind === 'signature') copyTexts(parsed.signature as Record<string, unknown>);
}

const SURROGATE = /[\uD800-\uDFFF]/;

function copyTexts(values: Record<string, unknown>): void {
  for (const k in values) {
    const v = values[k];
    // Through UTF-8 bytes: a new string of its own, no slice of another (a string with a
    // surrogate, which may be a lone one that UTF-8 cannot carry, keeps its slice).
    if (typeof v === 'string') {
      if (v.length >= 13 && !SURROGATE.test(v)) values[k] = Buffer.from(v).toString();
    } else if (v !== null && typeof v === 'object') copyTexts(v as Record<string, unknown>);
  }
}

/** What opening a file gives (see openSignatureFile). */
type Opened = ReturnType<typeof openSignatureFile>;

/**
 * Parses the candidates `indices` of `scan` (with `open`, opens and stats them too; with
 * `derive`, makes their keys too) and calls `each` with every result, in no particular order: on this thread, and on workers
 * too when there are many, whose results come a batch at a time while this thread parses
 * its own share.
 */
async function eachParsed(
  scan: SignatureScan,
  indices: number[],
  open: boolean,
  derive: DeriveKeys | undefined,
  each: (i: number, result: Opened | ParsedFile) => void,
): Promise<void> {
  if (indices.length === 0) return;
  // The parsers load only when a file must be parsed: a warm run never needs them.
  const { openSignatureFile, parseSignatureFile } = await import('./signature-parse.js');
  const { candidates, folderPaths, shownFolders } = scan;
  const here = (i: number) => {
    const entry = candidates.entry[i]!;
    const f = candidates.folder[i]!;
    const id = idOfEntry(entry);
    if (open) {
      const opened = openSignatureFile(folderPaths[f] + entry, shownFolders[f] + entry, id, derive);
      unsliced(opened.parsed);
      return opened;
    }
    const parsed = parseSignatureFile(
      readFileSync(folderPaths[f] + entry),
      shownFolders[f] + entry,
      id,
      derive,
    );
    unsliced(parsed);
    return parsed;
  };
  const threads = threadCount();
  const script =
    indices.length >= PARALLEL_MIN && threads > 1 ? workerFile('parse-worker.js') : undefined;
  // Workers first take a moment to load, so this thread takes a larger share.
  const size = script ? Math.ceil(indices.length / (threads + 0.3)) : 0;
  const ownEnd = indices.length - size * (threads - 1);
  const theirs: Promise<void>[] = [];
  for (let at = ownEnd; script && at < indices.length; at += size) {
    const chunk = indices.slice(at, at + size);
    theirs.push(
      inWorker(script, scan, chunk, open, derive, each).then((left) => {
        // A worker that failed: what it did not send is parsed here.
        for (const i of left) each(i, here(i));
      }),
    );
  }
  for (let k = 0; k < ownEnd; k++) {
    const i = indices[k]!;
    each(i, here(i));
    // Now and then, take in what the workers sent meanwhile.
    if (script && k % BATCH === BATCH - 1) await new Promise((resolve) => setImmediate(resolve));
  }
  trace('parse: this thread done');
  await Promise.all(theirs);
}

/** Parses `chunk` (indices of `scan`'s candidates) in a worker thread, calling `each` as results come; resolves with the indices it did not give (all of them if the worker failed). */
function inWorker(
  script: string,
  scan: SignatureScan,
  chunk: number[],
  open: boolean,
  derive: DeriveKeys | undefined,
  each: (i: number, result: Opened | ParsedFile) => void,
): Promise<number[]> {
  const { candidates, folderPaths, shownFolders } = scan;
  const workerData = {
    folders: folderPaths,
    shown: shownFolders,
    entries: chunk.map((i) => candidates.entry[i]!),
    folder: chunk.map((i) => candidates.folder[i]!),
    open,
    batch: BATCH,
    derive,
  };
  return new Promise((resolve) => {
    const worker = new Worker(script, { workerData });
    let given = 0;
    let done = false;
    worker.on(
      'message',
      (m: { from: number; results: (Opened | ParsedFile)[] } | { done: true }) => {
        if ('done' in m) {
          done = true;
          resolve([]);
          void worker.terminate();
          return;
        }
        m.results.forEach((r, k) => {
          each(chunk[m.from + k]!, r);
        });
        given = m.from + m.results.length;
      },
    );
    const fallback = () => {
      if (!done) {
        done = true;
        resolve(chunk.slice(given));
      }
    };
    worker.once('error', fallback);
    worker.once('exit', fallback);
  });
}
