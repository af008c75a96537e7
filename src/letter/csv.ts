/**
 * CSV as `letter import` reads it: UTF-8 (a byte-order mark allowed), a header row, then one
 * row per signatory, the delimiter read from the header line.
 */
import { parse } from 'csv-parse/sync';
import { InvalidInput } from '../errors.js';
import type { ImportRow } from './import-plan.js';
import { stripBom } from './text.js';

/**
 * The delimiter of a CSV text, read from its header line (the first line, quotes respected):
 * the one of comma, semicolon and tab found most often outside quotes; comma when none is.
 * Excel in most of Europe writes semicolons, as the comma is the decimal mark there.
 */
export function detectDelimiter(text: string): ',' | ';' | '\t' {
  const counts = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && ch in counts) counts[ch as keyof typeof counts]++;
  }
  const best = (Object.keys(counts) as (keyof typeof counts)[]).reduce(
    (a, b) => (counts[b] > counts[a] ? b : a),
    ',',
  );
  return counts[best] > 0 ? best : ',';
}

/**
 * Parses CSV bytes: UTF-8 (a byte-order mark allowed), a header row, then one row per
 * signatory; the delimiter is read from the header (see `detectDelimiter`).
 * @throws InvalidInput naming `shown` and the line for text that is not UTF-8 or not CSV.
 */
export function parseCsv(
  bytes: Buffer,
  shown: string,
): { headers: string[]; rows: ImportRow[]; delimiter: ',' | ';' | '\t' } {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new InvalidInput(
      shown,
      undefined,
      'is not UTF-8 text',
      'Export it again as "CSV UTF-8" (in a spreadsheet: Save as, CSV UTF-8).',
    );
  }
  const delimiter = detectDelimiter(stripBom(text));
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      bom: true,
      delimiter,
      info: true,
      skip_empty_lines: true,
      relax_quotes: false,
      trim: false,
    }) as unknown as typeof records;
  } catch (e) {
    const err = e as Error & { lines?: number; code?: string };
    throw new InvalidInput(
      shown,
      err.lines,
      `not valid CSV: ${err.message.replace(/^Invalid Record Length: /, '')}`,
    );
  }
  const [head, ...body] = records;
  if (!head)
    throw new InvalidInput(
      shown,
      undefined,
      'is empty: expected a header row and rows of signatories',
    );
  const headers = head.record.map((h) => h.trim());
  const dupHeader = headers.find((h, i) => headers.indexOf(h) !== i);
  if (dupHeader !== undefined)
    throw new InvalidInput(
      shown,
      head.info.lines,
      `the column "${dupHeader}" appears twice in the header`,
    );
  return {
    headers,
    delimiter,
    rows: body.map(({ record, info }) => ({
      line: info.lines,
      cells: Object.fromEntries(headers.map((h, i) => [h, record[i] ?? ''])),
    })),
  };
}
