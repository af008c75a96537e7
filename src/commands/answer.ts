/**
 * `letter answer <letter> <invitation> agreed|declined|no-answer`: records an invitee's
 * answer. `declined` and `no-answer` change only the invitation (private store). `agreed`
 * writes, as one change, the consent record (`private/consent/<signature-id>.yaml`, with the
 * evidence copied in when it is a file), the invitation, and the signature through the sign
 * path (duplicate checks, CHANGELOG.md, the index), pointing to the record (`consent:`).
 */
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import { gitUserName } from '../git.js';
import { ANSWERS, type Answer, advance, type Invitation } from '../letter/invitations.js';
import type { Signature } from '../letter/schema.js';
import { shownPath } from '../shown-path.js';
import { resolveLetterDir } from '../storage/letter-store.js';
import { invitationChange, readInvitation } from '../storage/outreach-store.js';
import { privateChanges } from '../storage/private-store.js';
import { withSignState } from '../storage/sign-state.js';
import { writeAll } from '../storage/transaction.js';
import { recordAgreement } from './answer-agreed.js';
import { recordAgreementAs } from './answer-linked.js';
import { textVersionOption } from './shared/text-versions.js';

export { formatAnswer } from './answer-format.js';

/** Options of `letter answer`. */
export interface AnswerOptions {
  letter: string;
  invitation: string;
  answer: string;
  /** A message id, a file (copied into the private store) or a link that shows the agreement. */
  evidence?: string | undefined;
  channel?: string | undefined;
  /** The version of the text agreed to (`v1`, `sha256:...` or `current`); default the version sent with the invitation. */
  text?: string | undefined;
  note?: string | undefined;
  /** Who recorded it; default git's user.name, then the invitation's owner. */
  by?: string | undefined;
  /** The id of a signature the invitee already has (signed another way): agree as it, no new signature. */
  as?: string | undefined;
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
  // A version the text had (v1, a hash), as its hash; `current` is read under the lock.
  const text = o.text === 'current' ? o.text : await textVersionOption(o.text, o.letter, ctx);
  if (o.evidence !== undefined && o.evidence.trim() === '')
    throw new UsageError('--evidence must not be empty');
  if (o.as !== undefined && kind !== 'agreed') throw new UsageError('--as goes with agreed');
  const dir = await resolveLetterDir(o.letter, ctx.cwd);
  const shown = shownPath(ctx.cwd, dir) || '.';
  const git = await gitUserName(ctx.cwd);
  if (o.as !== undefined) {
    const inv = await readInvitation(dir, o.invitation, ctx.cwd, shown);
    const by = o.by?.trim() || git || inv.owner;
    const step = { by, channel: o.channel, note: o.note, reopen: o.reopen };
    const at = { dir, shown, by, now: ctx.now(), step };
    return recordAgreementAs(inv, { ...o, as: o.as, text }, at, ctx);
  }
  return withSignState(dir, ctx, async (state) => {
    const inv = await readInvitation(dir, o.invitation, ctx.cwd, shown);
    const by = o.by?.trim() || git || inv.owner;
    const now = ctx.now();
    const step = { by, channel: o.channel, note: o.note, reopen: o.reopen };
    const relative = (files: string[]) => files.map((f) => shownPath(ctx.cwd, f));
    if (kind !== 'agreed') {
      const next = advance(inv, kind, now, step);
      const files = await writeAll(
        await privateChanges(dir, [invitationChange(dir, next)], ctx.cwd),
      );
      return { letter: shown, answer: kind, invitation: next, written: relative(files) };
    }
    return recordAgreement(state, inv, { ...o, text }, { dir, shown, by, now, step }, ctx);
  });
}
