/**
 * The rules of a valid letter beyond each file's own schema: slug and folder agree,
 * groups are known, every signature shown gives what the letter requires (`requires:`), no
 * name signed twice after normalisation, the changelog is in step with the signatures. Each
 * rule is a named function in rules/ (its problem codes in its TSDoc); `LETTER_RULES` is their
 * order of report. Pure: it reads nothing, it returns problems.
 */
import type { Problem } from '../errors.js';
import { changelogInStep } from './rules/changelog.js';
import { consentRecorded } from './rules/consent.js';
import {
  bodyNotEmpty,
  flatLayoutNotFull,
  groupIdsUnique,
  letterUrlsNormal,
  requiresDeclaredGroups,
  slugMatchesFolder,
} from './rules/letter.js';
import { noLikelyDuplicates } from './rules/likely-duplicate.js';
import type { CheckInput, Rule, SignatureRule } from './rules/rule.js';
import {
  datesInOrder,
  datesNotInFuture,
  distinctFromValid,
  groupKnown,
  nameInOneScript,
  nameNotDuplicated,
  nameNotErased,
  requiredFieldsPresent,
  signatureUrlsNormal,
} from './rules/signature.js';
import { sortKeysPresent } from './rules/sort-key.js';
import { textRevisionRecorded } from './rules/text-revision.js';
import { textUnchangedSinceSigned, translationsUpToDate } from './rules/text-version.js';

export { FLAT_LAYOUT_LIMIT } from './rules/letter.js';
export type { CheckInput } from './rules/rule.js';
export { SORT_KEY_WARNINGS_LIMIT } from './rules/sort-key.js';

/** The rules about each signature, in the order a signature's problems are listed. */
export const SIGNATURE_RULES: readonly SignatureRule[] = [
  groupKnown,
  requiredFieldsPresent,
  consentRecorded,
  nameNotErased,
  nameNotDuplicated,
  distinctFromValid,
  nameInOneScript,
  datesNotInFuture,
  signatureUrlsNormal,
  datesInOrder,
];

/** Runs `rules` signature by signature: every problem of the first signature, then of the second. */
export function eachSignature(rules: readonly SignatureRule[]): Rule {
  return (input) => {
    const checks = rules.map((rule) => rule(input));
    const problems: Problem[] = [];
    for (const [n, entry] of input.signatures.entries())
      for (const check of checks) problems.push(...check(entry, n));
    return problems;
  };
}

/** Every rule of `letter check`, in the order their problems are listed. */
export const LETTER_RULES: readonly Rule[] = [
  slugMatchesFolder,
  groupIdsUnique,
  letterUrlsNormal,
  requiresDeclaredGroups,
  bodyNotEmpty,
  eachSignature(SIGNATURE_RULES),
  flatLayoutNotFull,
  noLikelyDuplicates,
  textRevisionRecorded,
  textUnchangedSinceSigned,
  translationsUpToDate,
  sortKeysPresent,
  changelogInStep,
];

/** Every rule-level problem of a letter whose files each parsed; errors before warnings is not guaranteed. */
export function checkLetter(input: CheckInput): Problem[] {
  return LETTER_RULES.flatMap((rule) => rule(input));
}
