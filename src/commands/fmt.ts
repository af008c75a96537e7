/**
 * `letter fmt [letter...] [--check] [--layout flat|sharded]`: rewrites a letter's files in
 * canonical form (key order, quoting, line endings, final newline, schema line, links in
 * their normal form (urls.ts), and each signature file in the folder its layout gives it)
 * without changing what any value means.
 * `--layout` moves every signature file into the other layout and records it in
 * letter.yaml. `--check` writes nothing and fails when a file is not in canonical form, for
 * CI. `--sort-keys` also writes `sort_as`, derived from the name (sort-key.ts), into the
 * published signatures that lack it: every such file or, if one write fails, none.
 * Running it twice changes nothing the second time.
 */
import path from 'node:path';
import { parse } from 'yaml';
import type { Context } from '../context.js';
import { InvalidLetter, UsageError } from '../errors.js';
import { publishedChangelog } from '../letter/changelog.js';
import type { Signature } from '../letter/schema.js';
import { withDerivedSortKey } from '../letter/sort-key.js';
import { canonicalText, stripBom } from '../letter/text.js';
import { normaliseUrl } from '../letter/urls.js';
import { shownPath } from '../shown-path.js';
import { changelogChanges } from '../storage/changelog-file.js';
import {
  defaultLetters,
  filesWithBom,
  idOfEntry,
  LETTER_FILE,
  type SignatureLayout,
} from '../storage/layout.js';
import {
  erasedChange,
  letterText,
  loadLetterAllowingErrors,
  removeEmptyShards,
  resolveLetterDir,
  signatureChange,
  signatureFileText,
  withLetterLock,
} from '../storage/letter-store.js';
import { type FileChange, writeAll } from '../storage/transaction.js';
import type { Style } from '../terminal.js';

/** Options of `letter fmt`. */
export interface FmtOptions {
  letters: string[];
  check?: boolean | undefined;
  /** The layout to move the letters' signature files into (see layout.ts). */
  layout?: string | undefined;
  /** Write derived sort keys into published signatures without `sort_as`. */
  sortKeys?: boolean | undefined;
}

/** The files not in canonical form (rewritten, or with --check only listed). */
export interface FmtResult {
  check: boolean;
  letters: number;
  files: string[];
  ok: boolean;
}

/** Formats letters. @throws InvalidLetter when a letter has errors (fix them first: `letter check`); UsageError for an unknown layout. */
export async function fmt(o: FmtOptions, ctx: Context): Promise<FmtResult> {
  if (o.layout !== undefined && o.layout !== 'flat' && o.layout !== 'sharded')
    throw new UsageError(
      `--layout: "${o.layout}" is not a layout`,
      'Use flat (signatures/<id>.yaml) or sharded (signatures/<first two characters>/<id>.yaml).',
    );
  // Named letters or files inside them (a pre-commit hook passes the files changed), each once; else see defaultLetters.
  const dirs =
    o.letters.length > 0
      ? [...new Set(await Promise.all(o.letters.map((l) => resolveLetterDir(l, ctx.cwd))))]
      : (await defaultLetters(ctx.cwd)).dirs;
  const files: string[] = [];
  for (const dir of dirs) {
    const changes = await withLetterLock(dir, async () => {
      const loaded = await loadLetterAllowingErrors(dir, ctx.cwd);
      // A file in the wrong folder, or a link not in its normal form, is what fmt puts right.
      const errors = loaded.problems.filter(
        (p) => p.severity === 'error' && p.code !== 'misplaced-file' && p.code !== 'url-not-normal',
      );
      if (errors.length > 0 || !loaded.letter || loaded.body === undefined)
        throw new InvalidLetter(errors);
      const current = new Map(loaded.texts.map((t) => [path.resolve(ctx.cwd, t.file), t.text]));
      const letterPath = path.join(dir, LETTER_FILE);
      const raw = parse(stripBom(current.get(letterPath)!), {
        version: '1.2',
        schema: 'core',
      }) as Record<string, unknown>;
      const layout = (o.layout ?? loaded.letter.layout ?? 'flat') as SignatureLayout;
      if (Array.isArray(raw.organisers))
        for (const org of raw.organisers as Record<string, unknown>[])
          if (typeof org?.url === 'string') org.url = normaliseUrl(org.url);
      if (typeof raw.sign_url === 'string') raw.sign_url = normaliseUrl(raw.sign_url);
      if (o.layout === 'sharded') raw.layout = 'sharded';
      if (o.layout === 'flat') delete raw.layout;
      const wanted: FileChange[] = [
        { path: letterPath, text: letterText(raw, dir) },
        { path: path.join(dir, loaded.letter.body), text: canonicalText(loaded.body) },
      ];
      for (const t of Object.values(loaded.translations))
        if (t.text !== undefined)
          wanted.push({ path: path.resolve(ctx.cwd, t.file), text: canonicalText(t.text) });
      if (loaded.changelog !== undefined)
        wanted.push(
          ...changelogChanges(dir, loaded.letter, {
            after: 'rebuild',
            text:
              loaded.letter.changelog === 'append'
                ? publishedChangelog(
                    loaded.letter,
                    loaded.signatures.map((s) => s.signature),
                    loaded.erased,
                    loaded.signatures.map((s) => s.key),
                  ).text
                : canonicalText(loaded.changelog),
          }),
        );
      // fmt writes LF; --check takes CRLF line ends for LF, as git does with core.autocrlf: a
      // checkout on Windows may have them while the repository holds LF.
      const canonical = (have: string | undefined, want: FileChange['text']) =>
        have === want ||
        (Boolean(o.check) && typeof want === 'string' && have?.replace(/\r\n/g, '\n') === want);
      // Reading as text drops a byte order mark; canonical text has none, so fmt removes it.
      const boms = await filesWithBom(wanted.map((w) => w.path));
      const differing = wanted.filter(
        (w) => boms.has(w.path) || !canonical(current.get(w.path), w.text),
      );
      // Signature files: rewritten where their text differs, moved where their folder does.
      const target = { dir, letter: { layout }, files: new Map<string, string>() };
      const signatures = [
        ...loaded.signatures.map((s) =>
          signatureChange(
            target,
            withNormalUrls(
              o.sortKeys ? withDerivedSortKey(s.signature, loaded.letter!.language) : s.signature,
            ),
          ),
        ),
        ...loaded.erased.map((e) => erasedChange(target, e)),
      ];
      for (const want of signatures) {
        const id = idOfEntry(path.basename(want.path));
        const now = loaded.files.get(id)!;
        // The schema line is part of the canonical text: a path into the letter's .schemas/, the same for every install (schema-files.ts).
        const same = canonical(signatureFileText(now), want.text);
        if (now === want.path) {
          if (!same) differing.push(want);
        } else if (same) differing.push({ path: want.path, from: now });
        else differing.push(want, { path: now, text: null });
      }
      if (!o.check) await writeAll(differing);
      if (!o.check) await removeEmptyShards(dir);
      return differing.filter((c) => c.text !== null);
    });
    files.push(...changes.map((c) => shownPath(ctx.cwd, c.path)));
  }
  return {
    check: Boolean(o.check),
    letters: dirs.length,
    files,
    ok: !o.check || files.length === 0,
  };
}

/** A signature with its links in their normal form (urls.ts). */
function withNormalUrls(s: Signature): Signature {
  const url = s.url === undefined ? {} : { url: normaliseUrl(s.url) };
  const verified =
    s.verified?.evidence === undefined
      ? {}
      : { verified: { ...s.verified, evidence: normaliseUrl(s.verified.evidence) } };
  return { ...s, ...url, ...verified };
}

/** The human view: the files rewritten, or with --check those that need it. */
export function formatFmt(r: FmtResult, style: Style): string {
  if (r.files.length === 0)
    return `${style.green('✔')} ${r.letters === 1 ? 'the letter is' : `${r.letters} letters are`} in canonical form`;
  if (r.check)
    return [
      ...r.files.map((f) => `${style.bold(f)}: ${style.red('not in canonical form')}`),
      style.dim(style.command('Run letter fmt to rewrite them (values stay the same).')),
    ].join('\n');
  return [
    `${style.green('Formatted')} ${r.files.length} ${r.files.length === 1 ? 'file' : 'files'}:`,
    ...r.files.map((f) => `  ${f}`),
  ].join('\n');
}
