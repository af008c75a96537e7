/**
 * What `letter import` reads besides the letter: the CSV rows (from the file or stdin) and
 * the field each column holds, from its header, --map or, on a terminal, a question; and the
 * question whether a likely duplicate is a different person.
 */

import path from 'node:path';
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import { parseCsv } from '../letter/csv.js';
import {
  IMPORT_FIELDS,
  type ImportField,
  type ImportPlan,
  mapHeaders,
} from '../letter/import-plan.js';
import { readCsvFile } from '../storage/csv-file.js';
import { visible } from '../terminal.js';
import type { ImportOptions } from './import.js';

/**
 * Asks what each column in `mapped.unmapped` holds (a field not mapped yet, or nothing),
 * adding the answers to `mapped.mapping` and leaving in `mapped.unmapped` the columns ignored.
 */
async function askColumns(
  headers: readonly string[],
  mapped: ReturnType<typeof mapHeaders>,
  ctx: Context,
): Promise<void> {
  const ask = await ctx.prompts();
  for (const h of mapped.unmapped) {
    const free = IMPORT_FIELDS.filter((f) => ![...mapped.mapping.values()].includes(f));
    const choice = await ask.choose(`Column "${h}" holds:`, [
      { value: '', name: '(ignore this column)' },
      ...free.map((f) => ({ value: f, name: f })),
    ]);
    if (choice) mapped.mapping.set(h, choice as ImportField);
  }
  mapped.unmapped = headers.filter((h) => !mapped.mapping.has(h));
}

/** Asks, for each likely duplicate a person may decide, whether it is a different person. @returns the lines of the rows to add. */
export async function confirmDifferentPeople(plan: ImportPlan, ctx: Context): Promise<Set<number>> {
  const ask = await ctx.prompts();
  const confirmed = new Set<number>();
  for (const row of plan.likely.filter((r) => r.confirmable)) {
    const m = row.matches[0]!;
    if (
      await ask.confirm(
        `Row ${row.line}: "${row.name}" is likely ${m.id} ("${m.name}"): ${m.reason}. Add as a different person?`,
        false,
      )
    )
      confirmed.add(row.line);
  }
  return confirmed;
}

/**
 * The rows of the CSV `o.file` (`-`: stdin; `shownFile` names it in messages) and the field
 * each column holds; warns on stderr of each column left out.
 * @throws UsageError for `-` with stdin a terminal, no such file, a malformed --map, or no column holding the name.
 * @throws InvalidInput for a file that is not UTF-8 or not CSV, with its line.
 */
export async function readImportRows(
  o: ImportOptions,
  shownFile: string,
  ctx: Context,
): Promise<{ rows: ReturnType<typeof parseCsv>; mapped: ReturnType<typeof mapHeaders> }> {
  const fromStdin = o.file === '-';
  if (fromStdin && (ctx.interactive || !ctx.readStdin))
    throw new UsageError(
      'letter import -: stdin is a terminal; pipe the CSV in, e.g. letter import - <letter> < signatories.csv',
    );
  const bytes = fromStdin
    ? await ctx.readStdin!()
    : await readCsvFile(path.resolve(ctx.cwd, o.file), shownFile);
  const rows = parseCsv(bytes, shownFile);
  const headers = rows.headers;
  let mapped: ReturnType<typeof mapHeaders>;
  try {
    mapped = mapHeaders(headers, o.map);
  } catch (e) {
    throw new UsageError(`--map: ${(e as Error).message}`);
  }
  if (ctx.interactive && mapped.unmapped.length > 0 && o.map === undefined)
    await askColumns(headers, mapped, ctx);
  const fields = [...mapped.mapping.values()];
  if (!fields.includes('name') && !fields.includes('first_name') && !fields.includes('last_name'))
    throw new UsageError(
      `no column of ${shownFile} holds the name; columns: ${headers.join(', ')}`,
      'Map one with --map "Full name=name" (or first_name and last_name).',
    );
  for (const h of mapped.unmapped.filter((x) => !mapped.excluded.includes(x)))
    ctx.stderr.write(`${ctx.errStyle.yellow('warning:')} column "${visible(h)}" is not imported\n`);

  return { rows, mapped };
}
