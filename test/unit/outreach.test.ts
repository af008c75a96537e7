import { describe, expect, it } from 'vitest';
import { advance, type Invitation, newInvitation } from '../../src/letter/invitations.js';
import { daysSince, outreachBoard } from '../../src/letter/outreach.js';

const at = (iso: string) => new Date(iso);
const inv = (id: string, owner: string, group: string | undefined, when: string): Invitation =>
  newInvitation(
    id,
    { name: id, owner, group, channel: 'email', textVersion: 'sha256:0123456789ab' },
    at(when),
  );
const letter = {
  remind_after_days: 7,
  groups: [
    { id: 'laureates', name: 'Nobel laureates' },
    { id: 'industry', name: 'Industry' },
  ],
};

describe('daysSince', () => {
  it('counts whole days of 24 hours, rounded down, never negative', () => {
    expect(daysSince('2020-05-01T09:00:00Z', at('2020-05-08T08:59:59Z'))).toBe(6);
    expect(daysSince('2020-05-01T09:00:00Z', at('2020-05-08T09:00:00Z'))).toBe(7);
    expect(daysSince('2020-05-09T09:00:00Z', at('2020-05-08T09:00:00Z'))).toBe(0);
  });
});

describe('outreachBoard', () => {
  const now = at('2020-05-15T09:00:00Z');
  const a = inv('ann', 'Anna', 'laureates', '2020-05-01T09:00:00Z');
  const b = advance(
    inv('bob', 'Ben', 'laureates', '2020-05-02T09:00:00Z'),
    'reminded',
    at('2020-05-10T09:00:00Z'),
  );
  const c = advance(
    inv('cai', 'Anna', 'industry', '2020-05-03T09:00:00Z'),
    'declined',
    at('2020-05-04T09:00:00Z'),
  );
  const d = advance(
    inv('dee', 'Ben', undefined, '2020-05-08T09:00:00Z'),
    'agreed',
    at('2020-05-09T09:00:00Z'),
  );
  const e = advance(
    inv('eli', 'Anna', 'industry', '2020-05-08T09:00:00Z'),
    'no-answer',
    at('2020-05-14T09:00:00Z'),
  );
  const f = inv('fay', 'Ben', 'industry', '2020-05-08T09:00:01Z');

  it('lists who waits, longest since the last contact first, and whose reminder is due', () => {
    const board = outreachBoard(letter, [a, b, c, d, e, f], now);
    expect(
      board.waiting.map((w) => [
        w.id,
        w.state,
        w.days_waiting,
        w.days_since_contact,
        w.reminder_due,
      ]),
    ).toEqual([
      ['ann', 'invited', 14, 14, true],
      ['fay', 'invited', 6, 6, false],
      ['bob', 'reminded', 13, 5, false],
    ]);
    expect(board.due).toEqual([{ owner: 'Anna', due: [board.waiting[0]] }]);
  });
  it('counts the funnel by group in the letter order, then no group, and the total', () => {
    const board = outreachBoard(letter, [a, b, c, d, e, f], now);
    expect(
      board.funnel.map((r) => [r.group, r.invited, r.waiting, r.agreed, r.declined, r.no_answer]),
    ).toEqual([
      ['laureates', 2, 2, 0, 0, 0],
      ['industry', 3, 1, 0, 1, 1],
      ['(none)', 1, 0, 1, 0, 0],
    ]);
    expect(board.total).toMatchObject({
      invited: 6,
      waiting: 3,
      agreed: 1,
      declined: 1,
      no_answer: 1,
    });
  });
  it('keeps one owner’s invitations with --owner, in any case', () => {
    const board = outreachBoard(letter, [a, b, c, d, e, f], now, 'ben');
    expect(board.total.invited).toBe(3);
    expect(board.due).toEqual([]);
  });
  it('makes a reminder due exactly remind_after_days after the last contact', () => {
    const board = outreachBoard(
      { ...letter, remind_after_days: 5 },
      [b],
      at('2020-05-15T09:00:00Z'),
    );
    expect(board.waiting[0]!.reminder_due).toBe(true);
    expect(
      outreachBoard({ ...letter, remind_after_days: 5 }, [b], at('2020-05-15T08:59:59Z'))
        .waiting[0]!.reminder_due,
    ).toBe(false);
  });
});
