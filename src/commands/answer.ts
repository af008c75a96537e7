/**
 * `letter answer <letter> <invitation> agreed|declined|no-answer`: records an invitee's
 * answer. `declined` and `no-answer` change only the invitation (private store). `agreed`
 * writes, as one change, the consent record (`private/consent/<signature-id>.yaml`, with the
 * evidence copied in when it is a file), the invitation, and the signature through the sign
 * path (duplicate checks, CHANGELOG.md, the index), pointing to the record (`consent:`).
 */
import path from 'node:path';
import type { Context } from '../context.js';
import { UsageError, UserError } from '../errors.js';
import { gitUserName } from '../git.js';
import { agreedSignature, consentRecord, consentRecordId, evidenceOf } from '../letter/consent.js';
import { ANSWERS, type Answer, advance, type Invitation } from '../letter/invitations.js';
import type { Signature } from '../letter/schema.js';
import { InvalidSignatureInput, sign as signLetter } from '../letter/signatures.js';
import { sortKeyToWrite } from '../letter/sort-key.js';
import { resolveLetterDir } from '../storage/letter-store.js';
import {
  consentChange,
  evidenceFileChange,
  invitationChange,
  readConsent,
  readInvitation,
} from '../storage/outreach-store.js';
import { privateChanges } from '../storage/private-store.js';
import { withSignState } from '../storage/sign-state.js';
import { writeAll } from '../storage/transaction.js';

export { formatAnswer } from './answer-format.js';

/** Options of `letter answer`. */
export interface AnswerOptions {
  letter: string;
  invitation: string;
  answer: string;
  /** A message id, a file (copied into the private store) or a link that shows the agreement. */
  evidence?: string | undefined;
  channel?: string | undefined;
  /** The version of the text agreed to; default the version sent with the invitation. */
  text?: string | undefined;
  note?: string | undefined;
  /** Who recorded it; default git's user.name, then the invitation's owner. */
  by?: string | undefined;
  /** Agree after a decline or no answer: said explicitly. */
  reopen?: boolean | undefined;
  allowSimilar?: boolean | undefined;
}

/** What `letter answer` did: the invitation, and on agreement the signature and its consent record id. */
export interface AnswerResult {
  letter: string;
  answer: Answer;
  invitation: Invitation;
  signature?: Signature;
  consent?: string;
  written: string[];
}

/**
 * Records an answer.
 * @throws UsageError for an unknown answer, invitation or malformed flag; UserError (exit 1)
 *   for an agreement without evidence on a letter with `consent: required`, a transition the
 *   invitation's state refuses, or a name the sign path refuses; nothing is written then.
 */
export async function answer(o: AnswerOptions, ctx: Context): Promise<AnswerResult> {
  if (!(ANSWERS as readonly string[]).includes(o.answer))
    throw new UsageError(`answer: "${o.answer}" is not one of ${ANSWERS.join(', ')}`);
  const kind = o.answer as Answer;
  if (kind !== 'agreed' && (o.evidence !== undefined || o.text !== undefined))
    throw new UsageError('--evidence and --text go with agreed');
  if (o.text !== undefined && !/^sha256:[0-9a-f]{12}$/.test(o.text))
    throw new UsageError(`--text: "${o.text}" is not a text version such as sha256:0123456789ab`);
  if (o.evidence !== undefined && o.evidence.trim() === '')
    throw new UsageError('--evidence must not be empty');
  const dir = await resolveLetterDir(o.letter, ctx.cwd);
  const shown = path.relative(ctx.cwd, dir) || '.';
  const git = await gitUserName(ctx.cwd);
  return withSignState(dir, ctx, async (state) => {
    const inv = await readInvitation(dir, o.invitation, ctx.cwd, shown);
    const by = o.by?.trim() || git || inv.owner;
    const now = ctx.now();
    const step = { by, channel: o.channel, note: o.note, reopen: o.reopen };
    const relative = (files: string[]) => files.map((f) => path.relative(ctx.cwd, f));
    if (kind !== 'agreed') {
      const next = advance(inv, kind, now, step);
      const files = await writeAll(
        await privateChanges(dir, [invitationChange(dir, next)], ctx.cwd),
      );
      return { letter: shown, answer: kind, invitation: next, written: relative(files) };
    }
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
      throw e;
    }
    const id = signed.signature.id;
    const records = (await readConsent(dir, id, ctx.cwd)).records;
    const recordId = consentRecordId(id, now, new Set(records.map((r) => r.id)));
    const file =
      o.evidence === undefined
        ? undefined
        : await evidenceFileChange(dir, o.evidence, recordId, ctx.cwd);
    const textVersion = o.text ?? inv.text_version;
    const record = consentRecord(
      recordId,
      {
        kind: 'agreed',
        channel: o.channel ?? inv.channel,
        textVersion,
        evidence: o.evidence === undefined ? undefined : evidenceOf(o.evidence, file),
        recordedBy: by,
        invitation: inv.id,
        note: o.note,
      },
      now,
    );
    const signature = agreedSignature(
      signed.signature,
      { textVersion, recordId, recordedBy: by, withEvidence: o.evidence !== undefined },
      now,
    );
    const invitation = { ...agreed, signature: id };
    const written = await state.record(signature, contact, [
      invitationChange(dir, invitation),
      consentChange(dir, id, { records: [...records, record] }),
      ...(file ? [file.change] : []),
    ]);
    return {
      letter: shown,
      answer: kind,
      invitation,
      signature,
      consent: recordId,
      written: relative(written),
    };
  });
}
