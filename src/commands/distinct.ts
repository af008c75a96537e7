/**
 * `letter distinct <letter> <id> <other-id>...`: records a person's decision that signatures
 * with the same or a likely-same name are different people (two "Alexander"s), in the
 * `distinct_from` field of `<id>`, so that `check`, `verify` and later signs honour it.
 */
import type { Context } from '../context.js';
import { UsageError, UserError } from '../errors.js';
import { recordDistinct } from '../letter/signatures.js';
import type { Style } from '../terminal.js';
import { type UpdateResult, updateSignatures } from './update.js';

/** Options of `letter distinct`: the signature that records the decision and the ones it is distinct from. */
export interface DistinctOptions {
  letter: string;
  id: string;
  others: string[];
}

/**
 * Records that signature `id` is a different person from each of `others`.
 * @throws UsageError when an id names `id` itself; SignatureNotFound or UserError for an
 *   unknown id or a decision already recorded; InvalidTransition when the names are not
 *   similar, or are a fake's, in look-alike letters, or the same with nothing to tell them
 *   apart (no decision can allow those), before anything is written.
 */
export function distinct(o: DistinctOptions, ctx: Context): Promise<UpdateResult> {
  if (o.others.includes(o.id)) throw new UsageError(`${o.id} cannot be distinct from itself`);
  return updateSignatures(
    o.letter,
    [o.id],
    (s) => s,
    ctx,
    (all, shown) => {
      for (const other of o.others)
        if (!all.some((s) => s.id === other))
          throw new UserError(
            `No signature with id "${other}"; nothing was written.`,
            `List the ids with: letter list ${shown} --status all`,
          );
      const sig = all.find((s) => s.id === o.id);
      if (sig && o.others.every((other) => sig.distinct_from?.includes(other)))
        throw new UserError(
          `${o.id} is already recorded as a different person from ${o.others.join(', ')}; nothing was written.`,
        );
    },
    (s, all) => recordDistinct(s, all, o.others),
  );
}

/** The human view of a decision. */
export function formatDistinct(r: UpdateResult, style: Style): string {
  const lines = r.signatures.map(
    (s) =>
      `${style.green('Recorded:')} ${style.bold(s.name)} (${s.id}) is a different person from ${(s.distinct_from ?? []).join(', ')}`,
  );
  return [...lines, ...r.written.map((f) => `  wrote ${f}`)].join('\n');
}
