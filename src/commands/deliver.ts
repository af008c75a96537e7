/**
 * `letter deliver <letter> --to <addressee>`: a bundle for the addressee to check offline (the
 * text as Markdown and HTML, the PDF, the list as CSV and JSON, a manifest of SHA-256 digests
 * with the git commit, signed with `ssh-keygen -Y sign` when a key is given), recorded in the
 * letter's deliveries.yaml. See letter/delivery-manifest.ts for the manifest.
 */
import path from 'node:path';
import type { Context } from '../context.js';
import { InvalidLetter, UserError } from '../errors.js';
import { folderCommit } from '../git.js';
import { toIsoTimestamp } from '../letter/dates.js';
import { deliveryId } from '../letter/deliveries.js';
import { MANIFEST_FILE, SIGNATURE_FILE, sha256 } from '../letter/delivery-manifest.js';
import { embargoNotice, publication } from '../letter/embargo.js';
import { shownPath } from '../shown-path.js';
import { deliveriesChange } from '../storage/deliveries-file.js';
import { removeBundle } from '../storage/delivery-bundle.js';
import {
  loadLetterYamlRefusingErrors,
  resolveLetterDir,
  withLetterLock,
} from '../storage/letter-store.js';
import { defaultOutDir } from '../storage/render-files.js';
import { writeAll } from '../storage/transaction.js';
import { checkedDeliveries } from './check-deliveries.js';
import { writeBundle } from './deliver-bundle.js';
import { deliverFlags, freeBundleFolder } from './deliver-flags.js';
import type { DeliverOptions, DeliverResult } from './deliver-format.js';
import { outDirFor } from './render-options.js';

export type { DeliverOptions, DeliverResult } from './deliver-format.js';
export { formatDeliver } from './deliver-format.js';

/**
 * Makes and records a delivery. @throws UsageError for a missing --to, a --to or --channel
 * deliveries.yaml would refuse, an empty --sign-key, or an --out in use or not a folder; UserError before the embargo or for a draft without --force, or for uncommitted
 * changes without --allow-dirty; EnvironmentError when the PDF cannot be made (unless --no-pdf) or when
 * ssh-keygen cannot sign; InvalidLetter.
 */
export async function deliver(o: DeliverOptions, ctx: Context): Promise<DeliverResult> {
  const { to, channel } = deliverFlags(o);
  const dir = await resolveLetterDir(o.letter, ctx.cwd);
  const letter = await loadLetterYamlRefusingErrors(dir, ctx.cwd);
  const shown = shownPath(ctx.cwd, dir) || '.';
  // A usage error of --out comes before any refusal of the letter's state.
  const given =
    o.out === undefined
      ? undefined
      : await freeBundleFolder(outDirFor(dir, letter.slug, o.out, ctx), o.out, ctx);
  const now = ctx.now();
  const state = publication(letter, now);
  if (state.state === 'preview' && !o.force)
    throw new UserError(
      `Not delivered: ${embargoNotice(state, shown, 'a delivery is')}.`,
      'Deliver after that, or with --force (the bundle is then marked as a preview).',
    );
  const git = await folderCommit(dir);
  if (git?.dirty && !o.allowDirty)
    throw new UserError(
      `Not delivered: ${shown} has changes not committed to git, so no commit holds what would be delivered.`,
      'Commit them first, or deliver with --allow-dirty (the manifest then says uncommitted_changes: true).',
    );
  const record = await checkedDeliveries(dir, ctx);
  if (record.errors.length > 0) throw new InvalidLetter(record.errors);
  const deliveredAt = toIsoTimestamp(now);
  const id = deliveryId(record.deliveries, to, deliveredAt);
  const bundle =
    given ??
    (await freeBundleFolder(
      path.join(defaultOutDir(dir, letter.slug, ctx.cwd), `delivery-${id}`),
      undefined,
      ctx,
    ));
  const bundleShown = shownPath(ctx.cwd, bundle);
  try {
    const { manifest, manifestText, signature } = await writeBundle(
      { dir, bundle, letter, to, deliveredAt, git, pdf: o.pdf !== false, signKey: o.signKey },
      ctx,
    );
    const digest = sha256(manifestText);
    const delivery = {
      id,
      to,
      delivered_at: deliveredAt,
      ...(channel ? { channel } : {}),
      manifest: `sha256:${digest}`,
      ...(git ? { commit: git.commit } : {}),
      ...(git === undefined || git.dirty ? { uncommitted: true } : {}),
      count: manifest.count,
      responses: [],
    };
    const final = [
      { path: path.join(bundle, MANIFEST_FILE), text: manifestText },
      ...(signature ? [{ path: path.join(bundle, SIGNATURE_FILE), text: signature }] : []),
      ...(o.record === false
        ? []
        : [deliveriesChange(dir, { deliveries: [...record.deliveries.deliveries, delivery] })]),
    ];
    await withLetterLock(dir, () => writeAll(final));
    return {
      ok: true,
      letter: shown,
      id,
      to,
      delivered_at: deliveredAt,
      bundle: bundleShown,
      count: manifest.count,
      commit: manifest.commit,
      uncommitted_changes: manifest.uncommitted_changes,
      embargoed: state.state === 'preview',
      manifest_sha256: digest,
      signed: signature !== undefined,
      recorded: o.record === false ? null : record.file,
      files: [
        ...manifest.files,
        { path: MANIFEST_FILE, sha256: digest, bytes: manifestText.length },
        ...(signature
          ? [
              {
                path: SIGNATURE_FILE,
                sha256: sha256(signature),
                bytes: Buffer.byteLength(signature),
              },
            ]
          : []),
      ],
    };
  } catch (e) {
    await removeBundle(bundle);
    throw e;
  }
}
