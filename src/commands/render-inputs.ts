/**
 * What every language of a render shares: the signatures the letter may publish (what
 * check would let through, see publishing.ts), its publication state (a preview before the
 * embargo or while a draft), the names of earlier versions of the text, when the letter last
 * changed, and its deliveries. Warns on stderr of what is left out and of an embargo.
 */
import type { Context } from '../context.js';
import { InvalidLetter } from '../errors.js';
import type { Delivery } from '../letter/deliveries.js';
import { type Publication, publication } from '../letter/embargo.js';
import { publishable } from '../letter/publishing.js';
import { publishedStatuses } from '../letter/signatures.js';
import { lastUpdated } from '../render/share.js';
import type { ValidLetter } from '../storage/letter-store.js';
import { checkedDeliveries } from './check-deliveries.js';
import { warnEmbargo, warnLeftOut } from './shared/letter-warnings.js';
import { earlierVersionNames } from './shared/text-versions.js';

/** The shared inputs of a render; `updated` ISO 8601 UTC or null. */
export interface RenderInputs {
  signatures: ReturnType<typeof publishable>['signatures'];
  statuses: ReturnType<typeof publishedStatuses>;
  state: Publication;
  versionNames: ReadonlyMap<string, string>;
  updated: string | null;
  deliveries: readonly Delivery[];
}

/**
 * Reads what a render of `loaded` (in folder `dir`) publishes.
 * @throws InvalidLetter when deliveries.yaml has errors (those `letter check` reports).
 */
export async function renderInputs(
  loaded: ValidLetter,
  dir: string,
  ctx: Context,
): Promise<RenderInputs> {
  const { letter } = loaded;
  const gate = publishable(
    letter,
    loaded.signatures.map((s) => s.signature),
    loaded.erased,
    loaded.signatures.map((s) => s.key),
  );
  warnLeftOut(ctx, gate.leftOut, loaded.shown);
  const state = publication(letter, ctx.now());
  warnEmbargo(ctx, state, loaded.shown, 'each render, marked as a preview, is');
  const statuses = publishedStatuses(letter);
  const versionNames = await earlierVersionNames(loaded, gate.signatures, statuses, ctx);
  // Refused on exactly the errors `letter check` reports of deliveries.yaml.
  const delivered = await checkedDeliveries(dir, ctx);
  if (delivered.errors.length > 0) throw new InvalidLetter(delivered.errors);
  return {
    signatures: gate.signatures,
    statuses,
    state,
    versionNames,
    updated: lastUpdated(letter, gate.signatures),
    deliveries: delivered.deliveries.deliveries,
  };
}
