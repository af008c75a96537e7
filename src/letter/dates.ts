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
  if (!m || !isIsoDate(m[1]!) || Number(m[2]) > 23 || Number(m[3]) > 59 || Number(m[4] ?? 0) > 59) return undefined;
  const zone = m[5] === 'Z' ? 'Z' : m[5]!.replace(/^([+-]\d{2})(\d{2})$/, '$1:$2');
  const ms = Date.parse(`${m[1]}T${m[2]}:${m[3]}:${m[4] ?? '00'}${zone}`);
  return Number.isNaN(ms) ? undefined : toIsoTimestamp(new Date(ms));
}
