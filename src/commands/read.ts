/**
 * Loading a letter for commands that only read it (list, log, export): a signature file
 * with errors is left out with a warning on stderr instead of stopping the command; only
 * an invalid letter.yaml stops it.
 */
import type { Context } from '../context.js';
import { InvalidLetter } from '../errors.js';
import type { LetterFile } from '../letter/schema.js';
import { type LoadedLetter, loadLetter, resolveLetterDir } from '../storage/letter-store.js';

/** A letter whose letter.yaml is valid; signatures whose files have errors are left out. */
export type ReadableLetter = LoadedLetter & { letter: LetterFile };

/** Loads the letter `arg` for reading. @throws UsageError (no such letter), InvalidLetter (letter.yaml invalid). */
export async function readLetter(arg: string, ctx: Context): Promise<ReadableLetter> {
  const loaded = await loadLetter(await resolveLetterDir(arg, ctx.cwd), ctx.cwd);
  const errors = loaded.problems.filter((p) => p.severity === 'error');
  if (!loaded.letter) throw new InvalidLetter(errors);
  if (errors.length > 0) {
    const files = new Set(errors.map((p) => p.file)).size;
    ctx.stderr.write(
      `${ctx.errStyle.yellow('warning:')} ${files} ${files === 1 ? 'file has' : 'files have'} errors and ${files === 1 ? 'is' : 'are'} left out (first: ${errors[0]!.file}:${errors[0]!.line}:${errors[0]!.column}); run: letter check ${loaded.shown}\n`,
    );
  }
  return loaded as ReadableLetter;
}
