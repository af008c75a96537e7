/**
 * Whether a letter may be published at an instant: the embargo (letter.yaml `embargo:`) and
 * the draft status. The one owner of that rule: renders mark a preview by it, `letter check
 * --publish` fails by it, `list`, `export` and `stats` say it on stderr. Pure: the letter
 * and the run's clock (`ctx.now()`, which `LETTER_NOW` fixes) in, the state out.
 */
import type { LetterFile } from './schema.js';

/** Why a render is a preview: the letter is a draft, or its embargo has not passed. */
export type PreviewReason = 'draft' | 'embargo';

/**
 * What a letter's renders are at an instant: `final` (may be published), or a `preview`
 * marked as such, with its reason and, under an embargo, the instant it ends (`until`, ISO
 * 8601 UTC as letter.yaml gives it).
 */
export type Publication =
  | { state: 'final' }
  | { state: 'preview'; reason: PreviewReason; until?: string };

/**
 * The publication state of `letter` at `now`. A draft is always a preview (its signatures
 * are agreements under embargo, not public), whatever its embargo says; otherwise a letter
 * with an `embargo` is a preview strictly before that instant and final from it on (at
 * 09:00:00 exactly, an embargo of 2020-05-26T09:00:00Z has passed). Open and closed letters
 * without one are final. Source of the rule: issue 16 ("published at one embargoed moment").
 */
export function publication(
  letter: Pick<LetterFile, 'status' | 'embargo'>,
  now: Date,
): Publication {
  if (letter.status === 'draft') return { state: 'preview', reason: 'draft' };
  if (embargoAhead(letter, now))
    return { state: 'preview', reason: 'embargo', until: letter.embargo! };
  return { state: 'final' };
}

/** Whether `letter` has an embargo that has not passed at `now` (strictly before its instant), draft or not. */
export function embargoAhead(letter: Pick<LetterFile, 'embargo'>, now: Date): boolean {
  return letter.embargo !== undefined && now.getTime() < Date.parse(letter.embargo);
}

/**
 * What a command's JSON says of the letter's publication: `embargoed` is true while its
 * renders are previews (a draft, or before its embargo), `embargo` is letter.yaml's value
 * (ISO 8601 UTC) or null. Fields added to letter-level results (`list`, `stats`, `render`).
 */
export interface EmbargoFields {
  embargoed: boolean;
  embargo: string | null;
}

/** The `EmbargoFields` of `letter` at `now`. */
export function embargoFields(
  letter: Pick<LetterFile, 'status' | 'embargo'>,
  now: Date,
): EmbargoFields {
  return {
    embargoed: publication(letter, now).state === 'preview',
    embargo: letter.embargo ?? null,
  };
}

/**
 * One line (no newline) saying that what a command shows of the letter `shown` (`what`, with
 * its verb: "the list is", "these totals are") is not for publication yet, for stderr;
 * undefined when `p` is final.
 */
export function embargoNotice(p: Publication, shown: string, what: string): string | undefined {
  if (p.state === 'final') return undefined;
  return p.reason === 'draft'
    ? `${shown} is a draft: ${what} under embargo, not for publication (set status: open in letter.yaml when it may be published)`
    : `${shown} is under embargo until ${p.until}: ${what} not for publication before then`;
}
