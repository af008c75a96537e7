/** The rule of `letter check` about signatures without `sort_as`. */
import { at, problem } from '../../errors.js';
import { sortAsLine, sortKeyToWrite } from '../sort-key.js';
import type { Rule, SignatureEntry } from './rule.js';

/** Past this many published signatures without `sort_as`, `sortKeysPresent` gives one warning for them all. */
export const SORT_KEY_WARNINGS_LIMIT = 20;

/**
 * `sort-key-missing`: published signatures (pending or verified) without `sort_as` whose
 * derived key (sort-key.ts) differs from the name, so that renders sort them by the given
 * name: one warning each with the line to add, or past `SORT_KEY_WARNINGS_LIMIT` one for them all.
 */
export const sortKeysPresent: Rule = ({ signatures, letter, shown }) => {
  const keyOf = (entry: SignatureEntry) =>
    sortKeyToWrite(entry.signature.name, { language: letter.language });
  // The loader tells which lack a key; the keys themselves are made only for what is reported.
  const lacking: SignatureEntry[] = [];
  for (const entry of signatures) {
    const s = entry.signature;
    if (s.sort_as !== undefined || (s.status !== 'pending' && s.status !== 'verified')) continue;
    if (entry.lacksSortKey ?? keyOf(entry) !== undefined) lacking.push(entry);
  }
  if (lacking.length > SORT_KEY_WARNINGS_LIMIT) {
    const entry = lacking[0]!;
    const n = lacking.length;
    return [
      problem(
        'sort-key-missing',
        at(entry.file, entry.locate(['name'])),
        `${n} published signatures have no sort_as: renders sort them by the name as displayed, given name first (the first: ${entry.file})`,
        `fill them all in with: letter fmt ${shown} --sort-keys (here: ${sortAsLine(keyOf(entry)!)})`,
      ),
    ];
  }
  return lacking.map((entry) =>
    problem(
      'sort-key-missing',
      at(entry.file, entry.locate(['name'])),
      `"${entry.signature.name}" has no sort_as: renders sort it by the name as displayed, given name first`,
      `add the line: ${sortAsLine(keyOf(entry)!)}`,
    ),
  );
};
