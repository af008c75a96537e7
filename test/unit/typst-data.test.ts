import { describe, expect, it } from 'vitest';
import {
  hasLongWord,
  markdownTree,
  type PrintData,
  partData,
} from '../../src/render/typst-data.js';

describe('markdownTree', () => {
  it.each([
    [
      'Hello *you*',
      [
        {
          t: 'p',
          c: [
            { t: 'text', v: 'Hello ' },
            { t: 'em', c: [{ t: 'text', v: 'you' }] },
          ],
        },
      ],
    ],
    ['## Call', [{ t: 'h', level: 2, c: [{ t: 'text', v: 'Call' }] }]],
    [
      '3. Act\n4. Now',
      [
        {
          t: 'ol',
          start: 3,
          items: [
            [{ t: 'p', c: [{ t: 'text', v: 'Act' }] }],
            [{ t: 'p', c: [{ t: 'text', v: 'Now' }] }],
          ],
        },
      ],
    ],
    ['<b>raw</b> #x', [{ t: 'p', c: [{ t: 'text', v: '<b>raw</b> #x' }] }]],
    [
      '[ICRC](https://www.icrc.org) **now**',
      [
        {
          t: 'p',
          c: [
            { t: 'link', href: 'https://www.icrc.org', c: [{ t: 'text', v: 'ICRC' }] },
            { t: 'text', v: ' ' },
            { t: 'strong', c: [{ t: 'text', v: 'now' }] },
          ],
        },
      ],
    ],
    [
      '> quoted\n\n---',
      [{ t: 'quote', c: [{ t: 'p', c: [{ t: 'text', v: 'quoted' }] }] }, { t: 'hr' }],
    ],
  ])('%j', (source, tree) => {
    expect(markdownTree(source)).toEqual(tree);
  });
});

describe('partData', () => {
  const row = (i: number) => [i, `N${i}`, null, null, false, null, 0] as const;
  const data = {
    groups: [
      { index: 0, name: 'A', count: '3', from: 0, people: [row(0), row(1), row(2)] },
      { index: 1, name: 'B', count: '2', from: 3, people: [row(3), row(4)] },
    ],
  } as unknown as PrintData;
  it('cuts the groups to the rows of the part, marking a group begun before it', () => {
    const part = partData(data, 2, 4, { index: 1, first_page: 5, total: null }, true);
    expect(part.groups.map((g) => [g.name, g.continued, g.people.map((p) => p[0])])).toEqual([
      ['A', true, [2]],
      ['B', false, [3]],
    ]);
    expect(part.part).toEqual({ index: 1, first_page: 5, total: null });
    expect(part.mark).toBe(true);
  });
});

describe('hasLongWord', () => {
  it.each([
    [null, false],
    ['Ban Ki-moon', false],
    ['Twelve12char twelve12char', false],
    ['Thirteen13char', true],
    ['@the_open_source_infrastructure_collective_2021', true],
    ['Chief Executive Officer, Kaspersky', false],
    ['王小明王小明王小明王小明王', true],
    ['🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉', false],
  ])('%j: %j', (text, long) => {
    expect(hasLongWord(text)).toBe(long);
  });
});

describe('printData', () => {
  it("writes group counts in the letter's locale, as the page does", async () => {
    const { printData } = await import('../../src/render/typst-data.js');
    const { letterView } = await import('../../src/render/view.js');
    const { letter, sig } = await import('../helpers/fixtures.js');
    const many = Array.from({ length: 1234 }, (_, i) =>
      sig(`p-${i}`, `Person ${i}`, { group: 'industry' }),
    );
    const view = letterView({ ...letter, locale: 'de-DE' }, 'Text.', many);
    const data = printData(view, '2026-12-02T21:47:13Z');
    expect(data.groups.map((g) => g.count)).toEqual(['1.234']);
  });
});
