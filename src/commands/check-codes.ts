/**
 * `letter check --list-codes`: every problem code `letter check` can report, with its severity
 * and meaning, for those who filter `--format json` by code. Made from `PROBLEM_CODES`.
 */
import { UsageError } from '../errors.js';
import { PROBLEM_CODES, type ProblemCode, type Severity } from '../problem-codes.js';
import type { Style } from '../terminal.js';
import { flagOf } from './shared/flags.js';

/** One problem code as listed: `severity` "either" when the caller decides (see `PROBLEM_CODES`). */
export interface ProblemCodeInfo {
  code: ProblemCode;
  severity: Severity | 'either';
  description: string;
}

/** The rest of `check`'s command line, given with `--list-codes`. */
export interface ListCodesOptions {
  letters?: readonly string[] | undefined;
  strict?: boolean | undefined;
  publish?: boolean | undefined;
  base?: string | undefined;
  /** `contributor` is the default, so only `editor` counts as given. */
  role?: string | undefined;
  maxAdded?: number | undefined;
  author?: string | undefined;
  format?: string | undefined;
}

/**
 * Every problem code, in the order of `PROBLEM_CODES` (grouped by what they are about).
 * @throws UsageError when letters or other check flags are given: the list is the same for
 *   every letter, and a flag that would be ignored is a mistake to point out.
 */
export function listProblemCodes(o: ListCodesOptions = {}): ProblemCodeInfo[] {
  const flags = (['strict', 'publish', 'base', 'role', 'maxAdded', 'author'] as const)
    .filter((k) =>
      k === 'role' ? (o.role ?? 'contributor') !== 'contributor' : o[k] !== undefined,
    )
    .map(flagOf);
  if (o.format === 'github') flags.push('--format github');
  const extra = [...(o.letters ?? []), ...flags];
  if (extra.length > 0)
    throw new UsageError(
      `--list-codes lists the codes of every letter and takes nothing else: drop ${extra.join(', ')}`,
    );
  return Object.entries(PROBLEM_CODES).map(([code, { severity, description }]) => ({
    code: code as ProblemCode,
    severity,
    description,
  }));
}

/** One line per code: code, severity and description in columns. */
export function formatProblemCodes(codes: readonly ProblemCodeInfo[], style: Style): string {
  const width = Math.max(...codes.map((c) => c.code.length));
  return codes
    .map((c) => `${style.bold(c.code.padEnd(width))}  ${c.severity.padEnd(7)}  ${c.description}`)
    .join('\n');
}
