/**
 * The environment of the current run, as `main()` was given it in its Context, for the few
 * places deep below the commands that tune themselves by it: the caches (LETTER_CACHE_DIR,
 * LETTER_NO_CACHE, XDG_CACHE_HOME, LETTER_DEBUG_CACHE), the parse threads (LETTER_THREADS) and
 * the phase timings (LETTER_TRACE). It follows the run's async calls (AsyncLocalStorage), so
 * two runs in one process (in-process tests) each see their own, and nothing here reads the
 * process's own environment or streams: `Context` stays the only door to the process.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Context } from './context.js';
import type { Recovery } from './storage/journal.js';

/** What a run lends the code below its commands: its env, and where diagnostics go. */
export interface RunEnv {
  env: Readonly<Record<string, string | undefined>>;
  /** Diagnostics for people tuning or debugging letter (the run's stderr). */
  diagnostics: Context['stderr'];
  /** Told of each unfinished write undone before a command (the command line warns of it). */
  recovered?: ((r: Recovery) => void) | undefined;
}

const current = new AsyncLocalStorage<RunEnv>();

/** Runs `fn` with `ctx`'s env and stderr as the run's (see `runEnv`), telling `recovered` of recoveries. */
export function withRunEnv<T>(
  ctx: Pick<Context, 'env' | 'stderr'>,
  recovered: RunEnv['recovered'],
  fn: () => T,
): T {
  return current.run({ env: ctx.env, diagnostics: ctx.stderr, recovered }, fn);
}

/**
 * The env and diagnostics stream of the run in progress; undefined outside one (a test calling
 * a command or a storage function directly): then caches are off and nothing is traced.
 */
export function runEnv(): RunEnv | undefined {
  return current.getStore();
}
