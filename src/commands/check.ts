/**
 * `letter check [letter...]`: validates letters for CI. Every problem names
 * file:line:column and how to fix it. With no argument, checks every letter under letters/.
 */
import path from 'node:path';
import type { Context } from '../context.js';
import type { Problem } from '../errors.js';
import { changeBase, changedSince, foldersAt, lineChanges } from '../git.js';
import type { ChangeReport } from '../letter/change-check.js';
import { defaultTemplatesDir, loadTemplates } from '../storage/package-files.js';
import { LETTER_FILE, listLetters, resolveLetterDir } from '../storage/layout.js';
import { checkKey, hasMemo, readMemo, writeMemo } from '../storage/check-memo.js';
import type { LoadedLetter } from '../storage/letter-store.js';
import { scanSignatures, type SignatureScan } from '../storage/signature-scan.js';
import type { Style } from '../terminal.js';
import { trace } from '../trace.js';

/** Options of `letter check`; `base` and the options after it check a change (see change-check.ts). */
export interface CheckOptions {
  letters: string[];
  /** Warnings fail the check too. */
  strict?: boolean | undefined;
  base?: string | undefined;
  role?: 'contributor' | 'editor' | undefined;
  maxAdded?: number | undefined;
  author?: string | undefined;
}

/** The outcome of a check: `ok` is true when there are no errors (warnings allowed). */
export interface CheckResult {
  ok: boolean;
  /** With --strict, warnings fail too. */
  strict: boolean;
  errors: Problem[];
  warnings: Problem[];
  letters: { letter: string; signatures: number; errors: number; warnings: number; change?: Omit<ChangeReport, 'problems'> }[];
}

/** Checks each letter. @throws UsageError when a named letter does not exist or none is found. */
export async function check(o: CheckOptions, ctx: Context): Promise<CheckResult> {
  const found = o.letters.length > 0 ? { dirs: await Promise.all(o.letters.map((l) => resolveLetterDir(l, ctx.cwd))), strays: [] } : await listLetters(ctx.cwd);
  const dirs = found.dirs;
  const result: CheckResult = { ok: true, strict: Boolean(o.strict), errors: [], warnings: [], letters: [] };
  for (const stray of found.strays)
    result.errors.push({ file: path.relative(ctx.cwd, stray), line: 1, column: 1, severity: 'error', code: 'not-a-letter', message: `this folder under letters/ has no ${LETTER_FILE}`, hint: 'restore letter.yaml, or move the folder out of letters/' });
  const since = o.base === undefined ? undefined : await changeBase(ctx.cwd, o.base);
  for (const dir of dirs) {
    // A worker takes a moment to start: this thread stats the larger share.
    const scan = await scanSignatures(dir, path.relative(ctx.cwd, dir) || '.', 0.6);
    // Without --base, a letter whose files are all as they were at the last check has the same result.
    const memoed = since === undefined && (await hasMemo(dir));
    let key = memoed ? await checkKey(dir, ctx.cwd, scan, defaultTemplatesDir()) : undefined;
    const memo = key === undefined ? undefined : await readMemo(dir, key, isLetterCheck);
    const checked = memo ?? (await checkFiles(dir, scan, ctx));
    const problems = [...checked.problems];
    // A date in the future stops being one: such a result is not kept.
    if (since === undefined && !memo && !problems.some((p) => p.code === 'future-date')) {
      key ??= await checkKey(dir, ctx.cwd, scan, defaultTemplatesDir());
      await writeMemo(dir, key, { problems: checked.problems, signatures: checked.signatures, shown: checked.shown });
    }
    const change = since === undefined ? undefined : await checkChangeOf(dir, checked.loaded!, since, o, ctx);
    if (change) problems.push(...change.problems);
    const errors = problems.filter((p) => p.severity === 'error');
    const warnings = problems.filter((p) => p.severity === 'warning');
    result.errors.push(...errors);
    result.warnings.push(...warnings);
    const { problems: _, ...changeSummary } = change ?? { problems: [] };
    result.letters.push({
      letter: checked.shown, signatures: checked.signatures, errors: errors.length, warnings: warnings.length,
      ...(change ? { change: changeSummary as Omit<ChangeReport, 'problems'> } : {}),
    });
  }
  if (since !== undefined && o.letters.length === 0) {
    const before = await foldersAt(ctx.cwd, since, 'letters');
    const now = new Set(dirs.map((d) => path.relative(ctx.cwd, d)));
    for (const gone of before.filter((f) => !now.has(f) && !found.strays.some((s) => path.relative(ctx.cwd, s) === f)))
      result.errors.push({ file: gone, line: 1, column: 1, severity: 'error', code: 'letter-removed', message: `the change deletes the letter ${gone} (present at ${o.base})`, hint: 'a letter is closed (status: closed), never deleted' });
  }
  result.ok = result.errors.length === 0 && !(o.strict && result.warnings.length > 0);
  return result;
}

/** The problems of one letter's files, and the number of signature files. */
interface LetterCheck {
  problems: Problem[];
  signatures: number;
  shown: string;
  /** The letter as loaded (absent when the result came from the memo). */
  loaded?: LoadedLetter;
}

/** True when `v` has the shape of a remembered `LetterCheck` (problems with file, line and column). */
function isLetterCheck(v: unknown): v is LetterCheck {
  const c = v as LetterCheck | null;
  return (
    c !== null && typeof c === 'object' && typeof c.signatures === 'number' && typeof c.shown === 'string' && Array.isArray(c.problems) &&
    c.problems.every((p) => p !== null && typeof p === 'object' && typeof p.file === 'string' && typeof p.line === 'number' && typeof p.column === 'number' && typeof p.message === 'string' && (p.severity === 'error' || p.severity === 'warning'))
  );
}

/** Loads the letter in `dir` (its signatures just scanned) and checks its files and rules. */
async function checkFiles(dir: string, scan: SignatureScan, ctx: Context): Promise<LetterCheck> {
  // Loaded here, not above: a check answered from the memo needs no parser.
  const [{ loadLetter }, { checkLetter }, { findContactDetails, mayHoldContactDetails }] = await Promise.all([
    import('../storage/letter-store.js'), import('../letter/check.js'), import('../letter/contact-details.js'),
  ]);
  const loaded = await loadLetter(dir, ctx.cwd, scan);
  trace('check: loaded');
  // The organisers' public addresses may appear in the letter's own texts, never in a signature or the changelog.
  const allowed = new Set((loaded.letter?.public_contacts ?? []).map((a) => (a.includes('@') ? a.toLowerCase() : a.replace(/\D/g, ''))));
  const ownTexts = new Set([loaded.letterFile, loaded.bodyFile, ...Object.values(loaded.translations).map((t) => t.file)]);
  const problems = [
    ...loaded.problems, ...loaded.contacts,
    ...loaded.texts.flatMap((t) => (t.bytes && !mayHoldContactDetails(t.bytes) ? [] : findContactDetails(t.text, t.file, { allowed: ownTexts.has(t.file) ? allowed : undefined }))),
  ];
  if (loaded.letter) problems.push(...checkLetter({ ...loaded, letter: loaded.letter, folderName: path.basename(dir), now: ctx.now(), unreadSignatures: loaded.unreadSignatures }));
  const custom = await loadTemplates([path.join(dir, 'templates')], ctx.cwd);
  if (custom.size > 0) {
    const { templateProblems } = await import('../render/render.js');
    const syntax = [...custom.values()].flatMap((t) => templateProblems(t));
    problems.push(...syntax);
    if (loaded.letter && loaded.body !== undefined && !syntax.some((p) => p.severity === 'error')) problems.push(...(await tryTemplates(dir, loaded, ctx)));
  }
  trace('check: checked');
  return { problems, signatures: loaded.signatures.length + loaded.erased.length + loaded.unreadSignatures, shown: loaded.shown, loaded };
}

/**
 * Renders the letter with its custom templates, without writing anything, so that a template
 * that `render` would refuse (a field that does not exist) fails `check` too.
 */
async function tryTemplates(dir: string, loaded: LoadedLetter, ctx: Context): Promise<Problem[]> {
  const { FORMAT_SPECS, RENDER_FORMATS, renderDocument, TemplateError } = await import('../render/render.js');
  const { letterView } = await import('../render/view.js');
  const templates = await loadTemplates([defaultTemplatesDir(), path.join(dir, 'templates')], ctx.cwd);
  const partials = [...templates.values()].filter((t) => t.name.startsWith('partials/')).map((t) => ({ ...t, name: t.name.slice('partials/'.length) }));
  const view = letterView(loaded.letter!, loaded.body!, loaded.signatures.map((s) => s.signature));
  const problems: Problem[] = [];
  for (const format of RENDER_FORMATS) {
    const template = templates.get(FORMAT_SPECS[format].template);
    if (!template) continue;
    try {
      renderDocument(view, format, template, partials);
    } catch (e) {
      if (!(e instanceof TemplateError)) throw e;
      const m = /^(.+?):(\d+):(\d+): ([^]*)$/.exec(e.message);
      problems.push({ file: m?.[1] ?? template.file, line: Number(m?.[2] ?? 1), column: Number(m?.[3] ?? 1), severity: 'error', code: 'template-render', message: m?.[4] ?? e.message });
    }
  }
  return problems;
}

/** What the change since `base` (the merge base with `o.base`) does to the letter in `dir`, judged for `o.role`. */
async function checkChangeOf(dir: string, loaded: LoadedLetter, base: string, o: CheckOptions, ctx: Context): Promise<ChangeReport> {
  const [{ checkChange }, { toIsoTimestamp }] = await Promise.all([import('../letter/change-check.js'), import('../letter/dates.js')]);
  const files = await changedSince(ctx.cwd, base, path.relative(ctx.cwd, dir) || '.');
  const changes = files.map((f) => ({ status: f.status, file: f.path, inLetter: path.relative(dir, path.resolve(ctx.cwd, f.path)).split(path.sep).join('/') }));
  const addedFiles = new Set(changes.filter((c) => c.status === 'A').map((c) => path.resolve(ctx.cwd, c.file)));
  const added = new Map(loaded.signatures.filter((s) => addedFiles.has(path.resolve(ctx.cwd, s.file))).map((s) => [s.file, { signature: s.signature, locate: s.locate }]));
  const changelog = changes.find((c) => c.inLetter === 'CHANGELOG.md' && c.status === 'M');
  const changelogOnlyAdds = changelog ? (await lineChanges(ctx.cwd, base, changelog.file)).deleted === 0 : true;
  return checkChange({
    base: o.base!, role: o.role ?? 'contributor', maxAdded: o.maxAdded ?? 1, author: o.author, changes, added, changelogOnlyAdds,
    letterStatus: loaded.letter?.status ?? 'open', now: toIsoTimestamp(ctx.now()),
    existing: loaded.signatures.filter((s) => !addedFiles.has(path.resolve(ctx.cwd, s.file))).map((s) => s.signature),
  });
}

// GitHub Actions workflow commands: data escapes %, CR and LF; properties also : and ,.
const ghData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const ghProp = (s: string) => ghData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/**
 * GitHub Actions annotations, one per problem (`::error file=...,line=...,col=...,title=...::message`),
 * so problems show on the lines of a pull request; then the summary lines.
 */
export function formatCheckGithub(r: CheckResult, style: Style): string {
  const line = (p: Problem) =>
    `::${p.severity} file=${ghProp(p.file)},line=${p.line},col=${p.column},title=${ghProp(`letter check: ${p.code}`)}::${ghData(`${p.message}${p.hint ? ` (${p.hint})` : ''}`)}`;
  const summary = formatCheck({ ...r, errors: [], warnings: [] }, style);
  return [...[...r.errors, ...r.warnings].map(line), summary].join('\n');
}

/** One line per problem (`file:line:column: error: message (hint)`), then a summary line per letter. */
export function formatCheck(r: CheckResult, style: Style): string {
  const line = (p: Problem) => {
    const kind = p.severity === 'error' ? style.red('error') : style.yellow('warning');
    return `${style.bold(`${p.file}:${p.line}:${p.column}`)}: ${kind}: ${p.message}${p.hint ? style.dim(` (${p.hint})`) : ''}`;
  };
  const problems = [...r.errors, ...r.warnings].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
  const summary = r.letters.map((l) => {
    const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
    const tail = `${plural(l.signatures, 'signature')}, ${plural(l.errors, 'error')}, ${plural(l.warnings, 'warning')}`;
    return l.errors > 0 || (r.strict && l.warnings > 0) ? `${style.red('✖')} ${l.letter}: ${tail}` : `${style.green('✔')} ${l.letter}: ${tail}`;
  });
  return [...problems.map(line), ...(problems.length ? [''] : []), ...summary].join('\n');
}
