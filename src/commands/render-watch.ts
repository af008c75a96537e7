/**
 * `letter render --watch`: render, then render again on every change to the letter or the
 * default templates.
 */
import type { Context } from '../context.js';
import { UserError } from '../errors.js';
import { shownPath } from '../shown-path.js';
import { resolveLetterDir } from '../storage/letter-store.js';
import { defaultTemplatesDir } from '../storage/package-files.js';
import { watchFolders } from '../storage/render-files.js';
import { type RenderOptions, type RenderResult, render } from './render.js';

/**
 * `render --watch`: renders, then renders again after every change to the letter's files
 * or the default templates (changes within 150 ms are taken together), reporting each run
 * through `onResult` and each user error on stderr. Runs until the process is stopped.
 */
export async function watch(
  o: RenderOptions,
  ctx: Context,
  onResult: (r: RenderResult) => void,
): Promise<void> {
  const dir = await resolveLetterDir(o.letter, ctx.cwd);
  const run = async () => {
    try {
      onResult(await render(o, ctx));
    } catch (e) {
      if (!(e instanceof UserError)) throw e;
      ctx.stderr.write(`${ctx.errStyle.red('error:')} ${e.message}\n`);
    }
  };
  await run();
  ctx.stderr.write(
    `Watching ${shownPath(ctx.cwd, dir) || '.'} and its templates; Ctrl-C to stop.\n`,
  );
  let timer: NodeJS.Timeout | undefined;
  let running = Promise.resolve();
  const changed = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      running = running.then(run);
    }, 150);
  };
  watchFolders([dir, defaultTemplatesDir()], changed);
  await new Promise(() => {});
}
