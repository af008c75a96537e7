/**
 * The manifest of a delivery bundle (`letter deliver`) and how a bundle is judged against it
 * (`letter verify-delivery`). Pure: digests, sizes and list entries in, findings out; the
 * files are read and hashed in storage/delivery-bundle.ts.
 *
 * A manifest records each file's SHA-256 and size, and each list entry's id, name and the
 * SHA-256 of its canonical form (`entryDigest`), so that a verifier can name an entry added,
 * removed or changed in the CSV or the JSON list, not only say that the file changed.
 */
import { createHash } from 'node:crypto';
import { normaliseName } from './names.js';
import { showInvisible, visibleDifference } from './visible-text.js';

/** The `format` of a manifest this version writes and reads. */
export const MANIFEST_FORMAT = 'letter-delivery/1';
/** The manifest's file name in a bundle. */
export const MANIFEST_FILE = 'manifest.json';
/** The SSH signature of the manifest (`ssh-keygen -Y sign`), when the bundle is signed. */
export const SIGNATURE_FILE = 'manifest.json.sig';
/** The namespace of a delivery signature (`ssh-keygen -Y sign -n`): a signature made for another use never verifies as one. */
export const SIGNATURE_NAMESPACE = 'letter-delivery';
/** The list files of a bundle: one row per signatory, the columns of `letter export`. */
export const LIST_FILES = { csv: 'signatures.csv', json: 'signatures.json' } as const;

/** One file of a bundle: its path inside the bundle (`/`-separated), `sha256` (64 hex digits) and size in bytes. */
export interface ManifestFile {
  path: string;
  sha256: string;
  bytes: number;
}

/** One list entry: the signature's id, its name, and the SHA-256 (hex) of its canonical row (`entryDigest`). */
export interface ManifestEntry {
  id: string;
  name: string;
  sha256: string;
}

/**
 * The manifest (manifest.json): what was delivered to whom, when (`delivered_at`, ISO 8601
 * UTC) and from which commit (`commit`: the full hash of HEAD, null outside git;
 * `uncommitted_changes`: true when the letter's folder differed from that commit).
 */
export interface Manifest {
  format: typeof MANIFEST_FORMAT;
  letter: { slug: string; title: string; addressee: string };
  to: string;
  delivered_at: string;
  commit: string | null;
  uncommitted_changes: boolean;
  count: number;
  /** The columns of each list row, in order (those of `letter export`). */
  columns: string[];
  files: ManifestFile[];
  entries: ManifestEntry[];
}

/** The SHA-256 of `bytes`, as 64 lower-case hex digits. */
export function sha256(bytes: string | Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * The digest of one list row: SHA-256 of the JSON array of its values in `columns` order
 * (absent values as ""). The CSV and the JSON list of a bundle give the same digest for the
 * same signatory.
 */
export function entryDigest(
  row: Readonly<Record<string, unknown>>,
  columns: readonly string[],
): string {
  return sha256(JSON.stringify(columns.map((c) => String(row[c] ?? ''))));
}

/** A list entry as read back from a bundle's list file, with the line it starts on. */
export interface ReadEntry {
  id: string;
  name: string;
  sha256: string;
  line: number;
}

/** What a verifier found: a file or a list entry that is not as the manifest recorded. */
export type Finding =
  | {
      kind: 'file-changed';
      file: string;
      expected: ManifestFile;
      actual: { sha256: string; bytes: number };
    }
  | { kind: 'file-missing'; file: string }
  | { kind: 'file-added'; file: string }
  | { kind: 'entry-removed'; file: string; id: string; name: string }
  | { kind: 'entry-added'; file: string; line: number; id: string; name: string }
  | {
      kind: 'entry-changed';
      file: string;
      line: number;
      id: string;
      name: string;
      /** The name the manifest records, when the file's differs from it. */
      manifest_name?: string;
    }
  | { kind: 'count-mismatch'; file: string; count: number; entries: number }
  | { kind: 'list-unreadable'; file: string; line: number; message: string };

/**
 * Compares the files found in a bundle (path → digest and size; the manifest and its
 * signature left out) with the manifest's: each changed, missing or added file, in the
 * manifest's order then the added ones by name.
 */
export function compareFiles(
  manifest: Pick<Manifest, 'files'>,
  found: ReadonlyMap<string, { sha256: string; bytes: number }>,
): Finding[] {
  const findings: Finding[] = [];
  const recorded = new Set<string>();
  for (const f of manifest.files) {
    recorded.add(f.path);
    const got = found.get(f.path);
    if (got === undefined) findings.push({ kind: 'file-missing', file: f.path });
    else if (got.sha256 !== f.sha256 || got.bytes !== f.bytes)
      findings.push({ kind: 'file-changed', file: f.path, expected: f, actual: got });
  }
  for (const p of [...found.keys()].sort())
    if (!recorded.has(p)) findings.push({ kind: 'file-added', file: p });
  return findings;
}

/**
 * Compares the entries read from the list file `file` with the manifest's: each entry
 * removed (by id), added, or changed (same id, another digest), in the manifest's order for
 * removals, then in the file's order.
 */
export function compareEntries(
  manifest: Pick<Manifest, 'entries'>,
  file: string,
  read: readonly ReadEntry[],
): Finding[] {
  const byId = new Map(read.map((e) => [e.id, e]));
  const recorded = new Map(manifest.entries.map((e) => [e.id, e]));
  const findings: Finding[] = [];
  for (const e of manifest.entries)
    if (!byId.has(e.id)) findings.push({ kind: 'entry-removed', file, id: e.id, name: e.name });
  for (const e of read) {
    const was = recorded.get(e.id);
    if (was === undefined)
      findings.push({ kind: 'entry-added', file, line: e.line, id: e.id, name: e.name });
    else if (was.sha256 !== e.sha256)
      findings.push({
        kind: 'entry-changed',
        file,
        line: e.line,
        id: e.id,
        name: e.name,
        ...(was.name !== e.name ? { manifest_name: was.name } : {}),
      });
  }
  return findings;
}

/**
 * The manifest's `count` against the entries it lists: a manifest edited to say 99 while
 * it lists 100 (or the reverse) is a finding, signed or not.
 */
export function compareCount(manifest: Pick<Manifest, 'count' | 'entries'>): Finding[] {
  return manifest.count === manifest.entries.length
    ? []
    : [
        {
          kind: 'count-mismatch',
          file: MANIFEST_FILE,
          count: manifest.count,
          entries: manifest.entries.length,
        },
      ];
}

/**
 * One line for a finding, naming the file (and line for a list entry): "signatures.csv:
 * changed (...)". Names and ids are shown with invisible characters escaped, and a changed
 * name beside the manifest's with the difference made visible (see visible-text.ts).
 */
export function describeFinding(f: Finding): string {
  const name = 'name' in f ? showInvisible(f.name) : '';
  const id = 'id' in f ? showInvisible(f.id) : '';
  switch (f.kind) {
    case 'file-changed':
      return `${f.file}: changed (sha256 ${f.actual.sha256.slice(0, 12)}…, ${f.actual.bytes} bytes; the manifest says ${f.expected.sha256.slice(0, 12)}…, ${f.expected.bytes} bytes)`;
    case 'file-missing':
      return `${f.file}: missing (the manifest lists it)`;
    case 'file-added':
      return `${f.file}: added (not in the manifest)`;
    case 'entry-removed':
      return `${f.file}: ${name} (${id}) removed (the manifest lists it)`;
    case 'entry-added':
      return `${f.file}:${f.line}: ${name} (${id}) added (not in the manifest)`;
    case 'entry-changed': {
      if (f.manifest_name === undefined)
        return `${f.file}:${f.line}: ${name} (${id}) changed since delivery`;
      const [now, was] = visibleDifference(f.name, f.manifest_name);
      return `${f.file}:${f.line}: ${now} (${id}) changed since delivery: the manifest says "${was}"`;
    }
    case 'count-mismatch':
      return `${f.file}: says count ${f.count}, but lists ${f.entries} ${f.entries === 1 ? 'entry' : 'entries'}`;
    case 'list-unreadable':
      return `${f.file}:${f.line}: cannot be read: ${f.message}`;
  }
}

/**
 * Why a parsed manifest.json is not a manifest of this format, or undefined when it is one.
 * Checks the shape only as far as verification relies on it.
 */
export function manifestShapeProblem(v: unknown): string | undefined {
  const m = v as Partial<Manifest> | null;
  if (m === null || typeof m !== 'object') return 'it is not a JSON object';
  if (m.format !== MANIFEST_FORMAT) return `its format is not ${MANIFEST_FORMAT}`;
  const hex = (s: unknown) => typeof s === 'string' && /^[0-9a-f]{64}$/.test(s);
  if (
    !Array.isArray(m.files) ||
    !m.files.every((f) => typeof f?.path === 'string' && hex(f.sha256) && Number.isInteger(f.bytes))
  )
    return 'its files are not a list of { path, sha256, bytes }';
  if (
    !Array.isArray(m.entries) ||
    !m.entries.every(
      (e) => typeof e?.id === 'string' && typeof e.name === 'string' && hex(e.sha256),
    )
  )
    return 'its entries are not a list of { id, name, sha256 }';
  if (!Array.isArray(m.columns) || !m.columns.every((c) => typeof c === 'string'))
    return 'its columns are not a list of names';
  if (!Number.isInteger(m.count) || (m.count as number) < 0)
    return 'its count is not a whole number';
  return undefined;
}

/**
 * A slug of an addressee for a folder or id: its name's normal form (`normaliseName`, the
 * transliteration signature ids use, so every script gives Latin letters) joined by hyphens,
 * at most 40 characters ("the United Nations" → "the-united-nations", "Министерство" →
 * "ministerstvo"); "addressee" when no letter or digit is left.
 */
export function addresseeSlug(to: string): string {
  // normaliseName leaves single spaces, none at either end: a cut at 40 leaves at most one hyphen at the end.
  const slug = normaliseName(to).replace(/ /g, '-').slice(0, 40).replace(/-$/, '');
  return slug === '' ? 'addressee' : slug;
}
