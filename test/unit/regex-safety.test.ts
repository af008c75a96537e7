/**
 * Every regular expression in src/ is checked with recheck (a ReDoS checker): none may take
 * super-linear time on some input, since most of them read what a contributor wrote (a pull
 * request can hold CI for minutes with one long run). A pattern that the checker cannot
 * read is listed in ALLOWED with the reason it is safe.
 * `new RegExp(...)` builds a pattern the checker cannot read from the source: each one is
 * listed in BUILT with why it is safe.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { tokenizer } from 'acorn';
import { transformSync } from 'esbuild';
import { check } from 'recheck';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

// recheck's automaton checker proves a pattern linear, but cannot read look-around or
// back-references; its fuzzing checker, which can, gives different answers from run to run.
// So such patterns are listed here, each with the reason it is linear (or bounded).
const RUN_START =
  'the look-behind lets a match start only where a run starts, so each run is read once';
const REST_IS_ONE_RUN =
  'anchored; the look-ahead first reads the rest as one run of the class, so what follows it fails or matches in one backward pass';

/** `file /pattern/flags` → why it is safe although the checker cannot say so. */
const ALLOWED: Record<string, string> = {
  'src/letter/text-version.ts /(?<![ \\t])[ \\t]+$/gm': RUN_START,
  'src/letter/names.ts /(?<!-)-+$/': RUN_START,
  'src/letter/name-match.ts /(?<!\\/)\\/+$/': RUN_START,
  'src/letter/import-plan.ts /^[^\\s@/:?#]+@(?=[^\\s@/?#]+$)[^\\s@/?#]+\\.[^\\s@/?#]+$/':
    REST_IS_ONE_RUN,
  'src/letter/contacts.ts /^[^\\s@]+@(?=[^\\s@]+$)[^\\s@]+\\.[^\\s@]+$/': REST_IS_ONE_RUN,
  'src/letter/import-plan.ts /^(?=[^<>()@]*[\\p{L}\\p{N}])([^<>()@]*)[<(]\\s*(?:mailto:)?([^\\s<>()@]+@(?=[^\\s<>()@]+\\.[^\\s<>()@])[^\\s<>()@]+)\\s*[>)]\\s*$/u':
    'anchored; each look-ahead reads one run of its class once, and the parts around "@" and the brackets share no character',
  'src/letter/contact-details.ts /(?<![\\p{L}\\p{N}_.\\-/+@%#])(?:tel:\\s*)?\\+?\\(?\\d[\\d ().-]{5,24}\\d(?![\\p{L}\\p{N}_\\-/@]|[.,]\\d)/gu': `${RUN_START} (a run of digits); from there at most 26 characters are tried, and the look-ahead reads two`,
  'src/letter/markdown.ts /\\bwww\\.|\\b(?:https?|ftp):(?=\\/\\/)|\\b(?:mailto|xmpp):/gi':
    'fixed words after a word boundary; a match reads at most eight characters',
  'src/letter/markdown.ts /^(?:[#+\\-=>]|\\d+(?=[.)]))/':
    'anchored; the look-ahead reads one character after one run of digits',
  'src/letter/name-match.ts /(.)\\1+/g':
    'the back-reference is one character: a match reads one run and the next search starts after it',
  'src/letter/dates.ts /^(?:(\\d{4})[/-](\\d{1,2})[/-](\\d{1,2})|(\\d{1,2})([/.])(\\d{1,2})\\5(\\d{4}))(?:(?:\\s+|T|,\\s*)(\\d{1,2}):(\\d{2})(?::(\\d{2})(?:\\.\\d+)?)?(?:\\s*([AaPp])\\.?[Mm]\\.?)?)?(?:\\s*(?:(?:GMT|UTC)\\s*)?([+-])(\\d{1,2})(?::?(\\d{2}))?|\\s*(GMT|UTC|Z))?$/':
    'anchored; the back-reference is one separator character, and each run of spaces is read by a fixed number of alternatives',
  'src/letter/sort-key.ts /(^|\\s)(["\'“”‘’«»]).*?\\2(?=\\s|$)|(^|\\s)["“‘«][^"”’»]*["”’»](?=\\s|$)/gu':
    'quadratic, but deriveSortKey returns before it for a name longer than MAX_NAME_LENGTH (300) characters',
};

/** `file` → how many `new RegExp(` it holds, and why they are safe. */
const BUILT: Record<string, [number, string]> = {
  'src/letter/duplicates.ts': [
    1,
    'one \\p{Script=...} class per script name from a constant list: one character per match',
  ],
  'src/letter/sort-key.ts': [
    1,
    'two pinyin syllables from a constant alternation, anchored at both ends, on a name of at most 300 characters',
  ],
  'src/terminal.ts': [
    1,
    'the constant command names as one alternation between a one-character boundary and a one-character lookahead: no repetition',
  ],
  'src/storage/private-store.ts': [
    1,
    'a .gitignore line matched against the constant name of the private folder, anchored at both ends, no repetition',
  ],
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sourceFiles(p) : e.name.endsWith('.ts') ? [p] : [];
  });
}

interface Literal {
  key: string;
  pattern: string;
  flags: string;
}

/** Every regular-expression literal of a TypeScript file (read by a JavaScript tokenizer once the types are stripped). */
function literalsOf(file: string, text: string): Literal[] {
  const { code } = transformSync(text, { loader: 'ts', format: 'esm', target: 'esnext' });
  const out: Literal[] = [];
  for (const token of tokenizer(code, { ecmaVersion: 'latest', sourceType: 'module' })) {
    if (token.type.label !== 'regexp') continue;
    const { pattern, flags } = (token as unknown as { value: { pattern: string; flags: string } })
      .value;
    out.push({ key: `${file} /${pattern}/${flags}`, pattern, flags });
  }
  return out;
}

const files = sourceFiles(path.join(ROOT, 'src')).map((f) => ({
  file: path.relative(ROOT, f).split(path.sep).join('/'),
  text: readFileSync(f, 'utf8'),
}));
const literals = files.flatMap(({ file, text }) => literalsOf(file, text));

describe('regular expressions in src/', () => {
  it('finds the literals (the scan itself works)', () => {
    expect(literals.length).toBeGreaterThan(150);
    expect(literals.map((l) => l.key)).toContain(
      'src/letter/text-version.ts /(?<![ \\t])[ \\t]+$/gm',
    );
  });

  it('each literal is linear by recheck, or allowed with a reason', {
    timeout: 180_000,
  }, async () => {
    const checked = await Promise.all(
      literals
        .filter((l) => !(l.key in ALLOWED))
        .map(async (l) => ({
          l,
          r: await check(l.pattern, l.flags, { checker: 'automaton', timeout: 60_000 }),
        })),
    );
    const unsafe = checked
      .filter(({ r }) => r.status !== 'safe')
      .map(
        ({ l, r }) =>
          `${l.key}: ${r.status}${r.status === 'vulnerable' ? ` (${r.complexity.summary}; attack ${r.attack.pattern})` : ''}`,
      );
    expect(unsafe).toEqual([]);
  });

  it('the allow-list names only literals that exist', () => {
    const keys = new Set(literals.map((l) => l.key));
    expect(Object.keys(ALLOWED).filter((k) => !keys.has(k))).toEqual([]);
  });

  it('every pattern built at run time (new RegExp) is listed with a reason', () => {
    const built = Object.fromEntries(
      files
        .map(({ file, text }) => [file, text.split('new RegExp(').length - 1] as const)
        .filter(([, n]) => n > 0),
    );
    expect(built).toEqual(Object.fromEntries(Object.entries(BUILT).map(([f, [n]]) => [f, n])));
  });
});
