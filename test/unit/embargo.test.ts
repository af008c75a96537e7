import { describe, expect, it } from 'vitest';
import { embargoFields, embargoNotice, publication } from '../../src/letter/embargo.js';

const EMBARGO = '2020-05-26T09:00:00Z';
const BEFORE = new Date('2020-05-26T08:59:59Z');
const AT = new Date('2020-05-26T09:00:00Z');

describe('publication', () => {
  it.each([
    [
      'open, one second before the embargo',
      'open',
      EMBARGO,
      BEFORE,
      { state: 'preview', reason: 'embargo', until: EMBARGO },
    ],
    ['open, at the embargo', 'open', EMBARGO, AT, { state: 'final' }],
    [
      'closed, one second before the embargo',
      'closed',
      EMBARGO,
      BEFORE,
      { state: 'preview', reason: 'embargo', until: EMBARGO },
    ],
    ['open, no embargo', 'open', undefined, BEFORE, { state: 'final' }],
    ['closed, no embargo', 'closed', undefined, BEFORE, { state: 'final' }],
    ['draft, no embargo', 'draft', undefined, AT, { state: 'preview', reason: 'draft' }],
    ['draft, embargo passed', 'draft', EMBARGO, AT, { state: 'preview', reason: 'draft' }],
    ['draft, embargo ahead', 'draft', EMBARGO, BEFORE, { state: 'preview', reason: 'draft' }],
  ] as const)('%s', (_, status, embargo, now, expected) => {
    expect(publication({ status, embargo }, now)).toEqual(expected);
  });
});

describe('embargoFields', () => {
  it('says embargoed while a preview, with the embargo or null', () => {
    expect(embargoFields({ status: 'open', embargo: EMBARGO }, BEFORE)).toEqual({
      embargoed: true,
      embargo: EMBARGO,
    });
    expect(embargoFields({ status: 'open', embargo: EMBARGO }, AT)).toEqual({
      embargoed: false,
      embargo: EMBARGO,
    });
    expect(embargoFields({ status: 'draft', embargo: undefined }, AT)).toEqual({
      embargoed: true,
      embargo: null,
    });
    expect(embargoFields({ status: 'open', embargo: undefined }, AT)).toEqual({
      embargoed: false,
      embargo: null,
    });
  });
});

describe('embargoNotice', () => {
  it('names the embargo, or the draft and what to do, or nothing once final', () => {
    expect(
      embargoNotice(
        { state: 'preview', reason: 'embargo', until: EMBARGO },
        'letters/x',
        'the list is',
      ),
    ).toBe(
      'letters/x is under embargo until 2020-05-26T09:00:00Z: the list is not for publication before then',
    );
    expect(
      embargoNotice({ state: 'preview', reason: 'draft' }, 'letters/x', 'these totals are'),
    ).toBe(
      'letters/x is a draft: these totals are under embargo, not for publication (set status: open in letter.yaml when it may be published)',
    );
    expect(embargoNotice({ state: 'final' }, 'letters/x', 'the list is')).toBeUndefined();
  });
});
