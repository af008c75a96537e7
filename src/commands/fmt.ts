/**
 * `letter fmt [letter...] [--check]`: rewrites a letter's files in canonical form (key
 * order, quoting, line endings, final newline, schema line) without changing any value.
 * `--check` writes nothing and fails when a file is not in canonical form, for CI.
 * Running it twice changes nothing the second time.
 */
import path from 'node:path';
import { parse } from 'yaml';
import type { Context } from '../context.js';
import { InvalidLetter } from '../errors.js';
import { renderChangelog } from '../letter/changelog.js';
import { CHANGELOG_FILE, LETTER_FILE, listLetters } from '../storage/layout.js';
import { changelogChange, erasedChange, letterText, loadLetter, resolveLetterDir, signatureChange, withLetterLock } from '../storage/letter-store.js';
import { type FileChange, writeAll } from '../storage/transaction.js';
import type { Style } from '../terminal.js';

/** Options of `letter fmt`. */
export interface FmtOptions {
  letters: string[];
  check?: boolean | undefined;
}

/** The files not in canonical form (rewritten, or with --check only listed). */
export interface FmtResult {
  check: boolean;
  letters: number;
  files: string[];
  ok: boolean;
}

/** Plain text in canonical form: UTF-8 without a byte-order mark, LF line endings, one final newline. */
function canonicalText(text: string): string {
  return `${text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').replace(/\n*$/, '')}\n`;
}

/** Formats letters. @throws InvalidLetter when a letter has errors (fix them first: `letter check`). */
export async function fmt(o: FmtOptions, ctx: Context): Promise<FmtResult> {
  const dirs = o.letters.length > 0 ? await Promise.all(o.letters.map((l) => resolveLetterDir(l, ctx.cwd))) : (await listLetters(ctx.cwd)).dirs;
  const files: string[] = [];
  for (const dir of dirs) {
    const changes = await withLetterLock(dir, async () => {
      const loaded = await loadLetter(dir, ctx.cwd, { texts: true });
      const errors = loaded.problems.filter((p) => p.severity === 'error');
      if (errors.length > 0 || !loaded.letter || loaded.body === undefined) throw new InvalidLetter(errors);
      const current = new Map(loaded.texts.map((t) => [path.resolve(ctx.cwd, t.file), t.text]));
      const letterPath = path.join(dir, LETTER_FILE);
      const wanted: FileChange[] = [
        { path: letterPath, text: letterText(parse(current.get(letterPath)!.replace(/^\uFEFF/, ''), { version: '1.2', schema: 'core' }), dir) },
        ...loaded.signatures.map((s) => signatureChange(dir, s.signature)),
        ...loaded.erased.map((e) => erasedChange(dir, e)),
        { path: path.join(dir, loaded.letter.body), text: canonicalText(loaded.body) },
      ];
      for (const t of Object.values(loaded.translations))
        if (t.text !== undefined) wanted.push({ path: path.resolve(ctx.cwd, t.file), text: canonicalText(t.text) });
      if (loaded.changelog !== undefined)
        wanted.push(
          loaded.letter.changelog === 'append'
            ? changelogChange(dir, renderChangelog(loaded.letter, loaded.signatures.map((s) => s.signature), loaded.erased))
            : { path: path.join(dir, CHANGELOG_FILE), text: canonicalText(loaded.changelog) },
        );
      const differing = wanted.filter((w) => current.get(w.path) !== w.text);
      if (!o.check) await writeAll(differing);
      return differing;
    });
    files.push(...changes.map((c) => path.relative(ctx.cwd, c.path)));
  }
  return { check: Boolean(o.check), letters: dirs.length, files, ok: !o.check || files.length === 0 };
}

/** The human view: the files rewritten, or with --check those that need it. */
export function formatFmt(r: FmtResult, style: Style): string {
  if (r.files.length === 0) return `${style.green('✔')} ${r.letters === 1 ? 'the letter is' : `${r.letters} letters are`} in canonical form`;
  if (r.check)
    return [...r.files.map((f) => `${style.bold(f)}: ${style.red('not in canonical form')}`), style.dim('Run letter fmt to rewrite them (values stay the same).')].join('\n');
  return [`${style.green('Formatted')} ${r.files.length} ${r.files.length === 1 ? 'file' : 'files'}:`, ...r.files.map((f) => `  ${f}`)].join('\n');
}
