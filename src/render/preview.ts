/**
 * The mark of a render that is not for publication (see letter/embargo.ts): the words of the
 * view's `preview`, in the language rendered, and the mark `letter` adds itself to a document
 * whose template does not show it (a letter's own template written before embargoes), so
 * that no preview leaves unmarked. Pure.
 */
import type { Publication } from '../letter/embargo.js';
import { dayFormatter } from './display-dates.js';
import { phrasesFor } from './phrases.js';

/**
 * What templates see of a preview (`preview` in the view; null for a final render): the
 * mark ("EMBARGOED PREVIEW"), what it means ("not for publication before May 26, 2020,
 * 09:00 UTC"), both joined as `text`, the reason, the embargo's instant (ISO 8601 UTC, null
 * for a draft), and `text` as a quoted CSS string for a style sheet's `content:` (`cssHtml`,
 * trusted: made here, escaped for CSS).
 */
export interface PreviewView {
  reason: 'draft' | 'embargo';
  label: string;
  detail: string;
  text: string;
  until: string | null;
  cssHtml: string;
}

/**
 * The `preview` of a view in language `lang` for publication `p`, its date written in
 * `locale` (see display-dates.ts `displayLocale`; `lang` by default); null when the render is final.
 */
export function previewView(
  p: Publication | undefined,
  lang: string,
  locale = lang,
): PreviewView | null {
  if (p === undefined || p.state === 'final') return null;
  const words = phrasesFor(lang);
  const label = p.reason === 'draft' ? words.draftPreview : words.embargoedPreview;
  let detail = words.notForPublication;
  if (p.reason === 'embargo' && p.until !== undefined) {
    const date = dayFormatter(locale)(p.until);
    // HH:MM, and the seconds only when an embargo names them.
    const time = p.until.slice(11, 19).replace(/:00$/, '');
    detail = words.notBefore(date, time);
  }
  const text = `${label}${words.previewSeparator}${detail}`;
  return {
    reason: p.reason,
    label,
    detail,
    text,
    until: p.until ?? null,
    cssHtml: cssString(text),
  };
}

/**
 * `s` as a double-quoted CSS string that cannot end its string or its style element: `\`,
 * `"`, `<`, `>`, `&` and control characters as CSS hex escapes.
 */
export function cssString(s: string): string {
  return `"${s.replace(/[\\"<>&\u0000-\u001f\u007f]/g, (c) => `\\${c.charCodeAt(0).toString(16)} `)}"`;
}

/** The formats a render mark is made for (see render.ts `RENDER_FORMATS`). */
type MarkedFormat = 'md' | 'html' | 'print';

/**
 * The document's text before its first list of signatories (`head`), marked as a preview when
 * it does not show `preview.label` already (escaped for the format: `escapedLabel`): in
 * Markdown a quote line at the top; in HTML `<meta name="robots" content="noindex">` in the
 * head and a banner at the top of the body; in print HTML also a running header on every
 * page (`@page` margin box). Unchanged when the template shows the mark itself.
 */
export function markPreview(
  head: string,
  format: MarkedFormat,
  preview: PreviewView,
  escaped: { label: string; text: string },
): string {
  if (head.includes(escaped.label)) return head;
  if (format === 'md') return `> **${escaped.text}**\n\n${head}`;
  const style = `<style>.letter-preview{margin:0;padding:.6rem 1rem;background:#8a1111;color:#fff;font:700 1rem/1.4 system-ui,sans-serif;text-align:center}${
    format === 'print' ? `@page{@top-center{content:${preview.cssHtml};}}` : ''
  }</style>`;
  const meta = tagsOf(head, '<meta name="robots"').some((t) =>
    head.slice(t.from, t.to).includes('noindex'),
  )
    ? ''
    : '<meta name="robots" content="noindex">\n';
  const banner = `<p class="letter-preview" role="note">${escaped.text}</p>\n`;
  const withHead = after(head, ['<head', DOCTYPE], `${meta}${style}\n`);
  return after(withHead, ['<body', DOCTYPE], banner);
}

const DOCTYPE = /^<!doctype[^>]*>/i;

/**
 * Where the tags of `s` that start with `start` (lower case; matched in any ASCII case) and a
 * space, `/` or `>` are: from their `<` to after their `>`. In one pass, without a regular
 * expression that could backtrack: `s` is a whole document.
 */
function tagsOf(s: string, start: string): { from: number; to: number }[] {
  // Upper-case ASCII only, so that every index of `lower` is one of `s`.
  const lower = s.replace(/[A-Z]+/g, (c) => c.toLowerCase());
  const found: { from: number; to: number }[] = [];
  for (let i = lower.indexOf(start); i >= 0; ) {
    const end = lower.indexOf('>', i);
    if (end < 0) break;
    if (' \t\n\r/>'.includes(lower[i + start.length] ?? '')) found.push({ from: i, to: end + 1 });
    i = lower.indexOf(start, end);
  }
  return found;
}

/**
 * `s` with `insert` after the first of `places` found in it (the first tag that starts so,
 * see `tagsOf`, or a pattern's match), a newline after it included; at its start when none is.
 */
function after(s: string, places: readonly (string | RegExp)[], insert: string): string {
  for (const place of places) {
    let end: number | undefined;
    if (typeof place === 'string') end = tagsOf(s, place)[0]?.to;
    else {
      const m = place.exec(s);
      if (m) end = m.index + m[0].length;
    }
    if (end === undefined) continue;
    if (s[end] === '\n') end++;
    return `${s.slice(0, end)}${insert}${s.slice(end)}`;
  }
  return `${insert}${s}`;
}
