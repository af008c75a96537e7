import { describe, expect, it } from 'vitest';
import {
  ISO_DATE_PATTERN,
  ISO_TIMESTAMP_PATTERN,
  isIsoDate,
  isIsoTimestamp,
  parseTimestampInput,
  toIsoTimestamp,
} from '../../src/letter/dates.js';

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
    expect(toIsoTimestamp(new Date(Date.UTC(2020, 4, 26, 9, 30, 15, 999)))).toBe(
      '2020-05-26T09:30:15Z',
    );
  });
});

describe('ISO_DATE_PATTERN and ISO_TIMESTAMP_PATTERN (the JSON Schema of editors)', () => {
  const pad = (x: number, w: number) => String(x).padStart(w, '0');
  it('accept exactly the days isIsoDate accepts, in every year 0000 to 9999', () => {
    const differ: string[] = [];
    for (let y = 0; y < 10000; y++)
      for (let m = 0; m <= 13; m++)
        for (const d of [0, 1, 28, 29, 30, 31, 32]) {
          const s = `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
          if (isIsoDate(s) !== ISO_DATE_PATTERN.test(s)) differ.push(s);
        }
    expect(differ).toEqual([]);
  });
  it.each([
    ['2020-02-29T23:59:59Z', true],
    ['2021-02-29T00:00:00Z', false],
    ['2000-02-29T00:00:00Z', true],
    ['1900-02-29T00:00:00Z', false],
    ['2020-04-31T00:00:00Z', false],
    ['2020-05-26T24:00:00Z', false],
    ['2020-05-26T09:60:00Z', false],
    ['2020-05-26T09:00:00+02:00', false],
    ['2020-05-26T09:00:00.5Z', false],
    ['yesterday', false],
    ['2020-05-26', false],
    ['0099-12-31T00:00:00Z', false],
  ])('%s: %s, as isIsoTimestamp says', (s, ok) => {
    expect(ISO_TIMESTAMP_PATTERN.test(s)).toBe(ok);
    expect(isIsoTimestamp(s)).toBe(ok);
  });
});
