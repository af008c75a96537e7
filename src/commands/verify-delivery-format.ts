/** The options and verdict of `letter verify-delivery`, and its human view. */
import type { Finding, Manifest } from '../letter/delivery-manifest.js';
import type { SignatureCheck } from '../ssh-signature.js';
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
