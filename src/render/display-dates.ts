/**
 * Dates as a render shows them: one place decides the locale (letter.yaml `locale:` for the
 * letter's own language, a translation's language for a translation) and how a day is
 * written, for the Markdown, the page, the print version and the preview mark alike. Pure.
 */
import type { LetterFile } from '../letter/schema.js';

/**
 * The locale dates and numbers are written in when the letter is rendered in `lang`: the
 * letter's `locale` (default its `language`) for its own language; `lang` for a translation.
 */
export function displayLocale(
  letter: Pick<LetterFile, 'language' | 'locale'>,
  lang: string,
): string {
  return lang === letter.language ? (letter.locale ?? lang) : lang;
}

/**
 * Writes days in `locale` in the long style, UTC ("26 May 2020" in en-GB, "May 26, 2020" in
 * en-US): `(iso)` takes an ISO 8601 date or UTC timestamp (its day is used) and returns the
 * day written out. Keeps each day written, so that a list of a year of signatures formats at
 * most 366 dates.
 */
export function dayFormatter(locale: string): (iso: string) => string {
  const format = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' });
  const days = new Map<string, string>();
  return (iso: string) => {
    const d = iso.slice(0, 10);
    let shown = days.get(d);
    if (shown === undefined) {
      shown = format.format(new Date(`${d}T00:00:00Z`));
      days.set(d, shown);
    }
    return shown;
  };
}

/**
 * Writes an instant (ISO 8601 UTC) in `locale` as its day in the long style and its time in
 * UTC: "26 May 2020, 09:00 UTC" in en-GB, "May 26, 2020, 09:00 UTC" in en-US.
 */
export function dayAndTime(locale: string, iso: string): string {
  return `${dayFormatter(locale)(iso)}, ${iso.slice(11, 16)} UTC`;
}
