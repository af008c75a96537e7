/**
 * Rendering a letter through Handlebars templates. Pure: templates come in as text and
 * documents go out as text; the command reads and writes the files.
 */
import Handlebars from 'handlebars';
import { UserError } from '../errors.js';
import { type Escaper, escapeView, htmlEscaper, markdownEscaper } from './escape.js';
import type { LetterView } from './view.js';

/** The output formats of `letter render`. */
export const RENDER_FORMATS = ['md', 'html', 'print'] as const;
/** One of `RENDER_FORMATS`. */
export type RenderFormat = (typeof RENDER_FORMATS)[number];

/** For each format: its template's file name, the suffix of its output file, and its escaping. */
export const FORMAT_SPECS: Record<RenderFormat, { template: string; suffix: string; escaper: Escaper }> = {
  md: { template: 'letter.md.hbs', suffix: '.md', escaper: markdownEscaper },
  html: { template: 'letter.html.hbs', suffix: '.html', escaper: htmlEscaper },
  print: { template: 'letter.print.html.hbs', suffix: '.print.html', escaper: htmlEscaper },
};

/** A template's text and the file it came from (named in errors). */
export interface TemplateSource {
  name: string;
  file: string;
  text: string;
}

/** Handlebars' wording made readable: which field is missing, or what the parser expected. */
function templateMessage(full: string): string {
  const missing = /^"([^"]+)" not defined in/.exec(full);
  if (missing) return `"${missing[1]}" is not a field of the letter here`;
  const lines = full.split('\n');
  if (lines[0]?.startsWith('Parse error')) {
    const last = lines.at(-1) ?? '';
    return /got 'EOF'/.test(last) ? 'a block opened with {{#...}} is never closed' : `cannot parse the template: ${last.replace(/'/g, '')}`;
  }
  if (/The partial .* could not be found/.test(lines[0] ?? '')) return lines[0]!;
  return lines[0] ?? full;
}

/** A template failed to compile or named a field the view lacks. */
export class TemplateError extends UserError {}

/**
 * Renders `view` in `format` with `template`, partials available by name as `{{> name}}`.
 * The view is escaped for the format first; templates are compiled with `noEscape`,
 * `strict` (a missing field is an error) and only the built-in helpers.
 * @throws TemplateError naming the template file and, where Handlebars gives it, the line.
 */
export function renderDocument(view: LetterView, format: RenderFormat, template: TemplateSource, partials: readonly TemplateSource[]): string {
  const hbs = Handlebars.create();
  const compileOptions = { noEscape: true, strict: true, knownHelpersOnly: true, preventIndent: false } as const;
  let current = template;
  try {
    for (const p of partials) {
      current = p;
      hbs.registerPartial(p.name, hbs.compile(p.text, compileOptions));
    }
    current = template;
    const run = hbs.compile(template.text, compileOptions);
    const out = run(escapeView(view, FORMAT_SPECS[format].escaper), {
      allowProtoPropertiesByDefault: false,
      allowProtoMethodsByDefault: false,
    });
    return `${out.trimEnd()}\n`;
  } catch (e) {
    if (e instanceof TemplateError) throw e;
    const full = (e as Error).message ?? String(e);
    const line = /(?:line |- )(\d+)(?::(\d+))?/.exec(full);
    const message = templateMessage(full);
    const where = line ? `${current.file}:${line[1]}:${Number(line[2] ?? 0) + 1}` : current.file;
    throw new TemplateError(`${where}: template error: ${message}`, 'Fix the template, or remove it to use the default.');
  }
}
