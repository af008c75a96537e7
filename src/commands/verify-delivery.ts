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
import type { SignatureCheck } from '../ssh-signature.js';
import {
  hashBundle,
  readBundleFile,
  readCsvEntries,
  readJsonEntries,
} from '../storage/delivery-bundle.js';
import type { Style } from '../terminal.js';

/** Options of `letter verify-delivery`: the bundle folder, and an OpenSSH allowed-signers file to check the signature against. */
export interface VerifyDeliveryOptions {
  bundle: string;
  allowedSigners?: string | undefined;
}

/**
 * The verdict: `ok` when every file and entry is as the manifest says and the signature (if
 * any, or if asked for) verifies. `findings` each with its words; `signature.method` says which
 * ssh-keygen check ran: `verify` (against --allowed-signers), `check-novalidate` (the signature
 * is sound, but whose key made it is not checked), or `none` (unsigned).
 */
export interface VerifyDeliveryResult {
  ok: boolean;
  bundle: string;
  manifest: Pick<
    Manifest,
    'to' | 'delivered_at' | 'commit' | 'uncommitted_changes' | 'count'
  > | null;
  findings: (Finding & { message: string })[];
  signature: { method: 'verify' | 'check-novalidate' | 'none' } & Partial<SignatureCheck>;
}

/** Verifies a bundle. @throws UsageError when the bundle folder or the allowed-signers file does not exist. */
export async function verifyDelivery(
  o: VerifyDeliveryOptions,
  ctx: Context,
): Promise<VerifyDeliveryResult> {
  const dir = path.resolve(ctx.cwd, o.bundle);
  const shown = path.relative(ctx.cwd, dir) || '.';
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
    return {
      ...fail('missing'),
      findings: [worded({ kind: 'file-missing', file: MANIFEST_FILE })],
    };
  let manifest: Manifest;
  try {
    manifest = JSON.parse(manifestBytes.toString('utf8')) as Manifest;
  } catch (e) {
    return fail((e as Error).message);
  }
  const shape = manifestShapeProblem(manifest);
  if (shape) return fail(shape);
  const findings = compareFiles(manifest, found);
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

/** Each finding on a line, then the signature's verdict and the summary. */
export function formatVerifyDelivery(r: VerifyDeliveryResult, style: Style): string {
  const lines = r.findings.map((f) => `  ${style.red('✗')} ${f.message}`);
  const s = r.signature;
  if (s.method === 'none') lines.push(`  ${style.dim('unsigned (no manifest.json.sig)')}`);
  else if (!s.ok) lines.push(`  ${style.red('✗')} signature: ${s.message}`);
  else if (s.method === 'verify')
    lines.push(
      `  ${style.green('✓')} signature: good, by ${s.principal} (ssh-keygen -Y verify against --allowed-signers)`,
    );
  else
    lines.push(
      `  ${style.yellow('!')} signature: sound, but whose key made it was not checked (ssh-keygen -Y check-novalidate); give --allowed-signers to check it`,
    );
  const m = r.manifest;
  const what = m
    ? `${m.count} signatories delivered to ${m.to} at ${m.delivered_at}, commit ${m.commit ?? 'none'}${m.uncommitted_changes ? ' (with uncommitted changes)' : ''}`
    : 'no readable manifest';
  lines.push(
    r.ok
      ? `${style.green('Valid')}: ${r.bundle}: ${what}.`
      : `${style.red('Invalid')}: ${r.bundle}: ${r.findings.length} ${r.findings.length === 1 ? 'difference' : 'differences'} from the manifest${s.ok === false ? ', and the signature fails' : ''} (${what}).`,
  );
  return lines.join('\n');
}
