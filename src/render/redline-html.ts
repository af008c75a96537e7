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
  del + ins { margin-left: .2em; }
  ins { color: #0d5a1c; background: #e3f6e5; text-decoration: underline; text-underline-offset: 3px; }
  .hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
  @media print { del, ins { -webkit-print-color-adjust: exact; print-color-adjust: exact; } }
`;

// A line that starts a block of its own in Markdown: a list item, a quote, a heading, a table row.
const BLOCK_START = /^[ \t]*(?:[-*+>|]|#{1,6}|\d{1,9}[.)])(?:[ \t]|$)/;

/**
 * The line breaks of `text` that Markdown reads as spaces: for each, the offset of the
 * break and the offsets of the indentation after it.
 */
function softBreaks(text: string): Map<number, number[]> {
  const soft = new Map<number, number[]>();
  const lines = text.split('\n');
  let offset = 0;
  for (let i = 0; i + 1 < lines.length; i++) {
    const [line, next] = [lines[i]!, lines[i + 1]!];
    offset += line.length;
    if (
      line.trim() !== '' &&
      next.trim() !== '' &&
      !/^[ \t]*#/.test(line) &&
      !/(?: {2}|\\)$/.test(line) &&
      !BLOCK_START.test(next)
    ) {
      const indent = next.length - next.trimStart().length;
      soft.set(
        offset,
        Array.from({ length: indent }, (_, k) => offset + 1 + k),
      );
    }
    offset += 1;
  }
  return soft;
}

/**
 * The parts as they read: a line break inside a paragraph of Markdown is a space (and the
 * indentation after it goes), so that the page wraps paragraphs to its width instead of at
 * the source's line ends. A break before or after a blank line, a list item, a quote, a
 * heading or a table row, or after a hard break (two spaces or a backslash), stays. Each
 * break is judged in the text it belongs to: the older for a removed one, the newer for an
 * added one, both for one they share.
 */
export function asRead(parts: readonly RedlinePart[]): RedlinePart[] {
  // For each side, its text and where each of its characters is in the parts joined.
  const side = (kind: 'removed' | 'added') => {
    const at: number[] = [];
    let text = '';
    let offset = 0;
    for (const p of parts) {
      if (p.kind !== (kind === 'removed' ? 'added' : 'removed')) {
        for (let k = 0; k < p.text.length; k++) at.push(offset + k);
        text += p.text;
      }
      offset += p.text.length;
    }
    const soft = new Map<number, number[]>();
    for (const [nl, indent] of softBreaks(text))
      soft.set(
        at[nl]!,
        indent.map((k) => at[k]!),
      );
    return soft;
  };
  const [older, newer] = [side('removed'), side('added')];
  const shown: (string | undefined)[] = parts
    .map((p) => p.text)
    .join('')
    .split('');
  let offset = 0;
  for (const p of parts) {
    for (let k = 0; k < p.text.length; k++) {
      const q = offset + k;
      if (p.text[k] !== '\n') continue;
      const kind = p.kind;
      const indent =
        kind === 'removed'
          ? older.get(q)
          : kind === 'added'
            ? newer.get(q)
            : older.has(q) && newer.has(q)
              ? newer.get(q)
              : undefined;
      if (indent === undefined) continue;
      shown[q] = ' ';
      for (const i of indent) shown[i] = undefined;
    }
    offset += p.text.length;
  }
  let at = 0;
  return parts.map((p) => {
    const out = shown.slice(at, at + p.text.length).join('');
    at += p.text.length;
    return { kind: p.kind, text: out };
  });
}

const side = (s: RedlineSide) =>
  `<strong>${escapeHtml(s.name)}</strong> · <code>${escapeHtml(s.hash)}</code> · ${escapeHtml(s.detail)}`;

/**
 * The page. The text is the Markdown source as it reads (see `asRead`), its paragraphs kept
 * (`white-space: pre-wrap`); each removal and addition also says so to screen readers,
 * which announce neither element.
 */
export function redlineHtml(p: RedlinePage): string {
  const words = (n: number) => `${n} ${n === 1 ? 'word' : 'words'}`;
  const body = asRead(p.parts)
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
