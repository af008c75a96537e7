/**
 * `letter check --list-codes`: every problem code `letter check` can report, with its severity
 * and meaning, for those who filter `--format json` by code. Made from `PROBLEM_CODES`.
 */
import { PROBLEM_CODES, type ProblemCode, type Severity } from '../problem-codes.js';
import type { Style } from '../terminal.js';

/** One problem code as listed: `severity` "either" when the caller decides (see `PROBLEM_CODES`). */
export interface ProblemCodeInfo {
  code: ProblemCode;
  severity: Severity | 'either';
  description: string;
}

/** Every problem code, in the order of `PROBLEM_CODES` (grouped by what they are about). */
export function listProblemCodes(): ProblemCodeInfo[] {
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
