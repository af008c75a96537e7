/**
 * Timing of a run's phases for people tuning letter (like git's GIT_TRACE_PERFORMANCE):
 * with LETTER_TRACE=1, each phase prints `letter: <ms since start> ms <phase>` on stderr.
 */
const on = process.env.LETTER_TRACE === '1';

/** Notes that `phase` is reached (milliseconds since the process started, on stderr). */
export function trace(phase: string): void {
  if (on) process.stderr.write(`letter: ${performance.now().toFixed(0)} ms ${phase}\n`);
}
