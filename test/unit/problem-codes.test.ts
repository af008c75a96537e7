// The problem codes are listed once (PROBLEM_CODES in src/problem-codes.ts); this test keeps the
// README's "Problem codes" table and the codes src/ raises equal to that list.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatProblemCodes, listProblemCodes } from '../../src/commands/check-codes.js';
import { problem, UsageError } from '../../src/errors.js';
import { PROBLEM_CODES } from '../../src/problem-codes.js';
import { makeStyle } from '../../src/terminal.js';

const root = path.resolve(import.meta.dirname, '../..');
const sources = (readdirSync(path.join(root, 'src'), { recursive: true }) as string[])
  .filter((f) => f.endsWith('.ts') && f !== 'problem-codes.ts')
  .map((f) => readFileSync(path.join(root, 'src', f), 'utf8'));
const codes = Object.keys(PROBLEM_CODES);

describe('the problem codes', () => {
  it("are the README's table, row by row, in the table's order", () => {
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('### Problem codes'));
    const rows = [...section.matchAll(/^\| `([a-z0-9-]+)` \| (\w+) \| (.+) \|$/gm)].map((m) => ({
      code: m[1],
      severity: m[2],
      description: m[3],
    }));
    expect(rows).toEqual(listProblemCodes());
  });

  it('are each raised somewhere in src/, and src/ raises no other', () => {
    const quoted = new Set(
      sources.flatMap((s) => [...s.matchAll(/'([a-z0-9-]+)'/g)].map((m) => m[1])),
    );
    expect(codes.filter((c) => !quoted.has(c))).toEqual([]);
    const raised = sources.flatMap((s) =>
      [...s.matchAll(/\bproblem\(\s*'([^']+)'/g)].map((m) => m[1]),
    );
    expect(raised.length).toBeGreaterThan(50);
    expect(raised.filter((c) => !codes.includes(c!))).toEqual([]);
  });

  it('are built by problem() only: no file spells a problem literal with its code', () => {
    const literals = sources.flatMap((s) => [...s.matchAll(/\bcode: '([a-z][a-z0-9-]*)'/g)]);
    expect(literals.map((m) => m[1]).filter((c) => codes.includes(c!))).toEqual([]);
  });

  it('list with their severity and meaning, as a table and as JSON', () => {
    expect(listProblemCodes()[0]).toEqual({
      code: 'not-a-letter',
      severity: 'error',
      description: 'a folder under letters/ has no letter.yaml',
    });
    expect(listProblemCodes()).toHaveLength(codes.length);
    const lines = formatProblemCodes(listProblemCodes(), makeStyle(false)).split('\n');
    expect(lines).toHaveLength(codes.length);
    expect(lines[0]).toBe(
      'not-a-letter                 error    a folder under letters/ has no letter.yaml',
    );
  });
});

describe('problem()', () => {
  it("builds a problem with the code's own severity, the hint only when given", () => {
    expect(problem('empty-body', { file: 'letter.md', line: 1, column: 1 }, 'no text')).toEqual({
      file: 'letter.md',
      line: 1,
      column: 1,
      severity: 'warning',
      code: 'empty-body',
      message: 'no text',
    });
    expect(
      problem('slug-mismatch', { file: 'letter.yaml', line: 2, column: 7 }, 'differs', 'rename'),
    ).toEqual({
      file: 'letter.yaml',
      line: 2,
      column: 7,
      severity: 'error',
      code: 'slug-mismatch',
      message: 'differs',
      hint: 'rename',
    });
  });
  it('takes the severity of a code whose severity depends on the caller', () => {
    expect(
      problem('outside-letters', { file: 'x', line: 1, column: 1 }, 'm', 'h', 'warning').severity,
    ).toBe('warning');
  });
  it('keeps the key order of the JSON output: file, line, column, severity, code, message, hint', () => {
    expect(
      Object.keys(problem('text-changed', { file: 'f', line: 1, column: 1 }, 'm', 'h', 'error')),
    ).toEqual(['file', 'line', 'column', 'severity', 'code', 'message', 'hint']);
  });
});

describe('check --list-codes takes nothing else', () => {
  it('refuses letters and other check flags, naming them, instead of ignoring them', () => {
    expect(() =>
      listProblemCodes({
        letters: ['letters/x'],
        base: 'main',
        role: 'contributor',
        format: 'github',
      }),
    ).toThrow(
      new UsageError(
        '--list-codes lists the codes of every letter and takes nothing else: drop letters/x, --base, --format github',
      ),
    );
    expect(() => listProblemCodes({ role: 'editor', maxAdded: 2 })).toThrow(
      '--list-codes lists the codes of every letter and takes nothing else: drop --role, --max-added',
    );
    expect(listProblemCodes({ letters: [], role: 'contributor', format: 'text' }).length).toBe(
      Object.keys(PROBLEM_CODES).length,
    );
  });
});
