/**
 * The index `letter sign` keeps of a letter, beside the parse cache (see cache-dir.ts), so
 * that signing one more person onto a large letter reads neither every signature file nor
 * the whole parse cache: the ids, names, statuses and name keys of the signatures (all the
 * likely-duplicate check needs), the erasure records, and whether CHANGELOG.md is in step.
 *
 * It holds for one state of the letter, named by its key: the identities (size, times,
 * inode) of the letter's files and the `ScanSum` of its signature files. It is written only
 * for a letter whose files are all valid: by a sign that read the whole letter, and after
 * each sign that used it (the key moved on by the one file added). Any other change to the
 * letter changes the key, and the next sign reads the whole letter again.
 */
import { mkdir, readFile, unlink } from 'node:fs/promises';
import path from 'node:path';
import pkg from '../../package.json' with { type: 'json' };
import type { NameColumns } from '../letter/duplicates.js';
import type { ErasedRecord } from '../letter/schema.js';
import { cacheFileFor, debugCache } from './cache-dir.js';
import { stateKey } from './check-memo.js';
import type { ScanSum } from './signature-scan.js';

const VERSION = `letter ${pkg.version} index 2`;

/** What the index holds of a letter in one state. */
export interface LetterIndex {
  /** The `ScanSum` of the signature files in that state. */
  sum: ScanSum;
  /** The names, ids and statuses of the signatures, and their name keys. */
  names: NameColumns;
  erased: ErasedRecord[];
  /** CHANGELOG.md is exactly what the signatures give (see changelog.ts). */
  changelogInStep: boolean;
}

/**
 * The index file in columns, as stored. A sign writes only the signatures it adds, to a
 * journal beside the index (`base` naming the key of the index it extends); the journal is
 * folded in once it passes 2% of the index.
 */
interface IndexFile extends NameColumns {
  version: string;
  key: string;
  /** In a journal: the key of the index file it adds to. */
  base?: string;
  sum: ScanSum;
  erased: ErasedRecord[];
  changelogInStep: boolean;
}

const COLUMNS = ['ids', 'names', 'statuses', 'keys', 'skeletons', 'translits', 'contexts'] as const;

const JOURNAL_SHARE = 0.02;
const JOURNAL_MIN = 64;

/** Where an index read from disk came from: the key and size of its index file (not counting a journal). */
export interface IndexOrigin {
  baseKey: string;
  baseCount: number;
}

/** The key of the index for the letter in `dir` whose signature files have `sum` (see `stateKey` in check-memo.ts). */
export function indexKey(dir: string, sum: ScanSum): Promise<string> {
  return stateKey(dir, sum, [VERSION]);
}

/** The index of the letter in `dir`, the key of the state it was made for, and where it came from; undefined when there is none. */
export async function readLetterIndex(
  dir: string,
): Promise<{ key: string; index: LetterIndex; origin: IndexOrigin } | undefined> {
  const file = await cacheFileFor(dir, 'index');
  if (!file) return undefined;
  const read = async (f: string) => {
    try {
      const c = JSON.parse(await readFile(f, 'utf8')) as unknown;
      return wellFormed(c) ? c : undefined;
    } catch {
      return undefined;
    }
  };
  const base = await read(file);
  if (!base) return undefined;
  const journal = await read(journalOf(file));
  const top = journal?.base === base.key ? journal : undefined;
  // The journal's names go on the end of the index's columns.
  if (top) for (const col of COLUMNS) (base[col] as unknown[]).push(...top[col]);
  const last = top ?? base;
  return {
    key: last.key,
    index: {
      sum: last.sum,
      names: base,
      erased: last.erased,
      changelogInStep: last.changelogInStep,
    },
    origin: { baseKey: base.key, baseCount: base.ids.length - (top?.ids.length ?? 0) },
  };
}

/**
 * Remembers `index` as the index of the letter in `dir` in the state `key`. With `origin`
 * (the index it extends, as read), only the signatures past the index file's go to the
 * journal, while it stays small. Errors are ignored: it only saves time.
 */
export async function writeLetterIndex(
  dir: string,
  key: string,
  index: LetterIndex,
  origin?: IndexOrigin,
): Promise<void> {
  const file = await cacheFileFor(dir, 'index');
  if (!file) return;
  const count = index.names.ids.length;
  const journal =
    origin !== undefined &&
    count - origin.baseCount <= Math.max(JOURNAL_MIN, origin.baseCount * JOURNAL_SHARE);
  const from = journal ? origin.baseCount : 0;
  const c: IndexFile = {
    version: VERSION,
    key,
    ...(journal ? { base: origin.baseKey } : {}),
    sum: index.sum,
    ids: index.names.ids.slice(from),
    names: index.names.names.slice(from),
    statuses: index.names.statuses.slice(from),
    keys: index.names.keys.slice(from),
    skeletons: index.names.skeletons.slice(from),
    translits: index.names.translits.slice(from),
    contexts: index.names.contexts.slice(from),
    erased: index.erased,
    changelogInStep: index.changelogInStep,
  };
  try {
    await mkdir(path.dirname(file), { recursive: true });
    const { default: writeFileAtomic } = await import('write-file-atomic');
    // A cache: a write cut short is caught by its JSON parse, so no fsync.
    await writeFileAtomic(journal ? journalOf(file) : file, JSON.stringify(c), { fsync: false });
    if (!journal) await unlink(journalOf(file)).catch(() => {});
  } catch (e) {
    debugCache(e);
  }
}

/** True when `c` is an index file of this version in the shape letter writes (a damaged cache is ignored, never trusted). */
function wellFormed(c: unknown): c is IndexFile {
  if (c === null || typeof c !== 'object') return false;
  const f = c as Record<string, unknown>;
  const sum = f.sum as Record<string, unknown> | null;
  if (
    f.version !== VERSION ||
    typeof f.key !== 'string' ||
    (f.base !== undefined && typeof f.base !== 'string')
  )
    return false;
  if (
    sum === null ||
    typeof sum !== 'object' ||
    ![sum.a, sum.b, sum.n].every((x) => typeof x === 'number')
  )
    return false;
  if (typeof f.changelogInStep !== 'boolean' || !Array.isArray(f.erased)) return false;
  const columns = COLUMNS.map((col) => f[col]);
  if (!columns.every((col) => Array.isArray(col) && col.length === (f.ids as unknown[]).length))
    return false;
  return columns.every((col, k) =>
    (col as unknown[]).every(
      (v) =>
        typeof v === 'string' ||
        ((COLUMNS[k] === 'skeletons' || COLUMNS[k] === 'contexts') && v === 0),
    ),
  );
}

function journalOf(file: string): string {
  return file.replace(/\.json$/, '.new.json');
}
