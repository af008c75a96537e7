/**
 * Consent that can be shown: who agreed, when, through which channel, to which version of
 * the text, with what evidence. Records live in the private store
 * (`private/consent/<signature-id>.yaml`, a list per signatory, oldest first); the public
 * signature names the latest in `consent:`. Pure: the caller supplies the clock and writes.
 */
import { z } from 'zod';
import { InvalidTransition } from '../errors.js';
import { toIsoTimestamp } from './dates.js';
import { FIELD_SCHEMAS, type Signature } from './schema.js';

const { text, timestamp, ident, textHash, webUrl } = FIELD_SCHEMAS;

/** What shows the agreement: a message id (an email's Message-ID, a ticket), a file kept in `private/evidence/`, or a link. */
export const evidenceSchema = z.union([
  z.strictObject({ message_id: text(1000) }),
  z.strictObject({ file: text(300) }),
  z.strictObject({ url: webUrl }),
]);
/** One piece of evidence. */
export type Evidence = z.output<typeof evidenceSchema>;

/** One consent record. */
export const consentRecordSchema = z.strictObject({
  id: ident('consent record id'),
  /** `agreed` (the first agreement, `letter answer`) or `reconfirmed` (`letter reconfirm`). */
  kind: z.enum(['agreed', 'reconfirmed'], { error: 'must be agreed or reconfirmed' }),
  at: timestamp,
  channel: text(100),
  text_version: textHash,
  evidence: evidenceSchema.optional(),
  recorded_by: text(200),
  invitation: ident('invitation id').optional(),
  note: text(2000).optional(),
});
/** One consent record. */
export type ConsentRecord = z.output<typeof consentRecordSchema>;

/** The shape of `private/consent/<signature-id>.yaml`: the signatory's records, oldest first. */
export const consentFileSchema = z.strictObject({
  records: z.array(consentRecordSchema).min(1, 'must hold at least one record'),
});
/** A consent file. */
export type ConsentFile = z.output<typeof consentFileSchema>;

/** Key order of a consent record. */
export const CONSENT_KEY_ORDER = [
  'id',
  'kind',
  'at',
  'channel',
  'text_version',
  'evidence',
  'recorded_by',
  'invitation',
  'note',
] as const;

/**
 * What `--evidence` names: a web link (`https://...`), a file (when `isFile`: copied to the
 * private store as `storedAs`), else a message id (`<CAF...@mail.example.org>`, a ticket number).
 */
export function evidenceOf(value: string, file?: { storedAs: string }): Evidence {
  const v = value.trim();
  if (file) return { file: file.storedAs };
  if (/^https?:\/\//i.test(v) && webUrl.safeParse(v).success) return { url: v };
  return { message_id: v };
}

/**
 * Whether an `--evidence` value that names no file was meant as one: it holds a path
 * separator, starts with `.` or `~`, or ends in a file extension (`reply.eml`, `scan.pdf`)
 * without being an address-like message id (`<id@mail.example.org>`, `id@mail.example.org`).
 */
export function looksLikePath(value: string): boolean {
  const v = value.trim();
  if (/[/\\]/.test(v) || /^[.~]/.test(v)) return !/^<[^<>]*>$/.test(v);
  return !v.includes('@') && /\.[A-Za-z0-9]{1,5}$/.test(v);
}

/**
 * The id of a new consent record of signature `signatureId` at `now`: the signature id and
 * the time (`ban-ki-moon-20200526t090000z`), so that two staff members recording on two
 * clones of the private store never pick the same id; `-2`, `-3`... when `taken`.
 */
export function consentRecordId(
  signatureId: string,
  now: Date,
  taken: { has(id: string): boolean },
): string {
  const base = `${signatureId}-${toIsoTimestamp(now).replace(/[-:]/g, '').toLowerCase()}`;
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

/** What a new consent record says; `at` is the clock's now. */
export interface ConsentInput {
  kind: ConsentRecord['kind'];
  channel: string;
  textVersion: string;
  evidence?: Evidence | undefined;
  recordedBy: string;
  invitation?: string | undefined;
  note?: string | undefined;
}

/**
 * A consent record, checked against its schema.
 * @throws InvalidTransition naming the field that fails.
 */
export function consentRecord(id: string, input: ConsentInput, now: Date): ConsentRecord {
  const candidate = Object.fromEntries(
    Object.entries({
      id,
      kind: input.kind,
      at: toIsoTimestamp(now),
      channel: input.channel.trim(),
      text_version: input.textVersion,
      evidence: input.evidence,
      recorded_by: input.recordedBy.trim(),
      invitation: input.invitation,
      note: input.note?.trim() || undefined,
    }).filter(([, v]) => v !== undefined),
  );
  const parsed = consentRecordSchema.safeParse(candidate);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new InvalidTransition(`${issue.path.join('.') || 'consent'} ${issue.message}`);
  }
  return parsed.data;
}

/**
 * The signature of a signatory who agreed again, to `textVersion`, with consent record
 * `recordId`: `text_version` and `consent` point to them, and a `reconfirmed` entry (at, the
 * version, by) is added, which the changelog shows as a `reconfirmed` event.
 * @throws InvalidTransition when the signature was withdrawn or rejected, or already agreed to
 *   `textVersion` with a consent record (a signature without one gets its record this way).
 */
export function reconfirm(
  sig: Signature,
  textVersion: string,
  recordId: string,
  now: Date,
  by: string,
): Signature {
  if (sig.status === 'withdrawn' || sig.status === 'rejected')
    throw new InvalidTransition(
      `Signature ${sig.id} was ${sig.status}; it cannot be reconfirmed.`,
      sig.status === 'withdrawn'
        ? 'A withdrawn signatory signs again with letter sign.'
        : undefined,
    );
  // Nothing new to record in public: a second reconfirmation of the same text would only add noise to CHANGELOG.md.
  if (sig.text_version === textVersion && sig.consent !== undefined)
    throw new InvalidTransition(
      `Signature ${sig.id} already agreed to the text as it reads now (${textVersion}), with consent record ${sig.consent}; nothing to reconfirm.`,
      'Reconfirm after the text changes (letter diff shows what changed).',
    );
  return {
    ...sig,
    text_version: textVersion,
    consent: recordId,
    reconfirmed: [
      ...(sig.reconfirmed ?? []),
      { at: toIsoTimestamp(now), text_version: textVersion, by: by.trim() },
    ],
  };
}

/**
 * The signature of an invitee who agreed, made from the one `sign` (signatures.ts) built:
 * the version agreed to, the consent record, and with evidence, verified by whoever recorded
 * it at `now` (the agreement staff hold is the verification; the private evidence itself never
 * goes in the public `verified.evidence`).
 */
export function agreedSignature(
  signed: Signature,
  o: { textVersion: string; recordId: string; recordedBy: string; withEvidence: boolean },
  now: Date,
): Signature {
  const base = { ...signed, text_version: o.textVersion, consent: o.recordId };
  return o.withEvidence
    ? { ...base, status: 'verified', verified: { by: o.recordedBy, at: toIsoTimestamp(now) } }
    : base;
}

/**
 * A signature that already existed (staff signed the person another way) linked to the
 * invitation they agreed through (`letter answer ... agreed --as <id>`): the version agreed
 * to and the consent record, and with evidence a pending signature becomes verified by
 * whoever recorded it at `now`; a verified one keeps its verification.
 * @throws InvalidTransition when the signature was withdrawn or rejected.
 */
export function linkedSignature(
  existing: Signature,
  o: { textVersion: string; recordId: string; recordedBy: string; withEvidence: boolean },
  now: Date,
): Signature {
  if (existing.status === 'withdrawn' || existing.status === 'rejected')
    throw new InvalidTransition(
      `Signature ${existing.id} was ${existing.status}; an invitation cannot become it.`,
    );
  return agreedSignature(
    existing,
    { ...o, withEvidence: o.withEvidence && existing.status === 'pending' },
    now,
  );
}
