/**
 * Errors and exit codes. The core throws these typed errors; `src/cli.ts` is the one
 * place that turns them into a message and an exit code.
 *
 * Exit-code contract (as git and npm): 0 ok, 1 a check failed or an action was refused,
 * 2 usage or environment error, 130 cancelled at a prompt.
 */

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
  severity: 'error' | 'warning';
  code: string;
  message: string;
  hint?: string;
}

/** Base class of every error a user can cause; never printed with a stack trace. */
export class UserError extends Error {
  readonly exitCode: number = ExitCode.failed;
  /** One line that names the next thing to do, if any. */
  readonly hint: string | undefined;
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
    super(`The letter has ${n} ${n === 1 ? 'error' : 'errors'}; nothing was written.`, 'Run `letter check` on it to see every problem and how to fix it.');
    this.problems = problems;
  }
}

/** The name is already on the letter after normalisation (exit 1). */
export class AlreadySigned extends UserError {
  constructor(
    readonly signatoryName: string,
    readonly existingId: string,
    readonly existingName: string,
    readonly existingStatus: string,
  ) {
    super(
      `"${signatoryName}" is already on the letter as signature ${existingId} ("${existingName}", ${existingStatus}); nothing was written.`,
      existingStatus === 'withdrawn'
        ? 'That person withdrew; a withdrawal is kept as a record and is not signed over.'
        : `See it with: letter list <letter> --status all`,
    );
  }
}

/** No signature has this id (exit 1). */
export class SignatureNotFound extends UserError {
  constructor(readonly id: string) {
    super(`No signature with id "${id}"; nothing was written.`, 'List the ids with: letter list <letter> --status all');
  }
}

/** The requested change does not apply to the signature in its current state (exit 1). */
export class InvalidTransition extends UserError {}
