/**
 * The files of a delivery bundle, written into its folder: the text rendered (Markdown, HTML,
 * and the PDF unless left out) by `letter render`'s own code, the list as CSV and JSON (the
 * rows of `letter export`), and the manifest made from what was written (not yet written
 * itself), with its SSH signature when a key is given.
 */
import path from 'node:path';
import type { Context } from '../context.js';
import { EnvironmentError } from '../errors.js';
import {
  entryDigest,
  LIST_FILES,
  MANIFEST_FORMAT,
  type Manifest,
  SIGNATURE_NAMESPACE,
} from '../letter/delivery-manifest.js';
import type { LetterFile } from '../letter/schema.js';
import { shownPath } from '../shown-path.js';
import { hashBundle } from '../storage/delivery-bundle.js';
import { writeAll } from '../storage/transaction.js';
import { jsonDocument } from '../streaming.js';
import { csvChunks, EXPORT_COLUMNS, exportRow } from './export.js';
import { list } from './list.js';
import { render } from './render.js';

/** What a bundle is made of: the letter folder and file, the bundle folder, to whom and when (ISO 8601 UTC), the commit. */
export interface BundleInput {
  dir: string;
  bundle: string;
  letter: LetterFile;
  to: string;
  deliveredAt: string;
  git: { commit: string; dirty: boolean } | undefined;
  pdf: boolean;
  /** An SSH private key (path as given, relative to the working directory). */
  signKey?: string | undefined;
}

/**
 * Writes the bundle's files but the manifest, and returns the manifest, its text and its
 * signature. @throws EnvironmentError when the PDF cannot be made (hinting at --no-pdf) or when
 * ssh-keygen cannot sign; whatever render throws.
 */
export async function writeBundle(
  b: BundleInput,
  ctx: Context,
): Promise<{ manifest: Manifest; manifestText: Buffer; signature: string | undefined }> {
  const { dir, bundle, letter, to, deliveredAt, git } = b;
  const listed = await list({ letter: dir, embargoSubject: 'the delivery is' }, ctx);
  const rows = [...listed.signatures].map(exportRow);
  const columns = [...EXPORT_COLUMNS];
  await render(
    { letter: dir, out: bundle, formats: b.pdf ? 'md,html,pdf' : 'md,html', pageFiles: false },
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
  const found = await hashBundle(bundle, shownPath(ctx.cwd, bundle));
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
  if (b.signKey !== undefined) {
    const { sshSign } = await import('../ssh-signature.js');
    signature = await sshSign(manifestText, path.resolve(ctx.cwd, b.signKey), SIGNATURE_NAMESPACE);
  }
  return { manifest, manifestText, signature };
}
