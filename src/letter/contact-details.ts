/**
 * Finding contact details (email addresses, phone numbers) in the public files of a letter,
 * where they must never be. Pure: text in, problems out.
 */
import type { Problem } from '../errors.js';

// An email address, with or without mailto:.
const EMAIL = /(?:mailto:)?[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
// An international phone number (+ and 8 to 15 digits, with spaces, dots, dashes or brackets), or a tel: link.
const PHONE = /(?:tel:\s*\+?|\+)\d[\d ().-]{6,20}\d/g;

// Every match holds one of these: most files hold none of them and need no scan.
const MARKS = ['@', '+', 'tel:'];

/** Whether `text` (or its UTF-8 bytes) may hold contact details: a quick test before `findContactDetails`. */
export function mayHoldContactDetails(text: string | Uint8Array): boolean {
  const t = typeof text === 'string' ? text : Buffer.from(text.buffer, text.byteOffset, text.byteLength);
  return MARKS.some((m) => t.includes(m));
}

/** Every email address or phone number in `text`, as errors at their line and column in `file`. */
export function findContactDetails(text: string, file: string): Problem[] {
  const problems: Problem[] = [];
  if (!mayHoldContactDetails(text)) return problems;
  const lines = text.split(/\r?\n/);
  lines.forEach((line, i) => {
    for (const [re, what] of [[EMAIL, 'an email address'], [PHONE, 'a phone number']] as const) {
      for (const m of line.matchAll(re)) {
        if (what === 'a phone number' && m[0].replace(/\D/g, '').length < 8) continue;
        problems.push({
          file, line: i + 1, column: (m.index ?? 0) + 1, severity: 'error', code: 'contact-details',
          message: `${what} in a public file of the letter`,
          hint: 'contact details belong in the private store (letter sign --email/--phone), never in git',
        });
      }
    }
  });
  return problems;
}
