import { describe, expect, it } from 'vitest';
import { embargoLine } from '../../src/commands/press-kit.js';
import {
  cutKit,
  kitGroups,
  othersText,
  type PressKit,
  pressKitMarkdown,
} from '../../src/letter/press-kit.js';
import { dayAndTime } from '../../src/render/display-dates.js';

describe('kitGroups', () => {
  it('keeps the display order, the first `top` of each group, and counts the others', () => {
    const s = (name: string, groupName: string | null, role?: string) => ({
      name,
      groupName,
      role,
    });
    expect(
      kitGroups(
        [s('A', 'Laureates', 'Writer'), s('B', 'Laureates'), s('C', 'Laureates'), s('D', null)],
        2,
        'Other signatories',
      ),
    ).toEqual([
      {
        name: 'Laureates',
        shown: [
          { name: 'A', affiliation: 'Writer' },
          { name: 'B', affiliation: null },
        ],
        others: 1,
      },
      { name: 'Other signatories', shown: [{ name: 'D', affiliation: null }], others: 0 },
    ]);
  });
  it.each([
    [1, 'and 1 other'],
    [1234, 'and 1,234 others'],
  ])('othersText(%d) = %s', (n, text) => expect(othersText(n)).toBe(text));
});

describe('embargoLine', () => {
  it.each([
    [{ state: 'final' } as const, 'en', null],
    [{ state: 'preview', reason: 'draft' } as const, 'en', 'Draft: not for publication'],
    [
      { state: 'preview', reason: 'embargo', until: '2020-05-26T09:00:00Z' } as const,
      'en-GB',
      'Embargoed until 26 May 2020, 09:00 UTC',
    ],
  ])('%j in %s', (p, lang, line) => expect(embargoLine(p, lang)).toBe(line));
});

describe('pressKitMarkdown', () => {
  it('escapes what the letter says', () => {
    const md = pressKitMarkdown({
      title: 'Stop *now*',
      addressee: 'the world',
      count: 1,
      countText: 'Signed by 1 person',
      opened: null,
      openedDay: null,
      embargo: null,
      groups: [{ name: 'Group', shown: [{ name: '<b>Eve</b>', affiliation: null }], others: 0 }],
      organisers: [{ name: 'Org', url: null }],
      contacts: [],
      made_at: '2020-05-26T09:00:00Z',
      made: '26 May 2020, 09:00 UTC',
    });
    expect(md).toBe(
      '# Press kit: Stop \\*now\\*\n\nAn open letter to the world. Signed by 1 person.\n\n## Signatories\n\n### Group\n\n- \\<b\\>Eve\\</b\\>\n\n## Organisers\n\n- Org\n\nMade 26 May 2020, 09:00 UTC.\n',
    );
  });
});

describe('cutKit', () => {
  it('shows at most `top` names a group, counting those cut in "and N others"', () => {
    const person = (name: string) => ({ name, affiliation: null });
    const kit = {
      groups: [
        { name: 'A', shown: ['a1', 'a2', 'a3'].map(person), others: 10 },
        { name: 'B', shown: [person('b1')], others: 0 },
      ],
    } as PressKit;
    const { kit: cut, cut: n } = cutKit(kit, 1);
    expect(n).toBe(2);
    expect(cut.groups).toEqual([
      { name: 'A', shown: [person('a1')], others: 12 },
      { name: 'B', shown: [person('b1')], others: 0 },
    ]);
    expect(cutKit(kit, 3)).toEqual({ kit, cut: 0 });
  });
});

describe('dayAndTime', () => {
  it.each([
    ['en-GB', '2026-12-03T03:43:04Z', '3 December 2026, 03:43 UTC'],
    ['en-US', '2026-12-03T03:43:04Z', 'December 3, 2026, 03:43 UTC'],
    ['fr', '2020-05-26T09:00:00Z', '26 mai 2020, 09:00 UTC'],
  ])('%s %s', (locale, iso, text) => expect(dayAndTime(locale, iso)).toBe(text));
});
