/** The options and result of `letter deliver`, and its human view. */
import type { ManifestFile } from '../letter/delivery-manifest.js';
import type { Style } from '../terminal.js';

/** Options of `letter deliver`. */
export interface DeliverOptions {
  letter: string;
  /** The addressee the bundle goes to. */
  to?: string | undefined;
  /** The bundle folder; default `out/<slug>/delivery-<id>/`. */
  out?: string | undefined;
  /** How it is delivered (email, by hand...), recorded in deliveries.yaml. */
  channel?: string | undefined;
  /** An SSH private key to sign manifest.json with (`ssh-keygen -Y sign`). */
  signKey?: string | undefined;
  /** false (`--no-pdf`): no PDF in the bundle. */
  pdf?: boolean | undefined;
  /** Deliver a draft or before the embargo (the bundle is marked as a preview). */
  force?: boolean | undefined;
  /** Deliver from a letter folder with uncommitted changes (the manifest says so). */
  allowDirty?: boolean | undefined;
  /** false (`--no-record`): do not add the delivery to deliveries.yaml. */
  record?: boolean | undefined;
}

/**
 * What was delivered: the delivery's id, the bundle folder (relative to the working
 * directory), each file with its SHA-256 and size, the manifest's digest, the commit, and
 * where it was recorded (null with --no-record). Times ISO 8601 UTC.
 */
export interface DeliverResult {
  ok: true;
  letter: string;
  id: string;
  to: string;
  delivered_at: string;
  bundle: string;
  count: number;
  commit: string | null;
  uncommitted_changes: boolean;
  embargoed: boolean;
  manifest_sha256: string;
  signed: boolean;
  recorded: string | null;
  files: ManifestFile[];
}

/** The bundle's files with digests, where it was recorded, and the command that checks it. */
export function formatDeliver(r: DeliverResult, style: Style): string {
  const people = r.count === 1 ? '1 signatory' : `${r.count} signatories`;
  const width = Math.max(...r.files.map((f) => f.path.length));
  return [
    `Delivered ${style.bold(r.letter)} to ${r.to} (${people}) in ${r.bundle}/`,
    ...r.files.map(
      (f) =>
        `  ${f.path.padEnd(width)}  ${style.dim(`sha256:${f.sha256.slice(0, 16)}…`)}  ${f.bytes} bytes`,
    ),
    `From commit ${r.commit ?? '(none: not in git)'}${r.uncommitted_changes ? style.yellow(' with uncommitted changes') : ''}${r.embargoed ? style.yellow('; marked as a preview (embargo)') : ''}.`,
    r.recorded ? `Recorded as ${r.id} in ${r.recorded}; commit it.` : `Not recorded (--no-record).`,
    `The addressee can check it: ${style.command(`letter verify-delivery ${r.bundle}${r.signed ? ' --allowed-signers <file>' : ''}`)}`,
  ].join('\n');
}
