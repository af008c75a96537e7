import { publishedChangelog } from '../../src/letter/changelog.js';
import type { CheckInput, SignatureEntry } from '../../src/letter/rules/rule.js';
import type { Signature } from '../../src/letter/schema.js';
import { letter, NOW } from './fixtures.js';

/** A locator that puts everything at `line`, column 3. */
export const lineOf = (line: number) => () => ({ line, column: 3 });

/** A signature as `checkLetter` sees it: at signatures/<id>.yaml, everything on line 1. */
export const entryOf = (s: Signature): SignatureEntry => ({
  signature: s,
  file: `signatures/${s.id}.yaml`,
  locate: lineOf(1),
});

/** A consistent letter (the fixtures' letter, everything of letter.yaml on line 2) with `signatures`. */
export function checkInput(
  signatures: Signature[],
  overrides: Partial<CheckInput> = {},
): CheckInput {
  return {
    folderName: 'time-to-act',
    shown: 'letters/time-to-act',
    letter,
    letterFile: 'letter.yaml',
    locateLetter: lineOf(2),
    body: 'Text.',
    bodyFile: 'letter.md',
    translations: {},
    signatures: signatures.map(entryOf),
    changelog: publishedChangelog(letter, signatures, []).text,
    changelogFile: 'CHANGELOG.md',
    now: NOW,
    unreadSignatures: 0,
    erased: [],
    ...overrides,
  };
}
