/**
 * Countries as ISO 3166-1 alpha-2 codes. Validation uses the i18n-iso-countries list;
 * display names come from the runtime's Unicode CLDR data (`Intl.DisplayNames`).
 */
import { createRequire } from 'node:module';

// The list loads on first use: a run that validates no country never needs it.
const require = createRequire(import.meta.url);
let list: typeof import('i18n-iso-countries') | undefined;
/** The i18n-iso-countries module, loaded on first use. */
export const isoCountries = () =>
  (list ??= require('i18n-iso-countries') as typeof import('i18n-iso-countries'));

/**
 * Codes i18n-iso-countries lists that ISO 3166-1 does not assign: XK (Kosovo) is a
 * user-assigned code, used by some bodies and not part of the standard.
 */
const NOT_ASSIGNED = new Set(['XK']);

/** True when `code` is an assigned ISO 3166-1 alpha-2 code, in upper case ("JO", not "jo", "XX" or "XK"). */
export function isCountryCode(code: string): boolean {
  return /^[A-Z]{2}$/.test(code) && !NOT_ASSIGNED.has(code) && isoCountries().isValid(code);
}

/** Every assigned ISO 3166-1 alpha-2 code (249), sorted. */
export function countryCodes(): string[] {
  return Object.keys(isoCountries().getAlpha2Codes())
    .filter((c) => !NOT_ASSIGNED.has(c))
    .sort();
}

// Names by language, then by code: a list of 100,000 signatories asks for a few dozen names many times.
const displayNames = new Map<string, { names: Intl.DisplayNames; known: Map<string, string> }>();

/** The country's name in `language` (a BCP 47 tag, e.g. "en", "fr"): "JO" → "Jordan". */
export function countryName(code: string, language = 'en'): string {
  let lang = displayNames.get(language);
  if (!lang) {
    lang = {
      names: new Intl.DisplayNames([language, 'en'], { type: 'region', fallback: 'code' }),
      known: new Map(),
    };
    displayNames.set(language, lang);
  }
  let name = lang.known.get(code);
  if (name === undefined) {
    name = lang.names.of(code) ?? code;
    lang.known.set(code, name);
  }
  return name;
}
