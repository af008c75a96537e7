/**
 * The letter's index: one SQLite database per letter folder, outside git, holding what letter
 * can always compute again from the files (SQLite through better-sqlite3, see
 * https://www.sqlite.org/wal.html for why a killed process leaves it whole):
 * - `files`: each valid signature file and erasure record as parsed, keyed by its folder
 *   (shard, "" for the flat layout) and name, with the identity (size, modification and
 *   change times, inode) it had: a file whose identity differs is parsed again;
 * - `meta`: the last check result and the state the names were indexed at;
 * - `names`, `name_keys`, `words`: the names of the letter with the keys a likely-duplicate
 *   lookup finds them by, and how many names hold each word, so that `sign` finds the names
 *   sharing a key with a new name without reading the others (see sign-index.ts).
 *
 * Location: $LETTER_CACHE_DIR, else $XDG_CACHE_HOME/letter, else ~/.cache/letter, named by a
 * hash of the letter folder's real path (see cache-dir.ts); LETTER_NO_CACHE=1 turns it off.
 * It is rebuilt from the files whenever in doubt: a database of another version of letter,
 * one that cannot be opened or read (damaged, not a database), is deleted and made again;
 * a write cut short by a killed process is rolled back by SQLite itself. Any other error
 * only costs time: the command reads the files instead.
 */
import { existsSync } from 'node:fs';
import { mkdir, realpath } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import pkg from '../../package.json' with { type: 'json' };
import type { NameSeed } from '../letter/duplicates.js';
import type { ErasedRecord, Signature } from '../letter/schema.js';
import { debugCache, indexFileFor, removeIndexFiles } from './cache-dir.js';
import type { Identity } from './file-stats.js';
import { idOfEntry } from './layout.js';

/** The version of what the database holds: another one and the database is made again. */
const VERSION = `letter ${pkg.version} db 4`;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS files (
  shard TEXT NOT NULL, entry TEXT NOT NULL,
  size REAL NOT NULL, mtime REAL NOT NULL, ctime REAL NOT NULL, ino REAL NOT NULL,
  erased INTEGER NOT NULL, data TEXT NOT NULL,
  key TEXT, skeleton TEXT, translit TEXT,
  PRIMARY KEY (shard, entry)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS names (
  row INTEGER PRIMARY KEY, id TEXT NOT NULL, name TEXT NOT NULL, status TEXT NOT NULL,
  key TEXT NOT NULL, skeleton TEXT NOT NULL, translit TEXT NOT NULL, context TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS names_id ON names (id);
CREATE TABLE IF NOT EXISTS name_keys (k TEXT NOT NULL, row INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS name_keys_k ON name_keys (k, row);
CREATE TABLE IF NOT EXISTS key_sizes (k TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS words (w TEXT PRIMARY KEY, df INTEGER NOT NULL) WITHOUT ROWID;
`;

/** What the index keeps of one valid file: a signature with its name keys, or an erasure record. */
export type CachedFile =
  | { kind: 'signature'; signature: Signature; key: string; seed?: NameSeed }
  | { kind: 'erased'; record: ErasedRecord };

type Db = BetterSqlite3.Database;
type Row = [
  entry: string,
  size: number,
  mtime: number,
  ctime: number,
  ino: number,
  erased: number,
  data: string,
  key: string | null,
  skeleton: string | null,
  translit: string | null,
];

let Sqlite: typeof BetterSqlite3 | undefined;

/** better-sqlite3, loaded on first use (a run that opens no index does not load it). */
function sqlite(): typeof BetterSqlite3 {
  Sqlite ??= createRequire(import.meta.url)('better-sqlite3') as typeof BetterSqlite3;
  return Sqlite;
}

/** Whether `e` says the database file is damaged or is not a database. */
function isDamaged(e: unknown): boolean {
  const code = (e as { code?: unknown })?.code;
  return code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB' || code === 'SQLITE_CANTOPEN';
}

/** Opens (or makes) the database at `file`, at this version; throws what SQLite throws. */
function openAt(file: string, dir: string): Db {
  const db = new (sqlite())(file, { timeout: 5000 });
  try {
    db.pragma('journal_mode = WAL');
    // A cache: a power cut may lose the last writes, never leave the file inconsistent.
    db.pragma('synchronous = NORMAL');
    // What is deleted is overwritten: a name erased from the letter leaves no bytes behind.
    db.pragma('secure_delete = ON');
    db.exec(SCHEMA);
    const row = db.prepare('SELECT value FROM meta WHERE name = ?').get('version') as
      | { value: string }
      | undefined;
    if (row?.value !== VERSION) {
      db.exec(
        'DELETE FROM files; DELETE FROM names; DELETE FROM name_keys; DELETE FROM key_sizes; DELETE FROM words;',
      );
      db.exec('DELETE FROM meta');
      db.prepare('INSERT INTO meta VALUES (?, ?)').run('version', VERSION);
      // The folder it is the index of, for the sweep of indexes whose folder is gone (see cache-dir.ts).
      db.prepare('INSERT INTO meta VALUES (?, ?)').run('dir', JSON.stringify(dir));
    }
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}

/**
 * The index of one letter folder, open. Every method treats a failure of the database as
 * a miss (nothing found, nothing kept) and never throws; a damaged database is deleted.
 */
export class LetterDb {
  /** A run saw an erasure record the index did not hold: the index may hold the erased name (see `settle`). */
  erasureSeen = false;
  /** A run found a file the index held with another identity (changed, possibly in place): the names kept for `sign` may be stale. */
  fileChanged = false;

  private constructor(
    readonly db: Db,
    readonly file: string,
  ) {}

  /**
   * Opens the index of the letter in `letterDir`, making it when it is missing, and making
   * it again when it is of another version or damaged.
   * @returns undefined when caching is off or the database cannot be opened at all.
   */
  static async open(letterDir: string): Promise<LetterDb | undefined> {
    const file = await indexFileFor(letterDir);
    if (!file) return undefined;
    const dir = await realpath(letterDir).catch(() => path.resolve(letterDir));
    try {
      await mkdir(path.dirname(file), { recursive: true });
    } catch (e) {
      debugCache(e);
      return undefined;
    }
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        return new LetterDb(openAt(file, dir), file);
      } catch (e) {
        debugCache(e);
        if (!isDamaged(e)) return undefined;
        removeIndexFiles(file);
      }
    }
    return undefined;
  }

  /** Runs `fn` on the database; on a failure returns `fallback`, deleting a damaged database. */
  guard<T>(fallback: T, fn: (db: Db) => T): T {
    try {
      return fn(this.db);
    } catch (e) {
      debugCache(e);
      if (isDamaged(e)) {
        this.close();
        removeIndexFiles(this.file);
      }
      return fallback;
    }
  }

  /**
   * Ends a run that read the letter's files: after an erasure record it had not seen, the
   * whole index is deleted (it may hold the erased name: an erasure that came by git pull);
   * after a file found changed, the names kept for `sign` are dropped. Then closes it.
   */
  settle(): void {
    if (this.erasureSeen) {
      this.close();
      removeIndexFiles(this.file);
      return;
    }
    if (this.fileChanged) this.setMeta('names', undefined);
    this.close();
  }

  /** Closes the database (a second call does nothing). */
  close(): void {
    try {
      if (this.db.open) this.db.close();
    } catch (e) {
      debugCache(e);
    }
  }

  /** The value kept under `name` in `meta`, parsed from JSON; undefined when none or unreadable. */
  meta(name: string): unknown {
    return this.guard(undefined, (db) => {
      const row = db.prepare('SELECT value FROM meta WHERE name = ?').get(name) as
        | { value: string }
        | undefined;
      return row === undefined ? undefined : JSON.parse(row.value);
    });
  }

  /** Keeps `value` (as JSON) under `name` in `meta`; undefined deletes it. */
  setMeta(name: string, value: unknown): void {
    this.guard(undefined, (db) => {
      if (value === undefined) db.prepare('DELETE FROM meta WHERE name = ?').run(name);
      else db.prepare('INSERT OR REPLACE INTO meta VALUES (?, ?)').run(name, JSON.stringify(value));
    });
  }

  /** The parsed files of the signature folder `shard` ("" for signatures/ itself) in `db`; with no index, a folder that keeps nothing. */
  static folderOf(db: LetterDb | undefined, shard: string): FolderFiles {
    return new FolderFiles(db, shard);
  }

  /** Forgets the files of every signature folder but `shards` (folders that are gone). */
  keepFolders(shards: readonly string[]): void {
    // The folders of the last run are kept in meta: no scan of every file's row to find them.
    const known = (this.meta('folders') as string[] | undefined) ?? [];
    const keep = new Set(shards);
    const gone = known.filter((s) => !keep.has(s));
    if (gone.length === 0 && known.length === shards.length) return;
    this.guard(undefined, (db) => {
      const del = db.prepare('DELETE FROM files WHERE shard = ?');
      for (const s of gone) del.run(s);
    });
    this.setMeta('folders', shards);
  }
}

/**
 * The parsed files of one folder of signature files, as of the last run, read whole on first
 * use. `get` gives a file whose identity is unchanged; `set` keeps a file just parsed; `save`
 * writes what was set and deletes the files that are gone, in one transaction.
 */
export class FolderFiles {
  private rows: Map<string, Row> | undefined;
  private readonly added: Row[] = [];
  private saved = false;

  constructor(
    private readonly index: LetterDb | undefined,
    private readonly shard: string,
  ) {}

  /** Whether the index holds no file of this folder. */
  get empty(): boolean {
    return (
      this.index?.guard(
        true,
        (db) =>
          db.prepare('SELECT 1 FROM files WHERE shard = ? LIMIT 1').get(this.shard) === undefined,
      ) ?? true
    );
  }

  private load(): Map<string, Row> {
    if (!this.rows) {
      const rows = new Map<string, Row>();
      this.index?.guard(undefined, (db) => {
        const q = db.prepare(
          'SELECT entry, size, mtime, ctime, ino, erased, data, key, skeleton, translit FROM files WHERE shard = ?',
        );
        for (const r of q.raw().iterate(this.shard) as IterableIterator<Row>) rows.set(r[0], r);
      });
      this.rows = rows;
    }
    return this.rows;
  }

  /** The file `entry` as parsed when it had identity `st`; undefined when it changed, is new, or the index cannot tell. */
  get(entry: string, st: Identity): CachedFile | undefined {
    const rows = this.load();
    const r = rows.get(entry);
    if (!r) return undefined;
    if (r[1] !== st.size || r[2] !== st.mtimeMs || r[3] !== st.ctimeMs || r[4] !== st.ino) {
      if (this.index) this.index.fileChanged = true;
      return undefined;
    }
    // Unchanged: kept as it is (`save` deletes the rows left, neither got unchanged nor set).
    rows.delete(entry);
    return fileOfRow(r);
  }

  /** Keeps the file `entry` with identity `st`, as just parsed. */
  set(entry: string, st: Identity, value: CachedFile): void {
    if (!this.index) return;
    // An erasure record new to an index that held this folder's files: the erased name may be in it.
    if (value.kind === 'erased' && this.rows && !this.rows.has(entry))
      this.index.erasureSeen = true;
    this.rows?.delete(entry);
    this.added.push(
      value.kind === 'erased'
        ? [
            entry,
            st.size,
            st.mtimeMs,
            st.ctimeMs,
            st.ino,
            1,
            erasedData(value.record),
            null,
            null,
            null,
          ]
        : [
            entry,
            st.size,
            st.mtimeMs,
            st.ctimeMs,
            st.ino,
            0,
            JSON.stringify(value.signature),
            value.key,
            value.seed?.[1] ?? null,
            value.seed?.[2] ?? null,
          ],
    );
  }

  /** Writes the files set and deletes those neither got nor set (gone, changed or invalid now). Once. */
  save(): void {
    if (this.saved || !this.index) return;
    this.saved = true;
    this.index.guard(undefined, (db) => {
      // Rows never read: the folder had none (a first run), or has no file left (none was set).
      const gone = this.rows ? [...this.rows.keys()] : this.added.length === 0 ? 'all' : 'none';
      db.transaction(() => {
        if (gone === 'all') db.prepare('DELETE FROM files WHERE shard = ?').run(this.shard);
        else if (gone !== 'none') {
          const del = db.prepare('DELETE FROM files WHERE shard = ? AND entry = ?');
          for (const e of gone) del.run(this.shard, e);
        }
        insertRows(db, 'INSERT OR REPLACE INTO files VALUES', 11, this.added, (r, out) => {
          out.push(this.shard, ...r);
        });
      })();
    });
    this.rows = undefined;
    this.added.length = 0;
  }
}

/** Rows per statement of a bulk insert (fewer calls into SQLite: a third less time than one row a call). */
const BATCH = 100;

/**
 * Inserts `items` with `insert` (an "INSERT ... VALUES" without its values) of rows of
 * `width` values each, which `values` appends for one item, many rows a statement;
 * `onConflict` is the statement's upsert clause, if any.
 */
export function insertRows<T>(
  db: Db,
  insert: string,
  width: number,
  items: readonly T[],
  values: (item: T, out: unknown[], index: number) => void,
  onConflict = '',
): void {
  const row = `(${Array(width).fill('?').join(', ')})`;
  const many = db.prepare(`${insert} ${Array(BATCH).fill(row).join(', ')} ${onConflict}`);
  const one = db.prepare(`${insert} ${row} ${onConflict}`);
  const out: unknown[] = [];
  let i = 0;
  for (; i + BATCH <= items.length; i += BATCH) {
    out.length = 0;
    for (let j = i; j < i + BATCH; j++) values(items[j]!, out, j);
    many.run(out);
  }
  for (; i < items.length; i++) {
    out.length = 0;
    values(items[i]!, out, i);
    one.run(out);
  }
}

/** An erasure record as stored: without its id, which its file name gives. */
function erasedData(record: ErasedRecord): string {
  const { id: _, ...data } = record;
  return JSON.stringify(data);
}

/** A stored row as the file it keeps, id from its name. */
function fileOfRow(r: Row): CachedFile {
  const id = idOfEntry(r[0]);
  if (r[5] === 1) return { kind: 'erased', record: { id, ...JSON.parse(r[6]) } as ErasedRecord };
  const signature = JSON.parse(r[6]) as Signature;
  const key = r[7] ?? '';
  return r[8] === null || r[9] === null
    ? { kind: 'signature', signature, key }
    : { kind: 'signature', signature, key, seed: [key, r[8], r[9]] };
}

/**
 * The last result of `letter check` kept for the letter in `dir`, with the key of the state
 * it was computed in (see state-key.ts); undefined when none is kept (then no key is worth
 * computing). Only results that cannot change with time alone are kept (see the check
 * command: no date in the future). The caller checks the value's shape.
 */
export async function keptCheck(
  dir: string,
): Promise<{ key: unknown; value: unknown } | undefined> {
  if (!(await hasIndex(dir))) return undefined;
  const db = await LetterDb.open(dir);
  const kept = db?.meta('check') as { key?: unknown; value?: unknown } | undefined;
  db?.close();
  return kept === undefined ? undefined : { key: kept.key, value: kept.value };
}

/** Whether the letter in `dir` has an index (a file, perhaps empty or of another version). */
export async function hasIndex(dir: string): Promise<boolean> {
  const file = await indexFileFor(dir);
  return file !== undefined && existsSync(file);
}

/** Keeps `value` as the check result of the letter in `dir` under `key` (replacing any other). */
export async function writeMemo(dir: string, key: string, value: unknown): Promise<void> {
  const db = await LetterDb.open(dir);
  db?.setMeta('check', { key, value });
  db?.close();
}
