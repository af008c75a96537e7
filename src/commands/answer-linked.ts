/**
 * `letter answer <letter> <invitation> agreed --as <signature-id>`: the invitee had already
 * been signed another way (`letter sign`, an import); the agreement is recorded on that
 * signature instead of a new one. As one change: the consent record (and the evidence file),
 * the invitation (agreed, pointing to the signature), and the signature's `consent:` and
 * `text_version` (verified by the recorder when it was pending and evidence is given).
 */
import path from 'node:path';
import type { Context } from '../context.js';
import { UserError } from '../errors.js';
import { consentRecordId, linkedSignature } from '../letter/consent.js';
import { advance, type Invitation } from '../letter/invitations.js';
import { textVersion } from '../letter/text-version.js';
import { consentRecordChanges, invitationChange, readConsent } from '../storage/outreach-store.js';
import { privateChanges } from '../storage/private-store.js';
import type { FileChange } from '../storage/transaction.js';
import type { AnswerOptions, AnswerResult } from './answer.js';
import type { AnswerAt } from './answer-agreed.js';
import { updateSignatures } from './update.js';

/**
 * Records that `inv` agreed, as the existing signature `o.as`.
 * @throws SignatureNotFound for an unknown id; InvalidTransition for a withdrawn or rejected
 *   signature or a step the invitation refuses; UserError for an agreement without evidence
 *   on a letter with `consent: required`; nothing is written then.
 */
export async function recordAgreementAs(
  inv: Invitation,
  o: AnswerOptions & { as: string },
  { dir, shown, by, now, step }: AnswerAt,
  ctx: Context,
): Promise<AnswerResult> {
  const agreed = { ...advance(inv, 'agreed', now, step), signature: o.as };
  let version = '';
  const recordId = (id: string) => consentRecordId(id, now, new Set());
  const alsoWrite = async (): Promise<FileChange[]> => {
    const { records } = await readConsent(dir, o.as, ctx.cwd);
    const id = recordId(o.as);
    if (records.some((r) => r.id === id))
      throw new UserError(
        `${o.as} has a consent record of this very second already; nothing was written.`,
      );
    const consent = await consentRecordChanges(
      dir,
      o.as,
      records,
      id,
      {
        kind: 'agreed',
        channel: o.channel ?? inv.channel,
        textVersion: version,
        recordedBy: by,
        invitation: inv.id,
        note: o.note,
      },
      o.evidence,
      now,
      ctx.cwd,
    );
    return privateChanges(dir, [invitationChange(dir, agreed), ...consent], ctx.cwd);
  };
  const result = await updateSignatures(
    o.letter,
    [o.as],
    (s, _, loaded) => {
      if (loaded.letter.consent === 'required' && o.evidence === undefined)
        throw new UserError(
          `${shown} requires consent that can be shown (consent: required), and no --evidence was given; nothing was written.`,
          `Give what shows the agreement: letter answer ${shown} ${inv.id} agreed --as ${o.as} --evidence <message id|file|url>`,
        );
      version = o.text === 'current' ? textVersion(loaded.body) : (o.text ?? inv.text_version);
      return linkedSignature(
        s,
        {
          textVersion: version,
          recordId: recordId(s.id),
          recordedBy: by,
          withEvidence: o.evidence !== undefined,
        },
        now,
      );
    },
    { ...ctx, now: () => now },
    undefined,
    undefined,
    alsoWrite,
  );
  return {
    letter: shown,
    answer: 'agreed',
    invitation: agreed,
    signature: result.signatures[0]!,
    consent: result.signatures[0]!.consent!,
    written: result.written.map((f) => path.normalize(f)),
  };
}
