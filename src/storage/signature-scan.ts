/**
 * Listing and stat-ing the signature files of a letter, in either layout
 * (`signatures/<id>.yaml` or `signatures/<shard>/<id>.yaml`, see layout.ts), before any is
 * read: all that a warm run needs to notice what changed. Kept apart from the parsing so
 * that a run which finds nothing changed loads no parser.
 */
import { existsSync, lstatSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { at, type Problem, problem } from '../errors.js';
import { ID_PATTERN, RESERVED_ID_PATTERN } from '../letter/ids.js';
import { runEnv } from '../run-env.js';
import { trace } from '../trace.js';
import { STAT_WIDTH, type StatJob, statInto } from './file-stats.js';
import {
  idOfEntry,
  SHARD_PATTERN,
  SIGNATURE_ENTRY_PATTERN,
  SIGNATURE_EXT,
  SIGNATURES_DIR,
} from './layout.js';
import { packageRoot } from './package-files.js';

// write-file-atomic writes `<file>.<hash>` beside the file, then renames it over the file.
const ATOMIC_TEMP = /\.yaml\.[0-9a-f]+$/;
// Below this many files to parse, starting a worker costs more than it saves.
export const PARALLEL_MIN = 3000;

/**
 * The well-named entries of the folders of signatures, to stat, in columns (a warm run
 * keeps as few objects as it can): entry i is `entry[i]` in folder `folder[i]` (an index
 * of `SignatureScan.folders`), and fills slot `slot[i]`.
 */
export interface Candidates {
  entry: string[];
  folder: number[];
  slot: number[];
}

/**
 * The signature files of a letter as listed and stat-ed, before any is read: what a warm
 * run needs to notice what changed. `problems` holds what the names alone show (temporary
 * files, bad names, unknown folders); `stats` holds STAT_WIDTH numbers per candidate.
 */
export interface SignatureScan {
  sigDir: string;
  shown: string;
  folders: { shard: string; entries: string[] }[];
  candidates: Candidates;
  /**
   * The candidates' identities, STAT_WIDTH numbers each. Stat-ed (perhaps in a worker) when
   * first asked for, unless a reader that opened every file gave them first (`provideStats`).
   */
  readonly stats: Promise<Float64Array>;
  /** Gives the identities, read another way (see loadSignatures); ignored once `stats` was asked for. */
  provideStats(stats: Float64Array): void;
  /** Each folder's absolute path, and its path as shown, each ending in a separator. */
  folderPaths: string[];
  shownFolders: string[];
  /** Problems by slot (a slot per entry, in file order). */
  found: Map<number, Problem[]>;
  /** Problems of the folder listing itself (unknown folders). */
  listing: Problem[];
  slots: number;
  unread: number;
}

/**
 * Lists the signature files of the letter in `dir` (shown to the user as `shown`). Their
 * stats come when asked for (`stats`), from a worker when there are many files, so that
 * this thread can go on; this thread stats the `share` (0 to 1) of them itself first
 * (more for a caller with nothing else to do meanwhile).
 */
export async function scanSignatures(
  dir: string,
  shown: string,
  share = 0,
  warm = false,
): Promise<SignatureScan> {
  const sigDir = path.join(dir, SIGNATURES_DIR);
  const found = new Map<number, Problem[]>();
  const listing: Problem[] = [];
  let unread = 0;
  let slots = 0;
  // Stats that will be asked for, of a folder that looks large: the worker starts on the
  // other core while this one waits for the listing, and is ready when it comes.
  const early = warm && looksLarge(sigDir) ? startStatWorker() : undefined;
  if (early) trace('scan: stat worker started early');
  const folders = await listFolders(sigDir, shown, listing);
  trace('scan: listed');
  const candidates: Candidates = { entry: [], folder: [], slot: [] };
  const folderPaths = folders.map(({ shard }) => `${path.join(sigDir, shard)}${path.sep}`);
  const shownFolders = folders.map(
    ({ shard }) => `${path.join(shown, SIGNATURES_DIR, shard)}${path.sep}`,
  );
  folders.forEach(({ entries }, f) => {
    const shownFolder = shownFolders[f]!;
    for (const entry of entries) {
      if (entry === '.gitkeep') continue;
      const slot = slots++;
      // Most entries are well named: one test instead of four.
      if (SIGNATURE_ENTRY_PATTERN.test(entry) && !RESERVED_ID_PATTERN.test(idOfEntry(entry))) {
        candidates.entry.push(entry);
        candidates.folder.push(f);
        candidates.slot.push(slot);
        continue;
      }
      const file = () => shownFolder + entry;
      if (ATOMIC_TEMP.test(entry)) {
        found.set(slot, [
          problem(
            'temporary-file',
            at(file()),
            `"${entry}" is the temporary file of a write that is under way or was interrupted`,
            'if no letter command is running, delete it',
          ),
        ]);
        continue;
      }
      if (!entry.endsWith(SIGNATURE_EXT) || !ID_PATTERN.test(idOfEntry(entry))) {
        found.set(slot, [
          problem(
            'bad-file-name',
            at(file()),
            `"${entry}" is not a signature file name`,
            'signature files are named <id>.yaml, the id in lower-case letters, digits and hyphens',
          ),
        ]);
        unread++;
        continue;
      }
      if (RESERVED_ID_PATTERN.test(idOfEntry(entry))) {
        found.set(slot, [
          problem(
            'reserved-file-name',
            at(file()),
            `"${entry}" is a name Windows reserves for a device: the file cannot be checked out there`,
            `rename it to s-${entry}`,
          ),
        ]);
        unread++;
        continue;
      }
      candidates.entry.push(entry);
      candidates.folder.push(f);
      candidates.slot.push(slot);
    }
  });
  trace('scan: named');
  let stats: Promise<Float64Array> | undefined;
  return {
    sigDir,
    shown,
    folders,
    candidates,
    found,
    listing,
    slots,
    unread,
    folderPaths,
    shownFolders,
    get stats() {
      return (stats ??= statAll(candidates, folderPaths, share, early));
    },
    provideStats(given: Float64Array) {
      if (!stats) void early?.terminate();
      stats ??= Promise.resolve(given);
    },
  };
}

/**
 * A digest of the files of a scan that can be updated one file at a time: the sum (mod 2^32)
 * of two 32-bit hashes of each entry (its path under signatures/ and identity), and the
 * count. The same files with the same identities (size, times, inode) give the same sum;
 * a file added, removed or touched changes it.
 */
export interface ScanSum {
  a: number;
  b: number;
  n: number;
}

const words = new Uint32Array(2);
const float = new Float64Array(words.buffer);

/** Adds one entry to `sum`: its path under signatures/ and identity numbers (see file-stats.ts). */
export function addToSum(sum: ScanSum, entry: string, identity: Iterable<number>): void {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (let i = 0; i < entry.length; i++) {
    const c = entry.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
  }
  for (const x of identity) {
    float[0] = x;
    for (const w of words) {
      a = Math.imul(a ^ w, 0x01000193);
      b = Math.imul(b ^ w, 0x5bd1e995);
    }
  }
  // Final mixing (murmur3 fmix32), so that sums of near-equal entries do not cancel.
  const mix = (h: number) => {
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
    return (h ^ (h >>> 16)) >>> 0;
  };
  sum.a = (sum.a + mix(a)) >>> 0;
  sum.b = (sum.b + mix(b)) >>> 0;
  sum.n++;
}

/** The `ScanSum` of every entry of a scan, well-named or not. */
export async function scanSum(scan: SignatureScan): Promise<ScanSum> {
  const stats = await scan.stats;
  const sum: ScanSum = { a: 0, b: 0, n: 0 };
  const identity = new Float64Array(STAT_WIDTH);
  scan.candidates.entry.forEach((entry, i) => {
    for (let k = 0; k < STAT_WIDTH; k++) identity[k] = stats[i * STAT_WIDTH + k]!;
    addToSum(sum, `${scan.folders[scan.candidates.folder[i]!]!.shard}/${entry}`, identity);
  });
  // Entries that are not signature files count by their problems (names and folders).
  for (const problems of [...scan.found.values(), scan.listing])
    for (const p of problems) addToSum(sum, `${p.code}:${p.file}`, []);
  return sum;
}

/** A sum as text, for keys. */
export function sumText(sum: ScanSum): string {
  return `${sum.n}:${sum.a.toString(16)}:${sum.b.toString(16)}`;
}

/**
 * The identities of the candidates (see file-stats.ts), whose folders are `folderPaths`: in
 * a worker thread when there are many, so that this thread can go on; `early`, a worker
 * started before the files were listed (see `startStatWorker`), is used or ended.
 */
function statAll(
  c: Candidates,
  folderPaths: readonly string[],
  share: number,
  early?: Worker,
): Promise<Float64Array> {
  const n = c.entry.length;
  /** The identities of candidates `from` to `to` (excluded). */
  const here = (from: number, to: number) => {
    const paths: string[] = [];
    for (let i = from; i < to; i++) paths.push(folderPaths[c.folder[i]!] + c.entry[i]!);
    const out = new Float64Array((to - from) * STAT_WIDTH);
    statInto(paths, out);
    return out;
  };
  const script = n >= PARALLEL_MIN && threadCount() > 1 ? workerFile('stat-worker.js') : undefined;
  if (!script) {
    void early?.terminate();
    return Promise.resolve(here(0, n));
  }
  const mine = Math.floor(n * share);
  const worker = early && !stopped.has(early) ? early : new Worker(script);
  if (worker !== early) void early?.terminate();
  return new Promise((resolve) => {
    worker.ref();
    // The worker's share first, so that it starts at once; its names as one text, which
    // crosses to the other thread faster than as many (no well-named entry holds a newline).
    const job: StatJob = {
      folders: folderPaths,
      folder: c.folder.slice(mine),
      entries: c.entry.slice(mine).join('\n'),
    };
    worker.postMessage(job);
    trace('scan: worker started');
    let done = false;
    const own = here(0, mine);
    worker.once('message', (theirs: Float64Array) => {
      done = true;
      const out = new Float64Array(n * STAT_WIDTH);
      out.set(own);
      out.set(theirs, own.length);
      resolve(out);
      void worker.terminate();
    });
    const fallback = () => {
      if (!done) {
        done = true;
        resolve(here(0, n));
      }
    };
    worker.once('error', fallback);
    worker.once('exit', fallback);
  });
}

/**
 * A stat worker (stat-worker.ts), waiting for its paths; undefined when letter runs on one
 * thread or not from its build. It does not keep the process alive until given work.
 */
function startStatWorker(): Worker | undefined {
  const script = threadCount() > 1 ? workerFile('stat-worker.js') : undefined;
  if (!script) return undefined;
  const worker = new Worker(script);
  worker.unref();
  // A worker that failed or ended before it was given work is not given any (see `statAll`).
  worker.on('error', () => stopped.add(worker));
  worker.on('exit', () => stopped.add(worker));
  return worker;
}

/** Stat workers started early that are no more. */
const stopped = new WeakSet<Worker>();

/**
 * Whether the folder of signatures looks like it holds at least PARALLEL_MIN files before it
 * is listed: it has subfolders (shards), or its own size (which grows with its entries on
 * ext4, xfs and btrfs) is past 64 KiB. Only a guess, deciding when a worker starts.
 */
function looksLarge(sigDir: string): boolean {
  const st = lstatSync(sigDir, { throwIfNoEntry: false });
  return Boolean(st?.isDirectory() && (st.nlink > 2 || st.size >= 64 * 1024));
}

/**
 * The folders of signature files and their entries, sorted: signatures/ itself (shard "")
 * and each shard folder. Other folders and links are reported.
 */
async function listFolders(
  sigDir: string,
  shown: string,
  problems: Problem[],
): Promise<{ shard: string; entries: string[] }[]> {
  let top: string[];
  try {
    top = (await readdir(sigDir)).sort();
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return [];
    if (code !== 'ENOTDIR') throw e;
    problems.push(
      problem(
        'not-a-folder',
        at(path.join(shown, SIGNATURES_DIR)),
        `${SIGNATURES_DIR} is a file; a letter keeps its signature files in a folder of that name`,
        `move the file away, then: mkdir ${path.join(shown, SIGNATURES_DIR)}`,
      ),
    );
    return [];
  }
  const flat: string[] = [];
  const shards: { shard: string; entries: string[] }[] = [];
  for (const name of top) {
    // Signature files end in .yaml; only another name can be a folder (no need to stat every file here).
    if (
      name.endsWith(SIGNATURE_EXT) ||
      !lstatSync(path.join(sigDir, name), { throwIfNoEntry: false })?.isDirectory()
    ) {
      flat.push(name);
      continue;
    }
    if (!SHARD_PATTERN.test(name)) {
      problems.push(
        problem(
          'bad-folder-name',
          at(path.join(shown, SIGNATURES_DIR, name)),
          `"${name}" is not a shard folder of signatures`,
          'a sharded letter keeps signatures/<first two characters of the id>/<id>.yaml; move its files, or delete the folder',
        ),
      );
      continue;
    }
    shards.push({ shard: name, entries: (await readdir(path.join(sigDir, name))).sort() });
  }
  return [
    ...(flat.length > 0 || shards.length === 0 ? [{ shard: '', entries: flat }] : []),
    ...shards,
  ];
}

/** A bundled worker script, when letter runs from its build (dist/). */
export function workerFile(name: string): string | undefined {
  try {
    const file = path.join(packageRoot(), 'dist', 'storage', name);
    return existsSync(file) ? file : undefined;
  } catch {
    return undefined;
  }
}

/** How many threads parse: LETTER_THREADS, else one per core (at most 4). */
export function threadCount(): number {
  const asked = Number(runEnv()?.env.LETTER_THREADS);
  return Number.isInteger(asked) && asked >= 1 ? asked : Math.min(availableParallelism(), 4);
}
