/**
 * How `letter check` prints its result: one line per problem, or GitHub Actions annotations.
 */
import type { Problem } from '../errors.js';
import type { Style } from '../terminal.js';
import type { CheckResult } from './check.js';

// GitHub Actions workflow commands: data escapes %, CR and LF; properties also : and ,.
const ghData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const ghProp = (s: string) => ghData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/**
 * GitHub Actions annotations, one per problem (`::error file=...,line=...,col=...,title=...::message`),
 * so problems show on the lines of a pull request; then the summary lines.
 */
export function formatCheckGithub(r: CheckResult, style: Style): string {
  const line = (p: Problem) =>
    `::${p.severity} file=${ghProp(p.file)},line=${p.line},col=${p.column},title=${ghProp(`letter check: ${p.code}`)}::${ghData(`${p.message}${p.hint ? ` (${p.hint})` : ''}`)}`;
  const summary = formatCheck({ ...r, errors: [], warnings: [] }, style);
  return [...[...r.errors, ...r.warnings].map(line), summary].join('\n');
}

/** One line per problem (`file:line:column: error: message (hint)`), then a summary line per letter. */
export function formatCheck(r: CheckResult, style: Style): string {
  const line = (p: Problem) => {
    const kind = p.severity === 'error' ? style.red('error') : style.yellow('warning');
    return `${style.bold(`${p.file}:${p.line}:${p.column}`)}: ${kind}: ${p.message}${p.hint ? style.dim(` (${p.hint})`) : ''}`;
  };
  const problems = [...r.errors, ...r.warnings].sort(
    (a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column,
  );
  const summary = r.letters.map((l) => {
    const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
    const tail = `${plural(l.signatures, 'signature')}, ${plural(l.errors, 'error')}, ${plural(l.warnings, 'warning')}`;
    return l.errors > 0 || (r.strict && l.warnings > 0)
      ? `${style.red('✖')} ${l.letter}: ${tail}`
      : `${style.green('✔')} ${l.letter}: ${tail}`;
  });
  return [...problems.map(line), ...(problems.length ? [''] : []), ...summary].join('\n');
}
