/** The human report of `letter import`. */
import type { DuplicateRow } from '../letter/import-plan.js';
import type { Style } from '../terminal.js';
import type { ImportResult } from './import.js';

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
  lines.push(
    ...sameReasonRows(r.invalid.map((i) => ({ line: i.line, text: `${i.field} ${i.reason}` }))),
  );
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

/**
 * One line per row, or, for a reason shared by more than three rows (a column missing from
 * every row of a press list), one line naming the rows as runs: "rows 2-3082 (3,081 rows):
 * country is empty". In the order each reason first appears.
 */
export function sameReasonRows(rows: readonly { line: number; text: string }[]): string[] {
  const byText = new Map<string, number[]>();
  for (const r of rows) {
    const lines = byText.get(r.text);
    if (lines) lines.push(r.line);
    else byText.set(r.text, [r.line]);
  }
  const out: string[] = [];
  for (const [text, lines] of byText) {
    if (lines.length <= 3) {
      for (const line of lines) out.push(`    row ${line}: ${text}`);
      continue;
    }
    out.push(`    rows ${lineRuns(lines)} (${lines.length.toLocaleString('en')} rows): ${text}`);
  }
  return out;
}

/** Row numbers (ascending) as runs, "2-40, 42, 50-61", the first eight runs then "...". */
function lineRuns(lines: readonly number[]): string {
  const runs: string[] = [];
  let start = lines[0]!;
  let end = start;
  const close = () => runs.push(start === end ? `${start}` : `${start}-${end}`);
  for (const line of lines.slice(1)) {
    if (line === end + 1) end = line;
    else {
      close();
      start = line;
      end = line;
    }
  }
  close();
  return runs.length > 8 ? `${runs.slice(0, 8).join(', ')}, ...` : runs.join(', ');
}
