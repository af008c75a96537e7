/**
 * Country names as people write them ("Russia", "South Korea", "United States",
 * "Côte d'Ivoire", "UK"), mapped to ISO 3166-1 alpha-2 codes with the i18n-iso-countries
 * English names and their common aliases.
 */
import { createRequire } from 'node:module';
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
const fold = (x: string) => x.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/['’]/g, '').replace(/[^a-z0-9]+/g, ' ').trim();

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
    if (fromAlpha3) return fromAlpha3;
  }
  const code = countries().getAlpha2Code(t, 'en') ?? countries().getSimpleAlpha2Code(t, 'en');
  if (code && isCountryCode(code)) return code;
  if (!byDisplayName) {
    byDisplayName = new Map();
    for (const c of countryCodes()) {
      byDisplayName.set(fold(countryName(c, 'en')), c);
      const names = countries().getName(c, 'en', { select: 'all' }) ?? [];
      for (const n of names) byDisplayName.set(fold(n), c);
    }
  }
  return byDisplayName.get(fold(t));
}
