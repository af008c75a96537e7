/**
 * The share image's page: a 1200×630 card (Open Graph's size) with the addressee, the title,
 * the count and the organisers, which Chromium photographs (share-image.ts). Before the
 * embargo the card shows the preview mark instead of the count. Pure; every text escaped.
 */
import { escapeHtml } from './escape.js';
import type { StreamedLetterView } from './view.js';

/** The card's HTML: one page, no script, no network (the print Content-Security-Policy). */
export function shareCardHtml(
  view: Pick<
    StreamedLetterView,
    | 'language'
    | 'direction'
    | 'title'
    | 'addressee'
    | 'countText'
    | 'organisers'
    | 'phrases'
    | 'preview'
    | 'printCspHtml'
  >,
): string {
  const x = escapeHtml;
  const organisers = view.organisers.map((o) => x(o.name)).join(' · ');
  const count = view.preview
    ? `<p class="count preview">${x(view.preview.text)}</p>`
    : `<p class="count">${x(view.countText)}</p>`;
  return `<!doctype html>
<html lang="${x(view.language)}" dir="${view.direction}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${view.printCspHtml}">
<style>
  html, body { margin: 0; width: 1200px; height: 630px; overflow: hidden; }
  body { box-sizing: border-box; padding: 64px 80px; display: flex; flex-direction: column; justify-content: space-between; background: #fff; color: #1a1a1a; border-top: 16px solid #0b4f8a; font-family: "Noto Sans", "DejaVu Sans", Arial, sans-serif; }
  .addressee { margin: 0; font-size: 26px; letter-spacing: .06em; text-transform: uppercase; color: #505050; font-weight: 600; }
  h1 { margin: 18px 0 0; font: 700 76px/1.1 "Noto Serif", Georgia, serif; display: -webkit-box; -webkit-line-clamp: 3; -webkit-box-orient: vertical; overflow: hidden; }
  .count { margin: 0; font-size: 40px; font-weight: 700; color: #0b4f8a; }
  .count.preview { color: #8a1111; font-size: 30px; }
  .organisers { margin: 12px 0 0; font-size: 24px; color: #505050; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
</style>
</head>
<body>
<div><p class="addressee">${x(view.phrases.openLetterTo)} ${x(view.addressee)}</p><h1>${x(view.title)}</h1></div>
<div>${count}<p class="organisers">${x(view.phrases.organisedBy)} ${organisers}</p></div>
</body>
</html>
`;
}
