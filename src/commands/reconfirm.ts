/**
 * `letter reconfirm <letter> <signature-id>... --evidence ...`: records that signatories
 * agreed to the current text. For each: a new consent record in the private store (on the
 * current text version, with the evidence), the signature's `text_version` and `consent:`
 * pointing to them and a `reconfirmed` entry, which CHANGELOG.md shows as an event.
 */
import path from 'node:path';
import type { Context } from '../context.js';
import { UsageError, UserError } from '../errors.js';
import { gitUserName } from '../git.js';
import { consentRecordId, reconfirm as reconfirmSignature } from '../letter/consent.js';
import { textVersion } from '../letter/text-version.js';
import { resolveLetterDir } from '../storage/letter-store.js';
import { consentRecordChanges, readConsent } from '../storage/outreach-store.js';
import { privateChanges } from '../storage/private-store.js';
import type { FileChange } from '../storage/transaction.js';
import type { Style } from '../terminal.js';
import { type UpdateResult, updateSignatures } from './update.js';

/** Options of `letter reconfirm`. */
export interface ReconfirmOptions {
  letter: string;
  ids: string[];
  /** A message id, a file (copied into the private store) or a link that shows the agreement. */
  evidence: string;
  /** Default: the channel of the signatory's last consent record. */
  channel?: string | undefined;
  /** Who recorded it; default git's user.name. */
  by?: string | undefined;
  note?: string | undefined;
}

/** The signatures reconfirmed, the text version they agreed to, and the files written. */
export interface ReconfirmResult extends UpdateResult {
  text_version: string;
}

/**
 * Records a reconfirmation of each signature, on the current text (ISO 8601 UTC, the run's clock).
 * @throws UsageError without a recorder (no --by, no git user.name), without a channel, or
 *   with empty evidence; SignatureNotFound or InvalidTransition (withdrawn, rejected) for any
 *   id, before anything is written.
 */
export async function reconfirm(o: ReconfirmOptions, ctx: Context): Promise<ReconfirmResult> {
  if (o.evidence.trim() === '') throw new UsageError('--evidence must not be empty');
  const by = o.by?.trim() || (await gitUserName(ctx.cwd));
  if (!by)
    throw new UsageError(
      'missing --by: who recorded the reconfirmation?',
      'Pass --by "Your Name" or set git config user.name.',
    );
  const dir = await resolveLetterDir(o.letter, ctx.cwd);
  let version = '';
  const recordIdOf = (id: string, now: Date) => consentRecordId(id, now, new Set());
  const now = ctx.now();
  const alsoWrite = async (changed: { id: string }[]): Promise<FileChange[]> => {
    const files: FileChange[] = [];
    for (const { id } of changed) {
      const { records } = await readConsent(dir, id, ctx.cwd);
      const recordId = recordIdOf(id, now);
      if (records.some((r) => r.id === recordId))
        throw new UserError(
          `${id} was reconfirmed at this very second already; nothing was written.`,
        );
      const channel = o.channel?.trim() || records[records.length - 1]?.channel;
      if (!channel)
        throw new UsageError(
          `missing --channel: ${id} has no earlier consent record to take it from`,
        );
      files.push(
        ...(await consentRecordChanges(
          dir,
          id,
          records,
          recordId,
          { kind: 'reconfirmed', channel, textVersion: version, recordedBy: by, note: o.note },
          o.evidence,
          now,
          ctx.cwd,
        )),
      );
    }
    return privateChanges(dir, files, ctx.cwd);
  };
  const result = await updateSignatures(
    o.letter,
    o.ids,
    (s, _, loaded) => {
      version = textVersion(loaded.body);
      return reconfirmSignature(s, version, recordIdOf(s.id, now), now, by);
    },
    { ...ctx, now: () => now },
    undefined,
    undefined,
    alsoWrite,
  );
  return { ...result, text_version: version };
}

/** The human view of a reconfirmation. */
export function formatReconfirm(r: ReconfirmResult, style: Style): string {
  return [
    ...r.signatures.map(
      (s) =>
        `${style.green('Reconfirmed:')} ${style.bold(s.name)} (${s.id}) agreed to ${r.text_version}, consent ${s.consent}`,
    ),
    ...r.written.map((f) => `  wrote ${path.normalize(f)}`),
  ].join('\n');
}
