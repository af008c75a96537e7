/**
 * `letter import <file.csv> <letter>`: adds the rows of a CSV export (a web form, a press
 * list) that are new, reports those already signed, likely duplicates and invalid rows, and
 * writes all accepted rows or none (with --skip-invalid: the valid rows, the invalid ones
 * reported). The file may be `-` for stdin; its delimiter (comma, semicolon or tab) is read
 * from its header line (letter/csv.ts). What the import reads of the letter and writes to it
 * is storage's (storage/import-state.ts); the CSV reading, column mapping and questions are in import-input.ts.
 */
import path from 'node:path';
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import { parseCountryName, unknownCountryReason } from '../letter/country-names.js';
import { lookupGroup } from '../letter/groups.js';
import {
  type DuplicateRow,
  type ImportField,
  type ImportPlan,
  planImport,
} from '../letter/import-plan.js';
import { textVersion } from '../letter/text-version.js';
import { progressBar } from '../progress.js';
import { shownPath } from '../shown-path.js';
import { type ImportView, readImportView, withImportState } from '../storage/import-state.js';
import { resolveLetterDir } from '../storage/letter-store.js';
import { confirmDifferentPeople, readImportRows } from './import-input.js';

export { formatImport } from './import-format.js';

/** Options of `letter import`. */
export interface ImportOptions {
  file: string;
  letter: string;
  map?: string | undefined;
  /** Defaults for rows that leave the field empty: a group (id or name), a country (code or English name), a role, an organisation. */
  group?: string | undefined;
  country?: string | undefined;
  role?: string | undefined;
  organisation?: string | undefined;
  dryRun?: boolean | undefined;
  allowSimilar?: boolean | undefined;
  /** Write the valid rows even when some are invalid (they are reported, not written). */
  skipInvalid?: boolean | undefined;
}

/**
 * The report of an import: the plan, the mapping used, the columns ignored (mapped to no
 * field), the CSV delimiter read from the header, notes on rows added (an email moved out of
 * the url column), and the files written (none on a dry run or a refusal). `skipInvalid`:
 * the invalid rows were left out and the valid ones written.
 */
export interface ImportResult {
  /** False when rows were invalid and not skipped (--skip-invalid): nothing was written, exit 1. */
  ok: boolean;
  file: string;
  letter: string;
  dryRun: boolean;
  delimiter: ',' | ';' | '\t';
  mapping: Record<string, ImportField>;
  ignoredColumns: string[];
  rows: number;
  toAdd: { line: number; id: string; name: string }[];
  alreadySigned: DuplicateRow[];
  likely: DuplicateRow[];
  possible: DuplicateRow[];
  invalid: ImportPlan['invalid'];
  notes: ImportPlan['notes'];
  /** Columns mapped to a field the letter does not use (a group column, a letter without groups), left out whole. */
  columnsLeftOut: ImportPlan['columnsLeftOut'];
  skipInvalid: boolean;
  written: string[];
}

/**
 * Imports a CSV file (`-`: stdin).
 * @throws InvalidInput (exit 1) for a file that is not UTF-8 or not CSV, with its line.
 * @throws UsageError (exit 2) when no column maps to the name, --map is malformed, --country
 *   or --group names no country or group of the letter, or `-` is given with stdin a terminal.
 * @throws InvalidLetter (exit 1) when the letter has errors.
 */
export async function importCsv(o: ImportOptions, ctx: Context): Promise<ImportResult> {
  const dir = await resolveLetterDir(o.letter, ctx.cwd);
  const fromStdin = o.file === '-';
  const shownFile = fromStdin
    ? '(stdin)'
    : path.isAbsolute(o.file)
      ? o.file
      : shownPath(ctx.cwd, path.resolve(ctx.cwd, o.file));
  const defaultCountry = o.country === undefined ? undefined : parseCountryName(o.country);
  if (o.country !== undefined && defaultCountry === undefined)
    throw new UsageError(
      `--country: ${unknownCountryReason(o.country)}`,
      'Use a code such as JO, US or KR.',
    );
  const { rows, mapped } = await readImportRows(o, shownFile, ctx);

  const plan = (view: ImportView, confirmed: ReadonlySet<number>) => {
    const { letter } = view;
    const group = o.group === undefined ? undefined : lookupGroup(letter.groups, o.group);
    if (group?.unknown)
      throw new UsageError(`--group: ${group.unknown.reason}`, group.unknown.hint);
    const bar = progressBar(ctx, 'Checking', rows.rows.length);
    const names = view.names();
    try {
      return planImport(rows.rows, {
        letter,
        signatures: view.signatures,
        erased: view.erased,
        emailOwners: view.emailOwners,
        mapping: mapped.mapping,
        index: names.finder,
        takenIds: names,
        defaultGroup: o.group,
        defaultCountry,
        defaultRole: o.role,
        defaultOrganisation: o.organisation,
        now: ctx.now(),
        textVersion: textVersion(view.body),
        confirm: (row) => Boolean(o.allowSimilar) || confirmed.has(row.line),
        onProgress: (n) => bar.update(n),
      });
    } finally {
      bar.stop();
    }
  };

  const skipInvalid = Boolean(o.skipInvalid);
  const report = (p: ImportPlan, written: string[], dryRun: boolean): ImportResult => ({
    ok: !refused(p),
    file: shownFile,
    letter: shownPath(ctx.cwd, dir) || '.',
    dryRun,
    delimiter: rows.delimiter,
    mapping: Object.fromEntries(mapped.mapping),
    ignoredColumns: mapped.unmapped,
    rows: rows.rows.length,
    toAdd: p.toAdd.map((r) => ({ line: r.line, id: r.signature.id, name: r.signature.name })),
    alreadySigned: p.alreadySigned,
    likely: p.likely,
    possible: p.possible,
    invalid: p.invalid,
    notes: p.notes,
    columnsLeftOut: p.columnsLeftOut,
    skipInvalid,
    written: written.map((f) => shownPath(ctx.cwd, f)),
  });
  // Invalid rows stop a real run unless the person asked to leave them out.
  const refused = (p: ImportPlan) => p.invalid.length > 0 && !skipInvalid;

  let confirmed = new Set<number>();
  // A plan before the lock only when it is shown (a dry run) or asked about (a person
  // confirming likely duplicates); otherwise the one plan is made under the lock.
  if (o.dryRun || (ctx.interactive && !o.allowSimilar)) {
    const first = plan(await readImportView(dir, ctx), confirmed);
    if (ctx.interactive && !o.dryRun && !o.allowSimilar && !refused(first))
      confirmed = await confirmDifferentPeople(first, ctx);
    if (o.dryRun || refused(first) || (first.toAdd.length === 0 && confirmed.size === 0)) {
      const p = confirmed.size > 0 ? plan(await readImportView(dir, ctx), confirmed) : first;
      return report(p, [], Boolean(o.dryRun));
    }
  }

  return withImportState(dir, ctx, async (state) => {
    const result = plan(state, confirmed);
    if (refused(result) || result.toAdd.length === 0) return report(result, [], false);
    return report(result, await state.record(result), false);
  });
}
