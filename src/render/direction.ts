/** Which way a language's script runs, for the `dir` attribute of a page. */

// Languages written right to left (their BCP 47 primary subtags).
const RTL = new Set(['ar', 'he', 'fa', 'ur', 'yi', 'ps', 'dv', 'ckb', 'sd', 'ug']);

/** The direction of a language's script (BCP 47 tag): `rtl` for Arabic, Hebrew and others written right to left. */
export function textDirection(lang: string): 'ltr' | 'rtl' {
  return RTL.has(lang.split('-')[0]!) ? 'rtl' : 'ltr';
}
