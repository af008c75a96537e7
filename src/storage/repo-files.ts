/**
 * The files at the top of a campaign's repository (see letter/repo-files.ts for
 * what they say): a `lines` file gains only its missing lines, a `whole` file is written
 * only when absent, so nothing of the campaign's own is ever overwritten.
 */
import path from 'node:path';
import pkg from '../../package.json' with { type: 'json' };
import type { Problem } from '../errors.js';
import { currentBranch, repoRoot } from '../git.js';
import { REPO_FILES, type RepoFacts, withLines } from '../letter/repo-files.js';
import { readText } from './layout.js';
import type { FileChange } from './transaction.js';

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
 * The changes that bring the files of REPO_FILES (with `github`, the GitHub ones too) into
 * the repository at `root`, and the files (absolute) left as they were (`kept`). A file of
 * `planned` (written in the same change, before these) counts as there with its text.
 * @throws the read error of a file that cannot be read.
 */
export async function repoFileChanges(
  root: string,
  facts: RepoFacts,
  github: boolean,
  planned: readonly FileChange[] = [],
): Promise<{ changes: FileChange[]; kept: string[] }> {
  const changes: FileChange[] = [];
  const kept: string[] = [];
  for (const f of REPO_FILES.filter((x) => github || !x.github)) {
    const file = path.join(root, ...f.path.split('/'));
    const unreadable: Problem[] = [];
    const before = planned.find((c) => c.path === file);
    const existing =
      before && typeof before.text === 'string'
        ? before.text
        : await readText(file, f.path, unreadable);
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
  return { changes, kept };
}
