/**
 * `letter render <letter>`: the letter through Handlebars templates into Markdown, a
 * standalone HTML page and print-ready HTML. Same input, byte-identical output.
 */
import path from 'node:path';
import type { Context } from '../context.js';
import { UsageError, UserError } from '../errors.js';
import { publishable } from '../letter/publishing.js';
import {
  FORMAT_SPECS,
  RENDER_FORMATS,
  type RenderFormat,
  renderDocument,
} from '../render/render.js';
import { letterView } from '../render/view.js';
import { loadLetterRefusingErrors, resolveLetterDir } from '../storage/letter-store.js';
import { defaultTemplatesDir, loadTemplates, readTemplateFile } from '../storage/package-files.js';
import { defaultOutDir, watchFolders } from '../storage/render-files.js';
import { ensureDir, writeAll } from '../storage/transaction.js';
import type { Style } from '../terminal.js';
import { trace } from '../trace.js';
import { warnLeftOut } from './shared/letter-warnings.js';

/** Options of `letter render`: `out` defaults to `out/<slug>`, `formats` to md,html,print, `lang` to the letter's language. */
export interface RenderOptions {
  letter: string;
  out?: string | undefined;
  formats?: string | undefined;
  /** A language of the letter (its own or a translation's), or `all`. */
  lang?: string | undefined;
  /** A template file to use instead of the default, for the one format asked for. */
  template?: string | undefined;
}

/** The output formats: the three templates, and PDF (the print template printed by Chromium). */
export const OUTPUT_FORMATS = [...RENDER_FORMATS, 'pdf'] as const;
/** One of `OUTPUT_FORMATS`. */
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** What was written: one entry per format and language, paths relative to the working directory. */
export interface RenderResult {
  letter: string;
  count: number;
  files: { format: OutputFormat; lang: string; path: string; bytes: number }[];
}

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
 * Renders a letter, in one language or all. Templates in `<letter>/templates/` override the
 * defaults of the same name; `--template` overrides the one format asked for.
 * @throws InvalidLetter when the letter has errors; TemplateError for a broken template;
 *   UsageError for an unknown format or language, or an --out that cannot be a folder;
 *   EnvironmentError when a PDF is asked for and no Chromium is found.
 */
export async function render(o: RenderOptions, ctx: Context): Promise<RenderResult> {
  const formats = parseFormats(o.formats);
  const dir = await resolveLetterDir(o.letter, ctx.cwd);
  trace('render: load');
  const loaded = await loadLetterRefusingErrors(dir, ctx.cwd);
  trace('render: loaded');
  const { letter } = loaded;
  const languages = [letter.language, ...Object.keys(letter.translations ?? {})];
  const langs = o.lang === undefined ? [letter.language] : o.lang === 'all' ? languages : [o.lang];
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
      file: path.relative(ctx.cwd, file),
      text,
    });
  }
  const partials = [...templates.values()]
    .filter((t) => t.name.startsWith('partials/'))
    .map((t) => ({ ...t, name: t.name.slice('partials/'.length) }));

  if (o.out !== undefined && o.out.trim() === '') throw new UsageError('--out: name a folder');
  const outDir =
    o.out === undefined ? defaultOutDir(dir, letter.slug, ctx.cwd) : path.resolve(ctx.cwd, o.out);
  if (outDir === dir || outDir.startsWith(`${dir}${path.sep}`))
    throw new UsageError(
      `--out: ${path.relative(ctx.cwd, outDir) || '.'} is inside the letter folder, where renders would be read as part of the letter`,
      `Render outside it, e.g. --out out/${letter.slug}`,
    );

  // Only what check would let through is published (see publishing.ts).
  const gate = publishable(
    letter,
    loaded.signatures.map((s) => s.signature),
    loaded.erased,
    loaded.signatures.map((s) => s.key),
  );
  warnLeftOut(ctx, gate.leftOut, loaded.shown);
  const signatures = gate.signatures;
  const documents: { format: OutputFormat; lang: string; file: string; text: string | Buffer }[] =
    [];
  const forPdf: { lang: string; html: string }[] = [];
  let count = 0;
  for (const lang of langs) {
    const body = lang === letter.language ? loaded.body : loaded.translations[lang]!.text!;
    trace('render: view');
    const view = letterView(letter, loaded.body, signatures, { lang, body });
    trace('render: templates');
    count = view.count;
    const base = lang === letter.language ? letter.slug : `${letter.slug}.${lang}`;
    const byTemplate = (format: RenderFormat) => {
      const template = templates.get(FORMAT_SPECS[format].template);
      if (!template)
        throw new UsageError(
          `No template ${FORMAT_SPECS[format].template} in ${defaultTemplatesDir()} or the letter's templates/ folder.`,
        );
      return renderDocument(view, format, template, partials);
    };
    for (const format of formats) {
      if (format === 'pdf') forPdf.push({ lang, html: byTemplate('print') });
      else
        documents.push({
          format,
          lang,
          file: path.join(outDir, `${base}${FORMAT_SPECS[format].suffix}`),
          text: byTemplate(format),
        });
    }
  }
  if (forPdf.length > 0) {
    const { printPdfs } = await import('../render/pdf.js');
    const pdfs = await printPdfs(
      forPdf.map((p) => p.html),
      ctx.env,
      letter.opened ?? '2000-01-01',
    );
    forPdf.forEach((p, i) => {
      const base = p.lang === letter.language ? letter.slug : `${letter.slug}.${p.lang}`;
      documents.push({
        format: 'pdf',
        lang: p.lang,
        file: path.join(outDir, `${base}.pdf`),
        text: pdfs[i]!,
      });
    });
  }
  try {
    await ensureDir(outDir);
  } catch (e) {
    throw new UsageError(
      `--out: cannot use ${path.relative(ctx.cwd, outDir)} as a folder: ${(e as Error).message}`,
    );
  }
  trace('render: write');
  await writeAll(documents.map((d) => ({ path: d.file, text: d.text })));
  trace('render: written');
  return {
    letter: loaded.shown,
    count,
    files: documents.map((d) => ({
      format: d.format,
      lang: d.lang,
      path: path.relative(ctx.cwd, d.file),
      bytes: typeof d.text === 'string' ? Buffer.byteLength(d.text) : d.text.length,
    })),
  };
}

/** The human view: the count, then the paths written. */
export function formatRender(r: RenderResult, style: Style): string {
  const people = r.count === 1 ? '1 signatory' : `${r.count} signatories`;
  return [
    `Rendered ${style.bold(r.letter)} (${people}):`,
    ...r.files.map((f) => `  ${f.path}`),
  ].join('\n');
}

/**
 * `render --watch`: renders, then renders again after every change to the letter's files
 * or the default templates (changes within 150 ms are taken together), reporting each run
 * through `onResult` and each user error on stderr. Runs until the process is stopped.
 */
export async function watch(
  o: RenderOptions,
  ctx: Context,
  onResult: (r: RenderResult) => void,
): Promise<void> {
  const dir = await resolveLetterDir(o.letter, ctx.cwd);
  const run = async () => {
    try {
      onResult(await render(o, ctx));
    } catch (e) {
      if (!(e instanceof UserError)) throw e;
      ctx.stderr.write(`${ctx.errStyle.red('error:')} ${e.message}\n`);
    }
  };
  await run();
  ctx.stderr.write(
    `Watching ${path.relative(ctx.cwd, dir) || '.'} and its templates; Ctrl-C to stop.\n`,
  );
  let timer: NodeJS.Timeout | undefined;
  let running = Promise.resolve();
  const changed = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      running = running.then(run);
    }, 150);
  };
  watchFolders([dir, defaultTemplatesDir()], changed);
  await new Promise(() => {});
}
