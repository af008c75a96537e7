/**
 * `letter import <file.csv> <letter>`: adds the rows of a CSV export (a web form, a press
 * list) that are new, reports those already signed, likely duplicates and invalid rows, and
 * writes all accepted rows or none.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Context } from '../context.js';
import { InvalidInput, UsageError } from '../errors.js';
import { type DuplicateRow, IMPORT_FIELDS, type ImportField, type ImportPlan, type ImportRow, mapHeaders, planImport } from '../letter/import-plan.js';
import { NameIndex } from '../letter/duplicates.js';
import { textVersion } from '../letter/text-version.js';
import type { Signature } from '../letter/schema.js';
import { progressBar } from '../progress.js';
import { eventChanges, loadValidLetter, resolveLetterDir, signatureChange, type ValidLetter, withLetterLock } from '../storage/letter-store.js';
import { type Contact, contactsChange, emailKey, readContacts } from '../storage/private-store.js';
import { writeAll } from '../storage/transaction.js';
import type { Style } from '../terminal.js';

/** Options of `letter import`. */
export interface ImportOptions {
  file: string;
  letter: string;
  map?: string | undefined;
  group?: string | undefined;
  dryRun?: boolean | undefined;
  allowSimilar?: boolean | undefined;
}

/** The report of an import: the plan, the mapping used, and the files written (none on a dry run or a refusal). */
export interface ImportResult {
  file: string;
  letter: string;
  dryRun: boolean;
  mapping: Record<string, ImportField>;
  ignoredColumns: string[];
  rows: number;
  toAdd: { line: number; id: string; name: string }[];
  alreadySigned: DuplicateRow[];
  likely: DuplicateRow[];
  invalid: ImportPlan['invalid'];
  written: string[];
}

/**
 * Imports a CSV file.
 * @throws InvalidInput (exit 1) for a file that is not UTF-8 or not CSV, with its line.
 * @throws UsageError (exit 2) when no column maps to the name, or --map is malformed.
 * @throws InvalidLetter (exit 1) when the letter has errors.
 */
export async function importCsv(o: ImportOptions, ctx: Context): Promise<ImportResult> {
  const dir = await resolveLetterDir(o.letter, ctx.cwd);
  const shownFile = path.relative(ctx.cwd, path.resolve(ctx.cwd, o.file));
  const rows = await readCsv(path.resolve(ctx.cwd, o.file), shownFile);
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
      const choice = await ask.choose(`Column "${h}" holds:`, [{ value: '', name: '(ignore this column)' }, ...free.map((f) => ({ value: f, name: f }))]);
      if (choice) mapped.mapping.set(h, choice as ImportField);
    }
    mapped.unmapped = headers.filter((h) => !mapped.mapping.has(h));
  }
  if (![...mapped.mapping.values()].some((f) => f === 'name' || f === 'last_name'))
    throw new UsageError(`no column of ${shownFile} holds the name; columns: ${headers.join(', ')}`, 'Map one with --map "Full name=name".');
  for (const h of mapped.unmapped) ctx.stderr.write(`${ctx.errStyle.yellow('warning:')} column "${h}" is not imported\n`);

  const plan = async (letter: ValidLetter, confirmed: ReadonlySet<number>) => {
    const contacts = await readContacts(dir, ctx.cwd);
    const signatures = letter.signatures.map((s) => s.signature);
    const owners = new Map<string, Signature>();
    for (const s of signatures) {
      const email = contacts[s.id]?.email;
      if (email) owners.set(emailKey(email), s);
    }
    const bar = progressBar(ctx, 'Checking', rows.rows.length);
    try {
      const result = planImport(rows.rows, {
        letter: letter.letter, signatures, erased: letter.erased, emailOwners: owners, mapping: mapped.mapping,
        index: NameIndex.of(letter.signatures.map((l) => ({ id: l.signature.id, name: l.signature.name, status: l.signature.status, seed: l.seed }))),
        defaultGroup: o.group, now: ctx.now(), textVersion: textVersion(letter.body), confirm: (row) => Boolean(o.allowSimilar) || confirmed.has(row.line), onProgress: (n) => bar.update(n),
      });
      return { result, contacts };
    } finally {
      bar.stop();
    }
  };

  const report = (p: ImportPlan, written: string[], dryRun: boolean): ImportResult => ({
    file: shownFile, letter: path.relative(ctx.cwd, dir) || '.', dryRun,
    mapping: Object.fromEntries(mapped.mapping), ignoredColumns: mapped.unmapped, rows: rows.rows.length,
    toAdd: p.toAdd.map((r) => ({ line: r.line, id: r.signature.id, name: r.signature.name })),
    alreadySigned: p.alreadySigned, likely: p.likely, invalid: p.invalid, written,
  });

  let confirmed = new Set<number>();
  // A plan before the lock only when it is shown (a dry run) or asked about (a person
  // confirming likely duplicates); otherwise the one plan is made under the lock.
  if (o.dryRun || (ctx.interactive && !o.allowSimilar)) {
    const first = await plan(await loadValidLetter(dir, ctx.cwd), confirmed);
    if (ctx.interactive && !o.dryRun && !o.allowSimilar && first.result.invalid.length === 0) {
      const ask = await ctx.prompts();
      confirmed = new Set();
      for (const row of first.result.likely.filter((r) => r.confirmable)) {
        const m = row.matches[0]!;
        if (await ask.confirm(`Row ${row.line}: "${row.name}" is likely ${m.id} ("${m.name}"): ${m.reason}. Add as a different person?`, false)) confirmed.add(row.line);
      }
    }
    if (o.dryRun || first.result.invalid.length > 0 || (first.result.toAdd.length === 0 && confirmed.size === 0)) {
      const p = confirmed.size > 0 ? (await plan(await loadValidLetter(dir, ctx.cwd), confirmed)).result : first.result;
      return report(p, [], Boolean(o.dryRun));
    }
  }

  return withLetterLock(dir, async () => {
    const letter = await loadValidLetter(dir, ctx.cwd);
    const { result, contacts } = await plan(letter, confirmed);
    if (result.invalid.length > 0 || result.toAdd.length === 0) return report(result, [], false);
    const written = await writeAccepted(dir, letter, result, contacts);
    return report(result, written.map((f) => path.relative(ctx.cwd, f)), false);
  });
}

/** Writes every accepted row, the contacts and the changelog, or none of them. */
async function writeAccepted(dir: string, letter: ValidLetter, plan: ImportPlan, contacts: Record<string, Contact>): Promise<string[]> {
  const withContacts = plan.toAdd.filter((r) => r.contact.email || r.contact.phone);
  for (const r of withContacts) contacts[r.signature.id] = r.contact;
  const all = [...letter.signatures.map((s) => s.signature), ...plan.toAdd.map((r) => r.signature)];
  return writeAll([
    ...plan.toAdd.map((r) => signatureChange(letter, r.signature)),
    ...(withContacts.length > 0 ? [contactsChange(dir, contacts)] : []),
    ...eventChanges(dir, letter.letter, all, letter.erased),
  ]);
}

async function readCsv(file: string, shown: string): Promise<{ headers: string[]; rows: ImportRow[] }> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EISDIR') throw new UsageError(`${shown}: no such file`);
    throw e;
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new InvalidInput(shown, undefined, 'is not UTF-8 text', 'Export it again as "CSV UTF-8" (in a spreadsheet: Save as, CSV UTF-8).');
  }
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { bom: true, info: true, skip_empty_lines: true, relax_quotes: false, trim: false }) as unknown as typeof records;
  } catch (e) {
    const err = e as Error & { lines?: number; code?: string };
    throw new InvalidInput(shown, err.lines, `not valid CSV: ${err.message.replace(/^Invalid Record Length: /, '')}`);
  }
  const [head, ...body] = records;
  if (!head) throw new InvalidInput(shown, undefined, 'is empty: expected a header row and rows of signatories');
  const headers = head.record.map((h) => h.trim());
  const dupHeader = headers.find((h, i) => headers.indexOf(h) !== i);
  if (dupHeader !== undefined) throw new InvalidInput(shown, head.info.lines, `the column "${dupHeader}" appears twice in the header`);
  return {
    headers,
    rows: body.map(({ record, info }) => ({ line: info.lines, cells: Object.fromEntries(headers.map((h, i) => [h, record[i] ?? ''])) })),
  };
}

/** The human report: counts, then one line per refused or invalid row with its line number and reason. */
export function formatImport(r: ImportResult, style: Style): string {
  const added = new Map(r.toAdd.map((a) => [a.id, a.line]));
  const match = (d: DuplicateRow) =>
    d.matches.map((m) => `${m.id} ("${m.name}"${added.has(m.id) ? `, row ${added.get(m.id)} of this file` : ''}): ${m.reason}`).join('; ');
  const head = r.dryRun
    ? `${style.yellow('Dry run:')} import of ${r.file} into ${r.letter}; nothing written.`
    : r.written.length > 0
      ? `${style.green('Imported')} ${r.file} into ${r.letter}.`
      : `Import of ${r.file} into ${r.letter}: ${r.invalid.length > 0 ? style.red('refused, nothing written (fix the invalid rows)') : 'nothing to add'}.`;
  const lines = [head, `  rows read: ${r.rows}`, `  ${r.dryRun ? 'to add' : r.written.length ? 'added' : 'to add'}: ${r.toAdd.length}`];
  for (const a of r.toAdd) lines.push(`    row ${a.line}: ${a.name} (${a.id})`);
  lines.push(`  already signed: ${r.alreadySigned.length}`);
  for (const d of r.alreadySigned) lines.push(`    row ${d.line}: "${d.name}" is ${match(d)}`);
  lines.push(`  likely duplicates, left out: ${r.likely.length}`);
  for (const d of r.likely) lines.push(`    row ${d.line}: "${d.name}" is likely ${match(d)}${d.confirmable ? '' : style.dim(' (cannot be added)')}`);
  lines.push(`  invalid: ${r.invalid.length}`);
  for (const i of r.invalid) lines.push(`    row ${i.line}: ${i.field} ${i.reason}`);
  if (r.likely.some((d) => d.confirmable)) lines.push(style.dim('  To add a likely duplicate that is a different person, confirm it on a terminal or pass --allow-similar.'));
  return [...lines, ...r.written.map((f) => `  wrote ${f}`)].join('\n');
}
