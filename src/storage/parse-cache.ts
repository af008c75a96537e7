/**
 * A cache of parsed signature files, outside git, so that a run only parses the files that
 * changed since the last one. Each entry is keyed by the file's name and identity (size,
 * modification and change times, inode); any difference and the file is parsed again.
 * Only files without problems are cached: any other is parsed every time, so its problems
 * are always reported with their positions.
 *
 * Location: $LETTER_CACHE_DIR, else $XDG_CACHE_HOME/letter, else ~/.cache/letter; one cache
 * per folder of signature files (the flat folder, or each shard), named by a hash of its
 * real path. LETTER_NO_CACHE=1 turns it off. A cache that cannot be read or written is
 * ignored: it only ever saves time.
 *
 * Format: JSON in columns (one array per field, see `Columns`), which parses several times
 * faster than one object per file. A run that adds or changes a few files writes them to a
 * small journal `<hash>.new.json` instead of rewriting the whole cache; the journal is
 * folded into the cache once it passes 2% of it.
 */

import { mkdir, readFile, unlink } from 'node:fs/promises';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import pkg from '../../package.json' with { type: 'json' };
import type { NameSeed } from '../letter/duplicates.js';
import {
  type ErasedFile,
  type ErasedRecord,
  type Signature,
  type SignatureFile,
  signatureSchema,
} from '../letter/schema.js';
import { cacheFileFor, debugCache } from './cache-dir.js';
import type { Identity } from './file-stats.js';
import { idOfEntry } from './layout.js';

/** What the cache keeps of one valid file. */
export type CachedValue =
  | { kind: 'signature'; data: SignatureFile; key: string; seed?: NameSeed }
  | { kind: 'erased'; data: ErasedFile };

/** A cached file as `get` gives it: the signature or erasure record with its id (the file's name without .yaml). */
export type CachedFile =
  | { kind: 'signature'; signature: Signature; key: string; seed?: NameSeed }
  | { kind: 'erased'; record: ErasedRecord };

// The fields of a signature file, in the order the schema gives them (so that a cached
// signature has its keys in the same order as a parsed one).
const FIELDS = Object.keys(signatureSchema.shape) as (keyof SignatureFile)[];

/**
 * The cache of one folder in columns: entry i is file `names[i]`; its identity is
 * `size[i]`, `mtime[i]`, `ctime[i]` (0 when equal to `mtime[i]`), `ino[i]`; a signature has
 * `fields[f][i]` for each field (null when absent; a column of nulls is stored as 0) and its name keys in `key`, `skeleton` (0 when equal to the key) and
 * `translit` (both null until a lookup needed them); an erasure record has its data in `erased[i]` (0 for a signature).
 */
interface Columns {
  version: string;
  names: string[];
  size: number[];
  mtime: number[];
  ctime: number[];
  ino: number[];
  fields: (unknown[] | 0)[];
  key: string[];
  skeleton: (string | 0 | null)[];
  translit: (string | null)[];
  erased: (ErasedFile | 0)[];
}

const VERSION = `letter ${pkg.version} cache 8`;
// The journal is folded into the cache past this share of its entries (and at least JOURNAL_MIN).
const JOURNAL_SHARE = 0.02;
const JOURNAL_MIN = 64;

/** The JSON of `c`, a column of nulls written as 0. */
function serialise(c: Columns): string {
  return JSON.stringify({
    ...c,
    fields: c.fields.map((col) => (col !== 0 && col.every((v) => v === null) ? 0 : col)),
  });
}

function emptyColumns(): Columns {
  return {
    version: VERSION,
    names: [],
    size: [],
    mtime: [],
    ctime: [],
    ino: [],
    fields: FIELDS.map(() => []),
    key: [],
    skeleton: [],
    translit: [],
    erased: [],
  };
}

function push(c: Columns, name: string, id: Identity, v: CachedValue): void {
  c.names.push(name);
  c.size.push(id.size);
  c.mtime.push(id.mtimeMs);
  c.ctime.push(id.ctimeMs === id.mtimeMs ? 0 : id.ctimeMs);
  c.ino.push(id.ino);
  if (v.kind === 'erased') {
    for (const col of c.fields) (col as unknown[]).push(null);
    c.key.push('');
    c.skeleton.push(0);
    c.translit.push('');
    c.erased.push(v.data);
    return;
  }
  FIELDS.forEach((f, i) => {
    (c.fields[i] as unknown[]).push(v.data[f] ?? null);
  });
  c.key.push(v.key);
  c.skeleton.push(v.seed === undefined ? null : v.seed[1] === v.key ? 0 : v.seed[1]);
  c.translit.push(v.seed?.[2] ?? null);
  c.erased.push(0);
}

/** Copies entry `i` of `from` to the end of `c`. */
function copy(c: Columns, from: Columns, i: number): void {
  c.names.push(from.names[i]!);
  c.size.push(from.size[i]!);
  c.mtime.push(from.mtime[i]!);
  c.ctime.push(from.ctime[i]!);
  c.ino.push(from.ino[i]!);
  c.fields.forEach((col, f) => {
    const source = from.fields[f]!;
    (col as unknown[]).push(source === 0 ? null : source[i]);
  });
  c.key.push(from.key[i]!);
  c.skeleton.push(from.skeleton[i]!);
  c.translit.push(from.translit[i]!);
  c.erased.push(from.erased[i]!);
}

/** Entry `i` of `c`, rebuilt, with its id. */
function valueAt(c: Columns, i: number): CachedFile {
  const id = idOfEntry(c.names[i]!);
  const erased = c.erased[i];
  if (erased) return { kind: 'erased', record: { id, ...erased } };
  const data: Record<string, unknown> = { id };
  for (let f = 0; f < FIELDS.length; f++) {
    const col = c.fields[f]!;
    if (col === 0) continue;
    const v = col[i];
    if (v !== null) data[FIELDS[f]!] = v;
  }
  const key = c.key[i]!;
  const skeleton = c.skeleton[i]!;
  const translit = c.translit[i];
  if (skeleton === null || translit === null || translit === undefined)
    return { kind: 'signature', signature: data as Signature, key };
  return {
    kind: 'signature',
    signature: data as Signature,
    key,
    seed: [key, skeleton === 0 ? key : skeleton, translit],
  };
}

async function readColumns(file: string): Promise<Columns | undefined> {
  try {
    const c = JSON.parse(await readFile(file, 'utf8')) as Columns;
    return c.version === VERSION && Array.isArray(c.names) && c.fields?.length === FIELDS.length
      ? c
      : undefined;
  } catch {
    return undefined;
  }
}

/** The parsed files of one folder of signature files, as of the last run. */
export class ParseCache {
  /** Where each file's entry is: an index into the main columns, or past their end into the journal's. */
  private readonly previous = new Map<string, number>();
  /** Entries still valid in this run (hits), as indices like those of `previous`. */
  private readonly hits: number[] = [];
  /** Entries parsed in this run, in columns. */
  private readonly added = emptyColumns();
  /** Files of the previous run still present (unchanged, or changed and parsed again). */
  private kept = 0;

  private constructor(
    private readonly file: string | undefined,
    private readonly main: Columns | undefined,
    private readonly journal: Columns | undefined,
  ) {
    main?.names.forEach((n, i) => {
      this.previous.set(n, i);
    });
    const offset = main?.names.length ?? 0;
    journal?.names.forEach((n, i) => {
      this.previous.set(n, offset + i);
    });
  }

  /** Opens the cache of the folder `dir`; an absent or unreadable cache is empty. */
  static async open(dir: string): Promise<ParseCache> {
    const file = await cacheFileFor(dir, '');
    if (!file) return new ParseCache(undefined, undefined, undefined);
    const main = await readColumns(file);
    // A journal only counts on top of the cache it was written beside.
    const journal = main ? await readColumns(journalOf(file)) : undefined;
    return new ParseCache(file, main, journal);
  }

  /** The columns and index of entry `at` (see `previous`). */
  private locate(at: number): [Columns, number] {
    const size = this.main?.names.length ?? 0;
    return at < size ? [this.main!, at] : [this.journal!, at - size];
  }

  /** True when the cache holds nothing (first run on the folder, or caching off). */
  get empty(): boolean {
    return this.previous.size === 0;
  }

  /** The cached value of file `name` if the file is unchanged since it was cached. */
  get(name: string, st: Identity): CachedFile | undefined {
    const at = this.previous.get(name);
    if (at === undefined) return undefined;
    const [c, i] = this.locate(at);
    if (
      c.size[i] !== st.size ||
      c.mtime[i] !== st.mtimeMs ||
      (c.ctime[i] || c.mtime[i]) !== st.ctimeMs ||
      c.ino[i] !== st.ino
    )
      return undefined;
    this.hits.push(at);
    this.kept++;
    return valueAt(c, i);
  }

  /** Remembers the value of a file just parsed. */
  set(name: string, st: Identity, value: CachedValue): void {
    if (this.previous.has(name)) this.kept++;
    push(this.added, name, st, value);
  }

  /**
   * Writes what changed: nothing when no file was added, changed or removed; the journal
   * when the change is small; else the whole cache. Errors are ignored.
   */
  async save(): Promise<void> {
    if (!this.file) return;
    const removed = this.previous.size - this.kept;
    const added = this.added.names.length;
    if (added === 0 && removed === 0) return;
    try {
      await mkdir(path.dirname(this.file), { recursive: true });
      const mainRows = this.main?.names.length ?? -1;
      const journalHits = this.hits.filter((at) => at >= Math.max(mainRows, 0));
      if (
        this.main &&
        removed === 0 &&
        journalHits.length + added <= Math.max(JOURNAL_MIN, mainRows * JOURNAL_SHARE)
      ) {
        const out = emptyColumns();
        for (const at of journalHits) copy(out, ...this.locate(at));
        for (let i = 0; i < added; i++) copy(out, this.added, i);
        await writeFileAtomic(journalOf(this.file), serialise(out), { fsync: false });
        return;
      }
      // A first run writes what it parsed as it is; a later one adds what it kept.
      const out = this.hits.length === 0 ? this.added : emptyColumns();
      if (out !== this.added) {
        for (const at of this.hits) copy(out, ...this.locate(at));
        for (let i = 0; i < added; i++) copy(out, this.added, i);
      }
      await writeFileAtomic(this.file, serialise(out), { fsync: false });
      await unlink(journalOf(this.file)).catch(() => {});
    } catch (e) {
      // a cache is only an optimisation
      debugCache(e);
    }
  }
}

function journalOf(file: string): string {
  return file.replace(/\.json$/, '.new.json');
}
