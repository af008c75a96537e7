/** `letter log <letter>`: the changelog's events, newest first. */
import type { Context } from '../context.js';
import { eventsOf, type LetterEvent } from '../letter/changelog.js';
import { type DeliveryEvent, deliveryEvents } from '../letter/deliveries.js';
import { erasedNames } from '../letter/erasure.js';
import {
  loadLetterSkippingInvalidFiles,
  resolveLetterDir,
  type SkippedFile,
} from '../storage/letter-store.js';
import type { Style } from '../terminal.js';
import { checkedDeliveries } from './check-deliveries.js';
import { warnDeliveriesLeftOut, warnLeftOut } from './shared/letter-warnings.js';

/** Options of `letter log`; `limit` keeps the newest N events. */
export interface LogOptions {
  letter: string;
  limit?: number | undefined;
}

/** An event of `letter log`: a signature's, or a delivery's (deliveries.yaml: delivered, and what came back). */
export type LogEvent = LetterEvent | DeliveryEvent;

/** Events newest first (timestamps ISO 8601 UTC; a response's day at 00:00:00Z). */
export interface LogResult {
  letter: string;
  events: LogEvent[];
  /** Files left out because they have errors (see `loadLetterSkippingInvalidFiles`); a warning on stderr names them. */
  skipped: SkippedFile[];
}

/** Lists the letter's events, derived from its signature files; a restored erased name is left out, with a warning. @throws InvalidLetter */
export async function log(o: LogOptions, ctx: Context): Promise<LogResult> {
  const loaded = await loadLetterSkippingInvalidFiles(
    await resolveLetterDir(o.letter, ctx.cwd),
    ctx.cwd,
  );
  // A name erased at the signatory's request that came back (a revert) is no event to show.
  const erasedAs = erasedNames(loaded.erased, loaded.letter.slug);
  const back = loaded.signatures.filter((s) => erasedAs(s.signature.name, s.key) !== undefined);
  warnLeftOut(
    ctx,
    back.map((s) => ({ id: s.signature.id, reason: "a name erased at the signatory's request" })),
    loaded.shown,
  );
  const events = eventsOf(
    loaded.signatures.filter((s) => !back.includes(s)).map((s) => s.signature),
    loaded.erased,
  );
  // The errors `letter check` reports of deliveries.yaml leave its events out, each said on stderr.
  const deliveries = await checkedDeliveries(loaded.dir, ctx);
  warnDeliveriesLeftOut(ctx, deliveries.errors, loaded.shown);
  const delivered = deliveries.errors.length > 0 ? [] : deliveryEvents(deliveries.deliveries);
  // Both oldest first: merged by time, then newest first (a signature's event first at the same instant).
  const merged: LogEvent[] = mergeByTime(events, delivered).reverse();
  return {
    letter: loaded.shown,
    skipped: loaded.skipped,
    events: o.limit === undefined ? merged : merged.slice(0, o.limit),
  };
}

/** Two lists each oldest first, merged oldest first; at the same instant, `a`'s event comes first. */
function mergeByTime<A extends { at: string }, B extends { at: string }>(
  a: A[],
  b: B[],
): (A | B)[] {
  const out: (A | B)[] = [];
  let j = 0;
  for (const e of a) {
    while (j < b.length && b[j]!.at < e.at) out.push(b[j++]!);
    out.push(e);
  }
  return out.concat(b.slice(j));
}

/** One line of a delivery event: to whom, the delivery id, and the count or what came back. */
function deliveryLine(e: DeliveryEvent, style: Style): string {
  const kind = e.kind === 'follow-up' ? 'follow-up due' : e.kind;
  const extra =
    e.kind === 'delivered'
      ? `: ${e.count} ${e.count === 1 ? 'signatory' : 'signatories'}`
      : e.note
        ? `: ${e.note}`
        : '';
  const link = e.link ? ` ${style.dim(e.link)}` : '';
  return `${style.dim(e.at)}  ${style.cyan(kind.padEnd(9))}  to ${e.to} ${style.dim(`(${e.id})`)}${extra}${link}`;
}

/** One line per event: time, kind, name and id, and who or why where known. */
export function formatLog(r: LogResult, style: Style): string {
  if (r.events.length === 0) return `${r.letter}: no events yet.`;
  const colour = {
    signed: style.green,
    verified: style.cyan,
    reconfirmed: style.cyan,
    withdrawn: style.yellow,
    rejected: style.red,
    erased: style.yellow,
  } as const;
  return r.events
    .map((e) => {
      if (!('name' in e)) return deliveryLine(e, style);
      const to = e.text_version ? ` to ${e.text_version}` : '';
      const extra =
        (e.kind === 'verified' || e.kind === 'reconfirmed') && e.by
          ? `${to} by ${e.by}`
          : e.reason
            ? `: ${e.reason}`
            : to;
      return `${style.dim(e.at)}  ${colour[e.kind](e.kind.padEnd(9))}  ${e.name} ${style.dim(`(${e.id})`)}${extra}`;
    })
    .join('\n');
}
