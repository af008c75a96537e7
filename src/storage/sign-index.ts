/**
 * The names of a letter as `sign` looks them up, kept in the letter's index database
 * (letter-db.ts) so that signing one more person onto a letter of a million reads neither
 * every signature file nor every name: only the names sharing a lookup key with the new one.
 *
 * Tables: `names` (row n is the n-th name indexed: id, name, status, name keys and the
 * context that tells people apart), `name_keys` (each key of `lookupKeys`, and the consonant
 * keys of `consonantKeys` as "c <key>", and "a <key>" for names written without vowels, with
 * the row holding it), `words` (how many names hold each word, for word weights). The
 * selection of candidates is the one `NameIndex` makes (`selectCandidates`), so a lookup
 * here finds what a lookup in memory finds.
 *
 * The names hold for one state of the letter, named by its key (see `signStateKey` in
 * state-key.ts) and kept in `meta` under "names" with the erasure records and whether
 * CHANGELOG.md is in step with the signatures.
 */

import type BetterSqlite3 from 'better-sqlite3';
import {
  byStrength,
  COMMON_WORD_LIST,
  consonantKeys,
  type DuplicateMatch,
  type IndexedName,
  type KeyLists,
  lookupKeys,
  type NameColumns,
  type NameFinder,
  NameIndex,
  nameSeed,
  selectCandidates,
} from '../letter/duplicates.js';
import { type MatchContext, nameProfile } from '../letter/name-match.js';
import type { ErasedRecord } from '../letter/schema.js';
import { insertRows, type LetterDb } from './letter-db.js';

/** What `meta` keeps under "names". */
interface NamesMeta {
  key: string;
  count: number;
  abjad: number;
  erased: ErasedRecord[];
  changelogInStep: boolean;
}

/** One name as the sign index adds it: what the name index keeps, with its keys (see `nameSeed`). */
export type NameRow = IndexedName & { seed?: readonly [string, string, string] };

/** Word counts of names to come (an import's rows), added to the letter's for word weights. */
export interface ExtraNames {
  df: ReadonlyMap<string, number>;
  n: number;
}

/** The names of the letter in the index, for one sign: lookups by key, ids, owners of emails. */
export interface StoredNames {
  /** Every name of the letter that `name` matches, as `NameIndex.find` gives them; `extra` adds the counts of names to come. */
  find(name: string, ctx?: MatchContext, extra?: ExtraNames): DuplicateMatch[];
  /** How many names of the letter hold `word`. */
  df(word: string): number;
  /** The erasure records of the letter. */
  erased: ErasedRecord[];
  /** CHANGELOG.md was exactly what the signatures give, in that state. */
  changelogInStep: boolean;
  /** How many names. */
  count: number;
  /** Whether a signature has id `id`. */
  has(id: string): boolean;
  /** The signature of id `id` (id, name, status), if any. */
  owner(id: string): IndexedName | undefined;
}

/**
 * The names kept for the letter in state `key`, or undefined when the index holds another
 * state (or none, or cannot be read).
 */
export function readSignIndex(db: LetterDb, key: string): StoredNames | undefined {
  const meta = db.meta('names') as NamesMeta | undefined;
  if (meta?.key !== key) return undefined;
  let q: Queries | undefined;
  const queries = () => (q ??= prepareQueries(db, meta));
  return {
    erased: meta.erased,
    changelogInStep: meta.changelogInStep,
    count: meta.count,
    has: (id) => db.guard(true, () => queries().byId.get(id) !== undefined),
    owner: (id) => db.guard(undefined, () => queries().byId.get(id) as IndexedName | undefined),
    find: (name, ctx, extra) =>
      db.guard([] as DuplicateMatch[], () => findStored(queries(), meta, name, ctx, extra)),
    df: (word) => db.guard(0, () => queries().df(word)),
  };
}

/** How many entries of key lists one sign or import keeps after reading them (a few megabytes). */
const HELD_ROWS = 1_000_000;

/** The statements of the lookups of one state of the names, prepared once, and scratch space. */
interface Queries {
  byId: BetterSqlite3.Statement;
  entry: BetterSqlite3.Statement;
  /** How many names hold key `k`. */
  count(k: string): number;
  /** The names holding key `k`, at most `limit` (-1: all). */
  rows(k: string, limit: number): number[];
  df(word: string): number;
  counts: Uint8Array;
  /** The names read for earlier lookups (an import looks up thousands), by row: read and profiled once. */
  read: { index: NameIndex; at: Map<number, number> };
}

/** How many names read for lookups one sign or import keeps, with their profiles (a few hundred bytes each). */
const HELD_NAMES = 50_000;

/** `read`, each key read once (a number per key: small). */
function readOnce(read: (key: string) => number): (key: string) => number {
  const known = new Map<string, number>();
  return (key) => {
    let n = known.get(key);
    if (n === undefined) known.set(key, (n = read(key)));
    return n;
  };
}

function prepareQueries(db: LetterDb, meta: NamesMeta): Queries {
  const d = db.db;
  const rows = d.prepare('SELECT row FROM name_keys WHERE k = ? ORDER BY row LIMIT ?').pluck();
  const size = d.prepare('SELECT n FROM key_sizes WHERE k = ?').pluck();
  const dfOf = d.prepare('SELECT df FROM words WHERE w = ?').pluck();
  // An import asks for the same keys and words again and again: each is read once.
  const lists = new Map<string, number[]>();
  let held = 0;
  return {
    byId: d.prepare('SELECT id, name, status FROM names WHERE id = ?'),
    entry: d.prepare(
      'SELECT id, name, status, key, skeleton, translit, context FROM names WHERE row = ?',
    ),
    count: readOnce((k) => (size.get(k) as number | undefined) ?? 0),
    rows: (k, limit) => {
      const cacheKey = `${limit} ${k}`;
      let list = lists.get(cacheKey);
      if (list === undefined) {
        list = rows.all(k, limit) as number[];
        // Kept for the rows to come up to a bound, as lists can be long (they are never changed).
        if (held + list.length <= HELD_ROWS) {
          lists.set(cacheKey, list);
          held += list.length;
        }
      }
      return list;
    },
    df: readOnce((w) => (dfOf.get(w) as number | undefined) ?? 0),
    counts: new Uint8Array(meta.count + 1),
    read: { index: new NameIndex(), at: new Map() },
  };
}

/** The names of `meta`'s state that `name` matches, as `NameIndex.find` gives them. */
function findStored(
  q: Queries,
  meta: NamesMeta,
  name: string,
  ctx: MatchContext = {},
  extra?: ExtraNames,
): DuplicateMatch[] {
  const [key, skeleton] = nameSeed(name);
  if (key === '') return [];
  const p = nameProfile(name, key);
  // Names written without vowels are found by the consonants of every name; others by those of names written without vowels.
  const prefix = p.abjad ? 'c ' : meta.abjad > 0 ? 'a ' : undefined;
  const lists: KeyLists = {
    size: meta.count,
    count: q.count,
    get: (k) => q.rows(k, -1),
    consonants: prefix === undefined ? undefined : (k) => q.rows(prefix + k, COMMON_WORD_LIST),
  };
  const found = selectCandidates(p, lookupKeys(p, key, skeleton), lists, q.counts);
  if (q.read.at.size + found.size > HELD_NAMES) q.read = { index: new NameIndex(), at: new Map() };
  const { index, at } = q.read;
  const columns = index.columns;
  const entries: number[] = [];
  for (const row of found) {
    let i = at.get(row);
    if (i === undefined) {
      const e = q.entry.get(row) as Record<string, string> | undefined;
      if (!e) continue;
      i = columns.ids.length;
      columns.ids.push(e.id!);
      columns.names.push(e.name!);
      columns.statuses.push(e.status!);
      columns.keys.push(e.key!);
      columns.skeletons.push(e.skeleton === e.key ? 0 : e.skeleton!);
      columns.translits.push(e.translit!);
      columns.contexts.push(e.context || 0);
      at.set(row, i);
    }
    entries.push(i);
  }
  // Words weigh as in the whole letter (and the names to come), not as in the names read.
  index.weighWith({ get: (w) => q.df(w) + (extra?.df.get(w) ?? 0) }, meta.count + (extra?.n ?? 0));
  return index.scoreEntries(name, ctx, entries);
}

/**
 * Replaces the names kept in the index with `names` (the whole letter, in state `key`), its
 * erasure records, and whether CHANGELOG.md is in step.
 */
export function writeSignIndex(
  db: LetterDb,
  key: string,
  names: NameColumns,
  erased: ErasedRecord[],
  changelogInStep: boolean,
): void {
  db.guard(undefined, (d) => {
    d.transaction(() => {
      d.exec('DELETE FROM names; DELETE FROM name_keys; DELETE FROM key_sizes; DELETE FROM words;');
      d.prepare('DELETE FROM meta WHERE name = ?').run('names');
      // Keys are indexed once all are in (faster than keeping the index as they come).
      d.exec('DROP INDEX IF EXISTS name_keys_k');
      const added = addRows(db, names, 0);
      d.exec('CREATE INDEX name_keys_k ON name_keys (k, row)');
      d.prepare('INSERT OR REPLACE INTO meta VALUES (?, ?)').run(
        'names',
        JSON.stringify({
          key,
          count: names.ids.length,
          abjad: added.abjad,
          erased,
          changelogInStep,
        }),
      );
    })();
  });
}

/**
 * Adds the names of new signatures to the names kept for state `from`, which become the
 * names of state `to`; nothing when the index holds another state (the next sign reads
 * every file).
 */
export function addToSignIndex(
  db: LetterDb,
  from: string,
  to: string,
  names: readonly NameRow[],
  changelogInStep: boolean,
): void {
  const meta = db.meta('names') as NamesMeta | undefined;
  if (meta?.key !== from) return;
  // The names in columns, as a name index holds them (no maps are made until a lookup).
  const index = new NameIndex();
  for (const n of names) index.add(n, n.seed && [...n.seed]);
  const c = index.columns;
  db.guard(undefined, (d) => {
    d.transaction(() => {
      const added = addRows(db, c, meta.count);
      d.prepare('INSERT OR REPLACE INTO meta VALUES (?, ?)').run(
        'names',
        JSON.stringify({
          ...meta,
          key: to,
          count: meta.count + names.length,
          abjad: meta.abjad + added.abjad,
          changelogInStep,
        }),
      );
    })();
  });
}

/**
 * A finder over the names of the index and the names added to it since (an import's
 * accepted rows, held in memory): matches of both, weighed with the counts of the letter
 * and of the names `expect` announces.
 */
export function storedFinder(stored: StoredNames): NameFinder & Pick<NameIndex, 'add' | 'expect'> {
  const local = new NameIndex();
  let extra: ExtraNames = { df: new Map(), n: 0 };
  const weigh = () =>
    local.weighWith({ get: (w) => stored.df(w) + (extra.df.get(w) ?? 0) }, stored.count + extra.n);
  weigh();
  return {
    expect(names) {
      const df = new Map<string, number>();
      for (const name of names)
        for (const w of new Set(nameProfile(name).words.map((x) => x.w)))
          df.set(w, (df.get(w) ?? 0) + 1);
      extra = { df, n: names.length };
      weigh();
    },
    add: (n, seed) => local.add(n, seed),
    find: (name, ctx) =>
      [...stored.find(name, ctx, extra), ...local.find(name, ctx)].sort(byStrength),
  };
}

/** Pairs in the order of their first item (a string): keys as their index keeps them. */
const byFirst = (a: [string, number], b: [string, number]) =>
  a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;

/** Inserts the names of `c` as rows `first`, `first + 1`...; returns how many are written without vowels. */
function addRows(db: LetterDb, c: NameColumns, first: number): { abjad: number } {
  // Keys and their rows side by side (no pair per key: a million names hold several million keys).
  const keys: string[] = [];
  const keyRows: number[] = [];
  const sizes = new Map<string, number>();
  const key = (k: string, n: number) => {
    keys.push(k);
    keyRows.push(n);
    sizes.set(k, (sizes.get(k) ?? 0) + 1);
  };
  const df = new Map<string, number>();
  let abjad = 0;
  for (let i = 0; i < c.ids.length; i++) {
    const n = first + i;
    const nameKey = c.keys[i]!;
    const p = nameProfile(c.names[i]!, nameKey);
    for (const k of lookupKeys(p, nameKey, c.skeletons[i] || nameKey)) key(k, n);
    for (const k of consonantKeys(p)) {
      key(`c ${k}`, n);
      if (p.abjad) key(`a ${k}`, n);
    }
    if (p.abjad) abjad++;
    for (const w of new Set(p.words.map((x) => x.w))) df.set(w, (df.get(w) ?? 0) + 1);
  }
  const d = db.db;
  const rows = Array.from({ length: c.ids.length }, (_, i) => i);
  insertRows(d, 'INSERT INTO names VALUES', 8, rows, (i, out) => {
    const key = c.keys[i]!;
    out.push(first + i, c.ids[i], c.names[i], c.statuses[i], key);
    out.push(c.skeletons[i] || key, c.translits[i], c.contexts[i] || '');
  });
  // In key order: each key lands next to the one before in the index of keys, so that adding
  // an import's names to a large letter's reads and writes each page of it once, not once a key.
  const order = Array.from({ length: keys.length }, (_, i) => i).sort((a, b) =>
    keys[a]! < keys[b]! ? -1 : keys[a]! > keys[b]! ? 1 : keyRows[a]! - keyRows[b]!,
  );
  insertRows(d, 'INSERT INTO name_keys VALUES', 2, order, (i, out) => {
    out.push(keys[i], keyRows[i]);
  });
  insertRows(
    d,
    'INSERT INTO key_sizes VALUES',
    2,
    [...sizes].sort(byFirst),
    (k, out) => {
      out.push(k[0], k[1]);
    },
    'ON CONFLICT (k) DO UPDATE SET n = n + excluded.n',
  );
  insertRows(
    d,
    'INSERT INTO words VALUES',
    2,
    [...df].sort(byFirst),
    (w, out) => {
      out.push(w[0], w[1]);
    },
    'ON CONFLICT (w) DO UPDATE SET df = df + excluded.df',
  );
  return { abjad };
}
