/** `letter withdraw <letter> <id> --reason <text>`: records a withdrawal; the file stays as a record. */
import type { Context } from '../context.js';
import { withdraw as withdrawSignature } from '../letter/signatures.js';
import type { Style } from '../terminal.js';
import { type UpdateResult, updateSignatures } from './update.js';

/** Options of `letter withdraw`. */
export interface WithdrawOptions {
  letter: string;
  id: string;
  reason: string;
  by?: string | undefined;
}

/**
 * Withdraws one signature: status `withdrawn` with when (ISO 8601 UTC), why and who.
 * @throws SignatureNotFound, InvalidTransition (already withdrawn); nothing is written then.
 */
export function withdraw(o: WithdrawOptions, ctx: Context): Promise<UpdateResult> {
  return updateSignatures(o.letter, [o.id], (s, now) => withdrawSignature(s, o.reason, now, o.by), ctx);
}

/** The human view of a withdrawal. */
export function formatWithdraw(r: UpdateResult, style: Style): string {
  const lines = r.signatures.map((s) => `${style.yellow('Withdrawn:')} ${style.bold(s.name)} (${s.id}); the record stays, out of every render.`);
  return [...lines, ...r.written.map((f) => `  wrote ${f}`)].join('\n');
}
