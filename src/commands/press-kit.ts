/**
 * `letter press-kit <letter>`: a one-page press kit as Markdown and PDF: the count, the
 * signatories by group in the letter's order (the first `--top` of each, "and N others"), the
 * embargo line while the letter is under embargo or a draft, and the organisers' public
 * contact (letter.yaml `public_contacts:`). Only what `list` would publish.
 */
import path from 'node:path';
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import { toIsoTimestamp } from '../letter/dates.js';
import { publication } from '../letter/embargo.js';
import { kitGroups, type PressKit, pressKitMarkdown } from '../letter/press-kit.js';
import { dayAndTime, dayFormatter, displayLocale } from '../render/display-dates.js';
import { shownPath } from '../shown-path.js';
import { loadLetterYamlRefusingErrors, resolveLetterDir } from '../storage/letter-store.js';
import { writeStreamedFilesInto } from '../storage/streamed-files.js';
import type { Style } from '../terminal.js';
import { list } from './list.js';
import { outDirFor } from './render-options.js';

/** Options of `letter press-kit`: `top` names per group (default 5), `out` the folder (default out/<slug>), `pdf` false for Markdown only. */
export interface PressKitOptions {
  letter: string;
  out?: string | undefined;
  top?: number | undefined;
  pdf?: boolean | undefined;
}

/**
 * The kit (as written: cut to fit the PDF's one page when it had to be), the files written
 * (paths relative to the working directory), and `fitted` when names were cut: the names a
 * group asked for, shown, and how many were cut in all.
 */
export interface PressKitResult {
  letter: string;
  kit: PressKit;
  files: { path: string; bytes: number }[];
  fitted: { asked: number; shown: number; cut: number } | null;
}

/**
 * Makes the press kit; with the PDF, on one page (see press-kit-pdf.ts), saying on stderr how many names were cut to fit.
 * @throws UsageError for a bad --top or --out; EnvironmentError without Chromium (unless --no-pdf);
 *   UserError when even one name a group does not fit one page; InvalidLetter.
 */
export async function pressKit(o: PressKitOptions, ctx: Context): Promise<PressKitResult> {
  const top = o.top ?? 5;
  if (!Number.isInteger(top) || top < 1)
    throw new UsageError('--top: a whole number of at least 1');
  const dir = await resolveLetterDir(o.letter, ctx.cwd);
  const letter = await loadLetterYamlRefusingErrors(dir, ctx.cwd);
  const outDir = outDirFor(dir, letter.slug, o.out, ctx);
  const now = ctx.now();
  const listed = await list({ letter: dir, embargoSubject: 'the press kit is' }, ctx);
  const locale = displayLocale(letter, letter.language);
  let kit: PressKit = {
    title: letter.title,
    addressee: letter.addressee,
    count: listed.count,
    countText:
      listed.count === 1
        ? 'Signed by 1 person'
        : `Signed by ${listed.count.toLocaleString(locale)} people`,
    opened: letter.opened ?? null,
    openedDay: letter.opened ? dayFormatter(locale)(letter.opened) : null,
    embargo: embargoLine(publication(letter, now), locale),
    groups: kitGroups(listed.signatures, top, 'Other signatories'),
    organisers: letter.organisers.map((g) => ({ name: g.name, url: g.url ?? null })),
    contacts: letter.public_contacts ?? [],
    made_at: toIsoTimestamp(now),
    made: dayAndTime(locale, toIsoTimestamp(now)),
  };
  const base = path.join(outDir, `${letter.slug}.press-kit`);
  const files: { path: string; text: string | Buffer }[] = [];
  let fitted: PressKitResult['fitted'] = null;
  if (o.pdf !== false) {
    // One page, as a press officer hands it out: fewer names a group when they do not fit,
    // and the Markdown says the same as the PDF.
    const { onePageKitPdf } = await import('./press-kit-pdf.js');
    const page = await onePageKitPdf(kit, top, letter.language, ctx.env);
    kit = page.kit;
    files.push({ path: `${base}.pdf`, text: page.pdf });
    if (page.cut > 0) {
      fitted = { asked: top, shown: page.top, cut: page.cut };
      ctx.stderr.write(`${ctx.errStyle.yellow('warning:')} ${fittedNote(fitted)}\n`);
    }
  }
  files.unshift({ path: `${base}.md`, text: pressKitMarkdown(kit) });
  const bytes = await writeStreamedFilesInto(outDir, files, ctx.cwd);
  return {
    letter: shownPath(ctx.cwd, dir) || '.',
    kit,
    files: files.map((f, i) => ({ path: shownPath(ctx.cwd, f.path), bytes: bytes[i]! })),
    fitted,
  };
}

/** Why the kit shows fewer names than asked: "--top 40 does not fit on one page: 14 names a group shown, 118 more counted in "and N others" (--no-pdf keeps 40)". */
export function fittedNote(f: NonNullable<PressKitResult['fitted']>): string {
  return `--top ${f.asked} does not fit on one page: ${f.shown} name${f.shown === 1 ? '' : 's'} a group shown, ${f.cut} more counted in "and N others" (--no-pdf keeps ${f.asked} in the Markdown)`;
}

/** In `locale` (BCP 47): "Embargoed until 26 May 2020, 09:00 UTC" before the embargo; "Draft: not for publication" for a draft; else null. */
export function embargoLine(p: ReturnType<typeof publication>, locale: string): string | null {
  if (p.state === 'final') return null;
  if (p.reason === 'draft' || p.until === undefined) return 'Draft: not for publication';
  return `Embargoed until ${dayAndTime(locale, p.until)}`;
}

/** The count and the files written. */
export function formatPressKit(r: PressKitResult, style: Style): string {
  return [
    `Press kit of ${style.bold(r.letter)} (${r.kit.countText.toLowerCase()}${r.kit.embargo ? `; ${r.kit.embargo}` : ''}):`,
    ...r.files.map((f) => `  ${f.path}`),
  ].join('\n');
}
