/**
 * The rule of `letter check` about CHANGELOG.md: in step with the signatures the publishing
 * gate lets through, compared line by line without holding a changelog of a million lines whole.
 */
import { at, problem } from '../../errors.js';
import {
  changelogHeader,
  changelogLine,
  changelogLines,
  forEachEventInOrder,
} from '../changelog.js';
import { publishable } from '../publishing.js';
import { canonicalText } from '../text.js';
import type { Rule } from './rule.js';

/**
 * `changelog-missing`, `changelog-behind` (a letter with `changelog: on-merge`),
 * `changelog-order` (a union merge's order) and `changelog-stale` (at the first line that
 * differs). Only when every signature file was read: otherwise the events are not all known.
 */
export const changelogInStep: Rule = (input) => {
  if (input.unreadSignatures !== 0) return [];
  const fix = `run: letter changelog ${input.shown}`;
  const bytes = input.changelogBytes;
  if (input.changelog === undefined && bytes === undefined)
    return [problem('changelog-missing', at(input.changelogFile), 'CHANGELOG.md is missing', fix)];
  // The events of the signatures the publishing gate lets through: what `letter` writes (see `publishedChangelog`).
  const all = input.signatures.map((s) => s.signature);
  const gate = publishable(
    input.letter,
    all,
    input.erased,
    input.signatures.map((s) => s.key),
  );
  const signatures = gate.leftOut.length === 0 ? all : gate.signatures;
  const header = changelogHeader(input.letter);
  // Line by line against the file as it is, each line made as it is compared: a changelog of
  // a million lines is neither joined nor held whole. Line endings, a byte-order mark and
  // the final newlines are form, not content (`letter fmt` settles them).
  const compare =
    bytes && !bytes.includes(13)
      ? bytesMatcher(bytes)
      : textMatcher(input.changelog ?? new TextDecoder().decode(bytes));
  let first = true;
  const inStep =
    header.every(compare.matches) &&
    forEachEventInOrder(signatures, input.erased, (e) => {
      if (first && !compare.matches('')) return false;
      first = false;
      return compare.matches(changelogLine(e));
    });
  if (inStep && compare.atEnd()) return [];
  const text = canonicalText(input.changelog ?? new TextDecoder().decode(bytes));
  const have = text.split('\n');
  const want = changelogLines(input.letter, signatures, input.erased);
  want.push('');
  if (input.letter.changelog === 'on-merge') {
    // Pull requests leave CHANGELOG.md alone; it may lag behind, but never say what no signature says.
    const wanted = new Set(want);
    const present = new Set(have);
    if (have.every((l) => !l.startsWith('- ') || wanted.has(l))) {
      const missing = want.filter((l) => l.startsWith('- ') && !present.has(l)).length;
      return [
        problem(
          'changelog-behind',
          at(input.changelogFile),
          `CHANGELOG.md lacks ${missing} ${missing === 1 ? 'event' : 'events'} (this letter refreshes it after merges)`,
          fix,
        ),
      ];
    }
  }
  let i = 0;
  while (i < want.length && i < have.length && want[i] === have[i]) i++;
  // git's union merge driver (`CHANGELOG.md merge=union`, written by `letter init`) keeps the
  // lines of both branches, ours then theirs: the right events, not always in time order.
  if (i > header.length && sameLines(have, want))
    return [
      problem(
        'changelog-order',
        at(input.changelogFile, { line: i + 1, column: 1 }),
        'CHANGELOG.md lists the right events out of time order (as a union merge of two branches leaves it)',
        fix,
      ),
    ];
  const column = commonPrefix(want[i] ?? '', have[i] ?? '') + 1;
  const message =
    want[i] === undefined || (want[i] === '' && i === want.length - 1)
      ? `CHANGELOG.md is out of step with the signatures: line ${i + 1} and after match no signature`
      : `CHANGELOG.md is out of step with the signatures: line ${i + 1} should read "${want[i]}"`;
  return [
    problem('changelog-stale', at(input.changelogFile, { line: i + 1, column }), message, fix),
  ];
};

/** Whether two lists hold the same lines, each as many times, in any order. */
function sameLines(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const x = [...a].sort();
  const y = [...b].sort();
  return x.every((l, k) => l === y[k]);
}

/** Compares the lines of a text one at a time, from the start: `matches(line)`, then `atEnd()` once all were given. */
interface LineMatcher {
  matches: (line: string) => boolean;
  atEnd: () => boolean;
}

function textMatcher(source: string): LineMatcher {
  const text = canonicalText(source);
  const end = text.length - 1;
  let at = 0;
  return {
    matches: (line) => {
      const next = at + line.length;
      const same = text.slice(at, next) === line && (next === end || text.charCodeAt(next) === 10);
      at = next + 1;
      return same;
    },
    atEnd: () => at === end + 1,
  };
}

/** As `textMatcher`, on UTF-8 bytes without carriage returns: each line is encoded and compared where it should be. */
function bytesMatcher(bytes: Uint8Array): LineMatcher {
  const encoder = new TextEncoder();
  const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf ? 3 : 0;
  let end = data.length;
  while (end > at && data[end - 1] === 10) end--;
  let scratch = Buffer.allocUnsafe(4096);
  return {
    matches: (line) => {
      // A UTF-8 line takes at most three bytes per UTF-16 unit.
      if (scratch.length < line.length * 3) scratch = Buffer.allocUnsafe(line.length * 3);
      const { written } = encoder.encodeInto(line, scratch);
      const next = at + written;
      const same =
        next <= end &&
        data.compare(scratch, 0, written, at, next) === 0 &&
        (next === end || data[next] === 10);
      at = next + 1;
      return same;
    },
    atEnd: () => at === end + 1,
  };
}

function commonPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}
