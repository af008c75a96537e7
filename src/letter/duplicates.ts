/**
 * Finding a name already on a letter, exactly or likely. Names are indexed once
 * (normal form, tokens, token set, TR39 skeleton, transliteration key), so a lookup only
 * compares the signatures that share a key or a word with the new name: never every pair.
 *
 * Kinds, strongest first:
 * - `exact`: the same normal form (see `normaliseName`): case, accents, spacing, punctuation.
 * - `look-alike`: the same after Unicode TR39 confusable skeletons, written with characters
 *   of another script (a Cyrillic "а" inside a Latin name).
 * - `swapped`: the same words in another order ("Ki-moon Ban").
 * - `initials`: initials for words of the other name ("M. Albright").
 * - `contains`: every word of one name inside the other ("Ernesto Zedillo Ponce de León").
 * - `one-letter`: one letter added, removed or changed ("Madeline" / "Madeleine").
 * - `transliteration`: the same consonants once transliteration variants are folded
 *   ("Micheal" / "Mikhail", "Gorbatchev" / "Gorbachev").
 * Two people who only share a family name (Margaret Chan, Eva Chen) match none of these.
 */
import { distance } from 'fastest-levenshtein';
import unhomoglyph from 'unhomoglyph';
import { normaliseName } from './names.js';

/** How a name matches an existing one. */
export type DuplicateKind = 'exact' | 'look-alike' | 'same-email' | 'swapped' | 'initials' | 'contains' | 'one-letter' | 'transliteration';

/** Kinds in order of strength. `exact` and `look-alike` can never be confirmed away. `same-email` comes from the private store, not from names. */
export const DUPLICATE_KINDS: readonly DuplicateKind[] = ['exact', 'look-alike', 'same-email', 'swapped', 'initials', 'contains', 'one-letter', 'transliteration'];

/** Kinds that are certainly the same name: refused, whatever a person confirms. */
export function isCertain(kind: DuplicateKind): boolean {
  return kind === 'exact' || kind === 'look-alike';
}

/** What the index holds of each signature. */
export interface IndexedName {
  id: string;
  name: string;
  status: string;
}

/** A match: the existing signature, the kind, and the reason in words. */
export interface DuplicateMatch extends IndexedName {
  kind: DuplicateKind;
  reason: string;
}

/** The keys a name is indexed by (see `nameKeys`); plain data, so they can be cached. */
export interface NameKeys {
  key: string;
  tokens: string[];
  sorted: string;
  skeleton: string;
  translit: string;
}
type Keys = NameKeys;

/** The TR39 skeleton of a name (NFD, confusables mapped by unhomoglyph, NFD again), then its normal form. */
export function skeletonOf(name: string): string {
  return normaliseName(unhomoglyph(name.normalize('NFKC').normalize('NFD')).normalize('NFD'));
}

/**
 * The transliteration key of a normal form: per word, c/q→k, x→ks, w→v, y→i, ph→f,
 * h and vowels after the first letter dropped, doubled letters collapsed.
 * "micheal gorbachev" and "mikhail gorbachev" both give "mkl grbkv".
 */
export function transliterationKey(key: string): string {
  return key
    .split(' ')
    .map((w) => {
      const folded = w.replace(/ph/g, 'f').replace(/[cq]/g, 'k').replace(/x/g, 'ks').replace(/w/g, 'v').replace(/y/g, 'i');
      const head = folded.slice(0, 1).replace(/[aeiou]/, 'a');
      return (head + folded.slice(1).replace(/[aeiouh]/g, '')).replace(/(.)\1+/g, '$1');
    })
    .join(' ');
}

const SCRIPTS = ['Latin', 'Cyrillic', 'Greek', 'Armenian', 'Cherokee', 'Coptic'].map((s) => new RegExp(`\\p{Script=${s}}`, 'u'));

/** True when the letters of `name` come from two or more of the scripts whose letters look alike. */
export function mixesScripts(name: string): boolean {
  const letters = [...name.normalize('NFKC')].filter((c) => /\p{L}/u.test(c));
  return SCRIPTS.filter((re) => letters.some((c) => re.test(c))).length > 1;
}

/**
 * The keys of a name that cost the most to compute (normal form, TR39 skeleton,
 * transliteration key), as a tuple that can be cached; `expandKeys` derives the rest.
 */
export type NameSeed = [key: string, skeleton: string, translit: string];

/** The costly keys of a name, for caching. */
export function nameSeed(name: string): NameSeed {
  const key = normaliseName(name);
  return [key, skeletonOf(name), transliterationKey(key)];
}

/** Every key of a name from its seed: normal form, words, sorted words, skeleton, transliteration key. */
export function expandKeys([key, skeleton, translit]: NameSeed): NameKeys {
  const tokens = key === '' ? [] : key.split(' ');
  return { key, tokens, sorted: [...tokens].sort().join(' '), skeleton, translit };
}

/** The keys of a name: normal form, words, sorted words, TR39 skeleton, transliteration key. */
export function nameKeys(name: string): NameKeys {
  return expandKeys(nameSeed(name));
}

function push<K>(map: Map<K, number[]>, k: K, i: number): void {
  const list = map.get(k);
  if (list) list.push(i);
  else map.set(k, [i]);
}

/** True when `key` (words joined by single spaces) holds one of `words` as a whole word. */
function sharesWord(key: string, words: readonly string[]): boolean {
  for (const w of words) {
    for (let at = key.indexOf(w); at >= 0; at = key.indexOf(w, at + 1)) {
      const end = at + w.length;
      if ((at === 0 || key.charCodeAt(at - 1) === 32) && (end === key.length || key.charCodeAt(end) === 32)) return true;
    }
  }
  return false;
}

interface Maps {
  byKey: Map<string, number[]>;
  bySkeleton: Map<string, number[]>;
  bySorted: Map<string, number[]>;
  byTranslit: Map<string, number[]>;
  byToken: Map<string, number[]>;
}

/** After this many lookups an index builds its hash maps; before, a lookup scans the seeds once. */
const SCANS_BEFORE_MAPS = 2;

/**
 * An index of the names on a letter, for `find`. The first lookups scan the cached seeds
 * (a few cheap string comparisons per name, no pairwise work); later ones (an import's
 * rows) use hash maps of every key, built once. Either way only the candidates that share
 * a key or a word with the new name are compared closely.
 */
export class NameIndex {
  private readonly entries: (IndexedName & { seed: NameSeed })[] = [];
  private maps: Maps | undefined;
  private lookups = 0;

  /** An index of `names`. */
  static of(names: Iterable<IndexedName & { seed?: NameSeed }>): NameIndex {
    const index = new NameIndex();
    for (const n of names) index.add(n, n.seed);
    return index;
  }

  /** Adds one name; `seed` (from `nameSeed(n.name)`) saves computing its costly keys again. */
  add(n: IndexedName, seed?: NameSeed): void {
    const i = this.entries.push({ id: n.id, name: n.name, status: n.status, seed: seed ?? nameSeed(n.name) }) - 1;
    if (this.maps) this.insert(this.maps, i);
  }

  private insert(maps: Maps, i: number): void {
    const k = expandKeys(this.entries[i]!.seed);
    push(maps.byKey, k.key, i);
    push(maps.bySkeleton, k.skeleton, i);
    push(maps.bySorted, k.sorted, i);
    push(maps.byTranslit, k.translit, i);
    for (const t of new Set(k.tokens)) if (t.length > 1) push(maps.byToken, t, i);
  }

  /** How many names the index holds. */
  get size(): number {
    return this.entries.length;
  }

  private candidates(q: NameKeys): Iterable<number> {
    const words = [...new Set(q.tokens)].filter((t) => t.length > 1);
    if (!this.maps && ++this.lookups <= SCANS_BEFORE_MAPS) {
      const found: number[] = [];
      this.entries.forEach(({ seed: [key, skeleton, translit] }, i) => {
        if (key === q.key || skeleton === q.skeleton || translit === q.translit || sharesWord(key, words)) found.push(i);
      });
      return found;
    }
    if (!this.maps) {
      const maps: Maps = { byKey: new Map(), bySkeleton: new Map(), bySorted: new Map(), byTranslit: new Map(), byToken: new Map() };
      for (let i = 0; i < this.entries.length; i++) this.insert(maps, i);
      this.maps = maps;
    }
    const m = this.maps;
    const found = new Set<number>();
    for (const [map, k] of [[m.byKey, q.key], [m.bySkeleton, q.skeleton], [m.bySorted, q.sorted], [m.byTranslit, q.translit]] as const)
      for (const i of map.get(k) ?? []) found.add(i);
    for (const t of words) for (const i of m.byToken.get(t) ?? []) found.add(i);
    return found;
  }

  /**
   * Every existing name that `name` duplicates, exactly or likely: one match per signature,
   * its strongest kind, strongest first (then by id).
   */
  find(name: string): DuplicateMatch[] {
    const q = nameKeys(name);
    if (q.key === '') return [];
    const matches: DuplicateMatch[] = [];
    for (const i of this.candidates(q)) {
      const e = this.entries[i]!;
      const kind = classify(name, q, { name: e.name, ...expandKeys(e.seed) });
      if (kind) matches.push({ id: e.id, name: e.name, status: e.status, kind, reason: reasonFor(kind, name, e.name) });
    }
    return matches.sort((a, b) => DUPLICATE_KINDS.indexOf(a.kind) - DUPLICATE_KINDS.indexOf(b.kind) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }
}

function classify(name: string, q: Keys, e: Keys & { name: string }): DuplicateKind | undefined {
  if (q.key === e.key) return mixesScripts(name) && !mixesScripts(e.name) ? 'look-alike' : 'exact';
  if (q.skeleton === e.skeleton && q.skeleton !== '') return 'look-alike';
  if (q.tokens.length > 1 && q.sorted === e.sorted) return 'swapped';
  if (initialsMatch(q.tokens, e.tokens) || initialsMatch(e.tokens, q.tokens)) return 'initials';
  if (contains(q.tokens, e.tokens) || contains(e.tokens, q.tokens)) return 'contains';
  const d = distance(q.key, e.key);
  if (d === 1) return 'one-letter';
  if (q.translit === e.translit && d <= Math.max(2, Math.floor(Math.max(q.key.length, e.key.length) / 4))) return 'transliteration';
  return undefined;
}

/** `short` has a one-letter word for at least one word of `long`, the other words equal, in order. */
function initialsMatch(short: string[], long: string[]): boolean {
  if (short.length !== long.length || short.length < 2) return false;
  let initials = 0;
  for (let i = 0; i < short.length; i++) {
    const s = short[i]!;
    const l = long[i]!;
    if (s === l) continue;
    if (s.length === 1 && l.length > 1 && l.startsWith(s)) initials++;
    else return false;
  }
  return initials > 0 && initials < short.length;
}

/** Every word of `inner` (two or more) appears in `outer`, which has more words. */
function contains(outer: string[], inner: string[]): boolean {
  if (inner.length < 2 || outer.length <= inner.length) return false;
  const left = [...outer];
  for (const w of inner) {
    const at = left.indexOf(w);
    if (at < 0) return false;
    left.splice(at, 1);
  }
  return true;
}

/** The reason of a match, in words. */
export function reasonFor(kind: DuplicateKind, name: string, existing: string): string {
  switch (kind) {
    case 'exact':
      return name === existing ? 'the same name' : 'the same name once case, accents, spacing and punctuation are folded';
    case 'look-alike':
      return 'the same name written with look-alike characters from another script (Unicode TR39 confusables)';
    case 'same-email':
      return 'the same email address';
    case 'swapped':
      return 'the same words in another order';
    case 'initials':
      return 'initials for the words of the existing name';
    case 'contains':
      return 'every word of the shorter name is in the longer one';
    case 'one-letter':
      return 'one letter added, removed or changed';
    case 'transliteration':
      return 'a transliteration variant (same consonants)';
  }
}
