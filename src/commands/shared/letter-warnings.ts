/**
 * The warnings of commands that read a letter and go on without part of it: files a loader
 * skipped (storage `loadLetterSkippingInvalidFiles`) and signatures the publishing gate
 * left out. Both go to stderr, so that `--json` output stays parseable and nobody mistakes
 * a shorter list for the letter; skipped files are also in the command's result.
 */
import type { Context } from '../../context.js';
import type { Problem } from '../../errors.js';
import { embargoNotice, type Publication } from '../../letter/embargo.js';
import type { LeftOut } from '../../letter/publishing.js';
import type { SkippedFile } from '../../storage/letter-store.js';
import { type Style, visible } from '../../terminal.js';

/**
 * The warning line (newline-ended) for the files a loader skipped of the letter `shown`;
 * empty when none was.
 */
export function formatSkipped(
  skipped: readonly SkippedFile[],
  shown: string,
  style: Style,
): string {
  const first = skipped[0];
  if (!first) return '';
  const files = skipped.length;
  return `${style.yellow('warning:')} ${files} ${files === 1 ? 'file has' : 'files have'} errors and ${files === 1 ? 'is' : 'are'} left out (first: ${visible(first.file)}:${first.line}:${first.column}); run: ${style.command(`letter check ${shown}`)}\n`;
}

/** Says on stderr which signatures were left out of what is published (see `publishable`). */
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

/**
 * Says on stderr, in one line, that what the command shows of the letter `shown` (`what`,
 * e.g. "the list") is not for publication yet: a draft, or before its embargo. Nothing when
 * `p` is final.
 */
export function warnEmbargo(ctx: Context, p: Publication, shown: string, what: string): void {
  const notice = embargoNotice(p, shown, what);
  if (notice) ctx.stderr.write(`${ctx.errStyle.yellow('embargo:')} ${visible(notice)}\n`);
}

/** Says on stderr, one line per error with its file:line:column, that deliveries.yaml's events are left out. */
export function warnDeliveriesLeftOut(
  ctx: Context,
  errors: readonly Problem[],
  shown: string,
): void {
  for (const p of errors)
    ctx.stderr.write(
      `${ctx.errStyle.yellow('warning:')} ${visible(`${p.file}:${p.line}:${p.column}: ${p.message}`)}; the deliveries are left out; run: ${ctx.errStyle.command(`letter check ${shown}`)}\n`,
    );
}
