/**
 * Timing of a run's phases for people tuning letter (like git's GIT_TRACE_PERFORMANCE):
 * with LETTER_TRACE=1 in the run's env, each phase prints `letter: <ms since start> ms <phase>`
 * on the run's stderr (see run-env.ts).
 */
import { runEnv } from './run-env.js';

/** Notes that `phase` is reached (milliseconds since the process started, on stderr). */
export function trace(phase: string): void {
  const run = runEnv();
  if (run?.env.LETTER_TRACE === '1')
    run.diagnostics.write(`letter: ${performance.now().toFixed(0)} ms ${phase}\n`);
}
