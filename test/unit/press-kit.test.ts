import { describe, expect, it } from 'vitest';
import { embargoLine } from '../../src/commands/press-kit.js';
import { kitGroups, othersText, pressKitMarkdown } from '../../src/letter/press-kit.js';

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
    });
    expect(md).toBe(
      '# Press kit: Stop \\*now\\*\n\nAn open letter to the world. Signed by 1 person.\n\n## Signatories\n\n### Group\n\n- \\<b\\>Eve\\</b\\>\n\n## Organisers\n\n- Org\n\nMade 2020-05-26T09:00:00Z.\n',
    );
  });
});
