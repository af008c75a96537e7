/** The human view of `letter diff`: a redline for the terminal, the HTML page, or the file written. */
import type { Style } from '../terminal.js';
import type { DiffResult, DiffSide } from './diff.js';

/** How a side is named in the heading: `v1 (2020-05-20T10:00:00Z)`, `v3 (current, not committed)`. */
function sideName(s: DiffSide): string {
  const about = [
    s.uncommitted ? null : s.firstSeen,
    s.current ? 'current' : null,
    s.uncommitted ? 'not committed' : null,
  ].filter(Boolean);
  return about.length ? `${s.name} (${about.join(', ')})` : s.name;
}

/**
 * A heading (file, versions, words removed and added), then the text with removals and
 * additions marked by `style.deleted` and `style.inserted` (git's `[-…-]` and `{+…+}`
 * without colour). With `--format html`, the page; with `--out`, what was written.
 */
export function formatDiff(r: DiffResult, style: Style): string {
  if (r.html !== undefined) return r.html.replace(/\n$/, '');
  const { removed, added } = r.counts;
  const words = (n: number) => `${n} ${n === 1 ? 'word' : 'words'}`;
  const change =
    r.from.hash === r.to.hash
      ? r.from.current && r.to.current && r.from.name === r.to.name
        ? 'the same text (no other version to compare with)'
        : 'the same text'
      : `${words(removed)} removed, ${words(added)} added`;
  const heading = `${style.bold(r.file)}: ${sideName(r.from)} → ${sideName(r.to)}: ${change}`;
  if (r.written !== undefined) return `${heading}\n  wrote ${r.written}`;
  if (r.from.hash === r.to.hash) return heading;
  // Marked line by line, so that a mark never spans a line break (nor does a colour, in a pager).
  const mark = (text: string, how: (s: string) => string) =>
    text
      .split('\n')
      .map((line) => (line === '' ? line : how(line)))
      .join('\n');
  const text = r.parts
    .map((p) =>
      p.kind === 'same'
        ? p.text
        : mark(p.text, p.kind === 'removed' ? style.deleted : style.inserted),
    )
    .join('');
  let end = text.length;
  while (end > 0 && text[end - 1] === '\n') end--;
  return `${heading}\n\n${text.slice(0, end)}`;
}
