/**
 * `letter deliver <letter> --to <addressee>`: a bundle for the addressee to check offline (the
 * text as Markdown and HTML, the PDF, the list as CSV and JSON, a manifest of SHA-256 digests
 * with the git commit, signed with `ssh-keygen -Y sign` when a key is given), recorded in the
 * letter's deliveries.yaml. See letter/delivery-manifest.ts for the manifest.
 */
import path from 'node:path';
import type { Context } from '../context.js';
import { EnvironmentError, InvalidLetter, UsageError, UserError } from '../errors.js';
import { folderCommit } from '../git.js';
import { toIsoTimestamp } from '../letter/dates.js';
import { deliveryId } from '../letter/deliveries.js';
import {
  entryDigest,
  LIST_FILES,
  MANIFEST_FILE,
  MANIFEST_FORMAT,
  type Manifest,
  SIGNATURE_FILE,
  SIGNATURE_NAMESPACE,
  sha256,
} from '../letter/delivery-manifest.js';
import { embargoNotice, publication } from '../letter/embargo.js';
import { deliveriesChange, readDeliveries } from '../storage/deliveries-file.js';
import { bundleFolderFree, hashBundle, removeBundle } from '../storage/delivery-bundle.js';
import {
  loadLetterYamlRefusingErrors,
  resolveLetterDir,
  withLetterLock,
} from '../storage/letter-store.js';
import { defaultOutDir } from '../storage/render-files.js';
import { writeAll } from '../storage/transaction.js';
import { jsonDocument } from '../streaming.js';
import type { DeliverOptions, DeliverResult } from './deliver-format.js';
import { csvChunks, EXPORT_COLUMNS, exportRow } from './export.js';
import { list } from './list.js';
import { render } from './render.js';
import { outDirFor } from './render-options.js';

export type { DeliverOptions, DeliverResult } from './deliver-format.js';
export { formatDeliver } from './deliver-format.js';

/**
 * Makes and records a delivery. @throws UsageError for a missing --to or a bundle folder in
 * use; UserError before the embargo or for a draft without --force, or for uncommitted
 * changes without --allow-dirty; EnvironmentError without Chromium (unless --no-pdf) or when
 * ssh-keygen cannot sign; InvalidLetter.
 */
export async function deliver(o: DeliverOptions, ctx: Context): Promise<DeliverResult> {
  const to = o.to?.trim() ?? '';
  if (to === '') throw new UsageError('--to: name the addressee, e.g. --to "the United Nations"');
  const dir = await resolveLetterDir(o.letter, ctx.cwd);
  const letter = await loadLetterYamlRefusingErrors(dir, ctx.cwd);
  const shown = path.relative(ctx.cwd, dir) || '.';
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
  const record = await readDeliveries(dir, shown);
  if (record.problems.some((p) => p.severity === 'error')) throw new InvalidLetter(record.problems);
  const deliveredAt = toIsoTimestamp(now);
  const id = deliveryId(record.deliveries, to, deliveredAt);
  const bundle =
    o.out === undefined
      ? path.join(defaultOutDir(dir, letter.slug, ctx.cwd), `delivery-${id}`)
      : outDirFor(dir, letter.slug, o.out, ctx);
  const bundleShown = path.relative(ctx.cwd, bundle);
  if (!(await bundleFolderFree(bundle)))
    throw new UsageError(
      `--out: ${bundleShown} already holds files; a bundle is never written over another`,
      'Name a new folder with --out, or remove that one.',
    );
  const listed = await list({ letter: dir, embargoSubject: 'the delivery is' }, ctx);
  const rows = [...listed.signatures].map(exportRow);
  const columns = [...EXPORT_COLUMNS];
  try {
    await render(
      { letter: dir, out: bundle, formats: o.pdf === false ? 'md,html' : 'md,html,pdf' },
      ctx,
    ).catch((e: unknown) => {
      if (e instanceof EnvironmentError)
        e.hint =
          `${e.hint ?? ''} Or deliver without the PDF: --no-pdf (the manifest then lists none).`.trim();
      throw e;
    });
    await writeAll([
      {
        path: path.join(bundle, LIST_FILES.csv),
        text: [...csvChunks(rows, columns, false)].join(''),
      },
      { path: path.join(bundle, LIST_FILES.json), text: [...jsonDocument(rows)].join('') },
    ]);
    const found = await hashBundle(bundle, bundleShown);
    const manifest: Manifest = {
      format: MANIFEST_FORMAT,
      letter: { slug: letter.slug, title: letter.title, addressee: letter.addressee },
      to,
      delivered_at: deliveredAt,
      commit: git?.commit ?? null,
      uncommitted_changes: git === undefined || git.dirty,
      count: rows.length,
      columns,
      files: [...found].map(([p, f]) => ({ path: p, ...f })),
      entries: rows.map((r) => ({ id: r.id!, name: r.name!, sha256: entryDigest(r, columns) })),
    };
    const manifestText = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`);
    let signature: string | undefined;
    if (o.signKey !== undefined) {
      const { sshSign } = await import('../ssh-signature.js');
      signature = await sshSign(
        manifestText,
        path.resolve(ctx.cwd, o.signKey),
        SIGNATURE_NAMESPACE,
      );
    }
    const digest = sha256(manifestText);
    const delivery = {
      id,
      to,
      delivered_at: deliveredAt,
      ...(o.channel ? { channel: o.channel } : {}),
      manifest: `sha256:${digest}`,
      ...(git ? { commit: git.commit } : {}),
      ...(git === undefined || git.dirty ? { uncommitted: true } : {}),
      count: rows.length,
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
      count: rows.length,
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
