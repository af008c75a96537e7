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

/** Counts of a redline: words removed and added (runs of non-space characters with a letter or digit: a comma alone is no word). */
export interface RedlineCounts {
  removed: number;
  added: number;
}

/**
 * The redline from `from` to `to`, line ends read as LF. A removal comes before the
 * addition that replaces it, and changes apart by a space only, one of them a replacement,
 * are one ("call on" by "urge", not word by word), as a reader marks a text up. Joining the `same` and
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
  const change = (r: Run | undefined): r is { removed: string; added: string } =>
    r !== undefined && !('same' in r);
  const replacement = (r: { removed: string; added: string }) => r.removed !== '' && r.added !== '';
  for (let i = runs.length - 2; i > 0; i--) {
    const [before, between, after] = [runs[i - 1], runs[i]!, runs[i + 1]];
    if (
      'same' in between &&
      /^[ \t]+$/.test(between.same) &&
      change(before) &&
      change(after) &&
      (replacement(before) || replacement(after))
    ) {
      before.removed += between.same + after.removed;
      before.added += between.same + after.added;
      runs.splice(i, 2);
    }
  }
  // Space both sides of a replacement end with is shared text: "[-call on-]{+urge+} you", not "[-call on -]{+urge +}you".
  for (let i = 0; i < runs.length; i++) {
    const r = runs[i]!;
    if (!change(r) || !replacement(r)) continue;
    const shared = r.removed.slice(
      r.removed.length - Math.min(trailingSpace(r.removed), trailingSpace(r.added)),
    );
    if (shared === '' || shared.length === r.removed.length || shared.length === r.added.length)
      continue;
    r.removed = r.removed.slice(0, -shared.length);
    r.added = r.added.slice(0, -shared.length);
    const next = runs[i + 1];
    if (next !== undefined && 'same' in next) next.same = shared + next.same;
    else runs.splice(i + 1, 0, { same: shared });
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

/** How many spaces and tabs `s` ends with (a loop: a pattern anchored at the end is quadratic on long runs). */
function trailingSpace(s: string): number {
  let n = 0;
  while (n < s.length && (s[s.length - 1 - n] === ' ' || s[s.length - 1 - n] === '\t')) n++;
  return n;
}

/** How many words a redline removes and adds. */
export function redlineCounts(parts: readonly RedlinePart[]): RedlineCounts {
  const words = (s: string) => s.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
  const counts = { removed: 0, added: 0 };
  for (const p of parts) if (p.kind !== 'same') counts[p.kind] += words(p.text);
  return counts;
}
