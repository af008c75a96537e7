/** How output names a file or folder. */
import path from 'node:path';

/**
 * `p` (absolute) as output shows it: relative to `cwd` when it lies inside (`''` for `cwd`
 * itself, so callers can write `|| '.'`), else absolute, as the user would type it
 * (`/tmp/out`, never `../../tmp/out`). Either form opens the same file from `cwd`.
 */
export function shownPath(cwd: string, p: string): string {
  const rel = path.relative(cwd, p);
  return rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel)
    ? path.resolve(cwd, p)
    : rel;
}
