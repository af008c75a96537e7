/**
 * `letter check [letter...]`: validates letters for CI. Every problem names
 * file:line:column and how to fix it. With no argument, checks every letter under letters/.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { Context } from '../context.js';
import { type Problem, UsageError } from '../errors.js';
import { checkLetter } from '../letter/check.js';
import { findContactDetails } from '../letter/contact-details.js';
import { LETTER_FILE, loadLetter, resolveLetterDir } from '../storage/letter-store.js';
import type { Style } from '../terminal.js';

/** Options of `letter check`. */
export interface CheckOptions {
  letters: string[];
}

/** The outcome of a check: `ok` is true when there are no errors (warnings allowed). */
export interface CheckResult {
  ok: boolean;
  errors: Problem[];
  warnings: Problem[];
  letters: { letter: string; signatures: number; errors: number; warnings: number }[];
}

/** Checks each letter. @throws UsageError when a named letter does not exist or none is found. */
export async function check(o: CheckOptions, ctx: Context): Promise<CheckResult> {
  const found = o.letters.length > 0 ? { dirs: await Promise.all(o.letters.map((l) => resolveLetterDir(l, ctx.cwd))), strays: [] } : await allLetters(ctx.cwd);
  const dirs = found.dirs;
  const result: CheckResult = { ok: true, errors: [], warnings: [], letters: [] };
  for (const stray of found.strays)
    result.errors.push({ file: path.relative(ctx.cwd, stray), line: 1, column: 1, severity: 'error', code: 'not-a-letter', message: `this folder under letters/ has no ${LETTER_FILE}`, hint: 'restore letter.yaml, or move the folder out of letters/' });
  for (const dir of dirs) {
    const loaded = await loadLetter(dir, ctx.cwd, { texts: true });
    const problems = [...loaded.problems, ...loaded.texts.flatMap((t) => findContactDetails(t.text, t.file))];
    if (loaded.letter)
      problems.push(
        ...checkLetter({ ...loaded, letter: loaded.letter, folderName: path.basename(dir), now: ctx.now(), unreadSignatures: loaded.unreadSignatures }),
      );
    const errors = problems.filter((p) => p.severity === 'error');
    const warnings = problems.filter((p) => p.severity === 'warning');
    result.errors.push(...errors);
    result.warnings.push(...warnings);
    result.letters.push({ letter: loaded.shown, signatures: loaded.signatures.length + loaded.erased.length + loaded.unreadSignatures, errors: errors.length, warnings: warnings.length });
  }
  result.ok = result.errors.length === 0;
  return result;
}

async function allLetters(cwd: string): Promise<{ dirs: string[]; strays: string[] }> {
  const root = path.join(cwd, 'letters');
  let names: string[] = [];
  try {
    names = (await readdir(root, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  } catch {
    // no letters/ folder: reported below
  }
  const dirs: string[] = [];
  const strays: string[] = [];
  for (const n of names) {
    try {
      dirs.push(await resolveLetterDir(path.join(root, n), cwd));
    } catch {
      strays.push(path.join(root, n));
    }
  }
  if (dirs.length === 0 && strays.length === 0) throw new UsageError('No letters found under letters/.', 'Name a letter folder: letter check letters/<slug>');
  return { dirs, strays };
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
    return l.errors > 0 ? `${style.red('✖')} ${l.letter}: ${tail}` : `${style.green('✔')} ${l.letter}: ${tail}`;
  });
  return [...problems.map(line), ...(problems.length ? [''] : []), ...summary].join('\n');
}
