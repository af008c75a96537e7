/**
 * What the YAML codec (yaml.ts) checks on a parsed document beyond the parser's own errors,
 * and how it finds nodes by path: each in one pass, whatever the number of keys. Pure.
 */
import { type Document, isMap, isScalar, isSeq, type Node, type Pair, visit } from 'yaml';
import { type Problem, problem } from '../errors.js';

/** A path into a document: keys and item indexes. */
export type YamlPath = readonly (string | number)[];

/** Problems reported in one file at most; past that, one more problem says how many were left out. */
export const MAX_PROBLEMS_PER_FILE = 50;

// Keys that name a JavaScript object's prototype: a parser drops or misreads them, so they are refused.
const SPECIAL_KEYS = new Set(['__proto__']);

/**
 * What the parser accepts and letter does not, each at its line and column: a key twice in
 * the same mapping (found in one pass), a tag (`!foo`, `!!binary`: letter files hold plain
 * values, and a tag would change what a value is or be dropped), a `__proto__` key, a key
 * that is a list or a mapping.
 */
export function structureProblems(
  doc: Document,
  text: string,
  at: (o: number) => { line: number; column: number },
  file: string,
): Problem[] {
  const problems: Problem[] = [];
  const tagged = (node: Node) => {
    if (!node.tag || !node.range) return;
    const start = tagStart(text, node.range[0]);
    let end = start;
    while (end < text.length && !/[ \t\n\r]/.test(text[end]!)) end++;
    const tag = text.slice(start, end);
    problems.push(
      problem(
        'yaml-tag',
        { file, ...at(start) },
        `the YAML tag ${JSON.stringify(tag)} is not read by letter: its files hold plain text, lists and fields`,
        'remove the tag; put the value in quotes if it must stay text',
      ),
    );
  };
  visit(doc, {
    Scalar: (_, node) => tagged(node),
    Seq: (_, node) => tagged(node),
    Map(_, node) {
      tagged(node);
      const seen = new Set<unknown>();
      for (const pair of node.items) {
        if (!isScalar(pair.key)) {
          // A list or a mapping as a key (`? [a, b]`) would be turned into text by the parser, with a warning on stderr.
          const keyNode = pair.key as Node | null;
          if (keyNode?.range)
            problems.push(
              problem(
                'yaml-complex-key',
                { file, ...at(keyNode.range[0]) },
                'a key must be plain text, not a list or a mapping',
                'write the field name as text, then a colon and its value',
              ),
            );
          continue;
        }
        const key = pair.key.value;
        const pos = pair.key.range ? at(pair.key.range[0]) : { line: 1, column: 1 };
        if (seen.has(key))
          problems.push(
            problem(
              'yaml-duplicate-key',
              { file, ...pos },
              `invalid YAML: the field "${String(key)}" appears twice in the same mapping`,
              'keep one of the two lines; a merge may have left both',
            ),
          );
        seen.add(key);
        if (SPECIAL_KEYS.has(String(key)))
          problems.push(
            problem(
              'yaml-special-key',
              { file, ...pos },
              `the key "${String(key)}" is refused: it names a JavaScript object's prototype, and a parser would drop it or change what it reads`,
              'remove this line',
            ),
          );
      }
    },
  });
  return problems.sort((a, b) => a.line - b.line || a.column - b.column);
}

/** Where the tag before the node starting at `offset` starts: back over spaces, then over the tag (and any anchor). */
function tagStart(text: string, offset: number): number {
  let i = offset;
  let tag = offset;
  for (let words = 0; words < 2 && i > 0; words++) {
    while (i > 0 && /[ \t\n\r]/.test(text[i - 1]!)) i--;
    const end = i;
    while (i > 0 && !/[ \t\n\r]/.test(text[i - 1]!)) i--;
    if (text[i] === '!') return i;
    if (text[i] !== '&' || i === end) break;
    tag = i;
  }
  return tag;
}

/**
 * At most MAX_PROBLEMS_PER_FILE of `problems` (in order), and then one more that says how
 * many were left out, at the first of them.
 */
export function capped(problems: Problem[], file: string): Problem[] {
  if (problems.length <= MAX_PROBLEMS_PER_FILE) return problems;
  const next = problems[MAX_PROBLEMS_PER_FILE]!;
  const more = problems.length - MAX_PROBLEMS_PER_FILE;
  return [
    ...problems.slice(0, MAX_PROBLEMS_PER_FILE),
    problem(
      'too-many-problems',
      { file, line: next.line, column: next.column },
      `and ${more} more problem${more === 1 ? '' : 's'} in this file, from here on`,
      'fix the problems above, then run letter check again',
    ),
  ];
}

/**
 * Nodes of `doc` by path, as `doc.getIn` finds them, but with each mapping's keys indexed
 * on first use: a file of 40,000 keys, each with a problem, is located in linear time
 * (getIn reads a mapping's keys one by one for each lookup). Keys match as text.
 */
export function nodeIndex(doc: Document) {
  const indexed = new WeakMap<object, Map<string, Pair>>();
  const pairs = (map: Node): Map<string, Pair> | undefined => {
    if (!isMap(map)) return undefined;
    let byKey = indexed.get(map);
    if (!byKey) {
      byKey = new Map();
      for (const pair of map.items)
        if (isScalar(pair.key) && !byKey.has(String(pair.key.value)))
          byKey.set(String(pair.key.value), pair);
      indexed.set(map, byKey);
    }
    return byKey;
  };
  const child = (node: Node | undefined, key: string | number): Node | undefined => {
    if (isSeq(node))
      return typeof key === 'number' ? (node.items[key] as Node | undefined) : undefined;
    return node ? (pairs(node)?.get(String(key))?.value as Node | undefined) : undefined;
  };
  const at = (path: YamlPath): Node | undefined =>
    path.reduce<Node | undefined>(child, (doc.contents ?? undefined) as Node | undefined);
  return {
    /** The node at `path`, or undefined. */
    at,
    /** Whether `path` names an item or key that is there (its value may be empty). */
    has: (path: YamlPath): boolean => {
      const parent = at(path.slice(0, -1));
      const last = path.at(-1)!;
      return isSeq(parent)
        ? typeof last === 'number' && last < parent.items.length
        : (parent !== undefined && pairs(parent)?.has(String(last))) === true;
    },
    /** Key → its position, for the mapping at `path`. */
    keys: (path: YamlPath, pos: (o: number) => { line: number; column: number }) => {
      const positions = new Map<string, { line: number; column: number }>();
      const node = at(path);
      for (const [key, pair] of (node && pairs(node)) ?? [])
        if (isScalar(pair.key) && pair.key.range) positions.set(key, pos(pair.key.range[0]));
      return positions;
    },
  };
}
