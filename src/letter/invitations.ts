/**
 * Invitations: the people a campaign asks to sign, one by one, and what became of each ask.
 * An invitation lives only in the letter's private store (`private/invitations/<id>.yaml`,
 * see storage/outreach-store.ts); nothing of an invitee who has not agreed reaches a public
 * file. Pure: the caller supplies the clock and writes the result.
 *
 * States, from the `history:` list (its last entry is the current state):
 * `invited` → `reminded` (any number of times) → `agreed` | `declined` | `no-answer`.
 * `agreed` is final (the signature's own withdrawal is the way back). After `declined` or
 * `no-answer`, agreeing or reminding again must be explicit (`reopen`), so that a name is
 * never added by a slip of the keyboard after its person said no.
 */
import { z } from 'zod';
import { InvalidTransition } from '../errors.js';
import { EMAIL_PATTERN, PHONE_PATTERN } from './contacts.js';
import { toIsoTimestamp } from './dates.js';
import { FIELD_SCHEMAS } from './schema.js';

const { text, timestamp, country, ident, textHash } = FIELD_SCHEMAS;

/** The states of an invitation, in the order they usually come. */
export const INVITATION_STATES = [
  'invited',
  'reminded',
  'agreed',
  'declined',
  'no-answer',
] as const;
/** One of `INVITATION_STATES`. */
export type InvitationState = (typeof INVITATION_STATES)[number];
/** The states that answer an invitation (what `letter answer` records). */
export const ANSWERS = ['agreed', 'declined', 'no-answer'] as const;
/** One of `ANSWERS`. */
export type Answer = (typeof ANSWERS)[number];

/** States of an invitation that still waits for an answer. */
export const WAITING_STATES: readonly InvitationState[] = ['invited', 'reminded'];

/** Channels staff reach people through; free text is accepted too (`fax`, `via the embassy`). */
export const CHANNELS = ['email', 'phone', 'in-person', 'letter', 'video-call', 'messenger'];

/** One step of an invitation: its state, when (ISO 8601 UTC), who on the staff, a note. */
export const historyEntrySchema = z.strictObject({
  state: z.enum(INVITATION_STATES, { error: `must be one of ${INVITATION_STATES.join(', ')}` }),
  at: timestamp,
  by: text(200).optional(),
  channel: text(100).optional(),
  note: text(2000).optional(),
});
/** One step of an invitation. */
export type HistoryEntry = z.output<typeof historyEntrySchema>;

/** How to reach an invitee: private, like everything in the file. */
export const inviteeContactSchema = z.strictObject({
  email: z.string().regex(EMAIL_PATTERN, 'must be an email address').optional(),
  phone: z.string().regex(PHONE_PATTERN, 'must be a phone number').optional(),
  note: text(2000).optional(),
});

/** The shape of `private/invitations/<id>.yaml`. */
export const invitationSchema = z.strictObject({
  name: text(300),
  role: text(500).optional(),
  organisation: text(300).optional(),
  country: country.optional(),
  group: ident('group id').optional(),
  /** Who on the staff owns the contact. */
  owner: text(200),
  channel: text(100),
  contact: inviteeContactSchema.optional(),
  /** The version of letter.md sent with the invitation. */
  text_version: textHash,
  /** The signature made when the invitee agreed. */
  signature: ident('signature id').optional(),
  history: z.array(historyEntrySchema).min(1, 'must list at least the invitation'),
});
/** An invitation as stored (the id is the file name). */
export type InvitationFile = z.output<typeof invitationSchema>;
/** An invitation with its id. */
export type Invitation = InvitationFile & { id: string };

/** Key order of an invitation file. */
export const INVITATION_KEY_ORDER = [
  'name',
  'role',
  'organisation',
  'country',
  'group',
  'owner',
  'channel',
  'contact',
  'text_version',
  'signature',
  'history',
] as const;

/** The current state of an invitation: its last history entry's. */
export function stateOf(inv: Pick<Invitation, 'history'>): InvitationState {
  return inv.history[inv.history.length - 1]!.state;
}

/** When the invitee was last contacted (invited or reminded), ISO 8601 UTC. */
export function lastContact(inv: Pick<Invitation, 'history'>): string {
  const contacts = inv.history.filter((h) => h.state === 'invited' || h.state === 'reminded');
  return (contacts[contacts.length - 1] ?? inv.history[0]!).at;
}

/** When the invitation was first made, ISO 8601 UTC. */
export function invitedAt(inv: Pick<Invitation, 'history'>): string {
  return inv.history[0]!.at;
}

/** What `newInvitation` takes; the command fills defaults (owner from git, the current text). */
export interface InvitationInput {
  name: string;
  role?: string | undefined;
  organisation?: string | undefined;
  country?: string | undefined;
  group?: string | undefined;
  owner: string;
  channel: string;
  email?: string | undefined;
  phone?: string | undefined;
  contactNote?: string | undefined;
  textVersion: string;
  note?: string | undefined;
}

/** A field of an invitation that fails its schema; `field` is the file's field, the command names its flag. */
export class InvalidInvitationInput extends InvalidTransition {
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${field} ${reason}`);
  }
}

const clean = (s: string | undefined) =>
  s === undefined || s.trim() === '' ? undefined : s.trim().replace(/\s+/g, ' ');

function dropUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/**
 * A new invitation with id `id`, state `invited` at `now` (by its owner).
 * @throws InvalidInvitationInput naming the field that fails the schema.
 */
export function newInvitation(id: string, input: InvitationInput, now: Date): Invitation {
  const contact = dropUndefined({
    email: clean(input.email),
    phone: clean(input.phone),
    note: clean(input.contactNote),
  });
  const candidate = dropUndefined({
    name: clean(input.name),
    role: clean(input.role),
    organisation: clean(input.organisation),
    country: clean(input.country)?.toUpperCase(),
    group: clean(input.group),
    owner: clean(input.owner),
    channel: clean(input.channel),
    contact: Object.keys(contact).length > 0 ? contact : undefined,
    text_version: input.textVersion,
    history: [
      dropUndefined({
        state: 'invited' as const,
        at: toIsoTimestamp(now),
        by: clean(input.owner),
        channel: clean(input.channel),
        note: clean(input.note),
      }),
    ],
  });
  return { id, ...parseInvitation(candidate) };
}

function parseInvitation(candidate: unknown): InvitationFile {
  const parsed = invitationSchema.safeParse(candidate);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.filter((p) => typeof p === 'string').join('.') || 'invitation';
    throw new InvalidInvitationInput(field, issue.message);
  }
  return parsed.data;
}

/** Options of `advance`: who, through which channel, a note, and whether a closed ask is reopened. */
export interface StepOptions {
  by?: string | undefined;
  channel?: string | undefined;
  note?: string | undefined;
  /** Agree or remind after `declined` or `no-answer`: a person said so. */
  reopen?: boolean | undefined;
}

/**
 * The invitation moved to state `to` at `now`: a history entry added.
 * @throws InvalidTransition when the invitation was agreed (final), when `to` is `invited`
 *   (an invitation is made once), when the step would repeat an answer, or when it follows
 *   `declined` or `no-answer` without `reopen`.
 */
export function advance(
  inv: Invitation,
  to: Exclude<InvitationState, 'invited'>,
  now: Date,
  o: StepOptions = {},
): Invitation {
  const from = stateOf(inv);
  if (from === 'agreed')
    throw new InvalidTransition(
      `${inv.name} (${inv.id}) already agreed${inv.signature ? ` (signature ${inv.signature})` : ''}; an agreement is not answered again.`,
      inv.signature
        ? `To take the name off the letter: letter withdraw <letter> ${inv.signature} --reason ...`
        : undefined,
    );
  if (from === to && to !== 'reminded')
    throw new InvalidTransition(`${inv.name} (${inv.id}) is already ${to}.`);
  if ((from === 'declined' || from === 'no-answer') && !o.reopen)
    throw new InvalidTransition(
      `${inv.name} (${inv.id}) ${from === 'declined' ? 'declined' : 'gave no answer'} on ${lastEntry(inv).at.slice(0, 10)}; nothing was written.`,
      'If they changed their mind, say so explicitly: add --reopen.',
    );
  const at = toIsoTimestamp(now);
  if (at < lastEntry(inv).at)
    throw new InvalidTransition(
      `${inv.name} (${inv.id}): ${at} is before the last step (${lastEntry(inv).at}).`,
    );
  const entry = dropUndefined({
    state: to,
    at,
    by: clean(o.by),
    channel: clean(o.channel),
    note: clean(o.note),
  });
  return {
    id: inv.id,
    ...parseInvitation({ ...withoutId(inv), history: [...inv.history, entry] }),
  };
}

function lastEntry(inv: Invitation): HistoryEntry {
  return inv.history[inv.history.length - 1]!;
}

function withoutId(inv: Invitation): InvitationFile {
  const { id: _, ...file } = inv;
  return file;
}
