/**
 * Rendering a letter through Handlebars templates. Pure: templates come in as text and
 * documents go out as text; the command reads and writes the files.
 */
import { randomUUID } from 'node:crypto';
import Handlebars from 'handlebars';
import { type Problem, problem, UserError } from '../errors.js';
import { countryName, isCountryCode } from '../letter/countries.js';
import { Streamed, trimmedEnd } from '../streaming.js';
import { dayFormatter } from './display-dates.js';
import { type Escaper, escapeView, htmlEscaper, markdownEscaper } from './escape.js';
import { markPreview } from './preview.js';
import type { LetterView, StreamedLetterView } from './view.js';

/** The output formats of `letter render`. */
export const RENDER_FORMATS = ['md', 'html', 'print'] as const;
/** One of `RENDER_FORMATS`. */
export type RenderFormat = (typeof RENDER_FORMATS)[number];

/** For each format: its template's file name, the suffix of its output file, and its escaping. */
export const FORMAT_SPECS: Record<
  RenderFormat,
  { template: string; suffix: string; escaper: Escaper }
> = {
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
    return /got 'EOF'/.test(last)
      ? 'a block opened with {{#...}} is never closed'
      : `cannot parse the template: ${last.replace(/'/g, '')}`;
  }
  if (/^The partial .* could not be found/.test(lines[0] ?? '')) return lines[0]!;
  return lines[0] ?? full;
}

/** Where the last block that is never closed opens ({{#each}} without {{/each}}), if any. */
function unclosedBlock(text: string): { line: number; column: number } | undefined {
  const open: { name: string; index: number }[] = [];
  for (const m of text.matchAll(/\{\{~?\s*([#^/])\s*([\w.-]+)/g)) {
    if (m[1] === '/') {
      const at = open.map((o) => o.name).lastIndexOf(m[2]!);
      if (at >= 0) open.splice(at, 1);
    } else open.push({ name: m[2]!, index: m.index });
  }
  const last = open.at(-1);
  if (!last) return undefined;
  const before = text.slice(0, last.index).split('\n');
  return { line: before.length, column: before.at(-1)!.length + 1 };
}

/** A template failed to compile or named a field the view lacks. */
export class TemplateError extends UserError {}

/**
 * Renders `view` in `format` with `template`, partials available by name as `{{> name}}`.
 * The view is escaped for the format first; templates are compiled with `noEscape`,
 * `strict` (a missing field is an error) and only the built-in helpers.
 * @returns the document, whitespace at its end made one newline.
 * @throws TemplateError naming the template file and, where Handlebars gives it, the line.
 */
export function renderDocument(
  view: LetterView | StreamedLetterView,
  format: RenderFormat,
  template: TemplateSource,
  partials: readonly TemplateSource[],
): string {
  return [...renderDocumentChunks(view, format, template, partials)].join('');
}

/**
 * `renderDocument` in pieces, made as they are asked for: the template is rendered with a
 * marker where each list of signatories (a `Streamed` list walked by `{{#each}}`) goes, then
 * written piece by piece with each marker replaced by its list's items, rendered one at a
 * time. A preview (`view.preview`) whose template does not show its mark before the first
 * list gets `letter`'s own (see `markPreview`). The pieces joined are exactly
 * `renderDocument`'s text, errors included: a template
 * that fails outside its lists is rendered again whole to fail as it would have. Lists in a
 * partial called with an indent (whose lines Handlebars indents) are rendered in place.
 * @throws TemplateError (when a piece is asked for) as `renderDocument`.
 */
export function* renderDocumentChunks(
  view: LetterView | StreamedLetterView,
  format: RenderFormat,
  template: TemplateSource,
  partials: readonly TemplateSource[],
): Generator<string> {
  let current = template;
  try {
    const render = compiled(view.language, view.locale, format, template, partials, (t) => {
      current = t;
    });
    const escaped = escapeView(view, FORMAT_SPECS[format].escaper);
    let skeleton: ReturnType<typeof render>;
    try {
      skeleton = render(escaped, streamable([template, ...partials]));
    } catch (e) {
      // Rendered whole, the template fails where it would have failed before the lists were set aside.
      render(escaped, false);
      throw e;
    }
    const preview = escaped.preview;
    yield* trimmedEnd(
      view.preview && preview
        ? firstMapped(skeleton.pieces(), (head) =>
            markPreview(head, format, view.preview!, preview),
          )
        : skeleton.pieces(),
    );
    yield '\n';
  } catch (e) {
    throw templateError(e, current);
  }
}

/** `pieces` with the first one through `map`. */
function* firstMapped(pieces: Iterable<string>, map: (s: string) => string): Generator<string> {
  let first = true;
  for (const p of pieces) {
    yield first ? map(p) : p;
    first = false;
  }
}

/**
 * The template compiled in a Handlebars environment of its own: `render(view, streaming)`
 * returns its text with markers for the lists it set aside (with `streaming`) and `pieces()`,
 * the text with the lists' items in their place. `compiling` is told which template or
 * partial is being compiled, for errors.
 */
function compiled(
  lang: string,
  locale: string,
  format: RenderFormat,
  template: TemplateSource,
  partials: readonly TemplateSource[],
  compiling: (t: TemplateSource) => void,
) {
  const hbs = Handlebars.create();
  // The built-in log helper writes to the console, which is stdout: not in a render.
  hbs.unregisterHelper('log');
  const esc = FORMAT_SPECS[format].escaper.text;
  const day = dayFormatter(locale);
  // Helpers for editors' templates, in the language rendered (dates and numbers in its locale); what they return is escaped for the format.
  hbs.registerHelper('date', (iso: unknown) =>
    typeof iso === 'string' && /^\d{4}-\d{2}-\d{2}/.test(iso) ? esc(day(iso)) : '',
  );
  hbs.registerHelper('country', (code: unknown) =>
    typeof code === 'string' && isCountryCode(code) ? esc(countryName(code, lang)) : '',
  );
  hbs.registerHelper('number', (n: unknown) =>
    typeof n === 'number' ? esc(new Intl.NumberFormat(locale).format(n)) : '',
  );
  hbs.registerHelper('length', (list: unknown) =>
    Array.isArray(list) || list instanceof Streamed ? list.length : 0,
  );
  // {{#each}} over a Streamed list, while streaming, leaves a marker and keeps the block to run later.
  const builtinEach = hbs.helpers.each as Handlebars.HelperDelegate;
  const setAside: { list: Streamed<unknown>; options: Handlebars.HelperOptions }[] = [];
  // A marker no text of a letter holds: a NUL, this render's random nonce, the list's number, a NUL.
  const opening = `\u0000${randomUUID()}:`;
  let streaming = false;
  hbs.registerHelper(
    'each',
    function (this: unknown, list: unknown, options: Handlebars.HelperOptions) {
      if (!streaming || !(list instanceof Streamed)) return builtinEach.call(this, list, options);
      setAside.push({ list, options });
      return `${opening}${setAside.length - 1}\u0000`;
    },
  );
  const compileOptions = {
    noEscape: true,
    strict: true,
    knownHelpersOnly: true,
    preventIndent: false,
    knownHelpers: { date: true, country: true, number: true, length: true },
  } as const;
  for (const p of partials) {
    compiling(p);
    hbs.registerPartial(p.name, hbs.compile(p.text, compileOptions));
  }
  compiling(template);
  const run = hbs.compile(template.text, compileOptions);
  const runtime = { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false };
  /** The items of a list set aside, each through its block, as Handlebars' {{#each}} runs them. */
  function* items({ list, options }: (typeof setAside)[number]): Generator<string> {
    const data = options.data ? hbs.createFrame(options.data) : undefined;
    let index = 0;
    const walk = list[Symbol.iterator]();
    let next = walk.next();
    while (!next.done) {
      const after = walk.next();
      if (data) {
        data.key = index;
        data.index = index;
        data.first = index === 0;
        data.last = Boolean(after.done);
      }
      yield options.fn(next.value, { data, blockParams: [next.value, index] });
      next = after;
      index++;
    }
  }
  return (view: unknown, stream: boolean) => {
    setAside.length = 0;
    streaming = stream;
    let text: string;
    try {
      text = run(view, runtime);
    } finally {
      streaming = false;
    }
    return {
      *pieces(): Generator<string> {
        let at = 0;
        for (let m = text.indexOf(opening, at); m >= 0; m = text.indexOf(opening, at)) {
          yield text.slice(at, m);
          const end = text.indexOf('\u0000', m + opening.length);
          yield* items(setAside[Number(text.slice(m + opening.length, end))]!);
          at = end + 1;
        }
        yield text.slice(at);
      },
    };
  };
}

/**
 * Whether lists may be set aside: none of `templates` calls a partial standalone on an
 * indented line (Handlebars indents every line of such a partial's text, the lists' too).
 */
function streamable(templates: readonly TemplateSource[]): boolean {
  let indented = false;
  const visit = (node: unknown): void => {
    if (indented || node === null || typeof node !== 'object') return;
    const n = node as { type?: string; indent?: string };
    if ((n.type === 'PartialStatement' || n.type === 'PartialBlockStatement') && n.indent)
      indented = true;
    for (const value of Object.values(node))
      if (Array.isArray(value)) value.forEach(visit);
      else if (value && typeof value === 'object') visit(value);
  };
  for (const t of templates) {
    try {
      visit(Handlebars.parse(t.text));
    } catch {
      // A template that does not parse fails when compiled, with its own message.
    }
  }
  return !indented;
}

/** A Handlebars failure as a TemplateError naming `current`'s file and, where known, the line. */
function templateError(e: unknown, current: TemplateSource): unknown {
  if (e instanceof TemplateError) return e;
  const full = (e as Error).message ?? String(e);
  const line = /(?:line |- )(\d+)(?::(\d+))?/.exec(full);
  const message = templateMessage(full);
  const block = /got 'EOF'/.test(full) ? unclosedBlock(current.text) : undefined;
  const where = block
    ? `${current.file}:${block.line}:${block.column}`
    : line
      ? `${current.file}:${line[1]}:${Number(line[2] ?? 0) + 1}`
      : current.file;
  return new TemplateError(
    `${where}: template error: ${message}`,
    'Fix the template, or remove it to use the default.',
  );
}

/**
 * Problems of a custom template, found without rendering it: a syntax error (error, with
 * its line), and each `{{{...}}}` or `{{&...}}` that outputs something other than a
 * trusted field (`...Html`, `...Markdown`) as raw text (warning). `letter` escapes every
 * field before templates see it, so such output is still escaped; the warning is for
 * whoever reads the template expecting the usual Handlebars meaning.
 */
export function templateProblems(source: TemplateSource): Problem[] {
  let ast: hbs.AST.Program;
  try {
    ast = Handlebars.parse(source.text);
  } catch (e) {
    const full = (e as Error).message;
    const pos = /got 'EOF'/.test(full) ? unclosedBlock(source.text) : undefined;
    const line = Number(/line (\d+)/.exec(full)?.[1] ?? 1);
    return [
      problem(
        'template-syntax',
        { file: source.file, line: pos?.line ?? line, column: pos?.column ?? 1 },
        `template error: ${templateMessage(full)}`,
      ),
    ];
  }
  const problems: Problem[] = [];
  const visit = (node: unknown): void => {
    if (node === null || typeof node !== 'object') return;
    const n = node as {
      type?: string;
      escaped?: boolean;
      path?: { original?: string };
      loc?: { start: { line: number; column: number } };
    };
    if (
      n.type === 'MustacheStatement' &&
      n.escaped === false &&
      !/(Html|Markdown)$/.test(n.path?.original ?? '')
    ) {
      problems.push(
        problem(
          'template-unescaped',
          {
            file: source.file,
            line: n.loc?.start.line ?? 1,
            column: (n.loc?.start.column ?? 0) + 1,
          },
          `the template outputs "${n.path?.original ?? '?'}" unescaped ({{{ }}}); signature data should use {{ }}`,
          'use double braces; only fields ending in Html or Markdown are meant to be raw',
        ),
      );
    }
    for (const value of Object.values(node)) {
      if (Array.isArray(value)) value.forEach(visit);
      else if (value && typeof value === 'object' && value !== n.loc) visit(value);
    }
  };
  visit(ast);
  return problems;
}
