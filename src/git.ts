/**
 * Thin wrappers around the git command line. Each returns undefined instead of throwing
 * when git or a repository is absent.
 */
import { execFile, spawn } from 'node:child_process';
import { lstat } from 'node:fs/promises';
import path from 'node:path';
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
 * Why a commit cannot be made in `cwd` now (a merge or rebase under way, no author identity),
 * or undefined when it can.
 */
export async function cannotCommit(cwd: string): Promise<string | undefined> {
  for (const ref of ['MERGE_HEAD', 'REBASE_HEAD', 'CHERRY_PICK_HEAD']) {
    try {
      await run('git', ['rev-parse', '--verify', '--quiet', ref], { cwd });
      return `a ${ref.split('_')[0]!.toLowerCase().replace('cherry', 'cherry-pick')} is under way; finish it first`;
    } catch {
      // not under way
    }
  }
  try {
    await run('git', ['var', 'GIT_AUTHOR_IDENT'], { cwd });
  } catch {
    return 'git does not know who you are; set git config user.name and user.email';
  }
  return undefined;
}

/**
 * Makes one commit of exactly `paths` (added first), whatever else is staged, with `message`.
 * @returns the new commit's hash.
 * @throws Error with git's message when git fails (no identity configured, say).
 */
export async function commitPaths(
  cwd: string,
  paths: readonly string[],
  message: string,
): Promise<string> {
  await run('git', ['add', '--all', '--', ...paths], { cwd });
  await run('git', ['commit', '--quiet', '--only', '-m', message, '--', ...paths], { cwd });
  const { stdout } = await run('git', ['rev-parse', '--short', 'HEAD'], { cwd });
  return stdout.trim();
}

/**
 * One file changed since a revision: `A` added, `M` modified (or changed in type), `D`
 * deleted; `path` relative to the working directory; `symlink` when the file is now a
 * symbolic link (git's mode 120000); `untracked` when git does not know it yet.
 */
export interface ChangedFile {
  status: 'A' | 'M' | 'D';
  path: string;
  symlink: boolean;
  untracked: boolean;
}

/**
 * Every file of the repository (not only under the working directory) that differs between
 * revision `base` and the working tree, untracked files that are not ignored counting as
 * added, renames split into a deletion and an addition.
 */
export async function changesSince(cwd: string, base: string): Promise<ChangedFile[]> {
  const big = { cwd, maxBuffer: 256 * 1024 * 1024 };
  // Paths come from the top of the repository; --show-cdup leads there from `cwd`.
  const up = (await run('git', ['rev-parse', '--show-cdup'], { cwd })).stdout.trim();
  const shown = (p: string) => path.join(up, p).split(path.sep).join('/');
  const diff = await run(
    'git',
    ['diff', '--raw', '-z', '--no-renames', '--no-ext-diff', base, '--', ':/'],
    big,
  );
  const parts = diff.stdout.split('\0');
  const files: ChangedFile[] = [];
  // Each entry: ":<old mode> <new mode> <old hash> <new hash> <status>" then the path.
  for (let i = 0; i + 1 < parts.length; i += 2) {
    const [, newMode, , , status] = parts[i]!.slice(1).split(' ');
    if (status === undefined) break;
    files.push({
      status: status[0] === 'A' || status[0] === 'D' ? status[0] : 'M',
      path: shown(parts[i + 1]!),
      symlink: newMode === '120000',
      untracked: false,
    });
  }
  const untracked = await run(
    'git',
    ['ls-files', '-z', '--others', '--exclude-standard', '--full-name', '--', ':/'],
    big,
  );
  for (const p of untracked.stdout.split('\0').filter(Boolean)) {
    const st = await lstat(path.join(cwd, up, p)).catch(() => undefined);
    files.push({
      status: 'A',
      path: shown(p),
      symlink: Boolean(st?.isSymbolicLink()),
      untracked: true,
    });
  }
  return files;
}

/**
 * The commit a change is measured from: the merge base of `base` and HEAD, so that what
 * landed on the base branch after the branch was made does not count as the branch's
 * change (as GitHub shows a pull request). Never the tip of `base` instead: every
 * signature merged there since would count as removed by the change.
 * @throws UsageError (exit 2) when `base` is not a commit of the repository, or when it has
 *   no merge base with HEAD (a shallow clone that lacks the history, or unrelated histories).
 */
export async function changeBase(cwd: string, base: string): Promise<string> {
  try {
    await run('git', ['rev-parse', '--verify', '--quiet', `${base}^{commit}`], { cwd });
  } catch {
    throw new UsageError(
      `--base: "${base}" is not a commit of this git repository`,
      'Fetch it first, e.g. git fetch origin main, then --base origin/main.',
    );
  }
  const found = await run('git', ['merge-base', base, 'HEAD'], { cwd }).then(
    (r) => r.stdout.trim(),
    () => '',
  );
  if (found !== '') return found;
  const shallow = await run('git', ['rev-parse', '--is-shallow-repository'], { cwd }).then(
    (r) => r.stdout.trim() === 'true',
    () => false,
  );
  if (shallow)
    throw new UsageError(
      `--base: "${base}" and HEAD have no merge base in this shallow clone, so what the change does cannot be told from what landed on ${base} since`,
      'Fetch the history first: git fetch --unshallow (or check out with fetch-depth: 0), then run the check again.',
    );
  throw new UsageError(
    `--base: "${base}" and HEAD share no history (no merge base)`,
    'Compare with the branch this one was made from.',
  );
}

/** The folders directly under `dir` (relative to `cwd`) at revision `ref`. */
export async function foldersAt(cwd: string, ref: string, dir: string): Promise<string[]> {
  try {
    const { stdout } = await run(
      'git',
      ['ls-tree', '-d', '--name-only', ref, '--', `${dir.replace(/\/$/, '')}/`],
      { cwd },
    );
    return stdout.split('\n').filter(Boolean);
  } catch {
    return [];
  }
}

/** Lines added and deleted in `file` since `base` (untracked: all added). */
export async function lineChanges(
  cwd: string,
  base: string,
  file: string,
): Promise<{ added: number; deleted: number }> {
  const { stdout } = await run('git', ['diff', '--numstat', '--relative', base, '--', file], {
    cwd,
  });
  const [added, deleted] = stdout.trim().split('\t');
  return { added: Number(added ?? 0), deleted: Number(deleted ?? 0) };
}

/**
 * The lines `file` gains since `base`, with their line numbers (1-based) in the file as it
 * is now; line ends and a final carriage return are not part of a line. An untracked file
 * gives nothing: read it instead.
 */
export async function addedLines(
  cwd: string,
  base: string,
  file: string,
): Promise<{ line: number; text: string }[]> {
  const { stdout } = await run(
    'git',
    ['diff', '-U0', '--no-color', '--no-ext-diff', '--no-textconv', base, '--', file],
    { cwd, maxBuffer: 1024 * 1024 * 1024 },
  );
  const out: { line: number; text: string }[] = [];
  let next = 0;
  for (const l of stdout.split('\n')) {
    const hunk = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(l);
    if (hunk) next = Number(hunk[1]);
    else if (next > 0 && l.startsWith('+'))
      out.push({ line: next++, text: l.slice(1).replace(/\r$/, '') });
  }
  return out;
}

/**
 * The files git tracks (in its index) under `pathspec`, relative to `cwd`; undefined when
 * `cwd` is not inside a git work tree (or git is missing).
 */
export async function trackedFiles(cwd: string, pathspec: string): Promise<string[] | undefined> {
  try {
    const { stdout } = await run('git', ['ls-files', '-z', '--cached', '--', pathspec], {
      cwd,
      maxBuffer: 256 * 1024 * 1024,
    });
    return [...new Set(stdout.split('\0').filter(Boolean))];
  } catch {
    return undefined;
  }
}

/**
 * The files under `pathspec` (relative to `cwd`) that git does not track and does not ignore:
 * what `git add -A` would add (a nested repository shows as its folder, ending in `/`).
 * Undefined outside a work tree.
 */
export async function addableFiles(cwd: string, pathspec: string): Promise<string[] | undefined> {
  try {
    const { stdout } = await run(
      'git',
      ['ls-files', '-z', '--others', '--exclude-standard', '--directory', '--', pathspec],
      { cwd, maxBuffer: 256 * 1024 * 1024 },
    );
    return stdout.split('\0').filter(Boolean);
  } catch {
    return undefined;
  }
}

/**
 * The text of `file` (relative to `cwd`) at revision `ref`, undefined when it is not there.
 */
export async function fileAt(cwd: string, ref: string, file: string): Promise<string | undefined> {
  try {
    return (await run('git', ['show', `${ref}:./${file}`], { cwd, maxBuffer: 64 * 1024 * 1024 }))
      .stdout;
  } catch {
    return undefined;
  }
}

/** The top folder of the git work tree holding `cwd`, or undefined outside one. */
export async function repoRoot(cwd: string): Promise<string | undefined> {
  try {
    return (await run('git', ['rev-parse', '--show-toplevel'], { cwd })).stdout.trim() || undefined;
  } catch {
    return undefined;
  }
}

/** The branch HEAD is on in `cwd` (even one with no commit yet), or undefined (detached, or no repository). */
export async function currentBranch(cwd: string): Promise<string | undefined> {
  try {
    return (
      (await run('git', ['symbolic-ref', '--quiet', '--short', 'HEAD'], { cwd })).stdout.trim() ||
      undefined
    );
  } catch {
    return undefined;
  }
}

/** One place `grepPublic` found a pattern: the file (relative to the work tree's top), 1-based line and column (bytes), and the text matched. */
export interface GrepHit {
  file: string;
  line: number;
  column: number;
  match: string;
}

/**
 * Where any of `words` (fixed strings, any case, whole words) or `regexes` (POSIX extended,
 * whole words) occurs in the files of the git work tree holding `cwd` that git tracks or
 * would add (`git grep --untracked`: untracked files that are not ignored), except under the
 * folders `exclude` (relative to the top). Binary files are skipped. Undefined outside a work
 * tree; an empty list when nothing matches.
 */
export async function grepPublic(
  cwd: string,
  words: readonly string[],
  regexes: readonly string[],
  exclude: readonly string[],
): Promise<GrepHit[] | undefined> {
  const top = await repoRoot(cwd);
  if (top === undefined) return undefined;
  const hits: GrepHit[] = [];
  const grep = async (mode: '-F' | '-E', patterns: readonly string[]) => {
    if (patterns.length === 0) return;
    const args = ['grep', '-I', '-n', '--column', '-o', '-i', '-w', '-z', '--untracked', mode];
    for (const p of patterns) args.push('-e', p);
    args.push('--', ':/', ...exclude.map((e) => `:(exclude,top)${e}`));
    let stdout: string;
    try {
      ({ stdout } = await run('git', args, { cwd: top, maxBuffer: 256 * 1024 * 1024 }));
    } catch (e) {
      // Exit 1: no match.
      if ((e as { code?: unknown }).code === 1) return;
      throw e;
    }
    for (const row of stdout.split('\n')) {
      const [file, line, column, ...rest] = row.split('\0');
      if (file && line && column)
        hits.push({ file, line: Number(line), column: Number(column), match: rest.join('\0') });
    }
  };
  await grep('-F', words);
  await grep('-E', regexes);
  return hits;
}

/**
 * One commit of HEAD's history that changed a file: the commit's hash, its commit date as
 * git gives it (ISO 8601 with the committer's offset) and the hash of the file's blob after it.
 */
export interface FileCommit {
  commit: string;
  date: string;
  blob: string;
}

/**
 * The commits of HEAD's history that changed `file` (relative to `cwd`), following renames,
 * newest first; a merge counts with what it changed against its first parent. A commit that
 * deleted the file is left out. Empty when the file was never committed, when the repository
 * has no commit yet, and outside a repository.
 */
export async function fileCommits(cwd: string, file: string): Promise<FileCommit[]> {
  let stdout: string;
  try {
    ({ stdout } = await run(
      'git',
      [
        'log',
        '--follow',
        '--format=%x00%H %cI',
        '--raw',
        '--no-abbrev',
        '--diff-merges=first-parent',
        '--',
        file,
      ],
      { cwd, maxBuffer: 64 * 1024 * 1024 },
    ));
  } catch {
    return [];
  }
  const commits: FileCommit[] = [];
  for (const entry of stdout.split('\0').slice(1)) {
    const [head = '', ...rest] = entry.split('\n');
    const [commit, date] = head.split(' ');
    // ":<old mode> <new mode> <old blob> <new blob> <status>\t<path>": the blob after the commit.
    const raw = rest.map((l) => /^:\S+ \S+ \S+ ([0-9a-f]+) [A-Z]/.exec(l)).find(Boolean);
    const blob = raw?.[1];
    if (commit && date && blob && !/^0+$/.test(blob)) commits.push({ commit, date, blob });
  }
  return commits;
}

/** True when `cwd` is in a shallow clone (its history cut short); false outside a repository. */
export async function isShallowRepo(cwd: string): Promise<boolean> {
  return run('git', ['rev-parse', '--is-shallow-repository'], { cwd }).then(
    (r) => r.stdout.trim() === 'true',
    () => false,
  );
}

/**
 * The contents of git blobs (by hash) as UTF-8 text, read by one `git cat-file --batch`;
 * a blob git lacks is left out of the map.
 */
export async function blobTexts(
  cwd: string,
  blobs: readonly string[],
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (blobs.length === 0) return out;
  const bytes = await new Promise<Buffer>((resolve) => {
    const chunks: Buffer[] = [];
    const child = spawn('git', ['cat-file', '--batch'], { cwd, stdio: ['pipe', 'pipe', 'ignore'] });
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.on('error', () => resolve(Buffer.alloc(0)));
    child.on('close', () => resolve(Buffer.concat(chunks)));
    child.stdin.on('error', () => {});
    child.stdin.end(`${blobs.join('\n')}\n`);
  });
  // Each answer: "<hash> blob <size>\n", the bytes, "\n"; or "<hash> missing\n".
  let at = 0;
  while (at < bytes.length) {
    const eol = bytes.indexOf(10, at);
    if (eol < 0) break;
    const [hash, type, size] = bytes.subarray(at, eol).toString('utf8').split(' ');
    at = eol + 1;
    if (type !== 'blob' || size === undefined) continue;
    const end = at + Number(size);
    out.set(hash!, bytes.subarray(at, end).toString('utf8'));
    at = end + 1;
  }
  return out;
}

/**
 * The commit a folder's files came from: the full hash of HEAD, and whether any file under
 * `dir` differs from it (modified, staged or untracked and not ignored); undefined outside a
 * git repository or before its first commit.
 */
export async function folderCommit(
  dir: string,
): Promise<{ commit: string; dirty: boolean } | undefined> {
  try {
    const commit = (
      await run('git', ['rev-parse', '--verify', '--quiet', 'HEAD'], { cwd: dir })
    ).stdout.trim();
    if (commit === '') return undefined;
    const status = await run(
      'git',
      ['status', '--porcelain', '-z', '--untracked-files=all', '--', '.'],
      {
        cwd: dir,
        maxBuffer: 256 * 1024 * 1024,
      },
    );
    return { commit, dirty: status.stdout !== '' };
  } catch {
    return undefined;
  }
}
