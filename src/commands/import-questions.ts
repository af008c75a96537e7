/**
 * The questions `letter import` asks on a terminal: what a column holds when its header
 * names no field, and whether a likely duplicate is a different person.
 */
import type { Context } from '../context.js';
import {
  IMPORT_FIELDS,
  type ImportField,
  type ImportPlan,
  type mapHeaders,
} from '../letter/import-plan.js';

/**
 * Asks what each column in `mapped.unmapped` holds (a field not mapped yet, or nothing),
 * adding the answers to `mapped.mapping` and leaving in `mapped.unmapped` the columns ignored.
 */
export async function askColumns(
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
