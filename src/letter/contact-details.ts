/**
 * Finding contact details (email addresses, phone numbers) in the public files of a letter,
 * where they must never be. Pure: text in, problems out.
 *
 * Email addresses: any letters of any script in the local part and the domain
 * (`josé@exämple.org`, `用户@例子.广告`), and punycode domains (`a@xn--bcher-kva.example`).
 * Not taken for one: a fediverse handle (`@alice@mastodon.social`: an address right after an
 * `@`), and an `@` that starts a name in a web address (`https://medium.com/@alice`: no
 * address at all). A whole address inside a web address (`https://example.org/?contact=a@b.org`,
 * `https://user:pw@example.org`) is still found: rendered, it would publish the address.
 *
 * Phone numbers: international (`+` and 8 to 15 digits), `tel:` links, and national numbers
 * written the usual ways: a trunk `0` (`020 7946 0958`, `06 12 34 56 78`, `0612345678`,
 * `00 41 22 000 00 00`) or the North American 3-3-4 form (`(555) 123-4567`, `555-123-4567`).
 * Not taken for one: dates and times (`2020-05-26`, `01.02.2020 10`), years and ranges
 * (`1939-1945`), large counts (`100 000 000`), ISBNs (groups of one digit, or after `ISBN`),
 * digits inside a longer token (hashes, ids, versions, DOIs). Numbers of other national forms
 * without a trunk 0 (`912 345 678`) are not found: a reader cannot tell them from counts.
 *
 * Every scan is linear in the text: addresses are found from their `@` outwards, and phone
 * numbers by a pattern of bounded length, then judged in code.
 */
import { type Problem, problem } from '../errors.js';
import { emailKey } from './contacts.js';
import { toLf } from './text.js';

// A phone number's shape, bounded in length (so linear), not inside a longer token; judged by `isPhoneNumber`.
const PHONE_CANDIDATE =
  /(?<![\p{L}\p{N}_.\-/+@%#])(?:tel:\s*)?\+?\(?\d[\d ().-]{5,24}\d(?![\p{L}\p{N}_\-/@]|[.,]\d)/gu;
// Only text with one of these can hold a national phone number: a 0 or ( starting a number
// (not the minutes and seconds of a timestamp, :00:00Z), or the 3-3-4 form.
const NATIONAL_HINT = /(?<![\w.\-/+@%])[0(]\d(?!\d?[:Z])|\d{3}[ .-]\d{3}[ .-]\d{4}/;

// Every email address holds one of these, and so does every international number or tel: link.
const MARKS = ['@', '+', 'tel:', '%40', '\uff20', '\ufe6b', '\uff0b'];

/**
 * The line as a reader would see it once compatibility forms are folded (Unicode NFKC:
 * fullwidth "ａ＠ｂ．ｏｒｇ", small "﹫") and percent-encoding is decoded ("a%40b.org"), or
 * undefined when that changes nothing.
 */
function undisguised(line: string): string | undefined {
  let s = line.normalize('NFKC');
  if (s.includes('%'))
    s = s.replace(/%([0-9A-Fa-f]{2})/g, (m, h: string) =>
      Number.parseInt(h, 16) < 0x80 ? String.fromCharCode(Number.parseInt(h, 16)) : m,
    );
  return s === line ? undefined : s;
}

/** Whether `text` (or its UTF-8 bytes) may hold contact details: a quick test before `findContactDetails`. */
export function mayHoldContactDetails(text: string | Uint8Array): boolean {
  const t =
    typeof text === 'string' ? text : Buffer.from(text.buffer, text.byteOffset, text.byteLength);
  if (MARKS.some((m) => t.includes(m))) return true;
  // Digits are ASCII: Latin-1 keeps their places in UTF-8 bytes without decoding the rest.
  return NATIONAL_HINT.test(typeof t === 'string' ? t : t.toString('latin1'));
}

/** Options of `findContactDetails`. */
export interface ContactScanOptions {
  /**
   * Contacts that may appear in this text: the organisers' own public addresses and phone
   * numbers (`public_contacts:` in letter.yaml; see `allowedContactKey`), for the letter's
   * own texts only, never for a signature's file. Given (even empty), the hint names
   * `public_contacts`.
   */
  allowed?: ReadonlySet<string> | undefined;
}

/** The form in which a contact is compared with `public_contacts:`: an address in lower case, a phone number as its digits. */
export function allowedContactKey(contact: string): string {
  return contact.includes('@')
    ? emailKey(contact.trim().replace(/^mailto:/i, ''))
    : contact.replace(/\D/g, '');
}

/**
 * Every email address or phone number in `text`, as errors at their line and column (1-based)
 * in `file`; see the module's notes for what is and is not one. Messages never hold the value.
 */
export function findContactDetails(
  text: string,
  file: string,
  options: ContactScanOptions = {},
): Problem[] {
  const problems: Problem[] = [];
  if (!mayHoldContactDetails(text)) return problems;
  // Lines as an editor shows them: after CRLF, LF or a lone CR.
  const lines = toLf(text).split('\n');
  lines.forEach((line, i) => {
    const found = scanLine(line, options);
    // An address written with fullwidth letters or percent-encoding is still an address: found in the line as read.
    const plain = undisguised(line);
    const hidden =
      plain === undefined
        ? []
        : scanLine(plain, options).filter((h) => !found.some((f) => f.text === h.text));
    // A disguised address is reported at its first encoded or fullwidth character.
    const disguisedAt =
      Math.max(0, line.search(/%40|\uff20|\ufe6b|[\uff0b\uff10-\uff19\uff21-\uff5a]/)) + 1;
    for (const { what, index, disguised } of [
      ...found.map((f) => ({ ...f, disguised: false })),
      ...hidden.map((h) => ({ ...h, disguised: true })),
    ]) {
      problems.push(
        problem(
          'contact-details',
          { file, line: i + 1, column: disguised ? disguisedAt : index + 1 },
          `${what}${disguised ? ' (written with encoded or fullwidth characters)' : ''} in a public file of the letter`,
          options.allowed
            ? "if it is the organisers' own public contact, list it under public_contacts: in letter.yaml; a signatory's contact belongs in the private store, never in git"
            : 'contact details belong in the private store (letter sign --email/--phone), never in git',
        ),
      );
    }
  });
  return problems;
}

/** A contact found in a line: its kind, text and index. */
interface Found {
  what: 'an email address' | 'a phone number';
  text: string;
  index: number;
}

/** The email addresses and phone numbers of one line, in the order they appear. */
function scanLine(line: string, options: ContactScanOptions): Found[] {
  const out: Found[] = [];
  for (const m of emailAddresses(line))
    if (!options.allowed?.has(allowedContactKey(m.text)))
      out.push({ what: 'an email address', ...m });
  if (line.search(/\d/) >= 0) {
    for (const m of line.matchAll(PHONE_CANDIDATE)) {
      // A bracket that opens no area code, "(0612345678", is not part of the number.
      const open = m[0].startsWith('(') && !m[0].includes(')') ? 1 : 0;
      const text = m[0].slice(open);
      const index = (m.index ?? 0) + open;
      if (
        isPhoneNumber(text, line.slice(Math.max(0, index - 12), index)) &&
        !options.allowed?.has(allowedContactKey(text))
      )
        out.push({ what: 'a phone number', text, index });
    }
  }
  return out.sort((a, b) => a.index - b.index);
}

// Characters of an address's local part and domain, in any script.
const LOCAL_CHAR = /[\p{L}\p{M}\p{N}._%+-]/u;
const DOMAIN_CHAR = /[\p{L}\p{M}\p{N}.-]/u;
// A top-level domain: two letters or more in any script, or a punycode label.
const TLD = /^(?:[\p{L}\p{M}]{2,}|xn--[a-z0-9-]+)$/iu;

/**
 * The email addresses of `line` (text from the local part, or `mailto:`, to the end of the
 * domain), found from each `@` outwards: a scan linear in the line.
 */
function emailAddresses(line: string): { text: string; index: number }[] {
  const out: { text: string; index: number }[] = [];
  for (let at = line.indexOf('@'); at >= 0; at = line.indexOf('@', at + 1)) {
    let start = at;
    while (start > 0 && LOCAL_CHAR.test(line[start - 1]!)) start--;
    // An address ends neither its local part nor its domain with a dot or a hyphen.
    while (start < at && /[.-]/.test(line[start]!)) start++;
    if (start === at) continue;
    // A fediverse handle, @alice@mastodon.social, is a public name, not a mailbox.
    if (start > 0 && line[start - 1] === '@') continue;
    let end = at + 1;
    while (end < line.length && DOMAIN_CHAR.test(line[end]!)) end++;
    const labels = line.slice(at + 1, end).split('.');
    while (labels.length > 0 && !TLD.test(labels.at(-1)!)) labels.pop();
    if (labels.length < 2 || labels.some((l) => l === '' || l.startsWith('-') || l.endsWith('-')))
      continue;
    const index =
      line.slice(Math.max(0, start - 7), start).toLowerCase() === 'mailto:' ? start - 7 : start;
    out.push({ text: line.slice(index, at + 1 + labels.join('.').length), index });
  }
  return out;
}

/**
 * Whether a PHONE_CANDIDATE match is a phone number (see the module's notes); `before` is
 * the text just before it, where an `ISBN` would stand.
 */
function isPhoneNumber(candidate: string, before: string): boolean {
  const digits = candidate.replace(/\D/g, '').length;
  if (/^tel:/i.test(candidate)) return digits >= 7;
  if (candidate.startsWith('+')) return digits >= 8 && digits <= 15;
  if (/isbn(?:-1[03])?:?\s*$/i.test(before)) return false;
  // Groups of digits, each after one separator: a space, a dot, a dash, or the brackets of an area code.
  const m = /^(\(\d{2,5}\) ?|\d+)((?:[ .-]\d+)*)$/.exec(candidate);
  if (!m) return false;
  const groups = [m[1]!.replace(/\D/g, ''), ...m[2]!.split(/[ .-]/).slice(1)];
  // A date with a four-digit year first or last in its group of three: 2020-05-26, 26.05.2020.
  if (/^(?:\d{4}[.-]\d{1,2}[.-]\d{1,2}|\d{1,2}[./-]\d{1,2}[./-]\d{4})(?!\d)/.test(candidate))
    return false;
  if (groups[0]!.startsWith('0')) {
    // A trunk 0 (or 00, an international call): 9 to 15 digits in groups of two or more.
    if (groups.length === 1) return digits >= 10 && digits <= 12;
    return digits >= 9 && digits <= 15 && groups.every((g) => g.length >= 2 && g.length <= 8);
  }
  // The North American form: (555) 123-4567, 555-123-4567, 555.123.4567.
  return (
    groups.length === 3 &&
    groups[0]!.length === 3 &&
    groups[1]!.length === 3 &&
    groups[2]!.length === 4
  );
}
