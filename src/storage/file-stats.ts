/**
 * The identities of many files at once, as numbers in one Float64Array: five per file,
 * [kind, size in bytes, modified ms, changed ms, inode], kind 1 for a regular file, 2 for
 * anything else (a link, a folder), 0 for a file that vanished. Used by the parse cache to
 * notice what changed; kept free of imports so that its worker starts at once.
 */
import { lstatSync } from 'node:fs';

/** Numbers per file in the array. */
export const STAT_WIDTH = 5;

/** `lstat`s each of `paths` into `out` (STAT_WIDTH numbers per path, in order). */
export function statInto(paths: readonly string[], out: Float64Array): void {
  for (let i = 0; i < paths.length; i++) {
    const st = lstatSync(paths[i]!, { throwIfNoEntry: false });
    const at = i * STAT_WIDTH;
    if (!st) {
      out[at] = 0;
      continue;
    }
    out[at] = st.isFile() ? 1 : 2;
    out[at + 1] = st.size;
    out[at + 2] = st.mtimeMs;
    out[at + 3] = st.ctimeMs;
    out[at + 4] = st.ino;
  }
}
