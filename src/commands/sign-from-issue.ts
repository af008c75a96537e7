/**
 * `letter sign <letter> --from-issue <event.json>`: adds the one pending signature asked for
 * by a GitHub issue made with the letter's sign form (see letter/issue-form.ts), as the sign
 * workflow runs it on $GITHUB_EVENT_PATH. Never asks a question; the issue's text is
 * checked as `letter sign` checks flags, and errors name the form's fields.
 */
import path from 'node:path';
import type { Context } from '../context.js';
import { AlreadySigned, LikelyDuplicate, UsageError } from '../errors.js';
import {
  FORM_LABELS,
  type FormField,
  IssueRefused,
  readSignRequest,
} from '../letter/issue-form.js';
import { SIGNATURE_INPUT_FIELDS, type SignatureInputField } from '../letter/signatures.js';
import { textVersion } from '../letter/text-version.js';
import { shownPath } from '../shown-path.js';
import { readText, SIGNATURES_DIR, signatureFileName } from '../storage/layout.js';
import { loadLetterSkippingInvalidFiles, resolveLetterDir } from '../storage/letter-store.js';
import type { Style } from '../terminal.js';
import { flagOf } from './shared/flags.js';
import { formatSkipped } from './shared/letter-warnings.js';
import { formatSign, type SignOptions, type SignResult, sign } from './sign.js';

/**
 * Options of `letter sign --from-issue`: the letter and the path of the event file; any other
 * flag of `letter sign` given with them is refused (the issue gives every field).
 */
export interface SignFromIssueOptions extends Omit<SignOptions, 'fieldNames'> {
  event: string;
  /** The flag's own value (the same as `event`), as the command line gives it. */
  fromIssue?: string | undefined;
  json?: boolean | undefined;
}

/** Options that may come with --from-issue: they say how to run, not what to sign. */
const WITH_FROM_ISSUE = new Set(['letter', 'event', 'fromIssue', 'json', 'dryRun', 'yes']);

/** What `sign --from-issue` did: the sign's result, the issue it came from, and the new signature's file (relative to the working directory). */
export interface SignFromIssueResult extends SignResult {
  issue: number;
  login: string;
  /** The signature file written, or the one a dry run would write. */
  file: string;
}

/** How `letter sign`'s errors name a field: as the issue form's label. */
const FIELD_NAMES: Readonly<Record<string, string>> = Object.fromEntries(
  SIGNATURE_INPUT_FIELDS.filter((f): f is FormField & SignatureInputField => f in FORM_LABELS).map(
    (f) => [f, `issue field "${FORM_LABELS[f]}"`],
  ),
);

/** Events are a few kilobytes; a larger file is not one. */
const MAX_EVENT_BYTES = 1024 * 1024;

/**
 * Signs from an issue event.
 * @throws UsageError (exit 2) when other sign flags are given, or the event file is missing or not JSON.
 * @throws IssueRefused (exit 1) when the event is not an issue just opened by a person with the
 *   consent box ticked for the current text, or a field is missing, malformed or unknown, or the
 *   author already signed; and whatever `letter sign` refuses (duplicates, erased names, contact details).
 */
export async function signFromIssue(
  o: SignFromIssueOptions,
  ctx: Context,
): Promise<SignFromIssueResult> {
  const given = Object.entries(o).filter(([k, v]) => v !== undefined && !WITH_FROM_ISSUE.has(k));
  if (given.length > 0)
    throw new UsageError(
      `--from-issue takes every field from the issue: drop ${given.map(([k]) => flagOf(k)).join(', ')}`,
    );
  const shownEvent = shownPath(ctx.cwd, path.resolve(ctx.cwd, o.event)) || o.event;
  const text = await readText(
    path.resolve(ctx.cwd, o.event),
    shownEvent,
    undefined,
    MAX_EVENT_BYTES,
  );
  if (text === undefined)
    throw new UsageError(
      `--from-issue: no file at ${shownEvent}`,
      'Give the event file, e.g. "$GITHUB_EVENT_PATH" in a workflow.',
    );
  let event: unknown;
  try {
    event = JSON.parse(text);
  } catch {
    throw new UsageError(`--from-issue: ${shownEvent} is not JSON: expected a GitHub issues event`);
  }
  const loaded = await loadLetterSkippingInvalidFiles(
    await resolveLetterDir(o.letter, ctx.cwd),
    ctx.cwd,
  );
  // The sign below refuses a letter with errors, and its error lists them: the warning comes first, as for every read.
  ctx.stderr.write(formatSkipped(loaded.skipped, loaded.shown, ctx.errStyle));
  if (loaded.body === undefined)
    throw new UsageError(
      `${loaded.shown}: the letter has no ${loaded.letter.body}`,
      `Run: letter check ${loaded.shown}`,
    );
  const request = readSignRequest(event, loaded.letter, textVersion(loaded.body));
  const login = request.login.toLowerCase();
  const before = loaded.signatures.find((s) => s.signature.github?.toLowerCase() === login);
  if (before)
    throw new IssueRefused(
      'event',
      `GitHub user ${request.login} already signed this letter, as ${before.signature.id} (${before.signature.status})`,
      'One GitHub account signs once; an organiser can add other people by hand.',
    );
  const { issue, login: github, signedAt, ...fields } = request;
  let result: SignResult;
  try {
    result = await sign(
      {
        letter: o.letter,
        ...fields,
        github,
        signedAt,
        yes: true,
        dryRun: o.dryRun,
        fieldNames: FIELD_NAMES,
      },
      { ...ctx, interactive: false },
    );
  } catch (e) {
    // The signer has no flags to pass: only an organiser can decide that two people share a name.
    if (e instanceof AlreadySigned || e instanceof LikelyDuplicate)
      e.hint =
        'If this is a different person of the same name, an organiser can add the signature by hand with letter sign --allow-similar.';
    throw e;
  }
  const file =
    result.written.find((f) => f.split(path.sep).includes(SIGNATURES_DIR)) ??
    path.join(result.letter, signatureFileName(result.signature.id, loaded.letter.layout));
  return { ...result, issue, login: github, file };
}

/** The human view: the sign's, and the issue it came from. */
export function formatSignFromIssue(r: SignFromIssueResult, style: Style): string {
  return `${formatSign(r, style)}\n  ${style.dim(`from issue #${r.issue} by GitHub user ${r.login}`)}`;
}
