/** The rule of `letter check` about names that likely belong to one person. */
import { at, problem } from '../../errors.js';
import { undecidedPairs } from '../signatures.js';
import type { Rule } from './rule.js';

/**
 * `likely-duplicate`: signatures (pending or verified) whose names likely belong to one person
 * and that no person has decided about (see `undecidedPairs`): a warning on the later one.
 * Exact names are `duplicate-name` errors (signature.ts).
 */
export const noLikelyDuplicates: Rule = ({ signatures, shown }) => {
  const live = signatures.filter(
    (e) => e.signature.status === 'pending' || e.signature.status === 'verified',
  );
  if (live.length < 2) return [];
  const entries = new Map(live.map((e) => [e.signature, e]));
  return undecidedPairs(
    live.map((e) => e.signature),
    undefined,
    live.map((e) => e.seed),
  )
    .filter((p) => p.match.kind === 'likely' || p.match.kind === 'same-email')
    .map(({ earlier, later, match }) => {
      const e = entries.get(later)!;
      return problem(
        'likely-duplicate',
        at(e.file, e.locate(['name'])),
        `"${later.name}" is likely the same person as ${earlier.id} ("${earlier.name}"): ${match.reason}`,
        `if they are different people: letter distinct ${shown} ${later.id} ${earlier.id}; else withdraw or reject one of them`,
      );
    });
};
