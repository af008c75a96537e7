/**
 * Thin wrappers around the git command line. Each returns undefined instead of throwing
 * when git or a repository is absent.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The `user.name` git would sign commits with in `cwd`, if set. */
export async function gitUserName(cwd: string): Promise<string | undefined> {
  try {
    const { stdout } = await run('git', ['config', 'user.name'], { cwd });
    return stdout.trim() || undefined;
  } catch {
    return undefined;
  }
}

/** True when `cwd` is inside a git work tree. */
export async function isRepo(cwd: string): Promise<boolean> {
  try {
    const { stdout } = await run('git', ['rev-parse', '--is-inside-work-tree'], { cwd });
    return stdout.trim() === 'true';
  } catch {
    return false;
  }
}

/**
 * Makes one commit of exactly `paths` (added first), whatever else is staged, with `message`.
 * @returns the new commit's hash.
 * @throws Error with git's message when git fails (no identity configured, say).
 */
export async function commitPaths(cwd: string, paths: readonly string[], message: string): Promise<string> {
  await run('git', ['add', '--all', '--', ...paths], { cwd });
  await run('git', ['commit', '--quiet', '--only', '-m', message, '--', ...paths], { cwd });
  const { stdout } = await run('git', ['rev-parse', '--short', 'HEAD'], { cwd });
  return stdout.trim();
}
