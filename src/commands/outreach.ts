/**
 * `letter outreach <letter>`: the outreach board, from the invitations in the private store:
 * who is waiting for an answer and for how long, whose reminder is due (by owner), and the
 * funnel of answers by group. `--json` prints the board.
 */
import type { Context } from '../context.js';
import { type OutreachBoard, outreachBoard } from '../letter/outreach.js';
import { shownPath } from '../shown-path.js';
import { loadLetterYamlRefusingErrors, resolveLetterDir } from '../storage/letter-store.js';
import { readInvitations } from '../storage/outreach-store.js';

export { formatOutreach } from './outreach-format.js';

/** Options of `letter outreach`; `owner` keeps one staff member's invitations. */
export interface OutreachOptions {
  letter: string;
  owner?: string | undefined;
}

/** The board, the letter it is of, and when it was made (ISO 8601 UTC). */
export type OutreachResult = OutreachBoard & { letter: string; now: string; owner?: string };

/** Makes the board at the run's clock. @throws InvalidLetter when letter.yaml or an invitation file is invalid. */
export async function outreach(o: OutreachOptions, ctx: Context): Promise<OutreachResult> {
  const dir = await resolveLetterDir(o.letter, ctx.cwd);
  const letter = await loadLetterYamlRefusingErrors(dir, ctx.cwd);
  const invitations = await readInvitations(dir, ctx.cwd);
  const now = ctx.now();
  return {
    letter: shownPath(ctx.cwd, dir) || '.',
    now: now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    ...(o.owner ? { owner: o.owner } : {}),
    ...outreachBoard(letter, invitations, now, o.owner),
  };
}
