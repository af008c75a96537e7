/**
 * The YAML codec: text in, validated value and positioned problems out; value in, text
 * out. Pure (no file access). YAML 1.2 core schema via the `yaml` package, so `NO`
 * stays the string "NO" (Norway) and dates stay strings; duplicate keys are errors.
 */

import { createRequire } from 'node:module';
import { distance } from 'fastest-levenshtein';
import { Document, type ErrorCode, LineCounter, parseDocument, visit } from 'yaml';
import type { z } from 'zod';
import { type Locate, type Problem, type ProblemCode, problem } from '../errors.js';
import { PRIVATE_FIELDS } from '../letter/schema.js';
import { stripBom } from '../letter/text.js';
import { MAX_YAML_DEPTH, tooDeepAt } from './yaml-depth.js';
import { capped, nodeIndex, structureProblems, type YamlPath } from './yaml-nodes.js';

// js-yaml loads on first use: a run that finds every file in the index (letter-db.ts) never needs it.
const require = createRequire(import.meta.url);
let jsyamlModule: typeof import('js-yaml') | undefined;
const jsyaml = () => (jsyamlModule ??= require('js-yaml') as typeof import('js-yaml'));

/** Result of `parseYaml`: the value when the text is valid, and every problem found. */
export interface ParsedYaml<T> {
  value: T | undefined;
  problems: Problem[];
  locate: Locate;
}

const MAX_ALIASES = 100;

/** The code of each error of the `yaml` package: its own code in lower case, prefixed `yaml-`. */
const YAML_ERROR_CODES: Record<ErrorCode, ProblemCode> = {
  ALIAS_PROPS: 'yaml-alias-props',
  BAD_ALIAS: 'yaml-bad-alias',
  BAD_DIRECTIVE: 'yaml-bad-directive',
  BAD_DQ_ESCAPE: 'yaml-bad-dq-escape',
  BAD_INDENT: 'yaml-bad-indent',
  BAD_PROP_ORDER: 'yaml-bad-prop-order',
  BAD_SCALAR_START: 'yaml-bad-scalar-start',
  BLOCK_AS_IMPLICIT_KEY: 'yaml-block-as-implicit-key',
  BLOCK_IN_FLOW: 'yaml-block-in-flow',
  DUPLICATE_KEY: 'yaml-duplicate-key',
  IMPOSSIBLE: 'yaml-impossible',
  KEY_OVER_1024_CHARS: 'yaml-key-over-1024-chars',
  MISSING_CHAR: 'yaml-missing-char',
  MULTILINE_IMPLICIT_KEY: 'yaml-multiline-implicit-key',
  MULTIPLE_ANCHORS: 'yaml-multiple-anchors',
  MULTIPLE_DOCS: 'yaml-multiple-docs',
  MULTIPLE_TAGS: 'yaml-multiple-tags',
  NON_STRING_KEY: 'yaml-non-string-key',
  RESOURCE_EXHAUSTION: 'yaml-resource-exhaustion',
  TAB_AS_INDENT: 'yaml-tab-as-indent',
  TAG_RESOLVE_FAILED: 'yaml-tag-resolve-failed',
  UNEXPECTED_TOKEN: 'yaml-unexpected-token',
  BAD_COLLECTION_TYPE: 'yaml-bad-collection-type',
};

/**
 * Parses and validates one YAML file.
 * @param text the file's text
 * @param file the path to name in problems (as the user should see it)
 * @param schema the zod schema the value must satisfy; unknown keys are reported with a "did you mean"
 * @returns never throws: malformed YAML, wrong types and unknown fields all become problems
 *   with the file, line and column they point at.
 */
export function parseYaml<T>(source: string, file: string, schema: z.ZodType<T>): ParsedYaml<T> {
  // A byte-order mark is not content; without it, columns match what editors show.
  const text = stripBom(source);
  const deep = tooDeepAt(text);
  if (deep) {
    const tooDeep = problem(
      'yaml-too-deep',
      { file, ...deep },
      `invalid YAML: lists and fields nest more than ${MAX_YAML_DEPTH} levels deep here`,
      'a letter file nests at most four levels; remove the extra "- ", "[" or "{"',
    );
    return { value: undefined, problems: [tooDeep], locate: () => deep };
  }
  const lineCounter = new LineCounter();
  // Keys are checked for duplicates below, in one pass: the parser's own check compares each key with every other.
  const doc = parseDocument(text, {
    lineCounter,
    version: '1.2',
    schema: 'core',
    uniqueKeys: false,
    prettyErrors: false,
  });
  const at = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const nodes = nodeIndex(doc);
  const locate: Locate = (path) => {
    for (let n = path.length; n >= 0; n--) {
      const node = nodes.at(path.slice(0, n));
      if (node?.range) return at(node.range[0]);
    }
    return { line: 1, column: 1 };
  };
  const problems: Problem[] = doc.errors.map((e) => {
    const pos =
      e.code === 'MISSING_CHAR' && /quote/.test(e.message)
        ? (unclosedQuote(text) ?? at(e.pos[0]))
        : at(Math.min(e.pos[0], text.length));
    return problem(
      YAML_ERROR_CODES[e.code],
      { file, ...pos },
      `invalid YAML: ${yamlMessage(e.code, e.message)}`,
      yamlHint(e.code),
    );
  });
  if (doc.directives?.yaml.explicit && doc.directives.yaml.version !== '1.2')
    problems.push(
      problem(
        'yaml-version',
        { file, line: 1, column: 1 },
        `the file asks for YAML ${doc.directives.yaml.version}; letter reads YAML 1.2, where values such as NO and 2020-05-26 stay text`,
        'remove the %YAML line',
      ),
    );
  if (problems.length === 0) problems.push(...structureProblems(doc, text, at, file));
  if (problems.length > 0) return { value: undefined, problems: capped(problems, file), locate };
  const warnings: Problem[] = [];
  visit(doc, {
    Scalar(_, node) {
      if (node.type === 'PLAIN' && node.comment && node.range) {
        const { line } = at(node.range[0]);
        const end = at(node.range[1]);
        if (end.line === line)
          warnings.push(
            problem(
              'yaml-comment',
              { file, line, column: end.column + 1 },
              `the text after "#" on this line is a YAML comment, not part of the value "${String(node.value)}"`,
              'put the whole value in quotes if "#" belongs to it',
            ),
          );
      }
    },
  });

  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (e) {
    return {
      value: undefined,
      problems: [
        problem(
          'yaml-aliases',
          { file, line: 1, column: 1 },
          `invalid YAML: ${(e as Error).message}`,
        ),
      ],
      locate,
    };
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return {
      value: undefined,
      problems: [
        problem(
          'not-a-mapping',
          { file, ...locate([]) },
          'must be a YAML mapping of fields (key: value lines)',
        ),
      ],
      locate,
    };
  }

  const parsed = schema.safeParse(raw);
  if (parsed.success) return { value: parsed.data, problems: capped(warnings, file), locate };
  problems.push(...warnings);
  for (const issue of parsed.error.issues) {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    if (issue.code === 'unrecognized_keys') {
      const keys = nodes.keys(path, at);
      const known = knownKeys(schema, path);
      for (const key of issue.keys)
        problems.push(unknownKeyProblem(file, keys.get(key) ?? locate(path), key, known));
    } else if (path.length > 0 && !nodes.has(path)) {
      problems.push(
        problem(
          'missing-field',
          { file, ...locate(path) },
          `missing required field "${fieldPath(path)}"`,
          `add a line \`${String(path.at(-1))}: ...\``,
        ),
      );
    } else {
      problems.push(
        problem(
          'invalid-field',
          { file, ...locate(path) },
          `field "${fieldPath(path) || '(document)'}" ${plainMessage(issue)}`,
        ),
      );
    }
  }
  problems.sort((a, b) => a.line - b.line || a.column - b.column);
  return { value: undefined, problems: capped(problems, file), locate };
}

/**
 * Where an unclosed quoted value starts. The parser reports the end of the file, where it
 * gave up; the person needs the line that opened the quote.
 */
function unclosedQuote(text: string): { line: number; column: number } | undefined {
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const m = /^(\s*(?:-\s+)?[^\s"'#][^:#]*:\s+|\s*-\s+)(["'])(.*)$/.exec(lines[i]!);
    if (!m) continue;
    const [, lead, quote, rest] = m as unknown as [string, string, string, string];
    const closed = quote === '"' ? /^(?:[^"\\]|\\.)*"/.test(rest) : /^(?:[^']|'')*'/.test(rest);
    if (!closed) return { line: i + 1, column: lead.length + 1 };
  }
  return undefined;
}

/** A path as people read it: `groups, item 5, id` (items counted from 1). */
export function fieldPath(path: readonly (string | number)[]): string {
  return path.map((p) => (typeof p === 'number' ? `item ${p + 1}` : p)).join(', ');
}

const EXPECTED: Record<string, string> = {
  object: 'must be a mapping of fields (key: value lines)',
  array: 'must be a list (lines starting with "- ")',
  string: 'must be text; put the value in quotes',
  boolean: 'must be true or false',
  number: 'must be a number',
};

/** Zod's own wording replaced by ours where it would leak ("Invalid input: expected object, received string"). */
function plainMessage(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type' && issue.message.startsWith('Invalid input'))
    return EXPECTED[issue.expected] ?? `must be ${issue.expected}`;
  if (issue.code === 'too_small' && issue.message.startsWith('Too small'))
    return 'must not be empty';
  return issue.message;
}

function yamlMessage(code: string, message: string): string {
  if (code === 'MULTIPLE_DOCS')
    return 'the file holds more than one YAML document (a "---" line); a letter file is one document';
  return message.split('\n')[0]!;
}

function yamlHint(code: string): string | undefined {
  if (code === 'DUPLICATE_KEY') return 'keep one of the two lines; a merge may have left both';
  if (code === 'TAB_AS_INDENT') return 'indent with spaces, not tabs';
  return 'check the quoting and indentation of this line';
}

function knownKeys(schema: z.ZodType, path: YamlPath): string[] {
  // zod 4's internals as far as this walk reads them: wrappers (optional, default, pipe) and shapes.
  type Node =
    | { def?: { innerType?: Node; in?: Node; element?: Node }; shape?: Record<string, Node> }
    | undefined;
  let s = schema as unknown as Node;
  const unwrap = (x: Node): Node =>
    x?.def?.innerType ? unwrap(x.def.innerType) : x?.def?.in ? unwrap(x.def.in) : x;
  for (const p of path) {
    const u = unwrap(s);
    s = typeof p === 'number' ? u?.def?.element : u?.shape?.[p];
  }
  const shape = unwrap(s)?.shape;
  return shape ? Object.keys(shape) : [];
}

function unknownKeyProblem(
  file: string,
  pos: { line: number; column: number },
  key: string,
  known: string[],
): Problem {
  if ((PRIVATE_FIELDS as readonly string[]).includes(key.toLowerCase())) {
    return problem(
      'private-field',
      { file, ...pos },
      `field "${key}" holds private contact data, which never goes in a public file of the letter`,
      'remove this line; keep contact details outside the repository',
    );
  }
  const best = known
    .map((k) => ({ k, d: distance(k, key.toLowerCase()) }))
    .filter(({ d, k }) => d <= Math.max(2, Math.floor(k.length / 3)))
    .sort((a, b) => a.d - b.d)[0];
  return problem(
    'unknown-field',
    { file, ...pos },
    `unknown field "${key}"`,
    best ? `did you mean "${best.k}"?` : `known fields: ${known.join(', ')}`,
  );
}

/**
 * Writes a value as YAML 1.2 text with keys in `keyOrder` first (then the rest in their
 * own order), no line folding, and a final newline. Same value, same bytes.
 */
export function stringifyYaml(
  value: Record<string, unknown>,
  keyOrder: readonly string[] = [],
): string {
  const ordered: Record<string, unknown> = {};
  for (const k of keyOrder) if (value[k] !== undefined) ordered[k] = value[k];
  for (const [k, v] of Object.entries(value))
    if (v !== undefined && !(k in ordered)) ordered[k] = v;
  return new Document(ordered, { version: '1.2' }).toString({ lineWidth: 0 });
}

// Text that only the `yaml` package reads the way letter needs: anchors and aliases (with
// their limit), tags, directives, merge keys, prototype keys, comments (checked for cut
// values), tabs and a byte-order mark. Anything else goes through js-yaml first.
const NEEDS_FULL_PARSER = /[&*!%#\t\uFEFF]|<<|__proto__|constructor|prototype/;

/**
 * Like `parseYaml`, but reads a plain file with js-yaml (YAML 1.2 core schema, several times
 * faster) and falls back to the `yaml` package whenever positions are needed (the file is
 * invalid) or the text uses anything only the `yaml` package handles as letter wants (see
 * NEEDS_FULL_PARSER). Both give the same value for every file they both accept; the
 * differential test holds them to it.
 */
export function parseYamlFast<T>(text: string, file: string, schema: z.ZodType<T>): ParsedYaml<T> {
  if (NEEDS_FULL_PARSER.test(text)) return parseYaml(text, file, schema);
  let raw: unknown;
  try {
    raw = jsyaml().load(text, { schema: jsyaml().CORE_SCHEMA, filename: file });
  } catch {
    return parseYaml(text, file, schema);
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
    return parseYaml(text, file, schema);
  const parsed = schema.safeParse(raw);
  if (!parsed.success) return parseYaml(text, file, schema);
  let full: ParsedYaml<T> | undefined;
  return {
    value: parsed.data,
    problems: [],
    locate: (path) => (full ??= parseYaml(text, file, schema)).locate(path),
  };
}
