import { describe, expect, it } from 'vitest';
import { consentRecorded } from '../../../src/letter/rules/consent.js';
import type { CheckInput } from '../../../src/letter/rules/rule.js';
import type { Signature } from '../../../src/letter/schema.js';
import { checkInput } from '../../helpers/check-input.js';
import { letter, sig } from '../../helpers/fixtures.js';

const required = { ...letter, consent: 'required' as const };
function run(signatures: Signature[], overrides: Partial<CheckInput> = {}) {
  const input = checkInput(signatures, { letter: required, ...overrides });
  const check = consentRecorded(input);
  return input.signatures.flatMap((e, n) => check(e, n));
}

describe('consentRecorded (consent-missing)', () => {
  it('flags a staff-added signature without consent on a letter that requires it', () => {
    expect(run([sig('ann', 'Ann Lee')])).toEqual([
      {
        file: 'signatures/ann.yaml',
        line: 1,
        column: 3,
        severity: 'error',
        code: 'consent-missing',
        message:
          'ann has no consent record, and this letter requires one (consent: required in letter.yaml)',
        hint: "record the signatory's agreement: letter reconfirm letters/time-to-act ann --evidence <message id|file|url> --channel <email|phone|...>",
      },
    ]);
  });
  it('is quiet on a letter where consent is optional, for withdrawn signatures, and for browser signatures', () => {
    expect(run([sig('ann', 'Ann Lee')], { letter })).toEqual([]);
    expect(
      run([
        sig('bo', 'Bo Yi', {
          status: 'withdrawn',
          withdrawn: { at: '2020-05-27T00:00:00Z', reason: 'x' },
        }),
        sig('cy', 'Cy Po', { github: 'cypo' }),
      ]),
    ).toEqual([]);
  });
  it('without a private store (CI), trusts the consent: field; with one, the record must be there', () => {
    const s = sig('ann', 'Ann Lee', { consent: 'ann-20200601t090000z' });
    expect(run([s])).toEqual([]);
    expect(
      run([s], { consentRecords: new Map([['ann', new Set(['ann-20200601t090000z'])]]) }),
    ).toEqual([]);
    expect(run([s], { consentRecords: new Map() }).map((p) => [p.code, p.message])).toEqual([
      [
        'consent-missing',
        'consent: ann-20200601t090000z names no record in the private store (private/consent/ann.yaml)',
      ],
    ]);
  });
});
