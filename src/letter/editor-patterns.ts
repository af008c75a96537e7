/**
 * The rules of schema.ts that zod checks with code (`.refine`), written as regular
 * expressions for the JSON Schemas editors validate with (json-schema.ts). Each accepts
 * nothing the rule refuses and refuses nothing it accepts, except where its docstring
 * says: a schema stricter than `letter check` would underline good files.
 * test/unit/json-schema.test.ts holds each to its rule on a table.
 */

/**
 * One line of text (schema.ts `text`): no C0 or C1 control, line or paragraph separator,
 * bidirectional control (Unicode TR9), invisible character (zero-width space, word joiner,
 * byte-order mark, soft hyphen, Mongolian vowel separator), nor two joiners (U+200C, U+200D,
 * U+034F) in a row. Not expressed: lone surrogates and more than three combining marks on
 * one letter (check counts those after NFC normalisation).
 */
export const ONE_LINE_PATTERN =
  /^[^\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\u200b\u2060\ufeff\u00ad\u180e\u200c\u200d\u034f]*(?:[\u200c\u200d\u034f][^\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\u200b\u2060\ufeff\u00ad\u180e\u200c\u200d\u034f]+)*[\u200c\u200d\u034f]?$/;

/** Text that is not blank: one character that is neither white space nor a blank-looking filler (U+3164, U+115F, U+1160, U+FFA0, U+2800). */
export const VISIBLE_PATTERN = /[^\s\u3164\u115f\u1160\uffa0\u2800]/;

/** A name holds a letter or a digit (read with the `u` flag, as editors read patterns). */
export const LETTER_OR_DIGIT_PATTERN = /[\p{L}\p{N}]/u;

/**
 * A web address as `letter check` accepts it (schema.ts `webUrl`, in the normal form of
 * urls.ts): `http://` or `https://` in lower case, a host part without credentials (`@`),
 * and no space, control or bidirectional mark anywhere.
 */
export const WEB_URL_PATTERN =
  /^https?:\/\/[^\u0000-\u0020\u007f-\u009f\u202a-\u202e\u2066-\u2069\u200e\u200f/?#@\\]+(?:[/?#][^\u0000-\u0020\u007f-\u009f\u202a-\u202e\u2066-\u2069\u200e\u200f]*)?$/;

/** An organiser's public email address (schema.ts `publicContact`). */
export const PUBLIC_EMAIL_PATTERN =
  /^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$/;

/** An organiser's public phone number (schema.ts `publicContact`): 6 to 30 digits, spaces and `+().-`. Not expressed: at least 8 digits. */
export const PUBLIC_PHONE_PATTERN = /^\+?[0-9 ().-]{6,30}$/;
