import { describe, expect, it } from 'vitest';
import type { CheckInput, SignatureRule } from '../../../src/letter/rules/rule.js';
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
} from '../../../src/letter/rules/signature.js';
import type { Signature } from '../../../src/letter/schema.js';
import { erase } from '../../../src/letter/signatures.js';
import { checkInput } from '../../helpers/check-input.js';
import { letter, NOW, sig } from '../../helpers/fixtures.js';

/** The problems `rule` finds in each signature of `signatures`, signature by signature. */
function run(rule: SignatureRule, signatures: Signature[], overrides: Partial<CheckInput> = {}) {
  const input = checkInput(signatures, overrides);
  const check = rule(input);
  return input.signatures.flatMap((e, n) => check(e, n));
}

describe('groupKnown', () => {
  it('is quiet for a declared group or none', () => {
    expect(run(groupKnown, [sig('a', 'Ann Lee'), sig('b', 'Bo Yi', { group: undefined })])).toEqual(
      [],
    );
  });
  it('reports a group the letter does not declare, naming those it does', () => {
    expect(run(groupKnown, [sig('a', 'Ann Lee', { group: 'academia' })])).toEqual([
      {
        file: 'signatures/a.yaml',
        line: 1,
        column: 3,
        severity: 'error',
        code: 'unknown-group',
        message: 'group "academia" is not a group of this letter',
        hint: 'use one of: international-organisations, industry',
      },
    ]);
  });
});

describe('requiredFieldsPresent', () => {
  it('reports each required field a pending or verified signature lacks, by its own code', () => {
    const s = sig('a', 'Ann Lee', { country: undefined, group: undefined });
    expect(run(requiredFieldsPresent, [s])).toEqual([
      {
        file: 'signatures/a.yaml',
        line: 1,
        column: 3,
        severity: 'error',
        code: 'missing-country',
        message: 'missing required field "country" (letter.yaml requires it)',
        hint: 'add country: with an ISO 3166-1 alpha-2 code such as GB, or remove country from requires in letter.yaml',
      },
      {
        file: 'signatures/a.yaml',
        line: 1,
        column: 3,
        severity: 'error',
        code: 'missing-group',
        message: 'missing required field "group" (letter.yaml requires it)',
        hint: 'add group: with one of international-organisations, industry, or remove group from requires in letter.yaml',
      },
    ]);
  });
  it('leaves a withdrawn or rejected record as it was made', () => {
    const withdrawn = sig('a', 'Ann Lee', {
      country: undefined,
      status: 'withdrawn',
      withdrawn: { at: '2020-06-01T00:00:00Z', reason: 'x' },
    });
    expect(run(requiredFieldsPresent, [withdrawn])).toEqual([]);
  });
  it('names role and organisation with their own hints', () => {
    const requires = ['role', 'organisation'] as const;
    expect(
      run(requiredFieldsPresent, [sig('a', 'Ann Lee')], {
        letter: { ...letter, requires: [...requires] },
      }).map((p) => [p.code, p.hint]),
    ).toEqual([
      ['missing-role', 'add role:, or remove role from requires in letter.yaml'],
      [
        'missing-organisation',
        'add organisation:, or remove organisation from requires in letter.yaml',
      ],
    ]);
  });
});

describe('nameNotErased', () => {
  it('reports a signature of an erased name, at the name', () => {
    const record = erase(letter, sig('eva', 'Eva Chen'), NOW);
    expect(run(nameNotErased, [sig('eva-2', 'Eva Chen')], { erased: [record] })).toEqual([
      {
        file: 'signatures/eva-2.yaml',
        line: 1,
        column: 3,
        severity: 'error',
        code: 'erased-name',
        message: `"Eva Chen" was erased from this letter at the signatory's request (${record.id}) and must not come back`,
        hint: 'delete signatures/eva-2.yaml',
      },
    ]);
  });
  it('is quiet for another name', () => {
    const record = erase(letter, sig('eva', 'Eva Chen'), NOW);
    expect(run(nameNotErased, [sig('evan', 'Evan Chen')], { erased: [record] })).toEqual([]);
  });
});

describe('nameNotDuplicated', () => {
  it('reports the later of two signatures of the same name after normalisation', () => {
    expect(run(nameNotDuplicated, [sig('a', 'Ann Lee'), sig('b', 'ann  lee')])).toEqual([
      {
        file: 'signatures/b.yaml',
        line: 1,
        column: 3,
        severity: 'error',
        code: 'duplicate-name',
        message: '"ann  lee" is the same name as signature a ("Ann Lee") after normalisation',
        hint: 'if they are different people: give each a url or github login of their own, then letter distinct letters/time-to-act b a; else withdraw one of them',
      },
    ]);
  });
  it('is quiet for two names', () => {
    expect(run(nameNotDuplicated, [sig('a', 'Ann Lee'), sig('b', 'Bo Yi')])).toEqual([]);
  });
});

describe('distinctFromValid', () => {
  it('reports the signature itself, an id twice and an id of no signature, each at its item', () => {
    const a = sig('a', 'Ann Lee', { distinct_from: ['a', 'b', 'b', 'zz'] });
    expect(
      run(distinctFromValid, [a, sig('b', 'Ann Lea')]).map((p) => [p.code, p.message]),
    ).toEqual([
      ['distinct-from-invalid', 'distinct_from: "a" is the signature itself'],
      ['distinct-from-invalid', 'distinct_from: "b" is listed twice'],
      ['distinct-from-invalid', 'distinct_from: "zz" is not a signature of this letter'],
    ]);
    expect(run(distinctFromValid, [a, sig('b', 'Ann Lea')])[0]).toEqual({
      file: 'signatures/a.yaml',
      line: 1,
      column: 3,
      severity: 'error',
      code: 'distinct-from-invalid',
      message: 'distinct_from: "a" is the signature itself',
      hint: 'list the ids of other signatures with the same or a likely-same name; letter distinct writes them',
    });
  });
  it('accepts another signature or an erasure record', () => {
    const record = erase(letter, sig('eva', 'Eva Chen'), NOW);
    const a = sig('a', 'Ann Lee', { distinct_from: ['b', record.id] });
    expect(run(distinctFromValid, [a, sig('b', 'Ann Lea')], { erased: [record] })).toEqual([]);
  });
});

describe('nameInOneScript', () => {
  it('reports a word that mixes Latin and Cyrillic letters', () => {
    expect(run(nameInOneScript, [sig('a', 'Eva \u0421hen')])).toEqual([
      {
        file: 'signatures/a.yaml',
        line: 1,
        column: 3,
        severity: 'error',
        code: 'mixed-script',
        message:
          '"Eva \u0421hen" mixes scripts in one word: "\u0421" (U+0421, Cyrillic) inside "\u0421hen"',
        hint: "type the name again in one script; a letter of another script can pass for someone else's name (Unicode TR39)",
      },
    ]);
  });
  it('is quiet for a name in one script', () => {
    expect(run(nameInOneScript, [sig('a', 'Ева Чен'), sig('b', 'Eva Chen')])).toEqual([]);
  });
});

describe('datesNotInFuture', () => {
  it('warns about each date after now', () => {
    const s = sig('a', 'Ann Lee', {
      signed_at: '2027-01-01T00:00:00Z',
      status: 'verified',
      verified: { by: 'x', at: '2027-01-02T00:00:00Z' },
    });
    expect(run(datesNotInFuture, [s])).toEqual([
      {
        file: 'signatures/a.yaml',
        line: 1,
        column: 3,
        severity: 'warning',
        code: 'future-date',
        message: 'signed_at 2027-01-01T00:00:00Z is in the future',
      },
      {
        file: 'signatures/a.yaml',
        line: 1,
        column: 3,
        severity: 'warning',
        code: 'future-date',
        message: 'verified.at 2027-01-02T00:00:00Z is in the future',
      },
    ]);
  });
  it('is quiet for dates up to now', () => {
    expect(run(datesNotInFuture, [sig('a', 'Ann Lee')])).toEqual([]);
  });
});

describe('signatureUrlsNormal', () => {
  it("reports a signature's url and its evidence when not in their normal form", () => {
    const s = sig('a', 'Ann Lee', {
      url: 'https://Example.org/ann',
      status: 'verified',
      verified: { by: 'x', at: '2020-05-27T00:00:00Z', evidence: 'HTTPS://example.org/e' },
    });
    expect(run(signatureUrlsNormal, [s]).map((p) => [p.code, p.message, p.hint])).toEqual([
      [
        'url-not-normal',
        'url is not in the normal form a browser reads it in: https://example.org/ann',
        'run letter fmt letters/time-to-act to rewrite it',
      ],
      [
        'url-not-normal',
        'verified.evidence is not in the normal form a browser reads it in: https://example.org/e',
        'run letter fmt letters/time-to-act to rewrite it',
      ],
    ]);
  });
  it('is quiet for a link in its normal form', () => {
    expect(
      run(signatureUrlsNormal, [sig('a', 'Ann Lee', { url: 'https://example.org/ann' })]),
    ).toEqual([]);
  });
});

describe('datesInOrder', () => {
  it('reports a verification and a withdrawal dated before the signature', () => {
    const s = sig('a', 'Ann Lee', {
      signed_at: '2020-05-26T00:00:00Z',
      status: 'withdrawn',
      verified: { by: 'x', at: '2020-05-25T00:00:00Z' },
      withdrawn: { at: '2020-05-24T00:00:00Z', reason: 'x' },
    });
    expect(run(datesInOrder, [s])).toEqual([
      {
        file: 'signatures/a.yaml',
        line: 1,
        column: 3,
        severity: 'error',
        code: 'date-order',
        message: 'verified.at 2020-05-25T00:00:00Z is before signed_at 2020-05-26T00:00:00Z',
      },
      {
        file: 'signatures/a.yaml',
        line: 1,
        column: 3,
        severity: 'error',
        code: 'date-order',
        message: 'withdrawn.at 2020-05-24T00:00:00Z is before signed_at 2020-05-26T00:00:00Z',
      },
    ]);
  });
  it('is quiet for dates in order', () => {
    const s = sig('a', 'Ann Lee', {
      status: 'verified',
      verified: { by: 'x', at: '2020-05-27T00:00:00Z' },
    });
    expect(run(datesInOrder, [s])).toEqual([]);
  });
});
