import { describe, expect, it } from 'vitest';
import { isIsoDate, isIsoTimestamp, parseTimestampInput, toIsoTimestamp } from '../../src/letter/dates.js';

describe('ISO 8601 dates', () => {
  it.each([
    ['2020-05-26', true],
    ['2020-02-29', true],
    ['2019-02-29', false],
    ['2020-02-30', false],
    ['2020-13-01', false],
    ['2020-5-26', false],
    ['26/05/2020', false],
  ])('isIsoDate(%s) is %s', (s, ok) => expect(isIsoDate(s)).toBe(ok));

  it.each([
    ['2020-05-26T09:30:00Z', true],
    ['2020-05-26T24:00:00Z', false],
    ['2020-05-26T09:30:00+02:00', false],
    ['2020-02-30T00:00:00Z', false],
    ['2020-05-26', false],
  ])('isIsoTimestamp(%s) is %s', (s, ok) => expect(isIsoTimestamp(s)).toBe(ok));

  it('reads command-line dates and writes whole UTC seconds', () => {
    expect(parseTimestampInput('2020-05-26')).toBe('2020-05-26T00:00:00Z');
    expect(parseTimestampInput(' 2020-05-26T09:30:00Z ')).toBe('2020-05-26T09:30:00Z');
    expect(parseTimestampInput('2020-02-30')).toBeUndefined();
    expect(toIsoTimestamp(new Date(Date.UTC(2020, 4, 26, 9, 30, 15, 999)))).toBe('2020-05-26T09:30:15Z');
  });
});
