/**
 * The record of a letter's deliveries and what came back (`deliveries.yaml` in the letter's
 * folder, git-tracked and public): its schema, key order, the entries `letter deliver` and
 * `letter delivery respond` add, the events `letter log` shows, and the rules `letter check`
 * applies. Pure.
 */
import { z } from 'zod';
import { at, type Locate, type Problem, problem } from '../errors.js';
import { addresseeSlug } from './delivery-manifest.js';
import { date, text, timestamp, webUrl } from './schema.js';

/** What came back from an addressee: `acknowledged` (receipt), `responded` (an answer), `follow-up` (one is due on the date). */
export const RESPONSE_KINDS = ['acknowledged', 'responded', 'follow-up'] as const;
/** One of `RESPONSE_KINDS`. */
export type ResponseKind = (typeof RESPONSE_KINDS)[number];

/** A response: its kind, the day (ISO 8601 date; for a follow-up, the day it is due), a summary and a link. */
export const responseSchema = z.strictObject({
  kind: z.enum(RESPONSE_KINDS, { error: `must be one of ${RESPONSE_KINDS.join(', ')}` }),
  on: date.meta({
    description: 'The day, ISO 8601 (2020-06-02); for a follow-up, the day it is due.',
  }),
  note: text(2000)
    .optional()
    .meta({ description: 'What came back, or what to follow up, in a line.' }),
  link: webUrl.optional().meta({ description: 'Where the response can be read (http or https).' }),
});

/**
 * One delivery: its id (`<date>-<addressee slug>`), to whom, when (ISO 8601 UTC), by what
 * channel, the SHA-256 of the bundle's manifest.json, the commit the letter came from (and
 * `uncommitted: true` when its folder differed from it), the number of signatories delivered,
 * and the responses in the order they were recorded.
 */
export const deliverySchema = z.strictObject({
  id: z
    .string({ error: 'must be an id such as 2020-06-01-the-united-nations' })
    .regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lower-case letters, digits and hyphens'),
  to: text(300).meta({ description: 'The addressee the bundle went to.' }),
  delivered_at: timestamp.meta({ description: 'When, ISO 8601 UTC.' }),
  channel: text(200).optional().meta({ description: 'How: email, by hand, a portal...' }),
  manifest: z
    .string({ error: 'must be sha256: and 64 hex digits' })
    .regex(/^sha256:[0-9a-f]{64}$/, 'must be sha256: and 64 hex digits')
    .meta({ description: "The SHA-256 of the bundle's manifest.json." }),
  commit: z
    .string({ error: 'must be a git commit hash' })
    .regex(/^[0-9a-f]{40,64}$/, 'must be a full git commit hash')
    .optional(),
  uncommitted: z.boolean({ error: 'must be true or false' }).optional(),
  count: z.number({ error: 'must be a whole number' }).int('must be a whole number').min(0),
  responses: z.array(responseSchema).default([]),
});

/** The shape of deliveries.yaml. */
export const deliveriesSchema = z.strictObject({ deliveries: z.array(deliverySchema).default([]) });

/** deliveries.yaml as parsed. */
export type DeliveriesFile = z.infer<typeof deliveriesSchema>;
/** One delivery of `DeliveriesFile`. */
export type Delivery = DeliveriesFile['deliveries'][number];
/** One response of a `Delivery`. */
export type DeliveryResponse = Delivery['responses'][number];

/** Key orders of deliveries.yaml, for writing (see stringifyYaml). */
export const DELIVERY_KEY_ORDER = [
  'id',
  'to',
  'delivered_at',
  'channel',
  'manifest',
  'commit',
  'uncommitted',
  'count',
  'responses',
] as const;
/** Key order of a response. */
export const RESPONSE_KEY_ORDER = ['kind', 'on', 'note', 'link'] as const;

/** Orders the keys of every delivery and response (for a file `letter fmt` leaves as it is). */
export function orderedDeliveries(file: DeliveriesFile): DeliveriesFile {
  const pick = (o: Record<string, unknown>, keys: readonly string[]) =>
    Object.fromEntries(keys.filter((k) => o[k] !== undefined).map((k) => [k, o[k]]));
  return {
    deliveries: file.deliveries.map(
      (d) =>
        ({
          ...pick(d, DELIVERY_KEY_ORDER),
          responses: d.responses.map((r) => pick(r, RESPONSE_KEY_ORDER)),
        }) as Delivery,
    ),
  };
}

/** The flags of a delivery a person types, as fields of deliveries.yaml. */
export interface DeliveryFields {
  to: string;
  channel?: string | undefined;
}

/**
 * The first field of `fields` deliveries.yaml would refuse (a line break, a tab or another
 * control character, too long, empty), with the schema's words; undefined when all are
 * fine. Lets `letter deliver` refuse its flags before anything is written.
 */
export function deliveryFieldProblem(
  fields: DeliveryFields,
): { field: keyof DeliveryFields; message: string } | undefined {
  const checked = deliverySchema.pick({ to: true, channel: true }).safeParse(fields);
  if (checked.success) return undefined;
  const issue = checked.error.issues[0]!;
  return { field: issue.path[0] as keyof DeliveryFields, message: issue.message };
}

/** A new delivery's id: `<day of delivered_at>-<addressee slug>`, with -2, -3... when taken. */
export function deliveryId(file: DeliveriesFile, to: string, deliveredAt: string): string {
  const base = `${deliveredAt.slice(0, 10)}-${addresseeSlug(to)}`;
  const taken = new Set(file.deliveries.map((d) => d.id));
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  return id;
}

/** One event of a delivery for `letter log`: the delivery itself or a response (`at` ISO 8601 UTC; a response's day at 00:00Z). */
export interface DeliveryEvent {
  at: string;
  kind: 'delivered' | ResponseKind;
  /** The delivery's id. */
  id: string;
  /** The addressee. */
  to: string;
  count?: number;
  note?: string;
  link?: string;
}

/** The events of every delivery, oldest first. */
export function deliveryEvents(file: DeliveriesFile): DeliveryEvent[] {
  const events: DeliveryEvent[] = [];
  for (const d of file.deliveries) {
    events.push({
      at: d.delivered_at,
      kind: 'delivered',
      id: d.id,
      to: d.to,
      count: d.count,
    });
    for (const r of d.responses)
      events.push({
        at: `${r.on}T00:00:00Z`,
        kind: r.kind,
        id: d.id,
        to: d.to,
        ...(r.note ? { note: r.note } : {}),
        ...(r.link ? { link: r.link } : {}),
      });
  }
  return events.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}

/**
 * The problems of a parsed deliveries.yaml (`file` as shown, `locate` its positions): an id
 * used twice (delivery-id-duplicate), a response dated before its delivery's day
 * (response-before-delivery), and, as a warning, a follow-up due before `today` (ISO date)
 * with no response on or after its day (follow-up-overdue); `shown` names the letter in hints.
 */
export function deliveryProblems(
  parsed: DeliveriesFile,
  file: string,
  locate: Locate,
  today: string,
  shown: string,
): Problem[] {
  const problems: Problem[] = [];
  const first = new Map<string, number>();
  parsed.deliveries.forEach((d, i) => {
    const earlier = first.get(d.id);
    if (earlier !== undefined)
      problems.push(
        problem(
          'delivery-id-duplicate',
          at(file, locate(['deliveries', i, 'id'])),
          `delivery id "${d.id}" is used twice: here and on line ${locate(['deliveries', earlier, 'id']).line}`,
          'give each delivery its own id',
        ),
      );
    else first.set(d.id, i);
    const day = d.delivered_at.slice(0, 10);
    d.responses.forEach((r, j) => {
      if (r.on < day)
        problems.push(
          problem(
            'response-before-delivery',
            at(file, locate(['deliveries', i, 'responses', j, 'on'])),
            `${r.kind} on ${r.on}, before the delivery of ${day}`,
            'correct the date of the response or of the delivery',
          ),
        );
      const answered = d.responses.some((o) => o !== r && o.kind !== 'follow-up' && o.on >= r.on);
      if (r.kind === 'follow-up' && r.on < today && !answered)
        problems.push(
          problem(
            'follow-up-overdue',
            at(file, locate(['deliveries', i, 'responses', j, 'on'])),
            `the follow-up of ${d.id} was due on ${r.on}`,
            `follow up, then record it: letter delivery respond ${shown} ${d.id} responded --on <date>`,
          ),
        );
    });
  });
  return problems;
}
