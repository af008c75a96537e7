/**
 * Where letter keeps what it can always recompute (parsed signature files, the last check):
 * $LETTER_CACHE_DIR, else $XDG_CACHE_HOME/letter, else ~/.cache/letter. LETTER_NO_CACHE=1
 * turns caching off. The env is the run's (see run-env.ts); outside a run there is no cache.
 */
import { createHash } from 'node:crypto';
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
 * The cache file of `kind` for the folder `dir`: named by a hash of the folder's real path,
 * so that every way of naming a folder finds the same file. Undefined when caching is off.
 * @param kind "" for parsed files, "check" for the last check, "index" for the letter index.
 */
export async function cacheFileFor(dir: string, kind: string): Promise<string | undefined> {
  const run = runEnv();
  const folder = run && cacheDir(run.env);
  if (!folder) return undefined;
  // A missing folder has nothing worth caching, but still a name.
  const real = await realpath(dir).catch(() => dir);
  return path.join(
    folder,
    `${createHash('sha256').update(real).digest('hex').slice(0, 32)}${kind ? `.${kind}` : ''}.json`,
  );
}

/** With LETTER_DEBUG_CACHE set, shows why a cache was not read or written (else it is silent, as a cache may be). */
export function debugCache(e: unknown): void {
  const run = runEnv();
  if (run?.env.LETTER_DEBUG_CACHE) run.diagnostics.write(`${(e as Error)?.stack ?? String(e)}\n`);
}

/**
 * Deletes what the caches keep of the letter in `letterDir` (the last check, the sign index)
 * and of the signature folders `folders` (their parsed files), with their journals, so that
 * no cache outside git keeps a name after it was erased. They are made again on the next
 * run. Files that are not there are skipped; other errors are ignored, as for any cache.
 */
export async function dropCaches(letterDir: string, folders: readonly string[]): Promise<void> {
  const files = await Promise.all([
    cacheFileFor(letterDir, 'check'),
    cacheFileFor(letterDir, 'index'),
    ...folders.map((f) => cacheFileFor(f, '')),
  ]);
  const { rm } = await import('node:fs/promises');
  for (const file of files)
    if (file)
      for (const f of [file, file.replace(/\.json$/, '.new.json')])
        await rm(f, { force: true }).catch(() => {});
}
