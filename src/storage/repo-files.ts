/**
 * Writes the files at the top of a campaign's repository (see letter/repo-files.ts for
 * what they say): a `lines` file gains only its missing lines, a `whole` file is written
 * only when absent, so nothing of the campaign's own is ever overwritten.
 */
import path from 'node:path';
import pkg from '../../package.json' with { type: 'json' };
import type { Problem } from '../errors.js';
import { currentBranch, repoRoot } from '../git.js';
import { REPO_FILES, type RepoFacts, withLines } from '../letter/repo-files.js';
import { readText } from './layout.js';
import { type FileChange, writeAll } from './transaction.js';

/** The repository files `init` wrote (`written`) and those it left as they were (`kept`), as absolute paths. */
export interface RepoFilesResult {
  written: string[];
  kept: string[];
}

/**
 * The top of the repository `cwd` is in (its git work tree), else `cwd` itself; and the
 * facts the files depend on: this package at its exact version, the current branch (else main).
 */
export async function repoFacts(cwd: string): Promise<{ root: string; facts: RepoFacts }> {
  const root = (await repoRoot(cwd)) ?? cwd;
  return {
    root,
    facts: {
      spec: `${pkg.name}@${pkg.version}`,
      version: pkg.version,
      branch: (await currentBranch(root)) ?? 'main',
    },
  };
}

/**
 * Brings the files of REPO_FILES (with `github`, the GitHub ones too) into the repository
 * at `root`, as one change (see writeAll).
 * @throws the read or write error of a file that cannot be read or written.
 */
export async function writeRepoFiles(
  root: string,
  facts: RepoFacts,
  github: boolean,
): Promise<RepoFilesResult> {
  const changes: FileChange[] = [];
  const kept: string[] = [];
  for (const f of REPO_FILES.filter((x) => github || !x.github)) {
    const file = path.join(root, ...f.path.split('/'));
    const unreadable: Problem[] = [];
    const existing = await readText(file, f.path, unreadable);
    // A file that is not UTF-8 is the campaign's own business: left as it is.
    const text =
      unreadable.length > 0
        ? undefined
        : f.kind === 'lines'
          ? withLines(existing, f.text(facts))
          : existing === undefined
            ? f.text(facts)
            : undefined;
    if (text === undefined) kept.push(file);
    else changes.push({ path: file, text });
  }
  return { written: await writeAll(changes), kept };
}
