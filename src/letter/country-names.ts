/**
 * Country names as people write them ("Russia", "South Korea", "United States",
 * "Côte d'Ivoire", "UK", "Viet Nam"), mapped to ISO 3166-1 alpha-2 codes with the
 * i18n-iso-countries English names and their common aliases, the CLDR English names, and a
 * small table of other names in common use. Names of places that are not an ISO 3166-1
 * country ("England", "Kosovo") are never mapped: `unknownCountryReason` suggests a code.
 */

import { createRequire } from 'node:module';
import { distance } from 'fastest-levenshtein';
import { countryCodes, countryName, isCountryCode, isoCountries } from './countries.js';

let english: ReturnType<typeof isoCountries> | undefined;
/** i18n-iso-countries with its English names, registered on first use (a code needs no names). */
function countries(): ReturnType<typeof isoCountries> {
  if (!english) {
    english = isoCountries();
    // A JSON data file of the package; require keeps it working both bundled and unbundled.
    english.registerLocale(createRequire(import.meta.url)('i18n-iso-countries/langs/en.json'));
  }
  return english;
}

let byDisplayName: Map<string, string> | undefined;
const fold = (x: string) =>
  x
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

/**
 * A country as a person typed it: an ISO 3166-1 alpha-2 or alpha-3 code in any case, an English
 * name or alias known to i18n-iso-countries, or the CLDR English name (accents, case and
 * punctuation ignored). @returns the upper-case code, or undefined.
 */
export function parseCountryName(s: string): string | undefined {
  const t = s.trim();
  if (t === '') return undefined;
  if (isCountryCode(t.toUpperCase())) return t.toUpperCase();
  if (/^[A-Za-z]{3}$/.test(t)) {
    const fromAlpha3 = countries().alpha3ToAlpha2(t.toUpperCase());
    if (fromAlpha3 && isCountryCode(fromAlpha3)) return fromAlpha3;
  }
  const code = countries().getAlpha2Code(t, 'en') ?? countries().getSimpleAlpha2Code(t, 'en');
  if (code && isCountryCode(code)) return code;
  const other = OTHER_NAMES[fold(t)];
  if (other) return other;
  return displayNames().get(fold(t));
}

/** Folded English name or alias → code, for every ISO 3166-1 country. */
function displayNames(): Map<string, string> {
  if (!byDisplayName) {
    byDisplayName = new Map();
    for (const c of countryCodes()) {
      byDisplayName.set(fold(countryName(c, 'en')), c);
      const names = countries().getName(c, 'en', { select: 'all' }) ?? [];
      for (const n of names) byDisplayName.set(fold(n), c);
    }
  }
  return byDisplayName;
}

/**
 * Other English names of ISO 3166-1 countries in common use that neither i18n-iso-countries
 * nor CLDR give: the ISO short name written as two words, former names still written, short
 * forms. Keys are folded (see `fold`).
 */
const OTHER_NAMES: Readonly<Record<string, string>> = {
  'viet nam': 'VN',
  burma: 'MM',
  swaziland: 'SZ',
  macedonia: 'MK',
  'east timor': 'TL',
  vatican: 'VA',
  britain: 'GB',
  drc: 'CD',
  'dr congo': 'CD',
  'democratic republic of congo': 'CD',
  'republic of korea': 'KR',
  'korea republic of': 'KR',
  'russian federation': 'RU',
  'the gambia': 'GM',
  'the bahamas': 'BS',
  'cape verde': 'CV',
  'czech republic': 'CZ',
  turkiye: 'TR',
};

/**
 * Places people give as their country that are not one in ISO 3166-1, with the code to suggest
 * (never taken without a person's say) and why. Keys are folded.
 */
const NOT_ISO: Readonly<Record<string, { code?: string; why: string }>> = {
  england: { code: 'GB', why: 'is part of the United Kingdom' },
  scotland: { code: 'GB', why: 'is part of the United Kingdom' },
  wales: { code: 'GB', why: 'is part of the United Kingdom' },
  'northern ireland': { code: 'GB', why: 'is part of the United Kingdom' },
  holland: { code: 'NL', why: 'is part of the Netherlands' },
  catalonia: { code: 'ES', why: 'is part of Spain' },
  kosovo: {
    why: 'has no ISO 3166-1 code (XK is a user-assigned code, not part of ISO 3166-1); leave the country empty or write it in the role',
  },
  europe: { why: 'is a continent, not a country' },
  eu: { why: 'is a union of countries, not one' },
  'european union': { why: 'is a union of countries, not one' },
};

/**
 * Why `s` is not a country `parseCountryName` can read, with a suggestion where one fits:
 * a place that is part of a country ("England" → GB), one with no ISO 3166-1 code
 * ("Kosovo"), or a name one or two letters off an English country name ("Germny" → DE).
 * @returns the reason, to show after the field name ("country ...").
 */
export function unknownCountryReason(s: string): string {
  const t = s.trim();
  const plain = `"${t}" is not a country name or ISO 3166-1 code`;
  const known = NOT_ISO[fold(t)];
  if (known?.code)
    return `"${t}" ${known.why}, not an ISO 3166-1 country; use ${known.code} (${countryName(known.code, 'en')})?`;
  if (known) return `"${t}" ${known.why}`;
  const folded = fold(t);
  if (folded.length >= 5) {
    let best: { code: string; d: number } | undefined;
    for (const [name, code] of displayNames()) {
      const d = distance(folded, name);
      if (d <= 2 && (!best || d < best.d)) best = { code, d };
    }
    if (best) return `${plain}; did you mean ${countryName(best.code, 'en')} (${best.code})?`;
  }
  return plain;
}
