/**
 * Nothing of an invitee who has not agreed may reach a public file: their name, email
 * address or phone number in a file git tracks (or would add) is an error of `letter check`
 * (`invitee-in-public-file`). Pure: what to search for, and the problems of what was found
 * (storage and git.ts `grepPublic` do the search). Contact details of anyone, in a letter's
 * own files, are contact-details.ts's rule; this one also covers names, and every file of the
 * repository.
 */
import { at, type Problem, problem } from '../errors.js';
import { maskContact } from './contacts.js';
import { type Invitation, stateOf } from './invitations.js';

/** What to look for: emails as whole words in any case (`words`); names with any spaces between their words, and phone numbers as their digits with any separators (`regexes`, POSIX ERE). */
export interface InviteeSearch {
  words: string[];
  regexes: string[];
}

const digitsOf = (s: string) => s.replace(/\D/g, '');
/** A name compared without case, any run of spaces as one. */
const spaced = (s: string) => s.trim().toLowerCase().replace(/\s+/gu, ' ');
/** `s` as a POSIX extended regular expression that matches it literally. */
const escapeEre = (s: string) => s.replace(/[.[\]()*+?{}|^$\\]/g, '\\$&');

/** The invitations whose invitee has not agreed: invited, reminded, declined or no answer. */
export function notAgreed(invitations: readonly Invitation[]): Invitation[] {
  return invitations.filter((i) => stateOf(i) !== 'agreed');
}

/**
 * Whether a name is specific enough to search for as a whole: two words or more, or one in a
 * script written without spaces between given and family name (Han, Hangul, kana, Thai:
 * 성대현). A name of one word elsewhere ("May", "Chris") is a first name alone, found in
 * dates and in other people's names: only its invitee's email and phone are searched.
 */
export function searchableName(name: string): boolean {
  const words = name
    .trim()
    .split(/\s+/u)
    .filter((w) => /[\p{L}\p{N}]/u.test(w));
  if (words.length >= 2) return true;
  return /[\p{Script=Han}\p{Script=Hangul}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]/u.test(
    name,
  );
}

/** The patterns of `notAgreed(invitations)` (for `grepPublic`); see `searchableName`. */
export function inviteeSearch(invitations: readonly Invitation[]): InviteeSearch {
  const words = new Set<string>();
  const regexes = new Set<string>();
  for (const i of notAgreed(invitations)) {
    // Any run of spaces between the words of a name ("Kim  Lee", a tab): as POSIX ERE.
    if (searchableName(i.name))
      regexes.add(i.name.trim().split(/\s+/u).map(escapeEre).join('[[:space:]]+'));
    if (i.contact?.email) words.add(i.contact.email);
    const digits = i.contact?.phone ? digitsOf(i.contact.phone) : '';
    // Digits with up to two separators between them (spaces, dots, hyphens, brackets): "+41 22 000 00 00".
    if (digits.length >= 6) regexes.add([...digits].join('[^0-9A-Za-z]{0,2}'));
  }
  return { words: [...words], regexes: [...regexes] };
}

/** A match found in a public file: the file as shown, 1-based line and column, and the text matched. */
export interface FoundText {
  file: string;
  line: number;
  column: number;
  match: string;
}

/**
 * The problems of `found`: each match that is the name, email or phone number of an invitee
 * who has not agreed (compared without case; phone numbers by their digits). Contacts are
 * shown masked; the invitee by their invitation id and state.
 */
export function inviteeLeaks(
  invitations: readonly Invitation[],
  found: readonly FoundText[],
): Problem[] {
  const pending = notAgreed(invitations);
  const problems: Problem[] = [];
  for (const f of found) {
    const text = f.match.trim().toLowerCase();
    for (const i of pending) {
      const what =
        searchableName(i.name) && spaced(i.name) === spaced(text)
          ? 'the name'
          : i.contact?.email?.toLowerCase() === text
            ? `the email address ${maskContact(f.match)}`
            : i.contact?.phone && digitsOf(i.contact.phone) === digitsOf(text)
              ? `the phone number ${maskContact(f.match)}`
              : undefined;
      if (!what) continue;
      problems.push(
        problem(
          'invitee-in-public-file',
          at(f.file, { line: f.line, column: f.column }),
          `${what} of invitee ${i.id} (${stateOf(i)}), who has not agreed to sign, is in a public file`,
          'take it out: an invitee stays in the private store until they agree (letter answer <letter> <invitation> agreed)',
        ),
      );
      break;
    }
  }
  return problems;
}
