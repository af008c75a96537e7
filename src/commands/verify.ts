/** `letter verify <letter> <id>...`: records that signatures were checked with the signatory. */
import type { Context } from '../context.js';
import { UsageError, UserError } from '../errors.js';
import { gitUserName } from '../git.js';
import { isCertain } from '../letter/duplicates.js';
import { undecidedMatcher, verify as verifySignature } from '../letter/signatures.js';
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
 * Verification is the last step before a name is published, so a signature whose name is
 * (likely) someone else's on the letter is refused until a person decides (`letter distinct`).
 * @throws UsageError when no verifier is known; SignatureNotFound or InvalidTransition for any id,
 *   or UserError for an undecided likely duplicate, before anything is written.
 */
export async function verify(o: VerifyOptions, ctx: Context): Promise<UpdateResult> {
  if (o.by !== undefined && o.by.trim() === '')
    throw new UsageError('--by: name who verified these signatures');
  const by = o.by?.trim() || (await gitUserName(ctx.cwd));
  if (!by)
    throw new UsageError(
      'missing --by: who verified these signatures?',
      'Pass --by "Your Name" or set git config user.name.',
    );
  return updateSignatures(
    o.letter,
    o.ids,
    (s, now) => verifySignature(s, by, now, o.evidence),
    ctx,
    (all, shown) => {
      const byId = new Map(all.map((s) => [s.id, s]));
      const matches = undecidedMatcher(all);
      for (const id of o.ids) {
        const s = byId.get(id);
        const match = s ? matches(s)[0] : undefined;
        if (s && match)
          throw new UserError(
            `${id} ("${s.name}") is ${match.kind === 'likely' ? 'likely the same person as' : 'the same name as'} ${match.id} ("${match.name}", ${match.status}): ${match.reason}; nothing was verified.`,
            isCertain(match)
              ? `A person cannot decide this one (a fake's name, look-alike letters, or the same name with nothing to tell them apart): reject or withdraw ${id}, or give each a url of their own.`
              : `If they are different people: letter distinct ${shown} ${id} ${match.id}; if not, withdraw or reject one of them.`,
          );
      }
    },
  );
}

/** The human view of a verification. */
export function formatVerify(r: UpdateResult, style: Style): string {
  const lines = r.signatures.map(
    (s) => `${style.green('Verified:')} ${style.bold(s.name)} (${s.id}) by ${s.verified?.by}`,
  );
  return [...lines, ...r.written.map((f) => `  wrote ${f}`)].join('\n');
}
