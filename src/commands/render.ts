/**
 * `letter render <letter>`: the letter through Handlebars templates into Markdown, a
 * standalone HTML page and print-ready HTML. Same input, byte-identical output.
 */
import path from 'node:path';
import type { Context } from '../context.js';
import { InvalidLetter, UsageError } from '../errors.js';
import { type EmbargoFields, embargoFields, publication } from '../letter/embargo.js';
import { groupedSource, groupSignatures } from '../letter/order.js';
import { publishable } from '../letter/publishing.js';
import { publishedStatuses } from '../letter/signatures.js';
import { FORMAT_SPECS, type RenderFormat, renderDocumentChunks } from '../render/render.js';
import { streamedLetterView } from '../render/view.js';
import { readDeliveries } from '../storage/deliveries-file.js';
import { loadLetterRefusingErrors, resolveLetterDir } from '../storage/letter-store.js';
import { defaultTemplatesDir } from '../storage/package-files.js';
import { type StreamedFile, writeStreamedFilesInto } from '../storage/streamed-files.js';
import type { Style } from '../terminal.js';
import { trace } from '../trace.js';
import {
  languagesToRender,
  type OutputFormat,
  outDirFor,
  parseFormats,
  pdfDocuments,
  templatesFor,
} from './render-options.js';
import { warnEmbargo, warnLeftOut } from './shared/letter-warnings.js';
import { earlierVersionNames } from './shared/text-versions.js';

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

/**
 * What was written: one entry per format and language, paths relative to the working
 * directory; `embargoed` when every file is marked as a preview (a draft, or before the
 * letter's `embargo`), which stderr says too.
 */
export interface RenderResult extends EmbargoFields {
  letter: string;
  count: number;
  files: { format: OutputFormat; lang: string; path: string; bytes: number }[];
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
  const langs = languagesToRender(loaded, o.lang);
  const { templates, partials } = await templatesFor(dir, o, formats, ctx);
  const outDir = outDirFor(dir, letter.slug, o.out, ctx);

  // Only what check would let through is published (see publishing.ts).
  const gate = publishable(
    letter,
    loaded.signatures.map((s) => s.signature),
    loaded.erased,
    loaded.signatures.map((s) => s.key),
  );
  warnLeftOut(ctx, gate.leftOut, loaded.shown);
  // Before the embargo (or while a draft), every file is marked as a preview.
  const now = ctx.now();
  const state = publication(letter, now);
  warnEmbargo(ctx, state, loaded.shown, 'each render, marked as a preview, is');
  const statuses = publishedStatuses(letter);
  const versionNames = await earlierVersionNames(loaded, gate.signatures, statuses, ctx);
  const delivered = await readDeliveries(dir, loaded.shown);
  if (delivered.problems.some((p) => p.severity === 'error'))
    throw new InvalidLetter(delivered.problems);
  const documents: {
    format: OutputFormat;
    lang: string;
    file: string;
    text: StreamedFile['text'];
  }[] = [];
  const forPdf: { lang: string; html: string }[] = [];
  let count = 0;
  for (const lang of langs) {
    const body = lang === letter.language ? loaded.body : loaded.translations[lang]!.text!;
    trace('render: view');
    // In the order of the language rendered; the documents read their signatories as they are written.
    const grouped = groupSignatures({ ...letter, language: lang }, gate.signatures, statuses);
    const viewOptions = {
      lang,
      body,
      versionNames,
      publication: state,
      deliveries: delivered.deliveries.deliveries,
    };
    const view = streamedLetterView(letter, loaded.body, groupedSource(grouped), viewOptions);
    trace('render: templates');
    count = view.count;
    const base = lang === letter.language ? letter.slug : `${letter.slug}.${lang}`;
    const byTemplate = (format: RenderFormat) => {
      const template = templates.get(FORMAT_SPECS[format].template);
      if (!template)
        throw new UsageError(
          `No template ${FORMAT_SPECS[format].template} in ${defaultTemplatesDir()} or the letter's templates/ folder.`,
        );
      return renderDocumentChunks(view, format, template, partials);
    };
    for (const format of formats) {
      if (format === 'pdf') forPdf.push({ lang, html: [...byTemplate('print')].join('') });
      else
        documents.push({
          format,
          lang,
          file: path.join(outDir, `${base}${FORMAT_SPECS[format].suffix}`),
          text: byTemplate(format),
        });
    }
  }
  documents.push(...(await pdfDocuments(forPdf, letter, outDir, ctx)));
  trace('render: write');
  const files = documents.map((d) => ({ path: d.file, text: d.text }));
  const bytes = await writeStreamedFilesInto(outDir, files, ctx.cwd);
  trace('render: written');
  return {
    letter: loaded.shown,
    count,
    ...embargoFields(letter, now),
    files: documents.map((d, i) => ({
      format: d.format,
      lang: d.lang,
      path: path.relative(ctx.cwd, d.file),
      bytes: bytes[i]!,
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
