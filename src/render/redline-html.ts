/**
 * A redline of two versions of a letter's text as one standalone HTML page: removals in
 * `<del>`, additions in `<ins>`, every piece of text escaped, no script and no network (the
 * print version's Content-Security-Policy). Pure: the redline in, the page out.
 */
import type { RedlineCounts, RedlinePart } from '../letter/redline.js';
import { textDirection } from './direction.js';
import { escapeHtml } from './escape.js';
import { PRINT_CSP } from './search-script.js';

/** One side of the redline as the page names it: `v1 · sha256:... · 2020-05-20T10:00:00Z`. */
export interface RedlineSide {
  name: string;
  hash: string;
  /** What else to say: when, or "current, not committed". */
  detail: string;
}

/** Everything the page shows. */
export interface RedlinePage {
  title: string;
  /** The body file, as shown (letters/x/letter.md). */
  file: string;
  /** The language of the text (BCP 47), for `lang`; right-to-left scripts get `dir="rtl"`. */
  language: string;
  from: RedlineSide;
  to: RedlineSide;
  parts: readonly RedlinePart[];
  counts: RedlineCounts;
}

const STYLE = `
  :root { color-scheme: light; --ink: #1a1a1a; --muted: #505050; --rule: #d0d0d0; }
  body { margin: 0; font: 1.0625rem/1.65 Georgia, "Noto Serif", "Times New Roman", serif; color: var(--ink); background: #fff; }
  header, main { max-width: 46rem; margin: 0 auto; padding: 0 1.25rem; }
  header { padding-top: 2rem; padding-bottom: 1rem; border-bottom: 1px solid var(--rule); font-family: system-ui, sans-serif; }
  .kicker { margin: 0; text-transform: uppercase; letter-spacing: .06em; font-size: .8rem; font-weight: 600; color: var(--muted); }
  h1 { margin: .3rem 0 .8rem; font: 700 1.8rem/1.2 Georgia, "Noto Serif", serif; }
  .sides { margin: 0; display: grid; grid-template-columns: auto 1fr; gap: .15rem 1rem; font-size: .9rem; }
  .sides dt { font-weight: 600; }
  .sides dd { margin: 0; color: var(--muted); }
  .sides code { font-size: .85rem; }
  .counts { margin: .8rem 0 0; font-size: .9rem; }
  .redline { margin-top: 1.5rem; margin-bottom: 3rem; white-space: pre-wrap; overflow-wrap: anywhere; }
  del { color: #8a1010; background: #fde8e8; text-decoration: line-through; text-decoration-thickness: 2px; }
  ins { color: #0d5a1c; background: #e3f6e5; text-decoration: underline; text-underline-offset: 3px; }
  .hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
  @media print { del, ins { -webkit-print-color-adjust: exact; print-color-adjust: exact; } }
`;

const side = (s: RedlineSide) =>
  `<strong>${escapeHtml(s.name)}</strong> · <code>${escapeHtml(s.hash)}</code> · ${escapeHtml(s.detail)}`;

/**
 * The page. The text is the Markdown source, kept as written (`white-space: pre-wrap`);
 * each removal and addition also says so to screen readers, which announce neither element.
 */
export function redlineHtml(p: RedlinePage): string {
  const words = (n: number) => `${n} ${n === 1 ? 'word' : 'words'}`;
  const body = p.parts
    .map((part) =>
      part.kind === 'same'
        ? escapeHtml(part.text)
        : part.kind === 'removed'
          ? `<del><span class="hidden">[removed: </span>${escapeHtml(part.text)}<span class="hidden">]</span></del>`
          : `<ins><span class="hidden">[added: </span>${escapeHtml(part.text)}<span class="hidden">]</span></ins>`,
    )
    .join('');
  const lang = escapeHtml(p.language);
  return `<!doctype html>
<html lang="${lang}" dir="${textDirection(p.language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${PRINT_CSP}">
<meta name="generator" content="letter">
<title>${escapeHtml(`${p.title}: ${p.from.name} → ${p.to.name}`)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<p class="kicker">Changes to the text · ${escapeHtml(p.file)}</p>
<h1>${escapeHtml(p.title)}</h1>
<dl class="sides">
<dt>From</dt><dd>${side(p.from)}</dd>
<dt>To</dt><dd>${side(p.to)}</dd>
</dl>
<p class="counts">${words(p.counts.removed)} <del>removed</del>, ${words(p.counts.added)} <ins>added</ins>.</p>
</header>
<main class="redline">${body}</main>
</body>
</html>
`;
}
