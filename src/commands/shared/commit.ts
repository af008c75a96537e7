/**
 * `--commit`: committing the files a command wrote, for the commands that offer it.
 */
import path from 'node:path';
import { EnvironmentError, UsageError } from '../../errors.js';
import { cannotCommit, commitPaths, isRepo } from '../../git.js';
import { isPrivateFile } from '../../storage/private-store.js';

/**
 * Refuses `--commit` before anything is written when the working directory `cwd` cannot take a commit.
 * @throws UsageError (exit 2) outside a git repository.
 * @throws EnvironmentError (exit 2) when git cannot commit now (a merge under way, no identity).
 */
export async function refuseUncommittable(cwd: string): Promise<void> {
  if (!(await isRepo(cwd)))
    throw new UsageError('--commit: the working directory is not inside a git repository.');
  const why = await cannotCommit(cwd);
  if (why) throw new EnvironmentError(`--commit: cannot commit now: ${why}; nothing was written.`);
}

/**
 * Commits the files `files` (absolute) written to the letter in `dir`, leaving out its
 * private store: git ignores it, and it is never forced in.
 * @param done what was done, for the message when the commit fails ("signed Ada (ada)").
 * @returns the commit made.
 * @throws EnvironmentError (exit 2) when the commit fails, with the git command to finish it.
 */
export async function commitWritten(
  cwd: string,
  dir: string,
  files: readonly string[],
  message: string,
  done: string,
): Promise<string> {
  const shared = files.filter((f) => !isPrivateFile(dir, f)).map((f) => path.relative(cwd, f));
  try {
    return await commitPaths(cwd, shared, message);
  } catch (e) {
    const why = ((e as { stderr?: string }).stderr ?? (e as Error).message).trim().split('\n')[0];
    throw new EnvironmentError(
      `${done}, but the commit failed: ${why}`,
      `Commit the files yourself: git add -- ${shared.join(' ')} && git commit -- ${shared.join(' ')}`,
    );
  }
}
