/**
 * `letter render <letter>`: the letter through Handlebars templates into Markdown, a
 * standalone HTML page and print-ready HTML. Same input, byte-identical output.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import { FORMAT_SPECS, RENDER_FORMATS, type RenderFormat, renderDocument, type TemplateSource } from '../render/render.js';
import { letterView } from '../render/view.js';
import { loadValidLetter, resolveLetterDir } from '../storage/letter-store.js';
import { defaultTemplatesDir } from '../storage/package-files.js';
import { ensureDir, writeAll } from '../storage/transaction.js';
import type { Style } from '../terminal.js';

/** Options of `letter render`: `out` defaults to `out/<slug>`, `formats` to all three. */
export interface RenderOptions {
  letter: string;
  out?: string | undefined;
  formats?: string | undefined;
}

/** What was written: one entry per format, paths relative to the working directory. */
export interface RenderResult {
  letter: string;
  count: number;
  files: { format: RenderFormat; path: string; bytes: number }[];
}

/** Parses `md,html,print` into formats. @throws UsageError naming an unknown format. */
export function parseFormats(value: string | undefined): RenderFormat[] {
  if (value === undefined) return [...RENDER_FORMATS];
  const wanted = value.split(',').map((s) => s.trim()).filter(Boolean);
  for (const f of wanted)
    if (!(RENDER_FORMATS as readonly string[]).includes(f)) throw new UsageError(`--format: unknown format "${f}"; use any of ${RENDER_FORMATS.join(', ')}`);
  if (wanted.length === 0) throw new UsageError(`--format: name at least one of ${RENDER_FORMATS.join(', ')}`);
  return RENDER_FORMATS.filter((f) => wanted.includes(f));
}

/**
 * Renders a letter. Templates in `<letter>/templates/` override the defaults of the same name.
 * @throws InvalidLetter when the letter has errors; TemplateError for a broken template.
 */
export async function render(o: RenderOptions, ctx: Context): Promise<RenderResult> {
  const formats = parseFormats(o.formats);
  const dir = await resolveLetterDir(o.letter, ctx.cwd);
  const loaded = await loadValidLetter(dir, ctx.cwd);
  const view = letterView(loaded.letter, loaded.body, loaded.signatures.map((s) => s.signature));
  const templates = await loadTemplates([defaultTemplatesDir(), path.join(dir, 'templates')], ctx.cwd);
  const partials = [...templates.values()].filter((t) => t.name.startsWith('partials/')).map((t) => ({ ...t, name: t.name.slice('partials/'.length) }));

  if (o.out !== undefined && o.out.trim() === '') throw new UsageError('--out: name a folder');
  const outDir = path.resolve(ctx.cwd, o.out ?? path.join('out', loaded.letter.slug));
  if (outDir === dir || outDir.startsWith(`${dir}${path.sep}`))
    throw new UsageError(`--out: ${path.relative(ctx.cwd, outDir) || '.'} is inside the letter folder, where renders would be read as part of the letter`, 'Render outside it, e.g. --out out/' + loaded.letter.slug);
  const documents = formats.map((format) => {
    const spec = FORMAT_SPECS[format];
    const template = templates.get(spec.template);
    if (!template) throw new UsageError(`No template ${spec.template} found in ${defaultTemplatesDir()} or the letter's templates/ folder.`);
    return { format, file: path.join(outDir, `${loaded.letter.slug}${spec.suffix}`), text: renderDocument(view, format, template, partials) };
  });
  try {
    await ensureDir(outDir);
  } catch (e) {
    throw new UsageError(`--out: cannot use ${path.relative(ctx.cwd, outDir)} as a folder: ${(e as Error).message}`);
  }
  await writeAll(documents.map((d) => ({ path: d.file, text: d.text })));
  return {
    letter: loaded.shown,
    count: view.count,
    files: documents.map((d) => ({ format: d.format, path: path.relative(ctx.cwd, d.file), bytes: Buffer.byteLength(d.text) })),
  };
}

/** Reads `*.hbs` from each folder (and its partials/), later folders overriding earlier ones by name. */
async function loadTemplates(folders: string[], cwd: string): Promise<Map<string, TemplateSource>> {
  const found = new Map<string, TemplateSource>();
  for (const folder of folders) {
    for (const sub of ['', 'partials/']) {
      let names: string[];
      try {
        names = (await readdir(path.join(folder, sub))).filter((n) => n.endsWith('.hbs')).sort();
      } catch {
        continue;
      }
      for (const n of names) {
        const file = path.join(folder, sub, n);
        const name = `${sub}${n.replace(/\.hbs$/, '')}`;
        found.set(sub ? name : n, { name: sub ? name : n, file: path.relative(cwd, file), text: await readFile(file, 'utf8') });
      }
    }
  }
  return found;
}

/** The human view: the count, then the paths written. */
export function formatRender(r: RenderResult, style: Style): string {
  const people = r.count === 1 ? '1 signatory' : `${r.count} signatories`;
  return [`Rendered ${style.bold(r.letter)} (${people}):`, ...r.files.map((f) => `  ${f.path}`)].join('\n');
}
