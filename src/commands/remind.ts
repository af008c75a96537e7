/**
 * `letter remind <letter> <invitation>`: records that staff chased an invitee for an answer.
 * Only the invitation's file in the private store changes.
 */
import type { Context } from '../context.js';
import { gitUserName } from '../git.js';
import { advance, type Invitation } from '../letter/invitations.js';
import { shownPath } from '../shown-path.js';
import { resolveLetterDir, withLetterLock } from '../storage/letter-store.js';
import { invitationChange, readInvitation } from '../storage/outreach-store.js';
import { privateChanges } from '../storage/private-store.js';
import { writeAll } from '../storage/transaction.js';
import type { Style } from '../terminal.js';

/** Options of `letter remind`; `by` defaults to git's user.name, then the invitation's owner. */
export interface RemindOptions {
  letter: string;
  invitation: string;
  channel?: string | undefined;
  note?: string | undefined;
  by?: string | undefined;
  /** Chase again after a decline or no answer: said explicitly. */
  reopen?: boolean | undefined;
}

/** The invitation after a step, and the files written. */
export interface InvitationStepResult {
  letter: string;
  invitation: Invitation;
  written: string[];
}

/**
 * Records a reminder (ISO 8601 UTC, the run's clock).
 * @throws UsageError when there is no such invitation; InvalidTransition when it was answered.
 */
export async function remind(o: RemindOptions, ctx: Context): Promise<InvitationStepResult> {
  const dir = await resolveLetterDir(o.letter, ctx.cwd);
  const shown = shownPath(ctx.cwd, dir) || '.';
  const by = o.by ?? (await gitUserName(ctx.cwd));
  return withLetterLock(dir, async () => {
    const inv = await readInvitation(dir, o.invitation, ctx.cwd, shown);
    const next = advance(inv, 'reminded', ctx.now(), { ...o, by: by ?? inv.owner });
    const written = await writeAll(
      await privateChanges(dir, [invitationChange(dir, next)], ctx.cwd),
    );
    return {
      letter: shown,
      invitation: next,
      written: written.map((f) => shownPath(ctx.cwd, f)),
    };
  });
}

/** The human view of a reminder. */
export function formatRemind(r: InvitationStepResult, style: Style): string {
  const i = r.invitation;
  const count = i.history.filter((h) => h.state === 'reminded').length;
  return [
    `${style.green('Reminded:')} ${style.bold(i.name)} (${i.id}), reminder ${count}`,
    ...r.written.map((f) => `  wrote ${f}`),
  ].join('\n');
}
