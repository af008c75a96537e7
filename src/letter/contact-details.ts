/**
 * Finding contact details (email addresses, phone numbers) in the public files of a letter,
 * where they must never be. Pure: text in, problems out.
 *
 * Not taken for an email address: a fediverse handle (`@alice@mastodon.social`: an address
 * right after an `@`), and an `@` that starts a name in a web address
 * (`https://medium.com/@alice`: no address at all). A whole address inside a web address
 * (`https://example.org/?contact=a@b.org`, `https://user:pw@example.org`) is still found:
 * rendered, it would publish the address.
 */
import type { Problem } from '../errors.js';

// An email address, with or without mailto:. It starts where a run of address characters starts
// (the look-behind), so that a long run without an @ is read once, not once per character.
const EMAIL = /(?:mailto:)?(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
// An international phone number (+ and 8 to 15 digits, with spaces, dots, dashes or brackets), or a tel: link.
const PHONE = /(?:tel:\s*\+?|\+)\d[\d ().-]{6,20}\d/g;

// Every match holds one of these: most files hold none of them and need no scan.
const MARKS = ['@', '+', 'tel:', '%40', '\uff20', '\ufe6b', '\uff0b'];

/**
 * The line as a reader would see it once compatibility forms are folded (Unicode NFKC:
 * fullwidth "ａ＠ｂ．ｏｒｇ", small "﹫") and percent-encoding is decoded ("a%40b.org"), or
 * undefined when that changes nothing.
 */
function undisguised(line: string): string | undefined {
  let s = line.normalize('NFKC');
  if (s.includes('%')) s = s.replace(/%([0-9A-Fa-f]{2})/g, (m, h: string) => (Number.parseInt(h, 16) < 0x80 ? String.fromCharCode(Number.parseInt(h, 16)) : m));
  return s === line ? undefined : s;
}

/** Whether `text` (or its UTF-8 bytes) may hold contact details: a quick test before `findContactDetails`. */
export function mayHoldContactDetails(text: string | Uint8Array): boolean {
  const t = typeof text === 'string' ? text : Buffer.from(text.buffer, text.byteOffset, text.byteLength);
  return MARKS.some((m) => t.includes(m));
}

/** Options of `findContactDetails`. */
export interface ContactScanOptions {
  /**
   * Contacts that may appear in this text: the organisers' own public addresses and phone
   * numbers (`public_contacts:` in letter.yaml; addresses in lower case, phone numbers as
   * their digits), for letter.md, letter.yaml and the translations only, never for a
   * signature's file. Given (even empty), the hint names `public_contacts`.
   */
  allowed?: ReadonlySet<string> | undefined;
}

/**
 * Every email address or phone number in `text`, as errors at their line and column (1-based)
 * in `file`; see the module's notes for what is not an address.
 */
export function findContactDetails(text: string, file: string, options: ContactScanOptions = {}): Problem[] {
  const problems: Problem[] = [];
  if (!mayHoldContactDetails(text)) return problems;
  const lines = text.split(/\r?\n/);
  lines.forEach((line, i) => {
    const found = scanLine(line, options);
    // An address written with fullwidth letters or percent-encoding is still an address: found in the line as read.
    const plain = undisguised(line);
    const hidden = plain === undefined ? [] : scanLine(plain, options).filter((h) => !found.some((f) => f.text === h.text));
    // A disguised address is reported at its first encoded or fullwidth character.
    const disguisedAt = Math.max(0, line.search(/%40|\uff20|\ufe6b|[\uff0b\uff10-\uff19\uff21-\uff5a]/)) + 1;
    for (const { what, index, disguised } of [...found.map((f) => ({ ...f, disguised: false })), ...hidden.map((h) => ({ ...h, disguised: true }))]) {
      problems.push({
        file, line: i + 1, column: disguised ? disguisedAt : index + 1, severity: 'error', code: 'contact-details',
        message: `${what}${disguised ? ' (written with encoded or fullwidth characters)' : ''} in a public file of the letter`,
        hint: options.allowed
          ? "if it is the organisers' own public contact, list it under public_contacts: in letter.yaml; a signatory's contact belongs in the private store, never in git"
          : 'contact details belong in the private store (letter sign --email/--phone), never in git',
      });
    }
  });
  return problems;
}

/** The email addresses and phone numbers of one line, with their kind, text and index. */
function scanLine(line: string, options: ContactScanOptions): { what: string; text: string; index: number }[] {
  const out: { what: string; text: string; index: number }[] = [];
  for (const [re, what] of [[EMAIL, 'an email address'], [PHONE, 'a phone number']] as const) {
    for (const m of line.matchAll(re)) {
      if (what === 'a phone number' && (m[0].replace(/\D/g, '').length < 8 || options.allowed?.has(m[0].replace(/\D/g, '')))) continue;
      if (what === 'an email address' && !isEmailAddress(line, m.index ?? 0, m[0], options.allowed)) continue;
      out.push({ what, text: m[0], index: m.index ?? 0 });
    }
  }
  return out;
}

/** Whether the EMAIL match `found` at `at` in `line` is an email address to report. */
function isEmailAddress(line: string, at: number, found: string, allowed: ReadonlySet<string> | undefined): boolean {
  // A fediverse handle, @alice@mastodon.social, is a public name, not a mailbox.
  if (at > 0 && line[at - 1] === '@') return false;
  return !allowed?.has(found.replace(/^mailto:/i, '').toLowerCase());
}
