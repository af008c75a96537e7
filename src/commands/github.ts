/**
 * `letter github issue-form <letter>`: the GitHub files with which people sign a letter from
 * a browser, an issue form and the workflow that turns its issues into pull requests (see
 * letter/github-sign-files.ts). Prints them, or writes them under the working directory
 * (the repository root) with --write. `letter init --github` calls `signFilesFor`.
 */
import path from 'node:path';
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import {
  DEFAULT_RUNNER,
  githubSignFiles,
  type LetterRunner,
  type RepoFile,
} from '../letter/github-sign-files.js';
import { textVersion } from '../letter/text-version.js';
import { shownPath } from '../shown-path.js';
import {
  loadLetterSkippingInvalidFiles,
  resolveLetterDir,
  type SkippedFile,
} from '../storage/letter-store.js';
import { ensureDir, writeAll } from '../storage/transaction.js';
import type { Style } from '../terminal.js';

/** Options of `letter github issue-form`. */
export interface IssueFormOptions {
  letter: string;
  write?: boolean | undefined;
}

/** The files (paths relative to the working directory) and those written. */
export interface IssueFormResult {
  letter: string;
  files: RepoFile[];
  /** Files left out because they have errors (see `loadLetterSkippingInvalidFiles`); a warning on stderr names them. */
  skipped: SkippedFile[];
  written: string[];
}

/**
 * The sign form and workflow of a letter, for the repository whose root is `ctx.cwd`.
 * @throws UsageError when the letter is outside the working directory or its path holds characters a workflow cannot take as they are; InvalidLetter.
 */
export async function signFilesFor(
  letterArg: string,
  ctx: Context,
  runner: LetterRunner = DEFAULT_RUNNER,
): Promise<{ shown: string; files: RepoFile[]; skipped: SkippedFile[] }> {
  const loaded = await loadLetterSkippingInvalidFiles(
    await resolveLetterDir(letterArg, ctx.cwd),
    ctx.cwd,
  );
  if (loaded.body === undefined)
    throw new UsageError(
      `${loaded.shown}: the letter has no ${loaded.letter.body}`,
      `Run: letter check ${loaded.shown}`,
    );
  const letterPath = path.relative(ctx.cwd, loaded.dir).split(path.sep).join('/');
  if (letterPath === '' || letterPath.startsWith('..'))
    throw new UsageError(
      `${loaded.shown}: run this from the repository root, above the letter's folder`,
      'cd to the root of the repository first.',
    );
  try {
    return {
      shown: loaded.shown,
      skipped: loaded.skipped,
      files: githubSignFiles(loaded.letter, letterPath, textVersion(loaded.body), runner),
    };
  } catch (e) {
    throw new UsageError(
      `${loaded.shown}: ${(e as Error).message}`,
      'Rename the letter folder with plain letters, digits and hyphens.',
    );
  }
}

/** Builds the files, and writes them with --write. */
export async function issueForm(o: IssueFormOptions, ctx: Context): Promise<IssueFormResult> {
  const { shown, files, skipped } = await signFilesFor(o.letter, ctx);
  if (!o.write) return { letter: shown, files, skipped, written: [] };
  for (const f of files) await ensureDir(path.dirname(path.join(ctx.cwd, f.path)));
  const written = await writeAll(
    files.map((f) => ({ path: path.join(ctx.cwd, f.path), text: f.text })),
  );
  return {
    letter: shown,
    files,
    skipped,
    written: written.map((f) => shownPath(ctx.cwd, f)),
  };
}

/** Without --write, each file under its path; with it, the files written and what to do next. */
export function formatIssueForm(r: IssueFormResult, style: Style): string {
  if (r.written.length === 0)
    return r.files.map((f) => `${style.bold(`# ${f.path}`)}\n${f.text}`).join('\n');
  return [
    ...r.written.map((f) => `wrote ${f}`),
    style.dim(
      'Next: commit them, allow GitHub Actions to create pull requests (Settings > Actions > General),',
    ),
    style.dim(
      `and set sign_url in ${r.letter}/letter.yaml to the form's address (.../issues/new?template=${path.basename(r.files[0]!.path)}).`,
    ),
  ].join('\n');
}
