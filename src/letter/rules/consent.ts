/**
 * `consent-missing`: on a letter with `consent: required`, every pending or verified
 * signature points (`consent:`) to a record of the signatory's consent; where the private
 * store is present (a staff member's clone, not CI), that record must be in it
 * (`private/consent/<signature-id>.yaml`).
 *
 * A signature made from a browser (it carries `github:`) brings its own consent: the issue
 * form's required box names the text version, and `letter sign --from-issue` refuses an
 * issue without it, so the issue is the record. Such signatures pass without `consent:`.
 */
import { at, problem } from '../../errors.js';
import type { SignatureRule } from './rule.js';

/** See the module's notes. */
export const consentRecorded: SignatureRule =
  ({ letter, shown, consentRecords }) =>
  (e) => {
    const s = e.signature;
    if (letter.consent !== 'required') return [];
    if (s.status !== 'pending' && s.status !== 'verified') return [];
    if (!s.consent)
      return s.github
        ? []
        : [
            problem(
              'consent-missing',
              at(e.file, e.locate(['name'])),
              `${s.id} has no consent record, and this letter requires one (consent: required in letter.yaml)`,
              `record the signatory's agreement: letter reconfirm ${shown} ${s.id} --evidence <message id|file|url> --channel <email|phone|...>`,
            ),
          ];
    if (consentRecords && !consentRecords.get(s.id)?.has(s.consent))
      return [
        problem(
          'consent-missing',
          at(e.file, e.locate(['consent'])),
          `consent: ${s.consent} names no record in the private store (private/consent/${s.id}.yaml)`,
          `restore the record from the staff's copy of the private store, or record a new one: letter reconfirm ${shown} ${s.id} --evidence <message id|file|url>`,
        ),
      ];
    return [];
  };
