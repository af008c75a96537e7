/** The problems of a letter's deliveries.yaml for `letter check`: its schema, then the rules of letter/deliveries.ts. */
import path from 'node:path';
import type { Context } from '../context.js';
import type { Problem } from '../errors.js';
import { deliveryProblems } from '../letter/deliveries.js';
import { readDeliveries } from '../storage/deliveries-file.js';

/**
 * Checks `<dir>/deliveries.yaml`, when there is one. Run on every check, never remembered: a
 * follow-up falls due as the days pass while the file stays as it was.
 */
export async function deliveriesProblems(dir: string, ctx: Context): Promise<Problem[]> {
  const shown = path.relative(ctx.cwd, dir) || '.';
  const read = await readDeliveries(dir, shown);
  if (!read.exists) return [];
  if (read.problems.length > 0) return read.problems;
  return deliveryProblems(
    read.deliveries,
    read.file,
    read.locate,
    ctx.now().toISOString().slice(0, 10),
    shown,
  );
}
