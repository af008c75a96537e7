/** How output names a file or folder. */
import path from 'node:path';

/**
 * `p` as output shows it: relative to `cwd` (`''` for `cwd` itself, so callers can write
 * `|| '.'`), climbing with `..` as git does inside a repository, unless the two share no
 * folder but the file system's root: then absolute, as the user typed it (`/tmp/out`, never
 * `../../tmp/out`). Either form opens the same file from `cwd`.
 */
export function shownPath(cwd: string, p: string): string {
  const from = path.resolve(cwd);
  const to = path.resolve(cwd, p);
  const rel = path.relative(from, to);
  const top = (q: string) => q.split(path.sep).filter(Boolean)[0];
  const climbs = rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel);
  return climbs && top(from) !== top(to) ? to : rel;
}
