/**
 * A delivery bundle on disk: its files hashed, its list files read back entry by entry (with
 * the line each starts on), for `letter verify-delivery`. The comparison is pure
 * (letter/delivery-manifest.ts); this module only reads.
 */
import { readdir, readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { UsageError } from '../errors.js';
import {
  entryDigest,
  type Finding,
  MANIFEST_FILE,
  type ReadEntry,
  SIGNATURE_FILE,
  sha256,
} from '../letter/delivery-manifest.js';

/** The next step when a folder is not a delivery bundle. */
export const NOT_A_BUNDLE_HINT =
  'Give the folder of the delivery as the campaign sent it: the one that holds manifest.json.';

/**
 * Every regular file under `dir` but the manifest and its signature: path inside the bundle
 * (`/`-separated) → SHA-256 and size. @throws UsageError when `dir` is not a folder.
 */
export async function hashBundle(
  dir: string,
  shown: string,
): Promise<Map<string, { sha256: string; bytes: number }>> {
  if (
    !(await stat(dir).then(
      (s) => s.isDirectory(),
      () => false,
    ))
  )
    throw new UsageError(`${shown}: no such bundle folder`, NOT_A_BUNDLE_HINT);
  const found = new Map<string, { sha256: string; bytes: number }>();
  const walk = async (sub: string): Promise<void> => {
    for (const e of (await readdir(path.join(dir, sub), { withFileTypes: true })).sort((a, b) =>
      a.name < b.name ? -1 : 1,
    )) {
      const rel = sub === '' ? e.name : `${sub}/${e.name}`;
      if (e.isDirectory()) await walk(rel);
      else if (rel !== MANIFEST_FILE && rel !== SIGNATURE_FILE) {
        const bytes = await readFile(path.join(dir, rel));
        found.set(rel, { sha256: sha256(bytes), bytes: bytes.length });
      }
    }
  };
  await walk('');
  return found;
}

/** The text of a bundle file, or undefined when it is absent. */
export async function readBundleFile(dir: string, file: string): Promise<Buffer | undefined> {
  return readFile(path.join(dir, file)).catch(() => undefined);
}

/** The entries of a list read back, or the finding that it cannot be read. */
export type ReadList = { entries: ReadEntry[] } | { unreadable: Finding };

/** Reads the CSV list `text` (columns as `letter export` writes them): one entry per row, its line the row's first. */
export function readCsvEntries(text: string, file: string, columns: readonly string[]): ReadList {
  try {
    const records = parse(text, {
      bom: true,
      columns: true,
      info: true,
      skip_empty_lines: true,
    }) as {
      record: Record<string, string>;
      info: { lines: number };
    }[];
    return {
      entries: records.map(({ record, info }) => ({
        id: record.id ?? '',
        name: record.name ?? '',
        // csv-stringify's escape_formulas put a quote before =, +, -, @: taken off to compare with the JSON.
        sha256: entryDigest(unescapeFormulas(record), columns),
        line: info.lines,
      })),
    };
  } catch (e) {
    const line = (e as { lines?: number }).lines ?? 1;
    return { unreadable: { kind: 'list-unreadable', file, line, message: (e as Error).message } };
  }
}

/** A CSV row with the leading `'` of a formula-escaped cell taken off. */
function unescapeFormulas(row: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(row).map(([k, v]) => [k, /^'[=+\-@\t\r]/.test(v) ? v.slice(1) : v]),
  );
}

/** Reads the JSON list `text` (an array of rows, as `letter export --format json` writes it). */
export function readJsonEntries(text: string, file: string, columns: readonly string[]): ReadList {
  let rows: unknown;
  try {
    rows = JSON.parse(text);
  } catch (e) {
    return {
      unreadable: { kind: 'list-unreadable', file, line: 1, message: (e as Error).message },
    };
  }
  if (!Array.isArray(rows))
    return { unreadable: { kind: 'list-unreadable', file, line: 1, message: 'not a JSON array' } };
  // Each row starts with its "id" on a line of its own (JSON.stringify's layout): its line is found by a scan.
  const lines = new Map<string, number>();
  text.split('\n').forEach((l, i) => {
    const m = /^\s*"id": ("(?:[^"\\]|\\.)*")/.exec(l);
    if (m) lines.set(JSON.parse(m[1]!) as string, i + 1);
  });
  return {
    entries: rows.map((r: Record<string, unknown>) => {
      const id = String(r?.id ?? '');
      return {
        id,
        name: String(r?.name ?? ''),
        sha256: entryDigest(r ?? {}, columns),
        line: lines.get(id) ?? 1,
      };
    }),
  };
}

/**
 * Whether a bundle can be written into `dir`: `free` when it does not exist or is an empty
 * folder, `used` when it holds files (a bundle is never written over another), `not-a-folder`
 * when a file or a device is there or on its way (`--out /dev/null`).
 */
export async function bundleFolderState(dir: string): Promise<'free' | 'used' | 'not-a-folder'> {
  return readdir(dir).then(
    (names) => (names.length === 0 ? 'free' : 'used'),
    (e: NodeJS.ErrnoException) =>
      e.code === 'ENOENT' ? 'free' : e.code === 'ENOTDIR' ? 'not-a-folder' : 'used',
  );
}

/** Removes a bundle folder a failed delivery left part-way. */
export async function removeBundle(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}
