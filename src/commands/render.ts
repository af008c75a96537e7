/**
 * `letter render <letter>`: the letter through Handlebars templates into Markdown, a
 * standalone HTML page and print-ready HTML. Same input, byte-identical output.
 */
import path from 'node:path';
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import { type EmbargoFields, embargoFields } from '../letter/embargo.js';
import { groupedSource, groupSignatures } from '../letter/order.js';
import { PAGE_FILE_SUFFIXES } from '../render/count-files.js';
import { FORMAT_SPECS, type RenderFormat, renderDocumentChunks } from '../render/render.js';
import { type StreamedLetterView, streamedLetterView } from '../render/view.js';
import { shownPath } from '../shown-path.js';
import { loadLetterRefusingErrors, resolveLetterDir } from '../storage/letter-store.js';
import { type StreamedFile, writeStreamedFilesInto } from '../storage/streamed-files.js';
import type { Style } from '../terminal.js';
import { trace } from '../trace.js';
import { renderInputs } from './render-inputs.js';
import {
  languagesToRender,
  type OutputFormat,
  outDirFor,
  ownTemplate,
  type PdfSource,
  parseFormats,
  pdfDocuments,
  templateFor,
  templatesFor,
} from './render-options.js';
import { countFiles, type PageFileFormat, shareImageDocument } from './render-page-files.js';

/** Options of `letter render`: `out` defaults to `out/<slug>`, `formats` to md,html,print, `lang` to the letter's language. */
export interface RenderOptions {
  letter: string;
  out?: string | undefined;
  formats?: string | undefined;
  /** A language of the letter (its own or a translation's), or `all`. */
  lang?: string | undefined;
  /** A template file to use instead of the default, for the one format asked for. */
  template?: string | undefined;
  /** With html: also make `<slug>.og.png`, the image a shared link shows (Chromium). */
  shareImage?: boolean | undefined;
  /** With html: also write count.json, the Atom feed and the badge beside the page (default true; a delivery bundle leaves them out). */
  pageFiles?: boolean | undefined;
}

/**
 * What was written: one entry per format and language, paths relative to the working
 * directory; `embargoed` when every file is marked as a preview (a draft, or before the
 * letter's `embargo`), which stderr says too.
 */
export interface RenderResult extends EmbargoFields {
  letter: string;
  count: number;
  /** `count`, `feed` and `badge` are written with the page in the letter's own language (see render-count-files.ts). */
  files: {
    format: OutputFormat | PageFileFormat;
    lang: string;
    path: string;
    bytes: number;
  }[];
}

/**
 * Renders a letter, in one language or all. Templates in `<letter>/templates/` override the
 * defaults of the same name; `--template` overrides the one format asked for.
 * @throws InvalidLetter when the letter has errors; TemplateError for a broken template;
 *   UsageError for an unknown format or language, or an --out that cannot be a folder;
 *   EnvironmentError when the PDF engine fails, or Chromium is needed (a letter's own print
 *   template, --share-image) and none is found.
 */
export async function render(o: RenderOptions, ctx: Context): Promise<RenderResult> {
  const formats = parseFormats(o.formats);
  if (o.shareImage && !formats.includes('html'))
    throw new UsageError('--share-image: goes with the page; add html to --format');
  const dir = await resolveLetterDir(o.letter, ctx.cwd);
  trace('render: load');
  const loaded = await loadLetterRefusingErrors(dir, ctx.cwd, undefined, { lean: true });
  trace('render: loaded');
  const { letter } = loaded;
  const langs = languagesToRender(loaded, o.lang);
  const { templates, partials } = await templatesFor(dir, o, formats, ctx);
  const outDir = outDirFor(dir, letter.slug, o.out, ctx);
  // A letter's own print template (or --template) is printed by Chromium; the default, by Typst.
  const ownPrint = ownTemplate(templates, 'print', ctx.cwd);

  const now = ctx.now();
  const { signatures, statuses, state, versionNames, updated, deliveries } = await renderInputs(
    loaded,
    dir,
    ctx,
  );
  const documents: {
    format: OutputFormat | PageFileFormat;
    lang: string;
    file: string;
    text: StreamedFile['text'];
  }[] = [];
  const forPdf: PdfSource[] = [];
  let count = 0;
  let ownView: StreamedLetterView | undefined;
  for (const lang of langs) {
    const body = lang === letter.language ? loaded.body : loaded.translations[lang]!.text!;
    trace('render: view');
    // In the order of the language rendered; the documents read their signatories as they are written.
    const grouped = groupSignatures({ ...letter, language: lang }, signatures, statuses);
    const own = lang === letter.language;
    const shareImage = o.shareImage && own ? `${letter.slug}${PAGE_FILE_SUFFIXES.image}` : null;
    const viewOptions = {
      lang,
      body,
      versionNames,
      publication: state,
      updated,
      shareImage,
      deliveries,
      pageFiles: o.pageFiles !== false,
    };
    const sources = groupedSource(grouped);
    const view = streamedLetterView(letter, loaded.body, sources, viewOptions);
    trace('render: templates');
    count = view.count;
    const base = lang === letter.language ? letter.slug : `${letter.slug}.${lang}`;
    const byTemplate = (format: RenderFormat) =>
      renderDocumentChunks(view, format, templateFor(templates, format), partials);
    for (const format of formats) {
      if (format === 'pdf')
        forPdf.push({
          lang,
          view,
          html: ownPrint ? [...byTemplate('print')].join('') : null,
        });
      else
        documents.push({
          format,
          lang,
          file: path.join(outDir, `${base}${FORMAT_SPECS[format].suffix}`),
          text: byTemplate(format),
        });
    }
    if (formats.includes('html') && own) ownView = view;
    if (formats.includes('html') && own && o.pageFiles !== false) {
      for (const f of countFiles(letter, view, sources, versionNames, outDir))
        documents.push({ ...f, lang });
    }
  }
  documents.push(...(await pdfDocuments(forPdf, letter, outDir, ctx)));
  if (ownView?.share.image)
    documents.push({ ...(await shareImageDocument(ownView, outDir, ctx)), lang: letter.language });
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
      path: shownPath(ctx.cwd, d.file),
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
