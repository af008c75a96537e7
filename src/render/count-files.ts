/**
 * The count as other sites read it, made from the same view as the page so that the numbers
 * cannot drift: `<slug>.count.json` and an SVG badge (shields.io's flat style). Before the
 * embargo (or while a draft) neither gives a number: a file published early must not leak
 * the count. Pure; text in, text out.
 */
import { escapeHtml } from './escape.js';

/**
 * The files written beside the page in the letter's own language, by kind: the name is the
 * letter's slug and the suffix (`time-to-act.atom`). An erasure removes them with the renders.
 */
export const PAGE_FILE_SUFFIXES = {
  count: '.count.json',
  feed: '.atom',
  badge: '.badge.svg',
  image: '.og.png',
} as const;

/** What the count files are made from (see view.ts `LetterView`). */
export interface CountSource {
  slug: string;
  title: string;
  /** The public address of the page (letter.yaml `url:`), or null. */
  url: string | null;
  count: number;
  /** Published signatures by group id, in display order; "other" for those in no group. */
  groups: readonly { id: string; count: number }[];
  /** When the letter last changed, ISO 8601 UTC (see share.ts `lastUpdated`), or null. */
  updated: string | null;
  /** The render is a preview (a draft, or before the embargo): no count is given. */
  embargoed: boolean;
  /** The embargo's end, ISO 8601 UTC, when embargoed by one; else null. */
  until: string | null;
}

/**
 * The text of `<slug>.count.json`: `{ letter, title, url, embargoed, until, count, groups,
 * updated }`, two-space indented, with a final newline. `groups` maps group ids to counts in
 * display order. Embargoed: `count`, `groups` and `updated` are null.
 */
export function countJson(s: CountSource): string {
  const groups: Record<string, number> = {};
  for (const g of s.groups) groups[g.id] = g.count;
  return `${JSON.stringify(
    {
      letter: s.slug,
      title: s.title,
      url: s.url,
      embargoed: s.embargoed,
      until: s.until,
      count: s.embargoed ? null : s.count,
      groups: s.embargoed ? null : groups,
      updated: s.embargoed ? null : s.updated,
    },
    null,
    2,
  )}\n`;
}

/** Width in pixels of `s` in 11px Verdana, near enough for a badge: narrow and wide letters apart. */
function textWidth(s: string): number {
  let w = 0;
  for (const c of s)
    w += /[il.,:;'|! ]/.test(c) ? 4 : /[mwMW@%]/.test(c) ? 11 : /[A-Z]/.test(c) ? 8 : 7;
  return w;
}

/**
 * An SVG badge, shields.io's flat style: `label` on grey, `value` on blue (red when
 * `warning`), 20 pixels high. Accessible: `role="img"`, an `aria-label` and a `<title>`
 * saying "label: value". Both texts are escaped for XML.
 */
export function countBadge(label: string, value: string, warning = false): string {
  const lw = textWidth(label) + 12;
  const vw = textWidth(value) + 12;
  const w = lw + vw;
  const said = escapeHtml(`${label}: ${value}`);
  const l = escapeHtml(label);
  const v = escapeHtml(value);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="20" role="img" aria-label="${said}">`,
    `<title>${said}</title>`,
    `<linearGradient id="s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/></linearGradient>`,
    `<clipPath id="r"><rect width="${w}" height="20" rx="3" fill="#fff"/></clipPath>`,
    `<g clip-path="url(#r)"><rect width="${lw}" height="20" fill="#555"/><rect x="${lw}" width="${vw}" height="20" fill="${warning ? '#8a1111' : '#0b4f8a'}"/><rect width="${w}" height="20" fill="url(#s)"/></g>`,
    `<g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" font-size="11" aria-hidden="true">`,
    `<text x="${lw / 2}" y="15" fill="#010101" fill-opacity=".3">${l}</text><text x="${lw / 2}" y="14">${l}</text>`,
    `<text x="${lw + vw / 2}" y="15" fill="#010101" fill-opacity=".3">${v}</text><text x="${lw + vw / 2}" y="14">${v}</text>`,
    '</g></svg>',
    '',
  ].join('\n');
}
