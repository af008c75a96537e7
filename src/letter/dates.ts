/**
 * Dates and times as `letter` stores them: ISO 8601, always UTC.
 * A date is `YYYY-MM-DD`; a timestamp is `YYYY-MM-DDTHH:MM:SSZ` (seconds, `Z` suffix).
 */

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z$/;

function realDate(y: number, m: number, d: number): boolean {
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

/** True when `s` is an ISO 8601 calendar date `YYYY-MM-DD` that exists (no 2020-02-30). */
export function isIsoDate(s: string): boolean {
  const m = DATE.exec(s);
  return m !== null && realDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** True when `s` is an ISO 8601 UTC timestamp `YYYY-MM-DDTHH:MM:SSZ` that exists. */
export function isIsoTimestamp(s: string): boolean {
  const m = TIMESTAMP.exec(s);
  if (m === null || !realDate(Number(m[1]), Number(m[2]), Number(m[3]))) return false;
  return Number(m[4]) < 24 && Number(m[5]) < 60 && Number(m[6]) < 60;
}

/** Formats an instant as `YYYY-MM-DDTHH:MM:SSZ` (UTC, whole seconds). */
export function toIsoTimestamp(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const INPUT = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/**
 * Reads a date or time as a person types it (ISO 8601): `2020-05-26` (midnight UTC),
 * `2020-05-26T09:30Z`, `2020-05-26T09:30:00Z` or with an offset `2020-05-26T11:30+02:00`.
 * Returns the canonical UTC timestamp, or undefined when `s` is none of these or names
 * a day or time that does not exist.
 */
export function parseTimestampInput(s: string): string | undefined {
  const t = s.trim();
  if (isIsoDate(t)) return `${t}T00:00:00Z`;
  const m = INPUT.exec(t);
  if (!m || !isIsoDate(m[1]!) || Number(m[2]) > 23 || Number(m[3]) > 59 || Number(m[4] ?? 0) > 59)
    return undefined;
  const zone = m[5] === 'Z' ? 'Z' : m[5]!.replace(/^([+-]\d{2})(\d{2})$/, '$1:$2');
  const ms = Date.parse(`${m[1]}T${m[2]}:${m[3]}:${m[4] ?? '00'}${zone}`);
  return Number.isNaN(ms) ? undefined : toIsoTimestamp(new Date(ms));
}

/** Which number comes first in a date written `3/24/2021` or `24.03.2021`: the day (`dmy`) or the month (`mdy`). */
export type DayMonthOrder = 'dmy' | 'mdy';

// A spreadsheet's or web form's date and time: 2021/03/24, 2021-03-24, 3/24/2021 or 24.03.2021;
// then optionally 10:15, 10:15:00 or 10:15:00.123, AM or PM, and a zone (GMT+1, UTC+01:00, +0200, Z, UTC, GMT).
const SPREADSHEET =
  /^(?:(\d{4})[/-](\d{1,2})[/-](\d{1,2})|(\d{1,2})([/.])(\d{1,2})\5(\d{4}))(?:(?:\s+|T|,\s*)(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:\s*([AaPp])\.?[Mm]\.?)?)?(?:\s*(?:(?:GMT|UTC)\s*)?([+-])(\d{1,2})(?::?(\d{2}))?|\s*(GMT|UTC|Z))?$/;

/**
 * The order of day and month in a column of slashed dates (`3/24/2021`): `mdy` when a value
 * has a second number above 12, `dmy` when one has a first number above 12 (or uses dots, as
 * `24.03.2021`), `mixed` when both occur, undefined when no value tells. A spreadsheet writes
 * a whole column in one locale, so one value settles the others.
 */
export function dayMonthOrder(values: Iterable<string>): DayMonthOrder | 'mixed' | undefined {
  let dmy = false;
  let mdy = false;
  for (const v of values) {
    const m = SPREADSHEET.exec(v.trim());
    if (!m || m[4] === undefined) continue;
    if (m[5] === '.' || Number(m[4]) > 12) dmy = true;
    else if (Number(m[6]) > 12) mdy = true;
  }
  return dmy && mdy ? 'mixed' : dmy ? 'dmy' : mdy ? 'mdy' : undefined;
}

/**
 * Reads a date and time as spreadsheets and web forms export it (Google Forms' "Timestamp"
 * column among them), besides every form `parseTimestampInput` reads: `2021/03/24 10:15:00 AM
 * GMT+1`, `3/24/2021 10:15:00`, `24.03.2021 10:15`. A value without a zone is taken as UTC.
 * A date such as `3/4/2021` needs `order` (see `dayMonthOrder`) unless a number above 12 or
 * dots tell which is the day.
 * @returns `{ value }`, the canonical UTC timestamp (`YYYY-MM-DDTHH:MM:SSZ`), or `{ reason }`
 *   saying why `s` cannot be read, to show after the value.
 */
export function parseSpreadsheetTimestamp(
  s: string,
  order?: DayMonthOrder,
): { value: string } | { reason: string } {
  const iso = parseTimestampInput(s);
  if (iso !== undefined) return { value: iso };
  const t = s.trim();
  const unreadable = {
    reason: `"${t}" is not a date and time letter can read; use ISO 8601 such as 2021-03-24T10:15:00Z (or 2021/03/24 10:15:00 AM GMT+1)`,
  };
  const m = SPREADSHEET.exec(t);
  if (!m) return unreadable;
  let year: number;
  let month: number;
  let day: number;
  if (m[1] !== undefined) [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  else {
    const [a, b] = [Number(m[4]), Number(m[6])];
    year = Number(m[7]);
    const which: DayMonthOrder | undefined =
      m[5] === '.' || a > 12 ? 'dmy' : b > 12 ? 'mdy' : order;
    if (which === undefined)
      return {
        reason: `"${t}" could be ${a} ${monthName(b)} or ${b} ${monthName(a)}, and no other value of the column tells which; write dates as ${year}-${pad(b)}-${pad(a)} (ISO 8601)`,
      };
    [month, day] = which === 'dmy' ? [b, a] : [a, b];
  }
  if (!isIsoDate(`${year}-${pad(month)}-${pad(day)}`))
    return { reason: `"${t}" names a day that does not exist` };
  let hour = m[8] === undefined ? 0 : Number(m[8]);
  const minute = m[9] === undefined ? 0 : Number(m[9]);
  const second = m[10] === undefined ? 0 : Number(m[10]);
  if (m[11] !== undefined) {
    if (hour < 1 || hour > 12)
      return { reason: `"${t}" has an hour that does not exist with AM or PM` };
    hour = (hour % 12) + (m[11].toLowerCase() === 'p' ? 12 : 0);
  }
  if (hour > 23 || minute > 59 || second > 59)
    return { reason: `"${t}" names a time that does not exist` };
  const offset =
    m[12] === undefined ? 0 : (m[12] === '-' ? -1 : 1) * (Number(m[13]) * 60 + Number(m[14] ?? 0));
  if (Math.abs(offset) > 14 * 60)
    return { reason: `"${t}" has a time zone offset beyond 14 hours` };
  const ms = Date.UTC(year, month - 1, day, hour, minute, second) - offset * 60_000;
  return { value: toIsoTimestamp(new Date(ms)) };
}

const pad = (n: number) => String(n).padStart(2, '0');
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const monthName = (n: number) => MONTHS[n - 1] ?? String(n);

/**
 * `isIsoDate` as one regular expression, for JSON Schema (editors): years 0100 to 9999 (the
 * years `isIsoDate` accepts), each month's own number of days, and 29 February in leap years
 * only (divisible by 4; of the centuries, those divisible by 400). test/unit/dates.test.ts
 * holds it to `isIsoDate` day by day.
 */
export const ISO_DATE_PATTERN =
  /^(?:(?:0[1-9][0-9]{2}|[1-9][0-9]{3})-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)|02-(?:0[1-9]|1[0-9]|2[0-8]))|(?:(?:0[1-9]|[1-9][0-9])(?:0[48]|[2468][048]|[13579][26])|(?:0[48]|[2468][048]|[13579][26])00)-02-29)$/;

/** `isIsoTimestamp` as one regular expression (see `ISO_DATE_PATTERN`): a real day, then `THH:MM:SSZ`. */
export const ISO_TIMESTAMP_PATTERN =
  /^(?:(?:0[1-9][0-9]{2}|[1-9][0-9]{3})-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)|02-(?:0[1-9]|1[0-9]|2[0-8]))|(?:(?:0[1-9]|[1-9][0-9])(?:0[48]|[2468][048]|[13579][26])|(?:0[48]|[2468][048]|[13579][26])00)-02-29)T(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]Z$/;
