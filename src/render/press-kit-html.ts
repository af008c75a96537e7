/**
 * The press kit as one A4 page of HTML for print (`letter press-kit`'s PDF): no script, no
 * network, the print Content-Security-Policy. Everything from the letter is escaped.
 */
import { othersText, type PressKit } from '../letter/press-kit.js';
import { escapeHtml as h } from './escape.js';
import { PRINT_CSP } from './search-script.js';

/** The page's HTML. Small type and columns keep a kit of many groups on one page. */
export function pressKitHtml(kit: PressKit, lang: string): string {
  const groups = kit.groups
    .map(
      (g) =>
        `<section><h3>${h(g.name)}</h3><ul>${g.shown
          .map(
            (s) =>
              `<li>${h(s.name)}${s.affiliation ? `<span>, ${h(s.affiliation)}</span>` : ''}</li>`,
          )
          .join(
            '',
          )}${g.others > 0 ? `<li class="others">${othersText(g.others)}</li>` : ''}</ul></section>`,
    )
    .join('\n');
  const organisers = kit.organisers
    .map((o) => `${h(o.name)}${o.url ? ` (${h(o.url)})` : ''}`)
    .join('; ');
  return `<!doctype html>
<html lang="${h(lang)}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${h(PRINT_CSP)}">
<title>Press kit: ${h(kit.title)}</title>
<style>
@page { size: A4; margin: 16mm 16mm 14mm; }
body { font: 10pt/1.35 "Noto Sans", "DejaVu Sans", sans-serif; color: #111; margin: 0; }
h1 { font-size: 17pt; margin: 0 0 2mm; }
h2 { font-size: 11pt; margin: 4mm 0 1mm; text-transform: uppercase; letter-spacing: .04em; }
h3 { font-size: 10pt; margin: 0 0 1mm; break-after: avoid; }
.embargo { border: 1.5pt solid #b00; color: #b00; font-weight: bold; padding: 1.5mm 3mm; margin: 0 0 3mm; }
.count { font-size: 12pt; margin: 1mm 0 2mm; }
.groups { columns: 2; column-gap: 8mm; }
section { break-inside: avoid; margin: 0 0 3mm; }
ul { margin: 0; padding-left: 4mm; }
li { overflow-wrap: anywhere; }
li span, .others { color: #555; }
footer { margin-top: 4mm; border-top: .5pt solid #999; padding-top: 2mm; font-size: 9pt; }
</style>
</head>
<body>
<h1>${h(kit.title)}</h1>
${kit.embargo ? `<p class="embargo">${h(kit.embargo)}</p>` : ''}
<p>An open letter to ${h(kit.addressee)}${kit.openedDay ? `, opened ${h(kit.openedDay)}` : ''}.</p>
<p class="count"><strong>${h(kit.countText)}.</strong></p>
<h2>Signatories</h2>
<div class="groups">
${groups}
</div>
<footer>
<p>Organised by ${organisers}.</p>
${kit.contacts.length > 0 ? `<p>Press contact: ${kit.contacts.map(h).join(', ')}</p>` : ''}
<p>Made ${h(kit.made)}.</p>
</footer>
</body>
</html>
`;
}
