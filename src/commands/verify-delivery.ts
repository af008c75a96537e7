/**
 * `letter verify-delivery <bundle>`: checks a delivery bundle offline against its manifest:
 * every file's SHA-256 and size, files missing or added, each list entry added, removed or
 * changed in the CSV and the JSON, and the SSH signature when there is one. Needs no letter
 * and no network: what an addressee runs.
 */
import path from 'node:path';
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import {
  compareCount,
  compareEntries,
  compareFiles,
  describeFinding,
  type Finding,
  LIST_FILES,
  MANIFEST_FILE,
  type Manifest,
  manifestShapeProblem,
  SIGNATURE_FILE,
  SIGNATURE_NAMESPACE,
} from '../letter/delivery-manifest.js';
import { shownPath } from '../shown-path.js';
import {
  hashBundle,
  NOT_A_BUNDLE_HINT,
  readBundleFile,
  readCsvEntries,
  readJsonEntries,
} from '../storage/delivery-bundle.js';
import type { VerifyDeliveryOptions, VerifyDeliveryResult } from './verify-delivery-format.js';

export type { VerifyDeliveryOptions, VerifyDeliveryResult } from './verify-delivery-format.js';
export { formatVerifyDelivery } from './verify-delivery-format.js';

// What to give instead of a folder that is no bundle.

/**
 * Verifies a bundle. @throws UsageError when the bundle is not named, its folder does not
 * exist or holds no manifest.json (not a delivery bundle), or the allowed-signers file
 * cannot be read.
 */
export async function verifyDelivery(
  o: VerifyDeliveryOptions,
  ctx: Context,
): Promise<VerifyDeliveryResult> {
  if (o.bundle.trim() === '')
    throw new UsageError('name the bundle folder: "" is no folder', NOT_A_BUNDLE_HINT);
  const dir = path.resolve(ctx.cwd, o.bundle);
  const shown = shownPath(ctx.cwd, dir) || '.';
  const found = await hashBundle(dir, shown);
  const allowed =
    o.allowedSigners === undefined ? undefined : path.resolve(ctx.cwd, o.allowedSigners);
  if (
    allowed !== undefined &&
    (await readBundleFile(path.dirname(allowed), path.basename(allowed))) === undefined
  )
    throw new UsageError(`--allowed-signers: cannot read ${o.allowedSigners}`);
  const worded = (f: Finding) => ({ ...f, message: describeFinding(f) });
  const fail = (message: string): VerifyDeliveryResult => ({
    ok: false,
    bundle: shown,
    manifest: null,
    findings: [worded({ kind: 'list-unreadable', file: MANIFEST_FILE, line: 1, message })],
    signature: { method: 'none' },
  });
  const manifestBytes = await readBundleFile(dir, MANIFEST_FILE);
  if (manifestBytes === undefined)
    throw new UsageError(
      `${shown}: not a delivery bundle (it holds no ${MANIFEST_FILE})`,
      NOT_A_BUNDLE_HINT,
    );
  let manifest: Manifest;
  try {
    manifest = JSON.parse(manifestBytes.toString('utf8')) as Manifest;
  } catch (e) {
    return fail((e as Error).message);
  }
  const shape = manifestShapeProblem(manifest);
  if (shape) return fail(shape);
  const findings = [...compareCount(manifest), ...compareFiles(manifest, found)];
  for (const [file, read] of [
    [LIST_FILES.csv, readCsvEntries],
    [LIST_FILES.json, readJsonEntries],
  ] as const) {
    const bytes = found.has(file) ? await readBundleFile(dir, file) : undefined;
    if (bytes === undefined) continue;
    const entries = read(bytes.toString('utf8'), file, manifest.columns);
    if ('unreadable' in entries) findings.push(entries.unreadable);
    else findings.push(...compareEntries(manifest, file, entries.entries));
  }
  const signature = await checkSignature(dir, manifestBytes, allowed);
  return {
    ok: findings.length === 0 && signature.ok !== false,
    bundle: shown,
    manifest: {
      to: manifest.to,
      delivered_at: manifest.delivered_at,
      commit: manifest.commit,
      uncommitted_changes: manifest.uncommitted_changes,
      count: manifest.count,
    },
    findings: findings.map(worded),
    signature,
  };
}

/** Checks manifest.json.sig when present (and requires it with --allowed-signers). */
async function checkSignature(
  dir: string,
  manifest: Buffer,
  allowed: string | undefined,
): Promise<VerifyDeliveryResult['signature']> {
  const present = (await readBundleFile(dir, SIGNATURE_FILE)) !== undefined;
  if (!present)
    return allowed === undefined
      ? { method: 'none' }
      : {
          method: 'verify',
          ok: false,
          message: `${SIGNATURE_FILE}: missing: the bundle is not signed`,
        };
  const { sshVerify } = await import('../ssh-signature.js');
  const check = await sshVerify(
    manifest,
    path.join(dir, SIGNATURE_FILE),
    SIGNATURE_NAMESPACE,
    allowed,
  );
  return { method: allowed === undefined ? 'check-novalidate' : 'verify', ...check };
}
