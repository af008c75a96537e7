/**
 * Timing of a run's phases for people tuning letter (like git's GIT_TRACE_PERFORMANCE):
 * with LETTER_TRACE=1 in the run's env, each phase prints `letter: <ms since start> ms <phase>`
 * on the run's stderr (see run-env.ts).
 */
import { runEnv } from './run-env.js';

/**
 * Notes that `phase` is reached (milliseconds since the process started, on stderr); with
 * LETTER_TRACE=memory, also the memory held then (resident set and JavaScript heap, in MB).
 */
export function trace(phase: string): void {
  const run = runEnv();
  const mode = run?.env.LETTER_TRACE;
  if (mode !== '1' && mode !== 'memory') return;
  const m = mode === 'memory' ? process.memoryUsage() : undefined;
  const held = m
    ? ` (rss ${(m.rss / 2 ** 20).toFixed(0)} MB, heap ${(m.heapUsed / 2 ** 20).toFixed(0)} MB)`
    : '';
  run!.diagnostics.write(`letter: ${performance.now().toFixed(0)} ms ${phase}${held}\n`);
}
