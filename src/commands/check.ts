/**
 * `letter check [letter...]`: validates letters for CI. Every problem names
 * file:line:column and how to fix it. With no argument, checks every letter under letters/.
 */
import type { Context } from '../context.js';
import { at, type Problem, problem, UsageError } from '../errors.js';
import { type ChangedFile, changeBase, changesSince } from '../git.js';
import type { ChangeReport } from '../letter/change-check.js';
import { shownPath } from '../shown-path.js';
import { defaultLetters, LETTER_FILE, resolveLetterDir } from '../storage/layout.js';
import { hasIndex, keptCheck, writeMemo } from '../storage/letter-db.js';
import { defaultTemplatesDir } from '../storage/package-files.js';
import { scanSignatures } from '../storage/signature-scan.js';
import { checkKey } from '../storage/state-key.js';
import { askEveryRun } from './check-asked.js';
import { checkChangeOf, checkRepoChange } from './check-change.js';
import { checkFiles, isLetterCheck } from './check-letter.js';
import { publishing } from './check-publish.js';

export { formatCheck, formatCheckGithub } from './check-format.js';

/** Options of `letter check`; `base` and the options after it check a change (see change-check.ts). */
export interface CheckOptions {
  letters: string[];
  /** Warnings fail the check too. */
  strict?: boolean | undefined;
  base?: string | undefined;
  role?: 'contributor' | 'editor' | undefined;
  maxAdded?: number | undefined;
  author?: string | undefined;
  /**
   * For a workflow about to publish: a draft letter, or one before its embargo, fails
   * (`draft-not-published`, `embargoed`), and so do signatures made on an earlier text
   * (`text-changed`, an error then). See letter/rules/publish.ts.
   */
  publish?: boolean | undefined;
}

/** The outcome of a check: `ok` is true when there are no errors (warnings allowed). */
export interface CheckResult {
  ok: boolean;
  /** With --strict, warnings fail too. */
  strict: boolean;
  errors: Problem[];
  warnings: Problem[];
  letters: {
    letter: string;
    signatures: number;
    errors: number;
    warnings: number;
    change?: Omit<ChangeReport, 'problems'>;
  }[];
}

/**
 * Checks each letter.
 * @throws UsageError when a named letter does not exist or none is found, or when --author,
 *   --role or --max-added come without --base (they judge a change).
 */
export async function check(o: CheckOptions, ctx: Context): Promise<CheckResult> {
  if (
    o.base === undefined &&
    (o.author !== undefined ||
      o.maxAdded !== undefined ||
      (o.role ?? 'contributor') !== 'contributor')
  )
    throw new UsageError('--author, --role and --max-added judge a change: give --base too');
  // Named letters, or files inside them (a pre-commit hook passes the files changed): each letter once.
  const found =
    o.letters.length > 0
      ? {
          dirs: [...new Set(await Promise.all(o.letters.map((l) => resolveLetterDir(l, ctx.cwd))))],
          strays: [],
          all: false,
        }
      : await defaultLetters(ctx.cwd);
  const dirs = found.dirs;
  const result: CheckResult = {
    ok: true,
    strict: Boolean(o.strict),
    errors: [],
    warnings: [],
    letters: [],
  };
  for (const stray of found.strays)
    result.errors.push(
      problem(
        'not-a-letter',
        at(shownPath(ctx.cwd, stray)),
        `this folder under letters/ has no ${LETTER_FILE}`,
        'restore letter.yaml, or move the folder out of letters/',
      ),
    );
  const since = o.base === undefined ? undefined : await changeBase(ctx.cwd, o.base);
  const repo: ChangedFile[] = since === undefined ? [] : await changesSince(ctx.cwd, since);
  for (const dir of dirs) {
    // With an index, every file is stat-ed: the stat worker starts while the files are listed,
    // and takes half. Without one, it starts later: this thread stats the larger share.
    const warm = await hasIndex(dir);
    const asked = askEveryRun(dir, ctx);
    // Without --base, a letter whose files are all as they were at the last check has the same result.
    // --publish reads the letter itself: its embargo passes while the files stay as they were.
    // The index is opened while the files are listed.
    const keeping = since === undefined && !o.publish && warm ? keptCheck(dir) : undefined;
    keeping?.catch(() => {});
    const scan = await scanSignatures(dir, shownPath(ctx.cwd, dir) || '.', warm ? 0.5 : 0.6, warm);
    const kept = await keeping;
    let key = kept ? await checkKey(dir, ctx.cwd, scan, defaultTemplatesDir()) : undefined;
    const memo = kept?.key === key && isLetterCheck(kept?.value) ? kept.value : undefined;
    const checked = memo ?? (await checkFiles(dir, scan, ctx));
    let problems = [...checked.problems, ...(await asked())];
    if (o.publish && checked.loaded) problems = await publishing(problems, checked.loaded, ctx);
    // A date in the future stops being one: such a result is not kept.
    if (since === undefined && !memo && !problems.some((p) => p.code === 'future-date')) {
      key ??= await checkKey(dir, ctx.cwd, scan, defaultTemplatesDir());
      await writeMemo(dir, key, {
        problems: checked.problems,
        signatures: checked.signatures,
        shown: checked.shown,
      });
    }
    const change =
      since === undefined
        ? undefined
        : await checkChangeOf(dir, checked.loaded!, since, repo, o, ctx);
    if (change) problems.push(...change.problems);
    const errors = problems.filter((p) => p.severity === 'error');
    const warnings = problems.filter((p) => p.severity === 'warning');
    result.errors.push(...errors);
    result.warnings.push(...warnings);
    const { problems: _, ...changeSummary } = change ?? { problems: [] };
    result.letters.push({
      letter: checked.shown,
      signatures: checked.signatures,
      errors: errors.length,
      warnings: warnings.length,
      ...(change ? { change: changeSummary as Omit<ChangeReport, 'problems'> } : {}),
    });
  }
  if (since !== undefined) {
    const outside = await checkRepoChange(found, dirs, since, repo, o, ctx);
    result.errors.push(...outside.filter((p) => p.severity === 'error'));
    result.warnings.push(...outside.filter((p) => p.severity === 'warning'));
  }
  result.ok = result.errors.length === 0 && !(o.strict && result.warnings.length > 0);
  return result;
}
