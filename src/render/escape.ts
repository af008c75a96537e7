/**
 * Per-format escaping of a render's view model. Handlebars shares one escape function
 * between every environment, so instead each format gets its own escaped copy of the view
 * and its templates are compiled with `noEscape`: what a template prints is already safe
 * for the format it lands in, whichever stash it uses.
 */
import { escapeMarkdownInline, markdownLinkDestination } from '../letter/markdown.js';
import { Streamed } from '../streaming.js';

/** HTML text and double-quoted attribute escaping (& < > "); the apostrophe is kept, since every attribute is double-quoted. */
export function escapeHtml(s: string): string {
  // Most text has nothing to escape: a test is cheaper than a replace.
  return HTML_SPECIAL.test(s)
    ? s.replace(HTML_SPECIALS, (c) =>
        c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;',
      )
    : s;
}

const HTML_SPECIAL = /[&<>"]/;
const HTML_SPECIALS = /[&<>"]/g;

/** How one format escapes text and URLs. */
export interface Escaper {
  text: (s: string) => string;
  url: (s: string) => string;
}

/** Escaping for HTML output. */
export const htmlEscaper: Escaper = { text: escapeHtml, url: escapeHtml };
/** Escaping for Markdown output. */
export const markdownEscaper: Escaper = {
  text: escapeMarkdownInline,
  url: markdownLinkDestination,
};

/**
 * A deep copy of `view` with every string escaped by `esc`: keys named `url` with
 * `esc.url`, keys ending in `Html` or `Markdown` left as they are (already safe, made by
 * the renderer), every other string with `esc.text`. A `Streamed` list is escaped item by
 * item as it is walked.
 */
export function escapeView<T>(view: T, esc: Escaper, key = ''): T {
  if (typeof view === 'string') {
    if (key.endsWith('Html') || key.endsWith('Markdown')) return view;
    return (key === 'url' ? esc.url(view) : esc.text(view)) as T;
  }
  if (view instanceof Streamed) return view.mapLazily((item) => escapeView(item, esc, key)) as T;
  if (Array.isArray(view)) {
    const out = new Array<unknown>(view.length);
    for (let i = 0; i < view.length; i++) out[i] = escapeView(view[i], esc, key);
    return out as T;
  }
  if (view !== null && typeof view === 'object') {
    // Keys assigned in the same order give every copy of a shape one hidden class, which
    // keeps Handlebars' property lookups fast on long lists.
    const out: Record<string, unknown> = {};
    for (const k in view) out[k] = escapeView((view as Record<string, unknown>)[k], esc, k);
    return out as T;
  }
  return view;
}
