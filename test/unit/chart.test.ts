import { describe, expect, it } from 'vitest';
import { niceStep, signaturesChart, timeTicks } from '../../src/render/chart.js';

const words = {
  title: 'Signatures over time',
  days: 'Day signed (UTC)',
  count: 'Signatures, running total',
  caption: (from: string, to: string, total: string) => `From ${from} to ${to}: ${total}.`,
};
const at = (day: string, n: number) => Array.from({ length: n }, () => `${day}T09:00:00Z`);

describe('signaturesChart', () => {
  it('draws the running total as a step by day, on a time axis in proportion, with labelled axes', () => {
    const chart = signaturesChart(
      [
        '2020-05-26T09:00:00Z',
        '2020-05-29T12:00:00Z',
        '2020-05-26T23:59:59Z',
        '2020-05-27T00:00:00Z',
        '2020-05-26T10:00:00Z',
        '2020-05-29T13:00:00Z',
      ],
      'en-GB',
      words,
    );
    expect(chart?.caption).toBe('From 26 May 2020 to 29 May 2020: 6.');
    expect(chart?.svgHtml.split('><').join('>\n<')).toBe(
      [
        '<svg class="chart" role="img" aria-labelledby="chart-title" viewBox="0 0 640 260" xmlns="http://www.w3.org/2000/svg">',
        '<title id="chart-title">Signatures over time: 6, 26 May 2020 – 29 May 2020</title>',
        '<line x1="68" y1="206" x2="616" y2="206" stroke="#767676"/>',
        '<text x="64" y="210" text-anchor="end" fill="#505050" font-size="12">0</text>',
        '<line x1="68" y1="148.7" x2="616" y2="148.7" stroke="#e4e4e4"/>',
        '<text x="64" y="152.7" text-anchor="end" fill="#505050" font-size="12">2</text>',
        '<line x1="68" y1="91.3" x2="616" y2="91.3" stroke="#e4e4e4"/>',
        '<text x="64" y="95.3" text-anchor="end" fill="#505050" font-size="12">4</text>',
        '<line x1="68" y1="34" x2="616" y2="34" stroke="#e4e4e4"/>',
        '<text x="64" y="38" text-anchor="end" fill="#505050" font-size="12">6</text>',
        '<line x1="72" y1="206" x2="72" y2="211" stroke="#767676"/>',
        '<text x="72" y="228" text-anchor="middle" fill="#505050" font-size="12">26 May</text>',
        '<line x1="208" y1="206" x2="208" y2="211" stroke="#767676"/>',
        '<text x="208" y="228" text-anchor="middle" fill="#505050" font-size="12">27 May</text>',
        '<line x1="344" y1="206" x2="344" y2="211" stroke="#767676"/>',
        '<text x="344" y="228" text-anchor="middle" fill="#505050" font-size="12">28 May</text>',
        '<line x1="480" y1="206" x2="480" y2="211" stroke="#767676"/>',
        '<text x="480" y="228" text-anchor="middle" fill="#505050" font-size="12">29 May</text>',
        '<line x1="616" y1="206" x2="616" y2="211" stroke="#767676"/>',
        '<text x="616" y="228" text-anchor="middle" fill="#505050" font-size="12">30 May</text>',
        '<line x1="72" y1="34" x2="72" y2="206" stroke="#767676"/>',
        // 3 on the 26th (up to 23:59:59), 1 on the 27th, flat through the 28th, 2 on the 29th.
        '<path d="M72,206H72V120H208V91.3H480V34H616" fill="none" stroke="#0b4f8a" stroke-width="2.5" stroke-linejoin="miter"/>',
        '<text x="344" y="256" text-anchor="middle" fill="#505050" font-size="12">Day signed (UTC)</text>',
        '<text x="4" y="16" fill="#505050" font-size="12">Signatures, running total</text>',
        '</svg>',
      ].join('\n'),
    );
  });

  it('keeps six flat years flat: 12 in 2020, then 5 more in 2026 (the case of issue 17)', () => {
    const chart = signaturesChart(
      [...at('2020-05-26', 12), ...at('2026-06-01', 5)],
      'en-US',
      words,
    );
    const path = /<path d="([^"]+)"/.exec(chart!.svgHtml)![1];
    // Up to 12 at the start, level until 2026, then up to 17: no slope anywhere.
    expect(path).toMatch(/^M72,206H72V\d+(\.\d)?H\d+(\.\d)?V\d+(\.\d)?H616$/);
    expect(chart!.caption).toBe('From May 26, 2020 to June 1, 2026: 17.');
    expect([...chart!.svgHtml.matchAll(/>(\d{4})</g)].map((m) => m[1])).toEqual([
      '2021',
      '2022',
      '2023',
      '2024',
      '2025',
      '2026',
    ]);
  });

  it('is left out when it would say nothing: no signature, or every one on one day', () => {
    expect(signaturesChart([], 'en', words)).toBeNull();
    expect(signaturesChart(at('2020-05-26', 12), 'en', words)).toBeNull();
  });

  it('escapes the words it is given and writes numbers in the locale', () => {
    const chart = signaturesChart([...at('2020-05-26', 1200), ...at('2020-05-27', 1)], 'de-DE', {
      ...words,
      title: 'A <b> & "c"',
    });
    expect(chart!.svgHtml).toContain(
      '<title id="chart-title">A &lt;b&gt; &amp; &quot;c&quot;: 1.201, 26. Mai 2020 – 27. Mai 2020</title>',
    );
    expect(chart!.svgHtml).toContain('>1.500</text>');
  });
});

describe('niceStep', () => {
  it.each([
    [1, 1],
    [5, 1],
    [6, 2],
    [17, 5],
    [50, 10],
    [93, 20],
    [100_000, 20_000],
    [100_001, 50_000],
  ])('%i signatures: ticks every %i', (total, step) => expect(niceStep(total)).toBe(step));
});

describe('timeTicks', () => {
  const day = (d: string) => Date.parse(`${d}T00:00:00Z`);
  it('picks the finest interval that gives at most six ticks: days, weeks, months, years', () => {
    expect(timeTicks(day('2020-05-26'), day('2020-05-29'), 'en-GB').map((t) => t.label)).toEqual([
      '26 May',
      '27 May',
      '28 May',
      '29 May',
    ]);
    expect(timeTicks(day('2020-05-26'), day('2020-07-16'), 'en-GB').map((t) => t.label)).toEqual([
      '26 May',
      '9 Jun',
      '23 Jun',
      '7 Jul',
    ]);
    expect(timeTicks(day('2020-05-26'), day('2020-10-02'), 'en-US').map((t) => t.label)).toEqual([
      'Jun 2020',
      'Jul 2020',
      'Aug 2020',
      'Sep 2020',
      'Oct 2020',
    ]);
    expect(timeTicks(day('2020-05-26'), day('2031-01-02'), 'en').map((t) => t.label)).toEqual([
      '2022',
      '2024',
      '2026',
      '2028',
      '2030',
    ]);
  });
});
