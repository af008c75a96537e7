/**
 * The flags of `letter deliver` a person types, refused before anything is read or written:
 * what deliveries.yaml and the manifest would hold must be what their schema accepts.
 */
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import { deliveryFieldProblem } from '../letter/deliveries.js';
import { shownPath } from '../shown-path.js';
import { bundleFolderState } from '../storage/delivery-bundle.js';
import type { DeliverOptions } from './deliver-format.js';

/**
 * The addressee and channel of a delivery, trimmed. @throws UsageError for a missing
 * --to, a --to or --channel deliveries.yaml would refuse (a line break, a tab or another
 * control character, too long), or an empty --sign-key.
 */
export function deliverFlags(o: DeliverOptions): { to: string; channel: string | undefined } {
  const to = o.to?.trim() ?? '';
  if (to === '') throw new UsageError('--to: name the addressee, e.g. --to "the United Nations"');
  const channel = o.channel?.trim();
  if (channel === '')
    throw new UsageError('--channel: say how it is delivered, e.g. --channel email');
  const refused = deliveryFieldProblem({ to, channel });
  if (refused)
    throw new UsageError(
      `--${refused.field}: ${refused.message}; nothing was written`,
      'Give it as one line of text.',
    );
  if (o.signKey !== undefined && o.signKey.trim() === '')
    throw new UsageError(
      '--sign-key: name the SSH private key file to sign with, e.g. --sign-key ~/.ssh/id_ed25519',
      'Or leave --sign-key out: the bundle is then not signed.',
    );
  return { to, channel };
}

/**
 * `bundle` (absolute), when a bundle can be written into it: a new or empty folder. `given`
 * is --out as typed, named in the error. @throws UsageError when a file or a device is there
 * (`--out /dev/null`) or the folder holds files (a bundle is never written over another).
 */
export async function freeBundleFolder(
  bundle: string,
  given: string | undefined,
  ctx: Context,
): Promise<string> {
  const shown = shownPath(ctx.cwd, bundle);
  const folder = await bundleFolderState(bundle);
  if (folder === 'not-a-folder')
    throw new UsageError(
      `--out: ${given ?? shown} is not a folder (a file or a device is there)`,
      'Name a folder with --out: a new one, or an empty one.',
    );
  if (folder === 'used')
    throw new UsageError(
      `--out: ${shown} already holds files; a bundle is never written over another`,
      'Name a new folder with --out, or remove that one.',
    );
  return bundle;
}
