/**
 * Where letter keeps what it can always recompute (the letter's index, see letter-db.ts):
 * $LETTER_CACHE_DIR, else $XDG_CACHE_HOME/letter, else ~/.cache/letter. LETTER_NO_CACHE=1
 * turns caching off. The env is the run's (see run-env.ts); outside a run there is no cache.
 */
import { createHash } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import { realpath } from 'node:fs/promises';
import { homedir } from 'node:os';
import path from 'node:path';
import { runEnv } from '../run-env.js';

/** The cache folder from the environment, or undefined when caching is off. */
export function cacheDir(env: Readonly<Record<string, string | undefined>>): string | undefined {
  if (env.LETTER_NO_CACHE && env.LETTER_NO_CACHE !== '0') return undefined;
  if (env.LETTER_CACHE_DIR) return env.LETTER_CACHE_DIR;
  return path.join(env.XDG_CACHE_HOME || path.join(homedir(), '.cache'), 'letter');
}

/**
 * The index file of the letter folder `dir` (see letter-db.ts): named by a hash of the
 * folder's real path, so that every way of naming a folder finds the same file. Undefined
 * when caching is off.
 */
export async function indexFileFor(dir: string): Promise<string | undefined> {
  const run = runEnv();
  const folder = run && cacheDir(run.env);
  if (!folder) return undefined;
  // A missing folder has nothing worth caching, but still a name.
  const real = await realpath(dir).catch(() => path.resolve(dir));
  // A cache folder inside the letter would put the index among the letter's files.
  const inside = path.relative(real, await realpath(folder).catch(() => path.resolve(folder)));
  if (!inside.startsWith('..') && !path.isAbsolute(inside)) return undefined;
  return path.join(
    folder,
    `${createHash('sha256').update(real).digest('hex').slice(0, 32)}.sqlite`,
  );
}

/** With LETTER_DEBUG_CACHE set, shows why a cache was not read or written (else it is silent, as a cache may be). */
export function debugCache(e: unknown): void {
  const run = runEnv();
  if (run?.env.LETTER_DEBUG_CACHE) run.diagnostics.write(`${(e as Error)?.stack ?? String(e)}\n`);
}

/** Deletes the index database `file` with its write-ahead log and shared memory; errors are ignored, as for any cache. */
export function removeIndexFiles(file: string): void {
  for (const f of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`])
    try {
      rmSync(f, { force: true });
    } catch (e) {
      debugCache(e);
    }
}

/**
 * Deletes the index of the letter in `letterDir` (its parsed files, names and last check),
 * so that no cache outside git keeps a name after it was erased; it is made again on the next
 * run. Also deletes, in the same cache folder, the indexes of letter folders that are gone (a
 * letter moved or renamed) and the caches of versions of letter before the index
 * (`<hash>.json`, `<hash>.new.json`, `<hash>.check.json`, `<hash>.index.json`), which may hold
 * the name too.
 */
export async function dropCaches(letterDir: string): Promise<void> {
  const file = await indexFileFor(letterDir);
  if (!file) return;
  removeIndexFiles(file);
  const folder = path.dirname(file);
  const { readdir } = await import('node:fs/promises');
  const names = await readdir(folder).catch(() => [] as string[]);
  for (const name of names) {
    const full = path.join(folder, name);
    if (/^[0-9a-f]{32}(?:\.new|\.check|\.index|\.check\.new|\.index\.new)?\.json$/.test(name))
      rmSync(full, { force: true });
    else if (/^[0-9a-f]{32}\.sqlite$/.test(name)) {
      const dir = await indexedFolder(full);
      if (dir !== undefined && !existsSync(dir)) removeIndexFiles(full);
    }
  }
}

/** The letter folder the index `file` was made for (see letter-db.ts), if it can be read. */
async function indexedFolder(file: string): Promise<string | undefined> {
  try {
    const { createRequire } = await import('node:module');
    const Sqlite = createRequire(import.meta.url)('better-sqlite3');
    const db = new Sqlite(file, { readonly: true, fileMustExist: true });
    try {
      const row = db.prepare('SELECT value FROM meta WHERE name = ?').get('dir') as
        | { value: string }
        | undefined;
      return row === undefined ? undefined : (JSON.parse(row.value) as string);
    } finally {
      db.close();
    }
  } catch (e) {
    debugCache(e);
    return undefined;
  }
}
