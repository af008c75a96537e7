/**
 * A chart of signatures over time, drawn at build time as inline SVG: the cumulative count
 * of published signatures per day (UTC). Same input, same bytes; no script, no network.
 */
import { escapeHtml } from './escape.js';

const W = 640;
const H = 220;
const PAD = { left: 48, right: 16, top: 16, bottom: 36 };

/**
 * The SVG of the cumulative signatures by day, or null when there are fewer than two days.
 * @param days ISO 8601 UTC timestamps of the signatures
 * @param format formats a `YYYY-MM-DD` day for the axis labels (the letter's language)
 */
export function signaturesChart(
  timestamps: Iterable<string>,
  title: string,
  format: (day: string) => string,
  formatNumber: (n: number) => string,
): string | null {
  const perDay = new Map<string, number>();
  let total = 0;
  for (const t of timestamps) {
    perDay.set(t.slice(0, 10), (perDay.get(t.slice(0, 10)) ?? 0) + 1);
    total++;
  }
  const days = [...perDay.keys()].sort();
  if (days.length < 2) return null;
  const start = Date.parse(`${days[0]}T00:00:00Z`);
  const span = Date.parse(`${days.at(-1)}T00:00:00Z`) - start || 1;
  const x = (day: string) =>
    PAD.left + ((Date.parse(`${day}T00:00:00Z`) - start) / span) * (W - PAD.left - PAD.right);
  const y = (n: number) => H - PAD.bottom - (n / total) * (H - PAD.top - PAD.bottom);
  let running = 0;
  const points = days.map((d) => {
    running += perDay.get(d)!;
    return `${x(d).toFixed(1)},${y(running).toFixed(1)}`;
  });
  const first = escapeHtml(format(days[0]!));
  const last = escapeHtml(format(days.at(-1)!));
  return [
    `<svg class="chart" role="img" aria-labelledby="chart-title" viewBox="0 0 ${W} ${H}" xmlns="http://www.w3.org/2000/svg">`,
    `<title id="chart-title">${escapeHtml(title)}: ${escapeHtml(formatNumber(total))}, ${first} – ${last}</title>`,
    `<line x1="${PAD.left}" y1="${H - PAD.bottom}" x2="${W - PAD.right}" y2="${H - PAD.bottom}" stroke="#767676"/>`,
    `<line x1="${PAD.left}" y1="${PAD.top}" x2="${PAD.left}" y2="${H - PAD.bottom}" stroke="#767676"/>`,
    `<polyline fill="none" stroke="#0b4f8a" stroke-width="2.5" points="${points.join(' ')}"/>`,
    `<text x="${PAD.left - 6}" y="${PAD.top + 4}" text-anchor="end" font-size="12" fill="#505050">${escapeHtml(formatNumber(total))}</text>`,
    `<text x="${PAD.left - 6}" y="${H - PAD.bottom}" text-anchor="end" font-size="12" fill="#505050">0</text>`,
    `<text x="${PAD.left}" y="${H - 12}" font-size="12" fill="#505050">${first}</text>`,
    `<text x="${W - PAD.right}" y="${H - 12}" text-anchor="end" font-size="12" fill="#505050">${last}</text>`,
    '</svg>',
  ].join('');
}
