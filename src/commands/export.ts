/**
 * `letter export <letter> --format csv|json`: the signatories' public fields, in render
 * order, for spreadsheets and other tools. CSV cells that a spreadsheet would run as a
 * formula (starting with =, +, -, @, tab or carriage return) are escaped.
 */
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import { SIGNATORY_FIELDS } from '../letter/schema.js';
import { shownPath } from '../shown-path.js';
import { isFolder } from '../storage/layout.js';
import type { SkippedFile } from '../storage/letter-store.js';
import { readContacts } from '../storage/private-store.js';
import { writeStreamedFiles } from '../storage/streamed-files.js';
import { jsonDocument } from '../streaming.js';
import { type ListedSignature, list } from './list.js';

/** Options of `letter export`. */
export interface ExportOptions {
  letter: string;
  format?: string | undefined;
  status?: string | undefined;
  includePrivate?: boolean | undefined;
  out?: string | undefined;
  /** Start a CSV with a byte order mark (U+FEFF), by which Excel reads it as UTF-8 rather than the system's code page. */
  bom?: boolean | undefined;
}

/** Columns of an export, in order; email and phone only with --include-private. */
export const EXPORT_COLUMNS = [
  'id',
  ...SIGNATORY_FIELDS,
  'signed_at',
  'status',
  'verified_at',
] as const;

/** The exported text and where it went (`out` undefined: stdout). */
export interface ExportResult {
  /** The letter folder, as shown. */
  letter: string;
  format: 'csv' | 'json';
  count: number;
  /** The export's text in pieces, made as they are written. */
  text: Iterable<string>;
  out: string | undefined;
  /** Files left out because they have errors (see `loadLetterSkippingInvalidFiles`); a warning on stderr names them. */
  skipped: SkippedFile[];
}

/** What `letter export` prints, as is: the export on stdout, or with --out a line on stderr. */
export function formatExport(r: ExportResult): { stdout: Iterable<string> } | { stderr: string } {
  return r.out ? { stderr: `Exported ${r.count} signatories to ${r.out}\n` } : { stdout: r.text };
}

/** Builds the export. @throws UsageError for an unknown format or status; InvalidLetter. */
export async function exportLetter(o: ExportOptions, ctx: Context): Promise<ExportResult> {
  const format = o.format ?? 'csv';
  if (format !== 'csv' && format !== 'json')
    throw new UsageError(`--format: unknown format "${format}"; use csv or json`);
  if (o.bom && format !== 'csv')
    throw new UsageError(
      '--bom: only a CSV export takes one (JSON is read as UTF-8 without it)',
      'Drop --bom, or export with --format csv',
    );
  const listed = await list(
    { letter: o.letter, status: o.status, embargoSubject: 'the export is' },
    ctx,
  );
  const contacts = o.includePrivate
    ? await readContacts(path.resolve(ctx.cwd, listed.letter), ctx.cwd)
    : {};
  const columns: string[] = [...EXPORT_COLUMNS, ...(o.includePrivate ? ['email', 'phone'] : [])];
  const rows = listed.signatures.mapLazily((s) => {
    const row = exportRow(s);
    if (o.includePrivate) {
      row.email = contacts[s.id]?.email ?? '';
      row.phone = contacts[s.id]?.phone ?? '';
    }
    return row;
  });
  const text = format === 'json' ? jsonDocument(rows) : csvChunks(rows, columns, Boolean(o.bom));
  const out = o.out === undefined ? undefined : path.resolve(ctx.cwd, o.out);
  if (out) {
    const dir = path.resolve(ctx.cwd, listed.letter);
    if (out.startsWith(`${dir}${path.sep}`))
      throw new UsageError(
        `--out: ${shownPath(ctx.cwd, out)} is inside the letter folder, where it would be read as part of the letter`,
      );
    if (await isFolder(out)) throw new UsageError(`--out: ${o.out} is a folder; name a file`);
    await writeStreamedFiles([{ path: out, text }]);
  }
  return {
    letter: listed.letter,
    format,
    count: rows.length,
    text,
    out: out && shownPath(ctx.cwd, out),
    skipped: listed.skipped,
  };
}

/** One signatory's public row of an export: `EXPORT_COLUMNS` without the private ones, absent fields as "". */
export function exportRow(s: ListedSignature): Record<string, string> {
  return {
    id: s.id,
    ...Object.fromEntries(SIGNATORY_FIELDS.map((f) => [f, s[f] ?? ''])),
    signed_at: s.signed_at,
    status: s.status,
    verified_at: s.verified?.at ?? '',
  };
}

/** Rows a CSV holds at a time. */
const CSV_BATCH = 1000;

/**
 * The CSV of `rows` in pieces, as one `stringify` of them all would write it: the header (and
 * a byte order mark with `bom`) first, then the rows a thousand at a time.
 */
export function* csvChunks(
  rows: Iterable<Record<string, string>>,
  columns: string[],
  bom: boolean,
): Generator<string> {
  let batch: Record<string, string>[] = [];
  let first = true;
  const text = () => {
    const t = stringify(batch, {
      header: first,
      columns,
      escape_formulas: true,
      record_delimiter: 'unix',
      bom: first && bom,
    });
    first = false;
    batch = [];
    return t;
  };
  for (const row of rows) {
    batch.push(row);
    if (batch.length === CSV_BATCH) yield text();
  }
  if (batch.length > 0 || first) yield text();
}
