/**
 * The identity of a file, by which the caches notice what changed: five numbers, [kind, size
 * in bytes, modified ms, changed ms, inode], kind 1 for a regular file, 2 for anything else
 * (a link, a folder, a file that cannot be opened), 0 for a file that vanished. Many files'
 * identities go in one Float64Array, STAT_WIDTH numbers each. The one module that knows
 * the numbers and their order; kept free of imports (but types) so that its worker starts at once.
 */
import { lstatSync, type Stats } from 'node:fs';

/** Numbers per file in an identity. */
export const STAT_WIDTH = 5;

/** The kinds, an identity's first number. */
export const VANISHED = 0;
export const REGULAR_FILE = 1;
export const NOT_A_FILE = 2;

/** What an identity is made of: the fields of `lstat`'s (or `fstat`'s) answer it keeps. */
export type IdentityStats = Pick<Stats, 'isFile' | 'size' | 'mtimeMs' | 'ctimeMs' | 'ino'>;

/** File identity as the index (letter-db.ts) compares it: the numbers after the kind, by name. */
export type Identity = Pick<Stats, 'size' | 'mtimeMs' | 'ctimeMs' | 'ino'>;

/** Writes the identity of `st` (undefined: the file vanished) in `out`, from `at` on. */
export function writeIdentity(
  out: Float64Array | number[],
  at: number,
  st: IdentityStats | undefined,
): void {
  out[at] = st ? (st.isFile() ? REGULAR_FILE : NOT_A_FILE) : VANISHED;
  out[at + 1] = st?.size ?? 0;
  out[at + 2] = st?.mtimeMs ?? 0;
  out[at + 3] = st?.ctimeMs ?? 0;
  out[at + 4] = st?.ino ?? 0;
}

/**
 * The identity of `st` as STAT_WIDTH numbers. Without `st`, the identity of no file: kind
 * `absent`, VANISHED (the default) for a path that does not exist, NOT_A_FILE for one that
 * cannot be opened as a file; the other numbers 0.
 */
export function identityOf(
  st: IdentityStats | undefined,
  absent: typeof VANISHED | typeof NOT_A_FILE = VANISHED,
): number[] {
  const out = new Array<number>(STAT_WIDTH);
  writeIdentity(out, 0, st);
  if (!st) out[0] = absent;
  return out;
}

/** The identity that starts at `stats[at]`, as the index (letter-db.ts) compares it (see `Identity`). */
export function identityAt(stats: ArrayLike<number>, at: number): Identity {
  return {
    size: stats[at + 1]!,
    mtimeMs: stats[at + 2]!,
    ctimeMs: stats[at + 3]!,
    ino: stats[at + 4]!,
  };
}

/** `lstat`s each of `paths` into `out` (STAT_WIDTH numbers per path, in order). */
export function statInto(paths: readonly string[], out: Float64Array): void {
  for (let i = 0; i < paths.length; i++)
    writeIdentity(out, i * STAT_WIDTH, lstatSync(paths[i]!, { throwIfNoEntry: false }));
}

/**
 * What a stat worker is sent: candidate i is `entries` (one text, the names joined by
 * newlines) item i in folder `folders[folder[i]]`.
 */
export interface StatJob {
  folders: readonly string[];
  folder: number[];
  entries: string;
}

/** The paths of a `StatJob`, in order. */
export function jobPaths(job: StatJob): string[] {
  if (job.entries === '') return [];
  return job.entries.split('\n').map((e, i) => job.folders[job.folder[i]!] + e);
}
