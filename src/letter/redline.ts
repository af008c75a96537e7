/**
 * A word-level redline of two texts of a letter: what stayed, what was removed and what
 * was added, word by word with the spaces and line breaks between them (jsdiff's
 * `diffWordsWithSpace`). Pure: texts in, parts out.
 */
import { diffWordsWithSpace } from 'diff';
import { toLf } from './text.js';

/** One run of a redline: text both versions share, text only the older has, or only the newer. */
export interface RedlinePart {
  kind: 'same' | 'removed' | 'added';
  text: string;
}

/** Counts of a redline: words removed and added (runs of non-space characters). */
export interface RedlineCounts {
  removed: number;
  added: number;
}

/**
 * The redline from `from` to `to`, line ends read as LF. A removal comes before the
 * addition that replaces it, and two replacements apart by a space only are one ("call on"
 * by "urge all", not word by word), as a reader marks a text up. Joining the `same` and
 * `removed` parts gives `from`; joining `same` and `added` gives `to`.
 */
export function redline(from: string, to: string): RedlinePart[] {
  type Run = { same: string } | { removed: string; added: string };
  const runs: Run[] = [];
  for (const c of diffWordsWithSpace(toLf(from), toLf(to))) {
    const last = runs.at(-1);
    if (!c.added && !c.removed) runs.push({ same: c.value });
    else if (last !== undefined && !('same' in last))
      last[c.added ? 'added' : 'removed'] += c.value;
    else runs.push(c.added ? { removed: '', added: c.value } : { removed: c.value, added: '' });
  }
  const replaced = (r: Run | undefined): r is { removed: string; added: string } =>
    r !== undefined && !('same' in r) && r.removed !== '' && r.added !== '';
  for (let i = runs.length - 2; i > 0; i--) {
    const [before, between, after] = [runs[i - 1], runs[i]!, runs[i + 1]];
    if ('same' in between && /^[ \t]+$/.test(between.same) && replaced(before) && replaced(after)) {
      before.removed += between.same + after.removed;
      before.added += between.same + after.added;
      runs.splice(i, 2);
    }
  }
  return runs.flatMap((r): RedlinePart[] =>
    'same' in r
      ? [{ kind: 'same', text: r.same }]
      : [
          ...(r.removed ? [{ kind: 'removed' as const, text: r.removed }] : []),
          ...(r.added ? [{ kind: 'added' as const, text: r.added }] : []),
        ],
  );
}

/** How many words a redline removes and adds. */
export function redlineCounts(parts: readonly RedlinePart[]): RedlineCounts {
  const words = (s: string) => s.split(/\s+/).filter(Boolean).length;
  const counts = { removed: 0, added: 0 };
  for (const p of parts) if (p.kind !== 'same') counts[p.kind] += words(p.text);
  return counts;
}
