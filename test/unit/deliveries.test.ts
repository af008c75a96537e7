import { describe, expect, it } from 'vitest';
import {
  type DeliveriesFile,
  deliveryEvents,
  deliveryFieldProblem,
  deliveryId,
  deliveryProblems,
} from '../../src/letter/deliveries.js';

const delivery = (responses: DeliveriesFile['deliveries'][number]['responses'] = []) => ({
  id: '2020-06-01-the-united-nations',
  to: 'the United Nations',
  delivered_at: '2020-06-01T09:00:00Z',
  manifest: `sha256:${'a'.repeat(64)}`,
  count: 12,
  responses,
});
const locate = (p: readonly (string | number)[]) => ({ line: p.length, column: 7 });

describe('deliveryId', () => {
  it('is the day and the addressee, numbered when taken', () => {
    expect(deliveryId({ deliveries: [] }, 'the United Nations', '2020-06-01T09:00:00Z')).toBe(
      '2020-06-01-the-united-nations',
    );
    expect(
      deliveryId({ deliveries: [delivery()] }, 'The United Nations!', '2020-06-01T10:00:00Z'),
    ).toBe('2020-06-01-the-united-nations-2');
  });
});

describe('deliveryProblems', () => {
  it('a response before the delivery is an error; an overdue follow-up a warning', () => {
    const file = {
      deliveries: [
        delivery([
          { kind: 'acknowledged', on: '2020-05-31' },
          { kind: 'follow-up', on: '2020-07-01' },
        ]),
      ],
    } as DeliveriesFile;
    expect(deliveryProblems(file, 'l/deliveries.yaml', locate, '2020-07-02', 'l')).toEqual([
      {
        file: 'l/deliveries.yaml',
        line: 5,
        column: 7,
        severity: 'error',
        code: 'response-before-delivery',
        message: 'acknowledged on 2020-05-31, before the delivery of 2020-06-01',
        hint: 'correct the date of the response or of the delivery',
      },
      {
        file: 'l/deliveries.yaml',
        line: 5,
        column: 7,
        severity: 'warning',
        code: 'follow-up-overdue',
        message: 'the follow-up of 2020-06-01-the-united-nations was due on 2020-07-01',
        hint: 'follow up, then record it: letter delivery respond l 2020-06-01-the-united-nations responded --on <date>',
      },
    ]);
    // Not yet due, or answered since: no warning.
    expect(deliveryProblems(file, 'f', locate, '2020-07-01', 'l').map((p) => p.code)).toEqual([
      'response-before-delivery',
    ]);
  });
  it('a follow-up answered on or after its day is no warning; an id used twice is an error', () => {
    const answered = delivery([
      { kind: 'follow-up', on: '2020-07-01' },
      { kind: 'responded', on: '2020-07-03', note: 'A reply' },
    ]);
    const lines = (p: readonly (string | number)[]) => ({ line: 3 + Number(p[1]) * 9, column: 9 });
    expect(
      deliveryProblems(
        { deliveries: [answered, answered] } as DeliveriesFile,
        'f',
        lines,
        '2021-01-01',
        'l',
      ).map((p) => `${p.line} ${p.code}: ${p.message}`),
    ).toEqual([
      `12 delivery-id-duplicate: delivery id "${answered.id}" is used twice: here and on line 3`,
    ]);
  });
});

describe('deliveryEvents', () => {
  it('the delivery and each response, oldest first, a response at 00:00Z of its day', () => {
    const file = {
      deliveries: [delivery([{ kind: 'responded', on: '2020-06-03', note: 'Thanks' }])],
    } as DeliveriesFile;
    expect(deliveryEvents(file)).toEqual([
      {
        at: '2020-06-01T09:00:00Z',
        kind: 'delivered',
        id: '2020-06-01-the-united-nations',
        to: 'the United Nations',
        count: 12,
      },
      {
        at: '2020-06-03T00:00:00Z',
        kind: 'responded',
        id: '2020-06-01-the-united-nations',
        to: 'the United Nations',
        note: 'Thanks',
      },
    ]);
  });
});

describe('deliveryFieldProblem', () => {
  it.each([
    [{ to: 'the United Nations', channel: 'email' }, undefined],
    [
      { to: 'A\nB' },
      { field: 'to', message: 'must be one line, without tabs or control characters' },
    ],
    [
      { to: 'the UN', channel: 'by\thand' },
      { field: 'channel', message: 'must be one line, without tabs or control characters' },
    ],
    [{ to: 'x'.repeat(301) }, { field: 'to', message: 'must be at most 300 characters' }],
  ])('%j: %j', (fields, expected) => expect(deliveryFieldProblem(fields)).toEqual(expected));
});
