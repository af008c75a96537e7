/**
 * The problems of a letter's deliveries.yaml: its schema, then the rules of
 * letter/deliveries.ts. One reading for `letter check` and for every command that uses the
 * file (render, deliver, delivery respond, log), so they refuse on the same errors.
 */
import type { Context } from '../context.js';
import type { Problem } from '../errors.js';
import { deliveryProblems } from '../letter/deliveries.js';
import { shownPath } from '../shown-path.js';
import { type ReadDeliveries, readDeliveries } from '../storage/deliveries-file.js';

/** deliveries.yaml as read, with every problem `letter check` reports of it; `errors` those of severity error. */
export interface CheckedDeliveries extends ReadDeliveries {
  errors: Problem[];
}

/**
 * Reads `<dir>/deliveries.yaml` and checks it as `letter check` does: its schema, then an id
 * used twice, a response before its delivery, and (a warning) a follow-up past due. Run on
 * every use, never remembered: a follow-up falls due as the days pass while the file stays
 * as it was. An absent file has no problem.
 */
export async function checkedDeliveries(dir: string, ctx: Context): Promise<CheckedDeliveries> {
  const shown = shownPath(ctx.cwd, dir) || '.';
  const read = await readDeliveries(dir, shown);
  const problems =
    !read.exists || read.problems.length > 0
      ? read.problems
      : deliveryProblems(
          read.deliveries,
          read.file,
          read.locate,
          ctx.now().toISOString().slice(0, 10),
          shown,
        );
  return {
    ...read,
    problems,
    errors: problems.filter((p) => p.severity === 'error'),
  };
}

/** The problems `letter check` reports of `<dir>/deliveries.yaml` (see `checkedDeliveries`). */
export async function deliveriesProblems(dir: string, ctx: Context): Promise<Problem[]> {
  return (await checkedDeliveries(dir, ctx)).problems;
}
