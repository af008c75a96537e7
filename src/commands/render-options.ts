/**
 * What `letter render`'s flags ask for: the formats (`--format`), languages (`--lang`),
 * templates (`--template` over the letter's own and the defaults) and folder (`--out`).
 */
import path from 'node:path';
import type { Context } from '../context.js';
import { UsageError, UserError } from '../errors.js';
import type { LetterFile } from '../letter/schema.js';
import {
  FORMAT_SPECS,
  RENDER_FORMATS,
  type RenderFormat,
  type TemplateSource,
} from '../render/render.js';
import type { StreamedLetterView } from '../render/view.js';
import { shownPath } from '../shown-path.js';
import type { ValidLetter } from '../storage/letter-store.js';
import { defaultTemplatesDir, loadTemplates, readTemplateFile } from '../storage/package-files.js';
import { defaultOutDir } from '../storage/render-files.js';

/** The output formats: the three templates, and PDF (the print template printed by Chromium). */
export const OUTPUT_FORMATS = [...RENDER_FORMATS, 'pdf'] as const;
/** One of `OUTPUT_FORMATS`. */
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** Parses `md,html,print,pdf` into formats (default md,html,print). @throws UsageError naming an unknown format. */
export function parseFormats(value: string | undefined): OutputFormat[] {
  if (value === undefined) return [...RENDER_FORMATS];
  const wanted = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const f of wanted)
    if (!(OUTPUT_FORMATS as readonly string[]).includes(f))
      throw new UsageError(
        `--format: unknown format "${f}"; use any of ${OUTPUT_FORMATS.join(', ')}`,
      );
  if (wanted.length === 0)
    throw new UsageError(`--format: name at least one of ${OUTPUT_FORMATS.join(', ')}`);
  return OUTPUT_FORMATS.filter((f) => wanted.includes(f));
}

/**
 * The languages `--lang` asks for: the letter's own by default, `all`, or one of its
 * translations. @throws UsageError for a language the letter lacks; UserError for a declared
 * translation whose file is missing.
 */
export function languagesToRender(loaded: ValidLetter, lang: string | undefined): string[] {
  const { letter } = loaded;
  const languages = [letter.language, ...Object.keys(letter.translations ?? {})];
  const langs = lang === undefined ? [letter.language] : lang === 'all' ? languages : [lang];
  for (const l of langs)
    if (!languages.includes(l))
      throw new UsageError(
        `--lang: the letter has no ${l} text; it has ${languages.join(', ')} (or all)`,
      );
  for (const l of langs)
    if (l !== letter.language && loaded.translations[l]?.text === undefined)
      throw new UserError(
        `The ${l} translation has no text: ${loaded.shown}/letter.${l}.md does not exist.`,
        `Write it, or remove translations.${l} from letter.yaml.`,
      );
  return langs;
}

/**
 * The templates of a render: the defaults, overridden by the letter's `templates/` folder, and
 * by `--template` for the one format asked for; partials are those under `partials/`.
 * @throws UsageError when `--template` names no single format or cannot be read.
 */
export async function templatesFor(
  dir: string,
  o: { template?: string | undefined },
  formats: readonly OutputFormat[],
  ctx: Context,
): Promise<{ templates: Map<string, TemplateSource>; partials: TemplateSource[] }> {
  const templates = await loadTemplates(
    [defaultTemplatesDir(), path.join(dir, 'templates')],
    ctx.cwd,
  );
  if (o.template !== undefined) {
    const own = formats.filter((f) => f !== 'pdf');
    if (own.length !== 1)
      throw new UsageError('--template: name exactly one of md, html or print with --format');
    const file = path.resolve(ctx.cwd, o.template);
    const text = await readTemplateFile(file).catch(() => {
      throw new UsageError(`--template: cannot read ${o.template}`);
    });
    templates.set(FORMAT_SPECS[own[0] as RenderFormat].template, {
      name: path.basename(file),
      file: shownPath(ctx.cwd, file),
      text,
    });
  }
  const partials = [...templates.values()]
    .filter((t) => t.name.startsWith('partials/'))
    .map((t) => ({ ...t, name: t.name.slice('partials/'.length) }));
  return { templates, partials };
}

/** Whether the template of `format` is not the default one (the letter's own, or --template). */
export function ownTemplate(
  templates: Map<string, TemplateSource>,
  format: RenderFormat,
  cwd: string,
): boolean {
  const t = templates.get(FORMAT_SPECS[format].template);
  return t !== undefined && path.resolve(cwd, t.file) !== path.join(defaultTemplatesDir(), t.name);
}

/**
 * Where renders go: `--out`, or `out/<slug>` by default; never inside the letter's folder,
 * where they would be read as part of the letter. @throws UsageError for an empty or inside `--out`.
 */
export function outDirFor(
  dir: string,
  slug: string,
  out: string | undefined,
  ctx: Context,
): string {
  if (out !== undefined && out.trim() === '') throw new UsageError('--out: name a folder');
  const outDir = out === undefined ? defaultOutDir(dir, slug, ctx.cwd) : path.resolve(ctx.cwd, out);
  if (outDir === dir || outDir.startsWith(`${dir}${path.sep}`))
    throw new UsageError(
      `--out: ${shownPath(ctx.cwd, outDir) || '.'} is inside the letter folder, where renders would be read as part of the letter`,
      `Render outside it, e.g. --out out/${slug}`,
    );
  return outDir;
}

/** One PDF to make: the view of a language, and its print HTML when a template of the letter's own prints it. */
export interface PdfSource {
  lang: string;
  view: StreamedLetterView;
  /** The letter's own print template rendered (printed by Chromium); null for the print edition typeset by Typst. */
  html: string | null;
}

/**
 * The date a PDF says it was made (ISO 8601 UTC): SOURCE_DATE_EPOCH (seconds, the
 * reproducible-builds convention) when set, else the command's clock (`ctx.now()`, which
 * LETTER_NOW fixes). @throws UsageError for a SOURCE_DATE_EPOCH that is not a whole number.
 */
export function pdfDate(ctx: Context): string {
  const epoch = ctx.env.SOURCE_DATE_EPOCH;
  if (epoch === undefined || epoch === '') return ctx.now().toISOString();
  if (!/^\d{1,12}$/.test(epoch))
    throw new UsageError(`SOURCE_DATE_EPOCH must be whole seconds since 1970, not "${epoch}"`);
  return new Date(Number(epoch) * 1000).toISOString();
}

/**
 * The PDFs of `forPdf` as documents of `outDir`: the print edition typeset by Typst (see
 * render/typst-pdf.ts), or, for a letter with its own print template, that HTML printed by
 * Chromium. Each is dated `pdfDate(ctx)`.
 * @throws EnvironmentError when the engine is missing, fails, runs out of memory or time.
 */
export async function pdfDocuments(
  forPdf: readonly PdfSource[],
  letter: LetterFile,
  outDir: string,
  ctx: Context,
): Promise<{ format: 'pdf'; lang: string; file: string; text: Buffer }[]> {
  if (forPdf.length === 0) return [];
  const date = pdfDate(ctx);
  const pdfs: Buffer[] = [];
  for (const p of forPdf) {
    if (p.html !== null) {
      const { printPdfs } = await import('../render/pdf.js');
      pdfs.push(
        ...(await printPdfs([p.html], ctx.env, date, {
          what: "the letter's own print template",
          next: "For a long list, remove the letter's templates/letter.print.html.hbs: the default print edition is typeset by Typst, in parts.",
        })),
      );
    } else {
      const { printData } = await import('../render/typst-data.js');
      const { typesetPrintEdition } = await import('../storage/pdf-engine.js');
      pdfs.push(await typesetPrintEdition(printData(p.view, date), ctx.env));
    }
  }
  return forPdf.map((p, i) => ({
    format: 'pdf',
    lang: p.lang,
    file: path.join(
      outDir,
      `${p.lang === letter.language ? letter.slug : `${letter.slug}.${p.lang}`}.pdf`,
    ),
    text: pdfs[i]!,
  }));
}

/**
 * The template `format` is rendered with: the letter's own (templates/) or the default.
 * @throws UsageError when neither exists.
 */
export function templateFor(
  templates: ReadonlyMap<string, TemplateSource>,
  format: RenderFormat,
): TemplateSource {
  const template = templates.get(FORMAT_SPECS[format].template);
  if (!template)
    throw new UsageError(
      `No template ${FORMAT_SPECS[format].template} in ${defaultTemplatesDir()} or the letter's templates/ folder.`,
    );
  return template;
}
