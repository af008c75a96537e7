/**
 * The rules of a change (`letter check --base`) about the signatures it adds: how many a
 * contributor may add, what each must be, whose it is, and whether its name is already on
 * the letter.
 */
import { at, type Locate, type Problem, problem } from '../../errors.js';
import { isCertain, needsDecision } from '../duplicates.js';
import type { Signature } from '../schema.js';
import { indexedName, indexOf } from '../signatures.js';
import type { ChangeInput } from './change-rule.js';

/** A rule about one signature file the change adds (`file`, as shown). */
export type AddedSignatureRule = (
  c: ChangeInput,
  file: string,
  added: { signature: Signature; locate: Locate },
) => Problem[];

/** `too-many-added`: a contributor's change adds at most `maxAdded` signatures (`added`: their ids in order); each one past it is named. */
export function addedWithinLimit(c: ChangeInput, added: readonly string[]): Problem[] {
  if (c.role !== 'contributor' || added.length <= c.maxAdded) return [];
  return added
    .slice(c.maxAdded)
    .map((id) =>
      problem(
        'too-many-added',
        at(c.changes.find((ch) => ch.signature?.id === id)!.file),
        `the change adds ${added.length} signatures; a contributor's change may add at most ${c.maxAdded}`,
        'one pull request per signatory',
      ),
    );
}

/** `letter-closed`: a closed letter takes no signature from a contributor. */
export const letterOpen: AddedSignatureRule = (c, file) =>
  c.letterStatus === 'closed'
    ? [problem('letter-closed', at(file), 'the letter is closed to new signatures')]
    : [];

/** `not-pending`: a contributor adds a pending signature; an editor verifies it. */
export const addedPending: AddedSignatureRule = (_, file, { signature, locate }) =>
  signature.status !== 'pending' || signature.verified || signature.withdrawn || signature.rejected
    ? [
        problem(
          'not-pending',
          at(file, locate(['status'])),
          `an added signature must be pending; this one is ${signature.status}`,
          'set status: pending and remove any verified, withdrawn or rejected block; an editor verifies it',
        ),
      ]
    : [];

/** `signed-at-out-of-range`: a contributor's signature is dated within the last 31 days (and at most an hour ahead). */
export const signedRecently: AddedSignatureRule = (c, file, { signature, locate }) => {
  const age = Date.parse(c.now) - Date.parse(signature.signed_at);
  return age > 31 * 86_400_000 || age < -3_600_000
    ? [
        problem(
          'signed-at-out-of-range',
          at(file, locate(['signed_at'])),
          `signed_at ${signature.signed_at} is not the time of this change`,
          'use the time you sign, e.g. by running letter sign',
        ),
      ]
    : [];
};

/**
 * `github-missing`, `github-mismatch`: with the pull request's author known, a contributor's
 * added signature carries their own GitHub login: nobody signs for someone else.
 */
export const signedByAuthor: AddedSignatureRule = (c, file, { signature, locate }) => {
  if (c.author === undefined) return [];
  if (signature.github === undefined)
    return [
      problem(
        'github-missing',
        at(file, locate([])),
        `the added signature has no github login; the pull request is by ${c.author}`,
        `add a line: github: ${c.author}`,
      ),
    ];
  if (signature.github.toLowerCase() !== c.author.toLowerCase())
    return [
      problem(
        'github-mismatch',
        at(file, locate(['github'])),
        `the added signature is for GitHub user ${signature.github}, but the pull request is by ${c.author}: nobody signs for someone else`,
        'sign only for yourself; an editor can add others',
      ),
    ];
  return [];
};

/**
 * `likely-duplicate-added`: added signatures whose name is someone already on the letter:
 * the same name, look-alike letters, or a likely match by score (see duplicates.ts), and not
 * decided. An editor's change may decide (the added signature's `distinct_from` names the
 * other); a contributor's may not, since nobody decides about their own name.
 */
export function addedNamesNew(c: ChangeInput): Problem[] {
  if (c.added.size === 0) return [];
  const index = indexOf(c.existing);
  const problems: Problem[] = [];
  for (const [file, { signature, locate }] of c.added) {
    const match = index
      .find(signature.name, signature)
      .find(
        (m) =>
          isCertain(m) ||
          (needsDecision(m) && !(c.role === 'editor' && signature.distinct_from?.includes(m.id))),
      );
    if (match) {
      const how =
        match.kind === 'likely'
          ? 'likely the same person as'
          : match.kind === 'look-alike'
            ? 'the name, in look-alike letters, of'
            : 'the same name as';
      problems.push(
        problem(
          'likely-duplicate-added',
          at(file, locate(['name'])),
          `the change adds "${signature.name}", ${how} ${match.id} ("${match.name}", ${match.status}) already on the letter: ${match.reason}`,
          isCertain(match)
            ? 'remove this signature'
            : c.role === 'editor'
              ? `if they are different people: letter distinct ${file.replace(/\/signatures\/[\s\S]*$/, '')} ${signature.id} ${match.id}`
              : 'if you are a different person, say so in the pull request: an editor records it (letter distinct)',
        ),
      );
    }
    index.add(indexedName(signature));
  }
  return problems;
}
