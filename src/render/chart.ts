/**
 * The chart of signatures over time, drawn at build time as inline SVG: the running total of
 * published signatures as a step by day (UTC), flat between signing days and a step up on
 * each, on a time axis in proportion to the days, with labelled axes and ticks, and a caption
 * saying what is counted, from when to when. Same input, same bytes; no script, no network.
 */

import { dayFormatter } from './display-dates.js';
import { escapeHtml } from './escape.js';

const W = 640;
const H = 260;
const PAD = { left: 72, right: 24, top: 34, bottom: 54 };
const DAY = 86_400_000;
/** The fewest signing days a chart needs: with one, it would only repeat the count. */
export const CHART_MIN_DAYS = 2;

/** The words a chart needs, in the language rendered (see page-phrases.ts). */
export interface ChartWords {
  title: string;
  days: string;
  count: string;
  caption: (from: string, to: string, total: string) => string;
}

/** A chart: its SVG (trusted, escaped here) and its caption (plain text, for a figcaption). */
export interface Chart {
  svgHtml: string;
  caption: string;
}

/**
 * The chart of signatures by day, or null when it would say nothing: fewer than
 * `CHART_MIN_DAYS` signing days (every signature on one day, or none).
 * @param timestamps ISO 8601 UTC timestamps of the published signatures, in any order
 * @param locale BCP 47 locale for dates and numbers (see display-dates.ts)
 */
export function signaturesChart(
  timestamps: Iterable<string>,
  locale: string,
  words: ChartWords,
): Chart | null {
  const perDay = new Map<string, number>();
  let total = 0;
  for (const t of timestamps) {
    const d = t.slice(0, 10);
    perDay.set(d, (perDay.get(d) ?? 0) + 1);
    total++;
  }
  const days = [...perDay.keys()].sort();
  if (days.length < CHART_MIN_DAYS) return null;
  const start = Date.parse(`${days[0]}T00:00:00Z`);
  // The last signing day keeps its width: the axis ends where that day ends.
  const end = Date.parse(`${days.at(-1)}T00:00:00Z`) + DAY;
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const x = (t: number) => r(PAD.left + ((t - start) / (end - start)) * plotW);
  const step = niceStep(total);
  const top = Math.ceil(total / step) * step;
  const y = (n: number) => r(H - PAD.bottom - (n / top) * plotH);
  const numbers = new Intl.NumberFormat(locale);
  const longDay = dayFormatter(locale);

  let path = `M${x(start)},${y(0)}`;
  let running = 0;
  for (const d of days) {
    running += perDay.get(d)!;
    path += `H${x(Date.parse(`${d}T00:00:00Z`))}V${y(running)}`;
  }
  path += `H${x(end)}`;

  const grey = 'fill="#505050" font-size="12"';
  const parts: string[] = [];
  for (let n = 0; n <= top; n += step)
    parts.push(
      `<line x1="${PAD.left - 4}" y1="${y(n)}" x2="${W - PAD.right}" y2="${y(n)}" stroke="${n === 0 ? '#767676' : '#e4e4e4'}"/>`,
      `<text x="${PAD.left - 8}" y="${r(y(n) + 4)}" text-anchor="end" ${grey}>${escapeHtml(numbers.format(n))}</text>`,
    );
  for (const tick of timeTicks(start, end, locale))
    parts.push(
      `<line x1="${x(tick.at)}" y1="${H - PAD.bottom}" x2="${x(tick.at)}" y2="${H - PAD.bottom + 5}" stroke="#767676"/>`,
      `<text x="${x(tick.at)}" y="${H - PAD.bottom + 22}" text-anchor="middle" ${grey}>${escapeHtml(tick.label)}</text>`,
    );
  const from = longDay(days[0]!);
  const to = longDay(days.at(-1)!);
  const totalText = numbers.format(total);
  const svgHtml = [
    `<svg class="chart" role="img" aria-labelledby="chart-title" viewBox="0 0 ${W} ${H}" xmlns="http://www.w3.org/2000/svg">`,
    `<title id="chart-title">${escapeHtml(`${words.title}: ${totalText}, ${from} – ${to}`)}</title>`,
    ...parts,
    `<line x1="${PAD.left}" y1="${PAD.top}" x2="${PAD.left}" y2="${H - PAD.bottom}" stroke="#767676"/>`,
    `<path d="${path}" fill="none" stroke="#0b4f8a" stroke-width="2.5" stroke-linejoin="miter"/>`,
    `<text x="${r(PAD.left + plotW / 2)}" y="${H - 4}" text-anchor="middle" ${grey}>${escapeHtml(words.days)}</text>`,
    // Above the axis, level: a rotated label would run into long tick labels ("100,000").
    `<text x="4" y="16" ${grey}>${escapeHtml(words.count)}</text>`,
    '</svg>',
  ].join('');
  return { svgHtml, caption: words.caption(from, to, totalText) };
}

/** `v` rounded to one decimal, as SVG coordinates are written (56, 56.5). */
function r(v: number): number {
  return Math.round(v * 10) / 10;
}

/** The step between count ticks: 1, 2 or 5 times a power of ten, at most five steps to `total`. */
export function niceStep(total: number): number {
  for (let power = 1; ; power *= 10)
    for (const m of [1, 2, 5]) if (Math.ceil(total / (m * power)) <= 5) return m * power;
}

/** Intervals of time ticks, finest first: days, months, years; labelled to match. */
const INTERVALS: { unit: 'day' | 'month' | 'year'; every: number }[] = [
  ...[1, 2, 7, 14].map((every) => ({ unit: 'day' as const, every })),
  ...[1, 2, 3, 6].map((every) => ({ unit: 'month' as const, every })),
  ...[1, 2, 5, 10, 20, 50, 100].map((every) => ({ unit: 'year' as const, every })),
];

/**
 * Ticks of the time axis from `start` to `end` (ms, UTC midnights): the finest interval that
 * gives at most six, each with its label in `locale` ("26 May", "Jun 2020", "2021"). Day
 * ticks count from `start`; month and year ticks fall on the first of a month or a year.
 */
export function timeTicks(
  start: number,
  end: number,
  locale: string,
): { at: number; label: string }[] {
  const labels = {
    day: new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' }),
    month: new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric', timeZone: 'UTC' }),
    year: new Intl.DateTimeFormat(locale, { year: 'numeric', timeZone: 'UTC' }),
  };
  for (const { unit, every } of INTERVALS) {
    const at: number[] = [];
    if (unit === 'day')
      for (let t = start; t <= end && at.length <= 6; t += every * DAY) at.push(t);
    else {
      const first = new Date(start);
      let y = first.getUTCFullYear();
      let m = unit === 'year' ? 0 : first.getUTCMonth();
      for (let t = Date.UTC(y, m); t <= end && at.length <= 6; t = Date.UTC(y, m)) {
        const index = unit === 'year' ? y : y * 12 + m;
        if (t >= start && index % every === 0) at.push(t);
        if (unit === 'year') y++;
        else if (++m === 12) {
          m = 0;
          y++;
        }
      }
    }
    if (at.length <= 6) return at.map((t) => ({ at: t, label: labels[unit].format(t) }));
  }
  return [];
}
