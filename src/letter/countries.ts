/**
 * Countries as ISO 3166-1 alpha-2 codes. Validation uses the i18n-iso-countries list;
 * display names come from the runtime's Unicode CLDR data (`Intl.DisplayNames`).
 */
import countries from 'i18n-iso-countries';

/** True when `code` is an assigned ISO 3166-1 alpha-2 code, in upper case ("JO", not "jo" or "XX"). */
export function isCountryCode(code: string): boolean {
  return /^[A-Z]{2}$/.test(code) && countries.isValid(code);
}

/** Every assigned ISO 3166-1 alpha-2 code, sorted. */
export function countryCodes(): string[] {
  return Object.keys(countries.getAlpha2Codes()).sort();
}

const displayNames = new Map<string, Intl.DisplayNames>();

/** The country's name in `language` (a BCP 47 tag, e.g. "en", "fr"): "JO" → "Jordan". */
export function countryName(code: string, language = 'en'): string {
  let names = displayNames.get(language);
  if (!names) {
    names = new Intl.DisplayNames([language, 'en'], { type: 'region', fallback: 'code' });
    displayNames.set(language, names);
  }
  return names.of(code) ?? code;
}

