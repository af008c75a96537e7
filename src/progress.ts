/**
 * A progress bar on stderr (cli-progress) for long jobs, shown only on a terminal so that
 * logs and `--json` stay clean.
 */
import cliProgress from 'cli-progress';
import type { Context } from './context.js';

/** Updates a progress bar; `stop` removes it. */
export interface Progress {
  update(done: number): void;
  stop(): void;
}

const silent: Progress = { update: () => {}, stop: () => {} };

/** A bar for `total` steps when stderr is a terminal and `total` is at least `threshold`; otherwise nothing. */
export function progressBar(
  ctx: Context,
  label: string,
  total: number,
  threshold = 2000,
): Progress {
  // Only on a terminal (a test's captured stderr gets no bar); `raw` is the stream under terminalSafe.
  const stream = (ctx.stderr as { raw?: NodeJS.WriteStream }).raw;
  if (total < threshold || !stream?.isTTY) return silent;
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: `${label} [{bar}] {percentage}% | {value}/{total} rows`,
      hideCursor: true,
      clearOnComplete: true,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0);
  return { update: (done) => bar.update(done), stop: () => bar.stop() };
}
