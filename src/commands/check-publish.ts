/**
 * `letter check --publish`: what a workflow about to publish a letter must also hear (see
 * letter/rules/publish.ts): a draft, an embargo not yet passed, and the warnings that must not
 * be published, made errors. On the run's clock (`ctx.now()`, fixed by `LETTER_NOW`).
 */
import type { Context } from '../context.js';
import type { Problem } from '../errors.js';
import type { LoadedLetter } from '../storage/letter-store.js';

/** `problems` of the letter `loaded` as `--publish` sees them, and the publishing rules' own after them. */
export async function publishing(
  problems: readonly Problem[],
  loaded: LoadedLetter,
  ctx: Context,
): Promise<Problem[]> {
  const { readyToPublish, refusedWhenPublishing } = await import('../letter/rules/publish.js');
  const { letter, letterFile, locateLetter, shown } = loaded;
  return [
    ...refusedWhenPublishing(problems),
    ...(letter ? readyToPublish({ letter, letterFile, locateLetter, shown, now: ctx.now() }) : []),
  ];
}
