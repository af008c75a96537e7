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
