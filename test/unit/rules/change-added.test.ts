import { describe, expect, it } from 'vitest';
import {
  addedNamesNew,
  addedPending,
  addedWithinLimit,
  letterOpen,
  signedByAuthor,
  signedRecently,
} from '../../../src/letter/rules/change-added.js';
import { addedFiles, changed, changeInput } from '../../helpers/change-input.js';
import { sig } from '../../helpers/fixtures.js';

const ann = sig('ann-lee', 'Ann Lee', { signed_at: '2020-05-26T11:00:00Z', github: 'annlee' });
const file = 'letters/time-to-act/signatures/ann-lee.yaml';
const at = { signature: ann, locate: () => ({ line: 4, column: 1 }) };

describe('addedWithinLimit', () => {
  const two = changeInput({
    changes: [
      changed('A', 'signatures/ann-lee.yaml', { id: 'ann-lee', erased: false }),
      changed('A', 'signatures/bo-yi.yaml', { id: 'bo-yi', erased: false }),
    ],
  });
  it("names each signature past a contributor's limit", () => {
    expect(addedWithinLimit(two, ['ann-lee', 'bo-yi'])).toEqual([
      {
        file: 'letters/time-to-act/signatures/bo-yi.yaml',
        line: 1,
        column: 1,
        severity: 'error',
        code: 'too-many-added',
        message: "the change adds 2 signatures; a contributor's change may add at most 1",
        hint: 'one pull request per signatory',
      },
    ]);
  });
  it('lets an editor add any number', () => {
    expect(addedWithinLimit({ ...two, role: 'editor' }, ['ann-lee', 'bo-yi'])).toEqual([]);
  });
});

describe('letterOpen', () => {
  it('refuses a signature added to a closed letter', () => {
    expect(letterOpen(changeInput({ letterStatus: 'closed' }), file, at)).toEqual([
      {
        file,
        line: 1,
        column: 1,
        severity: 'error',
        code: 'letter-closed',
        message: 'the letter is closed to new signatures',
      },
    ]);
    expect(letterOpen(changeInput(), file, at)).toEqual([]);
  });
});

describe('addedPending', () => {
  it('refuses an added signature that is not pending, at its status', () => {
    const verified = {
      ...at,
      signature: { ...ann, status: 'verified' as const, verified: { by: 'x', at: ann.signed_at } },
    };
    expect(addedPending(changeInput(), file, verified)).toEqual([
      {
        file,
        line: 4,
        column: 1,
        severity: 'error',
        code: 'not-pending',
        message: 'an added signature must be pending; this one is verified',
        hint: 'set status: pending and remove any verified, withdrawn or rejected block; an editor verifies it',
      },
    ]);
    expect(addedPending(changeInput(), file, at)).toEqual([]);
  });
});

describe('signedRecently', () => {
  it('refuses a signature dated more than 31 days before the change, or an hour after', () => {
    const old = { ...at, signature: { ...ann, signed_at: '2020-04-01T00:00:00Z' } };
    expect(signedRecently(changeInput(), file, old)).toEqual([
      {
        file,
        line: 4,
        column: 1,
        severity: 'error',
        code: 'signed-at-out-of-range',
        message: 'signed_at 2020-04-01T00:00:00Z is not the time of this change',
        hint: 'use the time you sign, e.g. by running letter sign',
      },
    ]);
    const ahead = { ...at, signature: { ...ann, signed_at: '2020-05-26T13:00:01Z' } };
    expect(signedRecently(changeInput(), file, ahead).map((p) => p.code)).toEqual([
      'signed-at-out-of-range',
    ]);
    expect(signedRecently(changeInput(), file, at)).toEqual([]);
  });
});

describe('signedByAuthor', () => {
  it('refuses a signature without the github login of the pull request, or with another', () => {
    const none = { ...at, signature: { ...ann, github: undefined } };
    expect(signedByAuthor(changeInput({ author: 'annlee' }), file, none)).toEqual([
      {
        file,
        line: 4,
        column: 1,
        severity: 'error',
        code: 'github-missing',
        message: 'the added signature has no github login; the pull request is by annlee',
        hint: 'add a line: github: annlee',
      },
    ]);
    expect(signedByAuthor(changeInput({ author: 'mallory' }), file, at)).toEqual([
      {
        file,
        line: 4,
        column: 1,
        severity: 'error',
        code: 'github-mismatch',
        message:
          'the added signature is for GitHub user annlee, but the pull request is by mallory: nobody signs for someone else',
        hint: 'sign only for yourself; an editor can add others',
      },
    ]);
  });
  it('accepts the author in any case, and judges nothing without an author', () => {
    expect(signedByAuthor(changeInput({ author: 'AnnLee' }), file, at)).toEqual([]);
    expect(signedByAuthor(changeInput(), file, at)).toEqual([]);
  });
});

describe('addedNamesNew', () => {
  it('refuses an added name already on the letter', () => {
    const c = changeInput({ added: addedFiles(ann), existing: [sig('ann-lee-2', 'Ann Lee')] });
    const [p, ...rest] = addedNamesNew(c);
    expect(rest).toEqual([]);
    expect(p).toMatchObject({
      file,
      line: 4,
      column: 1,
      severity: 'error',
      code: 'likely-duplicate-added',
      hint: 'remove this signature',
    });
    expect(p!.message).toMatch(
      /^the change adds "Ann Lee", the same name as ann-lee-2 \("Ann Lee", pending\) already on the letter: ./,
    );
  });
  it('accepts a new name', () => {
    const c = changeInput({ added: addedFiles(ann), existing: [sig('bo-yi', 'Bo Yi')] });
    expect(addedNamesNew(c)).toEqual([]);
  });
});
