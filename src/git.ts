/**
 * Thin wrappers around the git command line. Each returns undefined instead of throwing
 * when git or a repository is absent.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { UsageError } from './errors.js';

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

/** One file changed since a revision: `A` added, `M` modified, `D` deleted; `path` relative to `cwd`. */
export interface ChangedFile {
  status: 'A' | 'M' | 'D';
  path: string;
}

/**
 * The files under `pathspec` that differ between revision `base` and the working tree
 * (untracked files count as added), with renames split into a deletion and an addition.
 * @throws UsageError when `base` is not a commit of the repository.
 */
export async function changedSince(cwd: string, base: string, pathspec: string): Promise<ChangedFile[]> {
  try {
    await run('git', ['rev-parse', '--verify', '--quiet', `${base}^{commit}`], { cwd });
  } catch {
    throw new UsageError(`--base: "${base}" is not a commit of this git repository`, 'Fetch it first, e.g. git fetch origin main, then --base origin/main.');
  }
  const diff = await run('git', ['diff', '--name-status', '--no-renames', '-z', '--relative', base, '--', pathspec], { cwd, maxBuffer: 256 * 1024 * 1024 });
  const parts = diff.stdout.split('\0').filter(Boolean);
  const files: ChangedFile[] = [];
  for (let i = 0; i + 1 < parts.length; i += 2) files.push({ status: parts[i]![0] as ChangedFile['status'], path: parts[i + 1]! });
  const untracked = await run('git', ['ls-files', '--others', '--exclude-standard', '-z', '--', pathspec], { cwd, maxBuffer: 256 * 1024 * 1024 });
  for (const p of untracked.stdout.split('\0').filter(Boolean)) files.push({ status: 'A', path: p });
  return files;
}

/** Lines added and deleted in `file` since `base` (untracked: all added). */
export async function lineChanges(cwd: string, base: string, file: string): Promise<{ added: number; deleted: number }> {
  const { stdout } = await run('git', ['diff', '--numstat', '--relative', base, '--', file], { cwd });
  const [added, deleted] = stdout.trim().split('\t');
  return { added: Number(added ?? 0), deleted: Number(deleted ?? 0) };
}
