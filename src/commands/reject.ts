/** `letter reject <letter> <id>... --reason <text>`: records signatures found to be fake, and keeps them out for good. */
import type { Context } from '../context.js';
import { reject as rejectSignature } from '../letter/signatures.js';
import type { Style } from '../terminal.js';
import { type UpdateResult, updateSignatures } from './update.js';

/** Options of `letter reject`. */
export interface RejectOptions {
  letter: string;
  ids: string[];
  reason: string;
  by?: string | undefined;
}

/**
 * Rejects signatures: status `rejected` with when (ISO 8601 UTC), why and who; the records
 * stay as evidence, out of every render, and their names can never be signed again.
 * @throws SignatureNotFound, InvalidTransition for any id, before anything is written.
 */
export function reject(o: RejectOptions, ctx: Context): Promise<UpdateResult> {
  return updateSignatures(
    o.letter,
    o.ids,
    (s, now) => rejectSignature(s, o.reason, now, o.by),
    ctx,
  );
}

/** The human view of a rejection. */
export function formatReject(r: UpdateResult, style: Style): string {
  const lines = r.signatures.map(
    (s) =>
      `${style.red('Rejected:')} ${style.bold(s.name)} (${s.id}); kept as evidence, never published, never signed again.`,
  );
  return [...lines, ...r.written.map((f) => `  wrote ${f}`)].join('\n');
}
