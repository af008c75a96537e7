/** Totals of a letter's signatures, for `letter stats` and charts. Pure. */
import { countryName } from './countries.js';
import type { LetterFile, Signature } from './schema.js';
import { SIGNATURE_STATUSES } from './schema.js';

/** A counted key: its label and how many signatures have it. */
export interface Tally {
  key: string;
  label: string;
  count: number;
}

/**
 * Totals by status (every signature), and by group, country and day (UTC) of the signatures
 * that are not withdrawn or rejected. Signatures that give no group or no country are counted
 * under the key `NONE` ("(no group)", "(no country)"), which comes last.
 */
export interface LetterStats {
  total: number;
  byStatus: Tally[];
  byGroup: Tally[];
  byCountry: Tally[];
  byDay: Tally[];
}

/** The key of signatures that give no group or no country. */
export const NONE = '(none)';

function tally(keys: string[], label: (k: string) => string, order: 'count' | 'key'): Tally[] {
  const counts = new Map<string, number>();
  for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
  return [...counts]
    .map(([key, count]) => ({ key, label: label(key), count }))
    .sort(
      (a, b) =>
        (order === 'count' ? b.count - a.count : 0) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
    );
}

/** Computes the totals; groups keep the letter's order, countries go by count, days by date. */
export function computeStats(letter: LetterFile, signatures: readonly Signature[]): LetterStats {
  const live = signatures.filter((s) => s.status !== 'withdrawn' && s.status !== 'rejected');
  const groupName = new Map(letter.groups.map((g) => [g.id, g.name]));
  const byStatus = SIGNATURE_STATUSES.map((st) => ({
    key: st,
    label: st,
    count: signatures.filter((s) => s.status === st).length,
  }));
  const byGroup = tally(
    live.map((s) => s.group ?? NONE),
    (k) => (k === NONE ? '(no group)' : (groupName.get(k) ?? k)),
    'key',
  ).sort(
    (a, b) =>
      (letter.groups.findIndex((g) => g.id === a.key) + 1 || 1e9) -
        (letter.groups.findIndex((g) => g.id === b.key) + 1 || 1e9) ||
      (a.key === NONE ? 1 : 0) - (b.key === NONE ? 1 : 0),
  );
  const byCountry = tally(
    live.map((s) => s.country ?? NONE),
    (k) => (k === NONE ? '(no country)' : countryName(k, letter.language)),
    'count',
  );
  // Those without a country are a remainder, not a country: last, whatever their number.
  byCountry.sort((a, b) => (a.key === NONE ? 1 : 0) - (b.key === NONE ? 1 : 0));
  return {
    total: signatures.length,
    byStatus,
    byGroup,
    byCountry,
    byDay: tally(
      live.map((s) => s.signed_at.slice(0, 10)),
      (k) => k,
      'key',
    ),
  };
}
