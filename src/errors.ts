/**
 * Errors and exit codes. The core throws these typed errors; `src/cli.ts` is the one
 * place that turns them into a message and an exit code.
 *
 * Exit-code contract (as git and npm): 0 ok, 1 a check failed or an action was refused,
 * 2 usage or environment error, 130 cancelled at a prompt.
 */

import { PROBLEM_CODES, type ProblemCode, type Severity } from './problem-codes.js';

export type { ProblemCode, Severity } from './problem-codes.js';

/** Exit codes of the `letter` command. */
export const ExitCode = { ok: 0, failed: 1, usage: 2, cancelled: 130 } as const;

/** A position in a file of a letter; `line` and `column` count from 1. */
export interface Position {
  file: string;
  line: number;
  column: number;
}

/** Finds the 1-based line and column of the value at a path of keys and indexes in a file (or of its nearest existing parent). */
export type Locate = (path: readonly (string | number)[]) => { line: number; column: number };

/**
 * One problem found in a letter's files.
 * `severity` "error" makes `letter check` fail; "warning" does not.
 * `hint` says how to fix it, in one line.
 */
export interface Problem extends Position {
  severity: Severity;
  code: ProblemCode;
  message: string;
  hint?: string;
}

/** The place of a problem: `file` at `pos` (1:1, the file as a whole, when not given). */
export function at(file: string, pos = { line: 1, column: 1 }): Position {
  return { file, line: pos.line, column: pos.column };
}

/** The severity argument of `problem`: required for a code whose severity is `either`. */
type SeverityOf<C extends ProblemCode> = (typeof PROBLEM_CODES)[C]['severity'] extends 'either'
  ? [severity: Severity]
  : [severity?: Severity];

/**
 * A problem with code `code` at `place`; its severity is the code's own in `PROBLEM_CODES`
 * unless given (and must be given for a code whose severity is `either`). An empty or absent
 * `hint` is left out.
 */
export function problem<C extends ProblemCode>(
  code: C,
  place: Position,
  message: string,
  hint?: string,
  ...severity: SeverityOf<C>
): Problem {
  const own = PROBLEM_CODES[code].severity;
  return {
    file: place.file,
    line: place.line,
    column: place.column,
    severity: severity[0] ?? (own === 'either' ? 'error' : own),
    code,
    message,
    ...(hint ? { hint } : {}),
  };
}

/** Base class of every error a user can cause; never printed with a stack trace. */
export class UserError extends Error {
  readonly exitCode: number = ExitCode.failed;
  /** One line that names the next thing to do, if any; a command may make it more precise. */
  hint: string | undefined;
  constructor(message: string, hint?: string) {
    super(message);
    this.name = new.target.name;
    this.hint = hint;
  }
}

/** A flag or argument is missing or malformed (exit 2). */
export class UsageError extends UserError {
  override readonly exitCode: number = ExitCode.usage;
}

/** The machine lacks something the command needs (exit 2). */
export class EnvironmentError extends UserError {
  override readonly exitCode: number = ExitCode.usage;
}

/** The person cancelled at a prompt (Ctrl-C or end of input): exit 130. */
export class Cancelled extends UserError {
  override readonly exitCode: number = ExitCode.cancelled;
  constructor() {
    super('Cancelled; nothing was written.');
  }
}

/** The letter's files have errors, so the command refuses to act on them (exit 1). */
export class InvalidLetter extends UserError {
  readonly problems: Problem[];
  constructor(problems: Problem[]) {
    const n = problems.length;
    super(
      `The letter has ${n} ${n === 1 ? 'error' : 'errors'}, so the command stopped; nothing was changed.`,
      'Run `letter check` on it to see every problem and how to fix it.',
    );
    this.problems = problems;
  }
}

/** What a duplicate error says of the signature it matches. */
export interface MatchedSignature {
  id: string;
  name: string;
  status: string;
  kind: string;
  reason: string;
}

/** The name is already on the letter: the same after normalisation, or written with look-alike characters (exit 1). */
export class AlreadySigned extends UserError {
  /** `decidable`: a person may decide that this is another person of the same name (see `letter distinct`). */
  constructor(
    readonly signatoryName: string,
    readonly match: MatchedSignature,
    readonly decidable = false,
  ) {
    const what =
      match.status === 'rejected'
        ? `is ${match.kind === 'exact' ? '' : 'likely '}the name of a signature rejected as fake (${match.id}, "${match.name}"), which stays out for good`
        : `is already on the letter as signature ${match.id} ("${match.name}", ${match.status}): ${match.reason}`;
    super(
      `"${signatoryName}" ${what}; nothing was written.`,
      decidable
        ? 'If this is a different person of the same name, sign again with --allow-similar.'
        : match.status === 'withdrawn'
          ? 'That person withdrew; a withdrawal is kept as a record and is not signed over.'
          : match.kind === 'exact' && match.status !== 'rejected'
            ? `Nothing tells the two apart. If this is another person of the same name, sign again with --allow-similar and a --url or --github of theirs that differs from ${match.id}'s.`
            : undefined,
    );
  }
}

/** The name is likely already on the letter; a person must confirm, or pass --allow-similar (exit 1). */
export class LikelyDuplicate extends UserError {
  constructor(
    readonly signatoryName: string,
    readonly matches: MatchedSignature[],
  ) {
    const lines = matches.map((m) => `  ${m.id} ("${m.name}", ${m.status}): ${m.reason}`);
    super(
      `"${signatoryName}" is likely already on the letter; nothing was written:\n${lines.join('\n')}`,
      'If this is a different person, sign again with --allow-similar.',
    );
  }
}

/** The name belongs to a signatory who asked to be forgotten (exit 1). */
export class ErasedSignatory extends UserError {
  constructor(readonly id: string) {
    super(
      `This name was erased from the letter at the signatory's request (${id}) and cannot be signed again; nothing was written.`,
    );
  }
}

/** An input file (a CSV to import, say) is unreadable or malformed; names the file and, where known, the line (exit 1). */
export class InvalidInput extends UserError {
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    message: string,
    hint?: string,
  ) {
    super(`${file}${line ? `:${line}` : ''}: ${message}`, hint);
  }
}

/** No signature has this id (exit 1). */
export class SignatureNotFound extends UserError {
  constructor(readonly id: string) {
    super(`No signature with id "${id}"; nothing was written.`);
  }
}

/** The requested change does not apply to the signature in its current state (exit 1). */
export class InvalidTransition extends UserError {}
