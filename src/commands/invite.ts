/**
 * `letter invite <letter>`: records a person the campaign asks to sign, in the letter's
 * private store only (`private/invitations/<id>.yaml`): name, role, group, who on the staff
 * owns the contact, the channel, the contact details, and the version of the text sent.
 */
import type { Context } from '../context.js';
import { UsageError, UserError } from '../errors.js';
import { gitUserName } from '../git.js';
import { InvalidInvitationInput, type Invitation, newInvitation } from '../letter/invitations.js';
import { idForName, normaliseName } from '../letter/names.js';
import { checkName } from '../letter/signatures.js';
import { shownPath } from '../shown-path.js';
import { loadLetterYamlRefusingErrors, resolveLetterDir } from '../storage/letter-store.js';
import { invitationChange, readInvitations } from '../storage/outreach-store.js';
import { privateChanges } from '../storage/private-store.js';
import { withSignState } from '../storage/sign-state.js';
import { writeAll } from '../storage/transaction.js';
import type { Style } from '../terminal.js';
import { askForInvitation, type InviteFlags } from './invite-questions.js';
import { textVersionOption } from './shared/text-versions.js';

/** Options of `letter invite`: the flags. */
export interface InviteOptions extends InviteFlags {
  letter: string;
  /** Another person of the same name as an invitee or a signatory: a person decided so. */
  allowSimilar?: boolean | undefined;
  /** The version of the text sent (`v1`, `sha256:...` or `current`, see `letter versions`); default the current text. */
  text?: string | undefined;
  note?: string | undefined;
  /** A private note on how to reach the person (an assistant's name, the best hours). */
  contactNote?: string | undefined;
}

/** What `letter invite` did. */
export interface InviteResult {
  letter: string;
  invitation: Invitation;
  /** Names on the letter that the invitee's likely matches: check before inviting twice. */
  similar: { id: string; name: string; reason: string }[];
  written: string[];
}

const FLAGS: Record<string, string> = { contact: '--email / --phone', text_version: '--text' };

/**
 * Records an invitation.
 * @throws UsageError (exit 2) for a missing or malformed flag without a terminal.
 * @throws UserError (exit 1) when the person is already invited or already on the letter
 *   (the same name, look-alike letters, an erased name), or git tracks the private store.
 */
export async function invite(o: InviteOptions, ctx: Context): Promise<InviteResult> {
  const dir = await resolveLetterDir(o.letter, ctx.cwd);
  const shown = shownPath(ctx.cwd, dir) || '.';
  const letter = await loadLetterYamlRefusingErrors(dir, ctx.cwd);
  const text = o.text === 'current' ? undefined : await textVersionOption(o.text, o.letter, ctx);
  const answers = await askForInvitation(o, letter, await gitUserName(ctx.cwd), ctx);
  return withSignState(dir, ctx, async (state) => {
    const rules = await state.rules({});
    const invitations = await readInvitations(dir, ctx.cwd);
    const key = normaliseName(answers.name);
    const again = invitations.find((i) => normaliseName(i.name) === key);
    if (again && !o.allowSimilar)
      throw new UserError(
        `"${answers.name}" is already invited as ${again.id} (owner ${again.owner}); nothing was written.`,
        `Record a reminder with: letter remind ${shown} ${again.id}; if this is another person of the same name, invite again with --allow-similar`,
      );
    const found = checkName(rules.index!, rules.erased ?? [], letter.slug, answers.name);
    if (found.erased)
      throw new UserError(
        `This name was erased from the letter at the signatory's request (${found.erased.id}); nothing was written.`,
      );
    // Look-alike letters and a rejected fake's name are never another person; the same name may
    // be, and `answer ... agreed --allow-similar` tells them apart when they sign.
    const decidable = (m: { kind: string; status: string }) =>
      m.kind === 'exact' && m.status !== 'rejected';
    const certain = found.certain && !(o.allowSimilar && decidable(found.certain));
    const same = certain
      ? found.certain
      : o.allowSimilar
        ? undefined
        : found.likely.find((m) => m.kind === 'exact');
    if (same)
      throw new UserError(
        `"${answers.name}" is already on the letter as signature ${same.id} ("${same.name}", ${same.status}); nothing was written.`,
        decidable(same)
          ? 'To ask them to agree to a new text: letter reconfirm; if this is another person of the same name, invite again with --allow-similar'
          : undefined,
      );
    const ids = new Set(invitations.map((i) => i.id));
    const id = idForName(answers.name, { has: (x) => ids.has(x) || rules.takenIds!.has(x) });
    let inv: Invitation;
    try {
      inv = newInvitation(
        id,
        {
          ...answers,
          contactNote: o.contactNote,
          note: o.note,
          textVersion: text ?? rules.textVersion!,
        },
        ctx.now(),
      );
    } catch (e) {
      if (e instanceof InvalidInvitationInput) {
        const top = e.field.split('.')[0]!;
        throw new UsageError(`${FLAGS[top] ?? `--${top}`}: ${e.message}`);
      }
      throw e;
    }
    const written = await writeAll(
      await privateChanges(dir, [invitationChange(dir, inv)], ctx.cwd),
    );
    return {
      letter: shown,
      invitation: inv,
      similar: found.likely.map((m) => ({ id: m.id, name: m.name, reason: m.reason })),
      written: written.map((f) => shownPath(ctx.cwd, f)),
    };
  });
}

/** The human view of an invitation: who, owned by whom, which text, and what to run next. */
export function formatInvite(r: InviteResult, style: Style): string {
  const i = r.invitation;
  return [
    `${style.green('Invited:')} ${style.bold(i.name)} (${i.id}), owner ${i.owner}, by ${i.channel}, text ${i.text_version}`,
    ...r.similar.map((m) =>
      style.yellow(`  likely already on the letter: ${m.id} ("${m.name}"): ${m.reason}`),
    ),
    ...r.written.map((f) => `  wrote ${f}`),
    style.dim(
      `  Kept in the private store only. Next: letter remind ${r.letter} ${i.id}, or letter answer ${r.letter} ${i.id} agreed --evidence <message id|file|url>`,
    ),
  ].join('\n');
}
