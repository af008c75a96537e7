/**
 * `letter delivery respond <letter> <id> <kind>`: records what came back from a delivery
 * (acknowledged, responded, or a follow-up due on a day) in the letter's deliveries.yaml.
 */
import type { Context } from '../context.js';
import { InvalidLetter, UsageError, UserError } from '../errors.js';
import { allowedContactKey, findContactDetails } from '../letter/contact-details.js';
import { isIsoDate } from '../letter/dates.js';
import {
  type Delivery,
  type DeliveryResponse,
  RESPONSE_KINDS,
  responseSchema,
} from '../letter/deliveries.js';
import { shownPath } from '../shown-path.js';
import { deliveriesChange } from '../storage/deliveries-file.js';
import {
  loadLetterYamlRefusingErrors,
  resolveLetterDir,
  withLetterLock,
} from '../storage/letter-store.js';
import { writeAll } from '../storage/transaction.js';
import type { Style } from '../terminal.js';
import { checkedDeliveries } from './check-deliveries.js';

/** Options of `letter delivery respond`: `on` an ISO 8601 date (default today, UTC). */
export interface RespondOptions {
  letter: string;
  id: string;
  kind: string;
  on?: string | undefined;
  note?: string | undefined;
  link?: string | undefined;
}

/** The response recorded, the delivery it belongs to, and the file written. */
export interface RespondResult {
  letter: string;
  file: string;
  delivery: Pick<Delivery, 'id' | 'to' | 'delivered_at'>;
  response: DeliveryResponse;
}

/**
 * Records a response. @throws UsageError for an unknown kind, a follow-up without --on, a
 * bad --on, --note or --link, or an unknown delivery id; UserError for a response dated before its delivery;
 * InvalidLetter when deliveries.yaml has the errors `letter check` reports (an id used twice). Nothing is written on any of them.
 */
export async function respond(o: RespondOptions, ctx: Context): Promise<RespondResult> {
  if (!(RESPONSE_KINDS as readonly string[]).includes(o.kind))
    throw new UsageError(`unknown response "${o.kind}"; use ${RESPONSE_KINDS.join(', ')}`);
  if (o.kind === 'follow-up' && o.on === undefined)
    throw new UsageError(
      'follow-up: give the day it is due with --on, e.g. --on 2020-07-01',
      'A follow-up is a day to come back to the addressee; the others default to today.',
    );
  const on = o.on ?? ctx.now().toISOString().slice(0, 10);
  if (!isIsoDate(on)) throw new UsageError(`--on: "${on}" is not a date such as 2020-06-02`);
  const parsed = responseSchema.safeParse({ kind: o.kind, on, note: o.note, link: o.link });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new UsageError(`--${String(issue.path[0])}: ${issue.message}`);
  }
  const response = Object.fromEntries(
    Object.entries(parsed.data).filter(([, v]) => v !== undefined),
  ) as DeliveryResponse;
  const dir = await resolveLetterDir(o.letter, ctx.cwd);
  const shown = shownPath(ctx.cwd, dir) || '.';
  // deliveries.yaml is public: a note may name the organisers' public contact, no one else's.
  const allowed = new Set(
    ((await loadLetterYamlRefusingErrors(dir, ctx.cwd)).public_contacts ?? []).map(
      allowedContactKey,
    ),
  );
  if (response.note && findContactDetails(response.note, '--note', { allowed }).length > 0)
    throw new UsageError(
      '--note: it holds an email address or phone number, and deliveries.yaml is public',
      "Leave the contact out (keep it in the private store), or list it under public_contacts: if it is the organisers' own.",
    );
  return withLetterLock(dir, async () => {
    // Refused on the errors `letter check` reports, an id used twice among them: a response
    // is never written into one of two deliveries that share an id.
    const record = await checkedDeliveries(dir, ctx);
    if (record.errors.length > 0) throw new InvalidLetter(record.errors);
    const known = record.deliveries.deliveries;
    const delivery = known.find((d) => d.id === o.id);
    if (!delivery)
      throw new UsageError(
        `no delivery "${o.id}" in ${record.file}`,
        known.length
          ? `Known: ${[...new Set(known.map((d) => d.id))].join(', ')}`
          : 'Nothing was delivered yet: letter deliver makes one.',
      );
    if (on < delivery.delivered_at.slice(0, 10))
      throw new UserError(
        `--on: ${on} is before the delivery ${delivery.id} (${delivery.delivered_at}); nothing was recorded.`,
        'Give the day the response came.',
      );
    const deliveries = known.map((d) =>
      d === delivery ? { ...d, responses: [...d.responses, response] } : d,
    );
    await writeAll([deliveriesChange(dir, { deliveries })]);
    return {
      letter: shown,
      file: record.file,
      delivery: { id: delivery.id, to: delivery.to, delivered_at: delivery.delivered_at },
      response,
    };
  });
}

/** One line: what was recorded, for which delivery, in which file. */
export function formatRespond(r: RespondResult, style: Style): string {
  const what =
    r.response.kind === 'follow-up'
      ? `follow-up due ${r.response.on}`
      : `${r.response.kind} on ${r.response.on}`;
  return `Recorded ${style.bold(what)} for ${r.delivery.id} (to ${r.delivery.to}) in ${r.file}; commit it.`;
}
