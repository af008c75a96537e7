/** `letter verify <letter> <id>...`: records that signatures were checked with the signatory. */
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import { gitUserName } from '../git.js';
import { verify as verifySignature } from '../letter/signatures.js';
import type { Style } from '../terminal.js';
import { type UpdateResult, updateSignatures } from './update.js';

/** Options of `letter verify`; `by` defaults to git's user.name. */
export interface VerifyOptions {
  letter: string;
  ids: string[];
  by?: string | undefined;
  evidence?: string | undefined;
}

/**
 * Verifies signatures: status `verified` with who, when (ISO 8601 UTC) and an optional evidence URL.
 * @throws UsageError when no verifier is known; SignatureNotFound or InvalidTransition for any id, before anything is written.
 */
export async function verify(o: VerifyOptions, ctx: Context): Promise<UpdateResult> {
  if (o.by !== undefined && o.by.trim() === '') throw new UsageError('--by: name who verified these signatures');
  const by = o.by?.trim() || (await gitUserName(ctx.cwd));
  if (!by) throw new UsageError('missing --by: who verified these signatures?', 'Pass --by "Your Name" or set git config user.name.');
  return updateSignatures(o.letter, o.ids, (s, now) => verifySignature(s, by, now, o.evidence), ctx);
}

/** The human view of a verification. */
export function formatVerify(r: UpdateResult, style: Style): string {
  const lines = r.signatures.map((s) => `${style.green('Verified:')} ${style.bold(s.name)} (${s.id}) by ${s.verified?.by}`);
  return [...lines, ...r.written.map((f) => `  wrote ${f}`)].join('\n');
}
