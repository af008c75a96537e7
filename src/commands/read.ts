/**
 * Loading a letter for commands that only read it (list, log, export): a signature file
 * with errors is left out with a warning on stderr instead of stopping the command; only
 * an invalid letter.yaml stops it.
 */
import type { Context } from '../context.js';
import { InvalidLetter } from '../errors.js';
import type { LeftOut } from '../letter/publishing.js';
import type { LetterFile } from '../letter/schema.js';
import { type LoadedLetter, loadLetterAllowingErrors, resolveLetterDir } from '../storage/letter-store.js';
import { visible } from '../terminal.js';

/** A letter whose letter.yaml is valid; signatures whose files have errors are left out. */
export type ReadableLetter = LoadedLetter & { letter: LetterFile };

/** Loads the letter `arg` for reading. @throws UsageError (no such letter), InvalidLetter (letter.yaml invalid). */
export async function readLetter(arg: string, ctx: Context): Promise<ReadableLetter> {
  const loaded = await loadLetterAllowingErrors(await resolveLetterDir(arg, ctx.cwd), ctx.cwd);
  const errors = loaded.problems.filter((p) => p.severity === 'error');
  if (!loaded.letter) throw new InvalidLetter(errors);
  if (errors.length > 0) {
    const files = new Set(errors.map((p) => p.file)).size;
    ctx.stderr.write(
      `${ctx.errStyle.yellow('warning:')} ${files} ${files === 1 ? 'file has' : 'files have'} errors and ${files === 1 ? 'is' : 'are'} left out (first: ${visible(errors[0]!.file)}:${errors[0]!.line}:${errors[0]!.column}); run: ${ctx.errStyle.command(`letter check ${loaded.shown}`)}\n`,
    );
  }
  return loaded as ReadableLetter;
}

/**
 * Says on stderr which signatures were left out of what is published (see `publishable`),
 * so that `--json` output stays parseable and nobody mistakes a shorter list for the letter.
 */
export function warnLeftOut(ctx: Context, leftOut: readonly LeftOut[], shown: string): void {
  if (leftOut.length === 0) return;
  const first = leftOut
    .slice(0, 5)
    .map((l) => `${l.id} (${visible(l.reason)})`)
    .join('; ');
  ctx.stderr.write(
    `${ctx.errStyle.yellow('warning:')} ${leftOut.length} ${leftOut.length === 1 ? 'signature is' : 'signatures are'} left out, as letter check refuses ${leftOut.length === 1 ? 'it' : 'them'}: ${first}${leftOut.length > 5 ? '; ...' : ''}; run: ${ctx.errStyle.command(`letter check ${shown}`)}\n`,
  );
}
