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
import { dayFormatter, displayLocale } from '../render/display-dates.js';
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

/** The kit and the files written (paths relative to the working directory). */
export interface PressKitResult {
  letter: string;
  kit: PressKit;
  files: { path: string; bytes: number }[];
}

/** Makes the press kit. @throws UsageError for a bad --top or --out; EnvironmentError without Chromium (unless --no-pdf); InvalidLetter. */
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
  const kit: PressKit = {
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
  };
  const base = path.join(outDir, `${letter.slug}.press-kit`);
  const files: { path: string; text: string | Buffer }[] = [
    { path: `${base}.md`, text: pressKitMarkdown(kit) },
  ];
  if (o.pdf !== false)
    files.push({ path: `${base}.pdf`, text: await printPage(kit, letter.language, ctx) });
  const bytes = await writeStreamedFilesInto(outDir, files, ctx.cwd);
  return {
    letter: path.relative(ctx.cwd, dir) || '.',
    kit,
    files: files.map((f, i) => ({ path: path.relative(ctx.cwd, f.path), bytes: bytes[i]! })),
  };
}

/** The kit's one page as PDF: the one call into the PDF engine. @throws EnvironmentError without Chromium. */
async function printPage(kit: PressKit, lang: string, ctx: Context): Promise<Buffer> {
  const [{ pressKitHtml }, { printPdfs }] = await Promise.all([
    import('../render/press-kit-html.js'),
    import('../render/pdf.js'),
  ]);
  const [pdf] = await printPdfs([pressKitHtml(kit, lang)], ctx.env, kit.made_at, {
    what: 'the press kit',
    next: 'Run it again with --no-pdf for the Markdown alone.',
  });
  return pdf!;
}

/** In `locale` (BCP 47): "Embargoed until 26 May 2020, 09:00 UTC" before the embargo; "Draft: not for publication" for a draft; else null. */
export function embargoLine(p: ReturnType<typeof publication>, locale: string): string | null {
  if (p.state === 'final') return null;
  if (p.reason === 'draft' || p.until === undefined) return 'Draft: not for publication';
  const day = dayFormatter(locale)(p.until);
  return `Embargoed until ${day}, ${p.until.slice(11, 16)} UTC`;
}

/** The count and the files written. */
export function formatPressKit(r: PressKitResult, style: Style): string {
  return [
    `Press kit of ${style.bold(r.letter)} (${r.kit.countText.toLowerCase()}${r.kit.embargo ? `; ${r.kit.embargo}` : ''}):`,
    ...r.files.map((f) => `  ${f.path}`),
  ].join('\n');
}
