/**
 * `letter import <file.csv> <letter>`: adds the rows of a CSV export (a web form, a press
 * list) that are new, reports those already signed, likely duplicates and invalid rows, and
 * writes all accepted rows or none (with --skip-invalid: the valid rows, the invalid ones
 * reported). The file may be `-` for stdin; its delimiter (comma, semicolon or tab) is read
 * from its header line.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Context } from '../context.js';
import { InvalidInput, UsageError } from '../errors.js';
import { type Contact, emailOwners } from '../letter/contacts.js';
import { parseCountryName, unknownCountryReason } from '../letter/country-names.js';
import { lookupGroup } from '../letter/groups.js';
import {
  type DuplicateRow,
  IMPORT_FIELDS,
  type ImportField,
  type ImportPlan,
  type ImportRow,
  mapHeaders,
  planImport,
} from '../letter/import-plan.js';
import { indexOf } from '../letter/signatures.js';
import { stripBom } from '../letter/text.js';
import { textVersion } from '../letter/text-version.js';
import { progressBar } from '../progress.js';
import {
  eventChanges,
  loadValidLetter,
  resolveLetterDir,
  signatureChange,
  type ValidLetter,
  withLetterLock,
} from '../storage/letter-store.js';
import { contactsChanges, readContacts } from '../storage/private-store.js';
import { writeAll } from '../storage/transaction.js';
import { type Style, visible } from '../terminal.js';

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
      : path.relative(ctx.cwd, path.resolve(ctx.cwd, o.file));
  const defaultCountry = o.country === undefined ? undefined : parseCountryName(o.country);
  if (o.country !== undefined && defaultCountry === undefined)
    throw new UsageError(
      `--country: ${unknownCountryReason(o.country)}`,
      'Use a code such as JO, US or KR.',
    );
  let bytes: Buffer;
  if (fromStdin) {
    if (ctx.interactive || !ctx.readStdin)
      throw new UsageError(
        'letter import -: stdin is a terminal; pipe the CSV in, e.g. letter import - <letter> < signatories.csv',
      );
    bytes = await ctx.readStdin();
  } else bytes = await readCsvFile(path.resolve(ctx.cwd, o.file), shownFile);
  const rows = parseCsv(bytes, shownFile);
  const headers = rows.headers;
  let mapped: ReturnType<typeof mapHeaders>;
  try {
    mapped = mapHeaders(headers, o.map);
  } catch (e) {
    throw new UsageError(`--map: ${(e as Error).message}`);
  }
  if (ctx.interactive && mapped.unmapped.length > 0 && o.map === undefined) {
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
  const fields = [...mapped.mapping.values()];
  if (!fields.includes('name') && !fields.includes('first_name') && !fields.includes('last_name'))
    throw new UsageError(
      `no column of ${shownFile} holds the name; columns: ${headers.join(', ')}`,
      'Map one with --map "Full name=name" (or first_name and last_name).',
    );
  for (const h of mapped.unmapped.filter((x) => !mapped.excluded.includes(x)))
    ctx.stderr.write(`${ctx.errStyle.yellow('warning:')} column "${visible(h)}" is not imported\n`);

  const plan = async (letter: ValidLetter, confirmed: ReadonlySet<number>) => {
    const group = o.group === undefined ? undefined : lookupGroup(letter.letter.groups, o.group);
    if (group?.unknown)
      throw new UsageError(`--group: ${group.unknown.reason}`, group.unknown.hint);
    const contacts = await readContacts(dir, ctx.cwd);
    const signatures = letter.signatures.map((s) => s.signature);
    const owners = emailOwners(
      signatures.map((s) => s.id),
      contacts,
      (i) => signatures[i]!,
    );
    const bar = progressBar(ctx, 'Checking', rows.rows.length);
    try {
      const result = planImport(rows.rows, {
        letter: letter.letter,
        signatures,
        erased: letter.erased,
        emailOwners: owners,
        mapping: mapped.mapping,
        index: indexOf(
          signatures,
          letter.signatures.map((l) => l.seed),
        ),
        defaultGroup: o.group,
        defaultCountry,
        defaultRole: o.role,
        defaultOrganisation: o.organisation,
        now: ctx.now(),
        textVersion: textVersion(letter.body),
        confirm: (row) => Boolean(o.allowSimilar) || confirmed.has(row.line),
        onProgress: (n) => bar.update(n),
      });
      return { result, contacts };
    } finally {
      bar.stop();
    }
  };

  const skipInvalid = Boolean(o.skipInvalid);
  const report = (p: ImportPlan, written: string[], dryRun: boolean): ImportResult => ({
    ok: !refused(p),
    file: shownFile,
    letter: path.relative(ctx.cwd, dir) || '.',
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
    written,
  });
  // Invalid rows stop a real run unless the person asked to leave them out.
  const refused = (p: ImportPlan) => p.invalid.length > 0 && !skipInvalid;

  let confirmed = new Set<number>();
  // A plan before the lock only when it is shown (a dry run) or asked about (a person
  // confirming likely duplicates); otherwise the one plan is made under the lock.
  if (o.dryRun || (ctx.interactive && !o.allowSimilar)) {
    const first = await plan(await loadValidLetter(dir, ctx.cwd), confirmed);
    if (ctx.interactive && !o.dryRun && !o.allowSimilar && !refused(first.result)) {
      const ask = await ctx.prompts();
      confirmed = new Set();
      for (const row of first.result.likely.filter((r) => r.confirmable)) {
        const m = row.matches[0]!;
        if (
          await ask.confirm(
            `Row ${row.line}: "${row.name}" is likely ${m.id} ("${m.name}"): ${m.reason}. Add as a different person?`,
            false,
          )
        )
          confirmed.add(row.line);
      }
    }
    if (
      o.dryRun ||
      refused(first.result) ||
      (first.result.toAdd.length === 0 && confirmed.size === 0)
    ) {
      const p =
        confirmed.size > 0
          ? (await plan(await loadValidLetter(dir, ctx.cwd), confirmed)).result
          : first.result;
      return report(p, [], Boolean(o.dryRun));
    }
  }

  return withLetterLock(dir, async () => {
    const letter = await loadValidLetter(dir, ctx.cwd);
    const { result, contacts } = await plan(letter, confirmed);
    if (refused(result) || result.toAdd.length === 0) return report(result, [], false);
    const written = await writeAccepted(dir, letter, result, contacts, ctx.cwd);
    return report(
      result,
      written.map((f) => path.relative(ctx.cwd, f)),
      false,
    );
  });
}

/** Writes every accepted row, the contacts and the changelog, or none of them. */
async function writeAccepted(
  dir: string,
  letter: ValidLetter,
  plan: ImportPlan,
  contacts: Record<string, Contact>,
  cwd: string,
): Promise<string[]> {
  const withContacts = plan.toAdd.filter((r) => r.contact.email || r.contact.phone);
  for (const r of withContacts) contacts[r.signature.id] = r.contact;
  const all = [...letter.signatures.map((s) => s.signature), ...plan.toAdd.map((r) => r.signature)];
  return writeAll([
    ...plan.toAdd.map((r) => signatureChange(letter, r.signature)),
    ...(withContacts.length > 0 ? await contactsChanges(dir, contacts, cwd) : []),
    ...eventChanges(dir, letter.letter, all, letter.erased),
  ]);
}

/** The bytes of the CSV file. @throws UsageError when there is no such file. */
async function readCsvFile(file: string, shown: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EISDIR') throw new UsageError(`${shown}: no such file`);
    throw e;
  }
}

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
function parseCsv(
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

/** The human report: counts, then one line per refused or invalid row with its line number and reason. */
export function formatImport(r: ImportResult, style: Style): string {
  const added = new Map(r.toAdd.map((a) => [a.id, a.line]));
  const match = (d: DuplicateRow) =>
    d.matches
      .map(
        (m) =>
          `${m.id} ("${m.name}"${added.has(m.id) ? `, row ${added.get(m.id)} of this file` : ''}): ${m.reason}`,
      )
      .join('; ');
  const head = r.dryRun
    ? `${style.yellow('Dry run:')} import of ${r.file} into ${r.letter}; nothing written.`
    : r.written.length > 0
      ? `${style.green('Imported')} ${r.file} into ${r.letter}${r.invalid.length > 0 ? `; ${r.invalid.length} invalid ${r.invalid.length === 1 ? 'row' : 'rows'} left out (--skip-invalid)` : ''}.`
      : `Import of ${r.file} into ${r.letter}: ${r.invalid.length > 0 && !r.skipInvalid ? style.red('refused, nothing written (fix the invalid rows, or pass --skip-invalid to write the others)') : 'nothing to add'}.`;
  const lines = [head, `  rows read: ${r.rows}`];
  if (r.delimiter !== ',') lines.push(`  delimiter: ${r.delimiter === ';' ? 'semicolon' : 'tab'}`);
  lines.push(
    `  columns: ${Object.entries(r.mapping)
      .map(([h, f]) => `${h} → ${f}`)
      .join(', ')}`,
  );
  if (r.ignoredColumns.length > 0)
    lines.push(
      `  ignored columns: ${r.ignoredColumns.join(', ')} ${style.dim(`(to import one: --map "${r.ignoredColumns[0]}=<field>")`)}`,
    );
  for (const c of r.columnsLeftOut) lines.push(`  column "${c.column}" left out: ${c.reason}`);
  lines.push(`  ${r.dryRun ? 'to add' : r.written.length ? 'added' : 'to add'}: ${r.toAdd.length}`);
  for (const a of r.toAdd) lines.push(`    row ${a.line}: ${a.name} (${a.id})`);
  for (const n of r.notes) lines.push(style.dim(`    row ${n.line}: ${n.field} ${n.note}`));
  lines.push(`  already signed: ${r.alreadySigned.length}`);
  for (const d of r.alreadySigned) lines.push(`    row ${d.line}: "${d.name}" is ${match(d)}`);
  lines.push(`  likely duplicates, left out: ${r.likely.length}`);
  for (const d of r.likely)
    lines.push(
      `    row ${d.line}: "${d.name}" is likely ${match(d)}${d.confirmable ? '' : style.dim(' (cannot be added)')}`,
    );
  if (r.possible.length > 0)
    lines.push(`  added, possibly the same as a signature (look at them): ${r.possible.length}`);
  for (const d of r.possible)
    lines.push(style.dim(`    row ${d.line}: "${d.name}" is possibly ${match(d)}`));
  lines.push(`  invalid: ${r.invalid.length}`);
  for (const i of r.invalid) lines.push(`    row ${i.line}: ${i.field} ${i.reason}`);
  for (const hint of new Set(r.invalid.flatMap((i) => (i.hint ? [i.hint] : []))))
    lines.push(style.dim(`  To import those rows: ${hint}.`));
  if (r.likely.some((d) => d.confirmable))
    lines.push(
      style.dim(
        '  To add a likely duplicate that is a different person, confirm it on a terminal or pass --allow-similar.',
      ),
    );
  return [...lines, ...r.written.map((f) => `  wrote ${f}`)].join('\n');
}
