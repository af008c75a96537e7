/**
 * The rules `letter check --publish` adds, for a workflow about to publish a letter: it is not
 * a draft and its embargo has passed (see embargo.ts), and no signatory is shown under a text
 * they did not agree to. Pure: the letter, its locator and the run's clock in, problems out.
 */
import { at, type Locate, type Problem, problem } from '../../errors.js';
import type { ProblemCode } from '../../problem-codes.js';
import { toIsoTimestamp } from '../dates.js';
import { embargoAhead, publication } from '../embargo.js';
import type { LetterFile } from '../schema.js';

/** What the publishing rules read: letter.yaml parsed, its file as shown and locator, the letter as shown, now. */
export interface PublishInput {
  letter: LetterFile;
  letterFile: string;
  locateLetter: Locate;
  shown: string;
  now: Date;
}

/**
 * `draft-not-published` (at letter.yaml's `status`): a draft is never published; its
 * signatures are agreements under embargo. `embargoed` (at `embargo`): the embargo has not
 * passed at `now`. A draft with an embargo still ahead has both.
 */
export function readyToPublish({
  letter,
  letterFile,
  locateLetter,
  shown,
  now,
}: PublishInput): Problem[] {
  const problems: Problem[] = [];
  if (publication(letter, now).state === 'final') return problems;
  const again = `letter check --publish ${shown}`;
  if (letter.status === 'draft')
    problems.push(
      problem(
        'draft-not-published',
        at(letterFile, locateLetter(['status'])),
        'the letter is a draft: its signatures are agreements under embargo, not public',
        `when it may be published, set status: open in letter.yaml and commit; then run: ${again}`,
      ),
    );
  if (embargoAhead(letter, now))
    problems.push(
      problem(
        'embargoed',
        at(letterFile, locateLetter(['embargo'])),
        `the letter is under embargo until ${letter.embargo} (now ${toIsoTimestamp(now)}): it may not be published before then`,
        `run ${again} again from ${letter.embargo}; renders until then are marked as embargoed previews`,
      ),
    );
  return problems;
}

/**
 * Warnings that `--publish` makes errors: what must not be published. `text-changed`:
 * signatories who agreed to an earlier text and have not confirmed the text as it reads now
 * would be shown under words they did not sign.
 */
export const REFUSED_WHEN_PUBLISHING: readonly ProblemCode[] = ['text-changed'];

/** `problems` with each warning of `REFUSED_WHEN_PUBLISHING` made an error, its hint saying why. */
export function refusedWhenPublishing(problems: readonly Problem[]): Problem[] {
  return problems.map((p) =>
    p.severity === 'warning' && REFUSED_WHEN_PUBLISHING.includes(p.code)
      ? {
          ...p,
          severity: 'error',
          hint: `${p.hint ? `${p.hint}; ` : ''}--publish refuses it: people would be shown under a text they did not sign`,
        }
      : p,
  );
}
