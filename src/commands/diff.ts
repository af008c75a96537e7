/**
 * `letter diff <letter> [from] [to]`: what changed between two versions of the letter's
 * text, word by word: a redline in the terminal, a standalone HTML page, or its parts as JSON.
 */
import path from 'node:path';
import type { Context } from '../context.js';
import { UsageError, UserError } from '../errors.js';
import { type RedlineCounts, type RedlinePart, redline, redlineCounts } from '../letter/redline.js';
import { type NamedVersion, previousVersion } from '../letter/text-versions.js';
import { shownPath } from '../shown-path.js';
import { isFolder } from '../storage/layout.js';
import type { HistoryDepth } from '../storage/text-history.js';
import { ensureDir, writeAll } from '../storage/transaction.js';
import { type LetterVersions, loadLetterVersions, versionNamed } from './shared/text-versions.js';

export { formatDiff } from './diff-format.js';

/** Options of `letter diff`: versions by name (v1), hash (sha256:...) or `current`. */
export interface DiffOptions {
  letter: string;
  /** Default: the version before the current one (see `previousVersion`). */
  from?: string | undefined;
  /** Default: current. */
  to?: string | undefined;
  /** `text` (default) or `html`; `--json` is the result itself. */
  format?: string | undefined;
  /** With `--format html`: the file to write the page to, instead of stdout. */
  out?: string | undefined;
  json?: boolean | undefined;
}

/** One side of a diff: the version's name, hash, when history first holds it, and whether it is the text now. */
export type DiffSide = Pick<
  NamedVersion,
  'name' | 'hash' | 'firstSeen' | 'commit' | 'current' | 'uncommitted'
>;

/** The redline from one version to another. */
export interface DiffResult {
  letter: string;
  /** The body file, as shown (letters/x/letter.md). */
  file: string;
  from: DiffSide;
  to: DiffSide;
  /** The text in runs: `same`, `removed` (only in `from`), `added` (only in `to`). */
  parts: RedlinePart[];
  counts: RedlineCounts;
  /** How much git history there was (see `letter versions`). */
  history: { depth: HistoryDepth; note: string | null };
  /** With `--format html`: the page (when not written to a file). */
  html?: string;
  /** With `--out`: the file written, relative to the working directory. */
  written?: string;
}

/**
 * The redline between two versions of a letter's text.
 * @throws UsageError for an unknown version (naming the known ones) or a bad flag;
 *   UserError when a version's text is not in history (only its hash is recorded).
 */
export async function diff(o: DiffOptions, ctx: Context): Promise<DiffResult> {
  const format = o.format ?? 'text';
  if (format !== 'text' && format !== 'html')
    throw new UsageError(`--format: unknown format "${format}"; use text or html (or --json)`);
  if (format === 'html' && o.json) throw new UsageError('--format html and --json: choose one');
  if (o.out !== undefined && format !== 'html')
    throw new UsageError('--out writes the HTML page: give --format html too');
  const { loaded, versions: v } = await loadLetterVersions(o.letter, ctx);
  const current = v.versions.find((x) => x.current)!;
  const to = o.to === undefined ? current : versionNamed(v, o.to, loaded.bodyFile);
  const from =
    o.from === undefined
      ? (previousVersion(v) ?? current)
      : versionNamed(v, o.from, loaded.bodyFile);
  const parts = redline(textOf(v, from), textOf(v, to));
  const result: DiffResult = {
    letter: loaded.shown,
    file: loaded.bodyFile,
    from: side(from),
    to: side(to),
    parts,
    counts: redlineCounts(parts),
    history: v.history,
  };
  if (format === 'text') return result;
  const { redlineHtml } = await import('../render/redline-html.js');
  const html = redlineHtml({
    title: loaded.letter.title,
    file: loaded.bodyFile,
    language: loaded.letter.language,
    from: pageSide(from),
    to: pageSide(to),
    parts,
    counts: result.counts,
  });
  if (o.out === undefined) return { ...result, html };
  const file = path.resolve(ctx.cwd, o.out);
  if (file === loaded.dir || file.startsWith(`${loaded.dir}${path.sep}`))
    throw new UsageError(
      `--out: ${o.out} is inside the letter folder, where check would take it for a stray file`,
      `Write it outside, e.g. --out out/${loaded.letter.slug}/redline.html`,
    );
  if (await isFolder(file))
    throw new UsageError(
      `--out: ${o.out} is a folder; name the file to write`,
      `For example --out ${path.join(o.out, 'redline.html')}`,
    );
  await ensureDir(path.dirname(file));
  await writeAll([{ path: file, text: html }]);
  return { ...result, written: shownPath(ctx.cwd, file) };
}

/** The text of a version. @throws UserError when only its hash is recorded. */
function textOf(v: LetterVersions, version: NamedVersion): string {
  const text = v.texts.get(version.hash);
  if (text !== undefined) return text;
  throw new UserError(
    `the text of ${version.hash} is not found in history: signatures or letter.yaml record it, but no commit of HEAD's history holds it`,
    v.history.depth === 'shallow'
      ? 'Fetch the whole history (git fetch --unshallow), then run letter diff again.'
      : 'It may be on another branch, or was never committed; letter versions lists the versions there are.',
  );
}

const side = (v: NamedVersion): DiffSide => ({
  name: v.name,
  hash: v.hash,
  firstSeen: v.firstSeen,
  commit: v.commit,
  current: v.current,
  uncommitted: v.uncommitted,
});

/** How the page names a side: when it first appears, and whether it is the text now. */
function pageSide(v: NamedVersion) {
  const when = v.uncommitted ? 'not committed yet' : (v.firstSeen ?? '');
  return { name: v.name, hash: v.hash, detail: v.current ? `${when} (current)` : when };
}
