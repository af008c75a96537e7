import type { ChangeInput, LetterFileChange } from '../../src/letter/rules/change-rule.js';
import type { Signature } from '../../src/letter/schema.js';
import { letter } from './fixtures.js';

/** A changed file of letters/time-to-act: `inLetter` its path in the letter folder. */
export function changed(
  status: LetterFileChange['status'],
  inLetter: string,
  signature?: LetterFileChange['signature'],
): LetterFileChange {
  return { status, file: `letters/time-to-act/${inLetter}`, inLetter, signature };
}

/** The added signature files of a change, by shown path, each located at line 4, column 1. */
export function addedFiles(...signatures: Signature[]): ChangeInput['added'] {
  return new Map(
    signatures.map((signature) => [
      `letters/time-to-act/signatures/${signature.id}.yaml`,
      { signature, locate: () => ({ line: 4, column: 1 }) },
    ]),
  );
}

/** A contributor's change to the fixtures' letter that changes nothing, at 2020-05-26T12:00:00Z. */
export function changeInput(overrides: Partial<ChangeInput> = {}): ChangeInput {
  return {
    base: 'main',
    role: 'contributor',
    maxAdded: 1,
    changes: [],
    added: new Map(),
    changelogOnlyAdds: true,
    changelogAdded: [],
    letter,
    letterStatus: 'open',
    now: '2020-05-26T12:00:00Z',
    existing: [],
    erased: [],
    removedAtBase: new Map(),
    ...overrides,
  };
}
