/**
 * What a rule of `letter check` is: a pure function of the letter's parsed files (`CheckInput`)
 * to the problems it finds. Letter-wide rules are `Rule`s; rules about one signature at a time
 * are `SignatureRule`s, run signature by signature so that a signature's problems stay together.
 */
import { at, type Locate, type Problem, problem } from '../../errors.js';
import type { NameSeed } from '../duplicates.js';
import type { ErasedRecord, LetterFile, Signature } from '../schema.js';
import { normaliseUrl } from '../urls.js';

/** What `checkLetter` needs: the parsed files with the names and locators of their files. */
export interface CheckInput {
  /** The folder's name, which must equal the slug. */
  folderName: string;
  /** How to name the letter in a suggested command, e.g. "letters/time-to-act". */
  shown: string;
  letter: LetterFile;
  letterFile: string;
  locateLetter: Locate;
  body: string | undefined;
  bodyFile: string;
  /** The translations' bodies, by language. */
  translations: Readonly<Record<string, { file: string; text: string | undefined }>>;
  /** With `key`, the name's normal form when known, which saves normalising each name again. */
  signatures: readonly SignatureEntry[];
  /** Erasure records: a signature whose name has an erased fingerprint is an error. */
  erased: readonly ErasedRecord[];
  /** CHANGELOG.md as text; or as its bytes (UTF-8), compared without decoding a changelog of a million lines. */
  changelog?: string | undefined;
  changelogBytes?: Uint8Array | undefined;
  changelogFile: string;
  /** Now, for dates in the future. */
  now: Date;
  /** How many signature files could not be read; the changelog is only compared when none. */
  unreadSignatures: number;
  /**
   * The consent records of the private store (signature id → record ids), when the letter has
   * one (a staff member's clone); undefined without (CI).
   */
  consentRecords?: ReadonlyMap<string, ReadonlySet<string>> | undefined;
}

/** One signature of `CheckInput`: the parsed file, its path as shown and its locator. */
export interface SignatureEntry {
  signature: Signature;
  file: string;
  locate: Locate;
  key?: string;
  seed?: NameSeed;
  /** For a published signature without `sort_as`, when the loader found it out: whether `sortKeyToWrite` gives it a key. */
  lacksSortKey?: boolean | undefined;
}

/** A rule about the letter as a whole: the problems it finds, in the order they are shown. */
export type Rule = (input: CheckInput) => Problem[];

/**
 * A rule about each signature: given the letter, it prepares what it needs once (an index of
 * names, the group ids) and returns the check of one signature (`n`: its index in
 * `input.signatures`).
 */
export type SignatureRule = (input: CheckInput) => (entry: SignatureEntry, n: number) => Problem[];

/**
 * A link not stored in its normal form (urls.ts): what a reviewer reads must be where a browser
 * goes, so an international domain name shows as Punycode and nothing is left for the parser to change.
 */
export function notNormalUrl(
  file: string,
  pos: { line: number; column: number },
  field: string,
  url: string,
  shown: string,
): Problem {
  return problem(
    'url-not-normal',
    at(file, pos),
    `${field} is not in the normal form a browser reads it in: ${normaliseUrl(url)}`,
    `run letter fmt ${shown} to rewrite it`,
  );
}
