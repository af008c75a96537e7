/**
 * The outreach board: who is waiting for an answer and for how long, whose reminder is due
 * (by the staff member who owns the contact), and the funnel of answers by group. Pure: the
 * invitations and the clock in, the board out. Days are whole days of 24 hours, rounded down.
 */
import {
  type Invitation,
  type InvitationState,
  invitedAt,
  lastContact,
  stateOf,
  WAITING_STATES,
} from './invitations.js';
import type { LetterFile } from './schema.js';

/** One invitee still waiting for an answer. */
export interface WaitingInvitee {
  id: string;
  name: string;
  group?: string;
  owner: string;
  state: InvitationState;
  /** When invited and when last contacted (invited or reminded), ISO 8601 UTC. */
  invited_at: string;
  last_contact: string;
  /** Whole days since the invitation, and since the last contact. */
  days_waiting: number;
  days_since_contact: number;
  /** A reminder is due: the last contact is `remind_after_days` or more days ago. */
  reminder_due: boolean;
}

/** The reminders due of one staff member. */
export interface OwnerReminders {
  owner: string;
  due: WaitingInvitee[];
}

/** The answers of one group (or of everyone): every invitation counts as invited. */
export interface FunnelRow {
  /** The group's id; `(none)` for invitees in no group, `(all)` for the total. */
  group: string;
  label: string;
  invited: number;
  waiting: number;
  agreed: number;
  declined: number;
  no_answer: number;
}

/** The whole board. */
export interface OutreachBoard {
  remind_after_days: number;
  /** Waiting invitees, longest since the last contact first. */
  waiting: WaitingInvitee[];
  /** Reminders due, by owner (owners in name order; invitees as in `waiting`). */
  due: OwnerReminders[];
  /** By group, in the letter's group order, then invitees in no group. */
  funnel: FunnelRow[];
  total: FunnelRow;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Whole days from `from` (ISO 8601) to `now`, rounded down, never negative. */
export function daysSince(from: string, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - Date.parse(from)) / DAY_MS));
}

/**
 * The board of `invitations` at `now`; with `owner`, only the invitations that staff member
 * owns (compared without case).
 */
export function outreachBoard(
  letter: Pick<LetterFile, 'groups' | 'remind_after_days'>,
  invitations: readonly Invitation[],
  now: Date,
  owner?: string,
): OutreachBoard {
  const mine =
    owner === undefined
      ? invitations
      : invitations.filter((i) => i.owner.toLowerCase() === owner.trim().toLowerCase());
  const after = letter.remind_after_days;
  const waiting = mine
    .filter((i) => WAITING_STATES.includes(stateOf(i)))
    .map((i): WaitingInvitee => {
      const last = lastContact(i);
      const sinceContact = daysSince(last, now);
      return {
        id: i.id,
        name: i.name,
        ...(i.group ? { group: i.group } : {}),
        owner: i.owner,
        state: stateOf(i),
        invited_at: invitedAt(i),
        last_contact: last,
        days_waiting: daysSince(invitedAt(i), now),
        days_since_contact: sinceContact,
        reminder_due: sinceContact >= after,
      };
    })
    .sort(
      (a, b) =>
        (a.last_contact < b.last_contact ? -1 : a.last_contact > b.last_contact ? 1 : 0) ||
        (a.id < b.id ? -1 : 1),
    );
  const owners = [...new Set(waiting.filter((w) => w.reminder_due).map((w) => w.owner))].sort(
    (a, b) => a.localeCompare(b),
  );
  const due = owners.map((o) => ({
    owner: o,
    due: waiting.filter((w) => w.reminder_due && w.owner === o),
  }));
  const rows = new Map<string, FunnelRow>();
  const row = (group: string, label: string): FunnelRow => ({
    group,
    label,
    invited: 0,
    waiting: 0,
    agreed: 0,
    declined: 0,
    no_answer: 0,
  });
  for (const g of letter.groups) rows.set(g.id, row(g.id, g.name));
  const total = row('(all)', 'All');
  for (const i of mine) {
    const key = i.group && rows.has(i.group) ? i.group : '(none)';
    if (!rows.has(key)) rows.set(key, row(key, 'No group'));
    for (const r of [rows.get(key)!, total]) count(r, stateOf(i));
  }
  const funnel = [...rows.values()].filter((r) => r.invited > 0);
  return { remind_after_days: after, waiting, due, funnel, total };
}

function count(r: FunnelRow, state: InvitationState): void {
  r.invited++;
  if (state === 'agreed') r.agreed++;
  else if (state === 'declined') r.declined++;
  else if (state === 'no-answer') r.no_answer++;
  else r.waiting++;
}
