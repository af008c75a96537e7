/** The rule of `letter check` that a text changed after the letter opened says why (letter.yaml `revisions:`). */
import { at, problem } from '../../errors.js';
import { toIsoTimestamp } from '../dates.js';
import { textVersion } from '../text-version.js';
import type { Rule } from './rule.js';

/**
 * `text-revision-missing` (an error): an open or closed letter whose signatories (pending or
 * verified) agreed to another version of the text than the current one, and whose
 * letter.yaml has no `revisions:` entry for the current version. The rule: once a
 * letter is open, changing its text needs a recorded reason. The hint is the entry to add.
 */
export const textRevisionRecorded: Rule = ({
  letter,
  body,
  signatures,
  letterFile,
  locateLetter,
  now,
}) => {
  if (body === undefined || letter.status === 'draft') return [];
  const current = textVersion(body);
  if ((letter.revisions ?? []).some((r) => r.text === current)) return [];
  const agreedToOther = signatures.some(
    (s) =>
      s.signature.text_version !== undefined &&
      s.signature.text_version !== current &&
      (s.signature.status === 'pending' || s.signature.status === 'verified'),
  );
  if (!agreedToOther) return [];
  const entry = `{ text: "${current}", at: "${toIsoTimestamp(now)}", reason: "<why the text changed>" }`;
  return [
    problem(
      'text-revision-missing',
      at(letterFile, locateLetter(letter.revisions ? ['revisions'] : ['status'])),
      `the text changed after the letter opened; record why: no entry of revisions: is for the current text ${current}, and signatories agreed to another version`,
      letter.revisions
        ? `add to revisions: in letter.yaml: - ${entry}`
        : `add to letter.yaml: revisions: [${entry}]`,
    ),
  ];
};
