/** `letter log <letter>`: the changelog's events, newest first. */
import type { Context } from '../context.js';
import { eventsOf, type LetterEvent } from '../letter/changelog.js';
import { erasedNames } from '../letter/erasure.js';
import {
  loadLetterSkippingInvalidFiles,
  resolveLetterDir,
  type SkippedFile,
} from '../storage/letter-store.js';
import type { Style } from '../terminal.js';
import { warnLeftOut } from './shared/letter-warnings.js';

/** Options of `letter log`; `limit` keeps the newest N events. */
export interface LogOptions {
  letter: string;
  limit?: number | undefined;
}

/** Events newest first (timestamps ISO 8601 UTC). */
export interface LogResult {
  letter: string;
  events: LetterEvent[];
  /** Files left out because they have errors (see `loadLetterSkippingInvalidFiles`); a warning on stderr names them. */
  skipped: SkippedFile[];
}

/** Lists the letter's events, derived from its signature files; a restored erased name is left out, with a warning. @throws InvalidLetter */
export async function log(o: LogOptions, ctx: Context): Promise<LogResult> {
  const loaded = await loadLetterSkippingInvalidFiles(
    await resolveLetterDir(o.letter, ctx.cwd),
    ctx.cwd,
  );
  // A name erased at the signatory's request that came back (a revert) is no event to show.
  const erasedAs = erasedNames(loaded.erased, loaded.letter.slug);
  const back = loaded.signatures.filter((s) => erasedAs(s.signature.name, s.key) !== undefined);
  warnLeftOut(
    ctx,
    back.map((s) => ({ id: s.signature.id, reason: "a name erased at the signatory's request" })),
    loaded.shown,
  );
  const events = eventsOf(
    loaded.signatures.filter((s) => !back.includes(s)).map((s) => s.signature),
    loaded.erased,
  ).reverse();
  return {
    letter: loaded.shown,
    skipped: loaded.skipped,
    events: o.limit === undefined ? events : events.slice(0, o.limit),
  };
}

/** One line per event: time, kind, name and id, and who or why where known. */
export function formatLog(r: LogResult, style: Style): string {
  if (r.events.length === 0) return `${r.letter}: no events yet.`;
  const colour = {
    signed: style.green,
    verified: style.cyan,
    reconfirmed: style.cyan,
    withdrawn: style.yellow,
    rejected: style.red,
    erased: style.yellow,
  } as const;
  return r.events
    .map((e) => {
      const to = e.text_version ? ` to ${e.text_version}` : '';
      const extra =
        (e.kind === 'verified' || e.kind === 'reconfirmed') && e.by
          ? `${to} by ${e.by}`
          : e.reason
            ? `: ${e.reason}`
            : to;
      return `${style.dim(e.at)}  ${colour[e.kind](e.kind.padEnd(9))}  ${e.name} ${style.dim(`(${e.id})`)}${extra}`;
    })
    .join('\n');
}
