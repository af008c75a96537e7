/**
 * The agreement of `letter answer ... agreed`: as one change, the consent record
 * (`private/consent/<signature-id>.yaml`, with the evidence copied in when it is a file), the
 * invitation, and the signature through the sign path (duplicate checks, CHANGELOG.md, the
 * index), pointing to the record (`consent:`).
 */
import path from 'node:path';
import type { Context } from '../context.js';
import { AlreadySigned, UserError } from '../errors.js';
import { agreedSignature, consentRecordId } from '../letter/consent.js';
import { advance, type Invitation } from '../letter/invitations.js';
import { InvalidSignatureInput, sign as signLetter } from '../letter/signatures.js';
import { sortKeyToWrite } from '../letter/sort-key.js';
import { shownPath } from '../shown-path.js';
import { consentRecordChanges, invitationChange, readConsent } from '../storage/outreach-store.js';
import type { SignState } from '../storage/sign-state.js';
import type { AnswerOptions, AnswerResult } from './answer.js';

/** Where and when an answer is recorded, and by whom: `step` is the invitation's history entry. */
export interface AnswerAt {
  dir: string;
  shown: string;
  by: string;
  now: Date;
  step: Parameters<typeof advance>[3];
}

/**
 * Records that `inv` agreed.
 * @throws UserError (exit 1) for an agreement without evidence on a letter with
 *   `consent: required`, a transition the invitation's state refuses, or a name the sign path
 *   refuses; nothing is written then.
 */
export async function recordAgreement(
  state: SignState,
  inv: Invitation,
  o: AnswerOptions,
  { dir, shown, by, now, step }: AnswerAt,
  ctx: Context,
): Promise<AnswerResult> {
  const relative = (files: string[]) => files.map((f) => shownPath(ctx.cwd, f));
  if (state.letter.consent === 'required' && o.evidence === undefined)
    throw new UserError(
      `${shown} requires consent that can be shown (consent: required), and no --evidence was given; nothing was written.`,
      `Give what shows the agreement: letter answer ${shown} ${inv.id} agreed --evidence <message id|file|url>`,
    );
  const agreed = advance(inv, 'agreed', now, step);
  const contact = {
    ...(inv.contact?.email ? { email: inv.contact.email } : {}),
    ...(inv.contact?.phone ? { phone: inv.contact.phone } : {}),
  };
  const rules = await state.rules(contact);
  let signed: ReturnType<typeof signLetter>;
  try {
    signed = signLetter(
      state.letter,
      [],
      {
        name: inv.name,
        // As `letter sign` does without a terminal: the key derived from the name (sort-key.ts).
        sort_as: sortKeyToWrite(inv.name, { language: state.letter.language }),
        role: inv.role,
        organisation: inv.organisation,
        country: inv.country,
        group: inv.group,
      },
      now,
      {
        ...rules,
        allowSimilar: Boolean(o.allowSimilar),
      },
    );
  } catch (e) {
    if (e instanceof InvalidSignatureInput)
      throw new UserError(
        `the invitation ${inv.id} cannot become a signature: ${e.field} ${e.reason}; nothing was written.`,
        `Add it to ${path.join(shown, 'private', 'invitations', `${inv.id}.yaml`)}, then answer again.`,
      );
    // Signed another way already (letter sign, an import): the agreement goes on that signature.
    if (
      e instanceof AlreadySigned &&
      e.match.status !== 'rejected' &&
      e.match.status !== 'withdrawn'
    )
      throw new UserError(
        e.message,
        `If ${e.match.id} is this invitee: letter answer ${shown} ${inv.id} agreed --as ${e.match.id}${o.evidence === undefined ? '' : ' --evidence ...'}`,
      );
    throw e;
  }
  const id = signed.signature.id;
  const records = (await readConsent(dir, id, ctx.cwd)).records;
  const recordId = consentRecordId(id, now, new Set(records.map((r) => r.id)));
  // `current`: the text as letter.md reads now (staff sent the new text before the answer).
  const textVersion = o.text === 'current' ? rules.textVersion! : (o.text ?? inv.text_version);
  const consent = await consentRecordChanges(
    dir,
    id,
    records,
    recordId,
    {
      kind: 'agreed',
      channel: o.channel ?? inv.channel,
      textVersion,
      recordedBy: by,
      invitation: inv.id,
      note: o.note,
    },
    o.evidence,
    now,
    ctx.cwd,
  );
  const signature = agreedSignature(
    signed.signature,
    { textVersion, recordId, recordedBy: by, withEvidence: o.evidence !== undefined },
    now,
  );
  const invitation = { ...agreed, signature: id };
  const written = await state.record(signature, contact, [
    invitationChange(dir, invitation),
    ...consent,
  ]);
  return {
    letter: shown,
    answer: 'agreed',
    invitation,
    signature,
    consent: recordId,
    written: relative(written),
  };
}
