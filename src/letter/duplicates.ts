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
import { createRequire } from 'node:module';

// unhomoglyph (and its table of confusables) loads on first use: most runs compare no names.
const require = createRequire(import.meta.url);
let confusables: ((s: string) => string) | undefined;
const unhomoglyph = (s: string) => (confusables ??= require('unhomoglyph') as (s: string) => string)(s);
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

/** The TR39 skeleton of a name (NFD, confusables mapped by unhomoglyph, NFD again), then its normal form; `key`, the name's normal form when known, saves computing it again. */
export function skeletonOf(name: string, key?: string): string {
  const decomposed = name.normalize('NFKC').normalize('NFD');
  const mapped = unhomoglyph(decomposed);
  // No confusable in the name: its skeleton is its normal form (NFKC, which normaliseName applies first, undoes the NFD).
  if (mapped === decomposed && key !== undefined) return key;
  return normaliseName(mapped.normalize('NFD'));
}

/**
 * The transliteration key of a normal form: per word, c/q→k, x→ks, w→v, y→i, ph→f,
 * h and vowels after the first letter dropped, doubled letters collapsed.
 * "micheal gorbachev" and "mikhail gorbachev" both give "mkl grbkv".
 */
export function transliterationKey(key: string): string {
  return key.split(' ').map(transliterateWord).join(' ');
}

const VOWELS = new Set(['a', 'e', 'i', 'o', 'u']);

// One pass per word: the folds, the first letter's vowel as "a", later vowels and h dropped, doubles collapsed.
function transliterateWord(w: string): string {
  let out = '';
  let last = '';
  let first = true;
  for (let i = 0; i < w.length; i++) {
    const c = w[i]!;
    let folded: string;
    if (c === 'p' && w[i + 1] === 'h') {
      folded = 'f';
      i++;
    } else if (c === 'c' || c === 'q') folded = 'k';
    else if (c === 'x') folded = 'ks';
    else if (c === 'w') folded = 'v';
    else if (c === 'y') folded = 'i';
    else folded = c;
    for (let ch of folded) {
      if (first) {
        if (VOWELS.has(ch)) ch = 'a';
        first = false;
      } else if (VOWELS.has(ch) || ch === 'h') continue;
      if (ch === last) continue;
      out += ch;
      last = ch;
    }
  }
  return out;
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
  return [key, skeletonOf(name, key), transliterationKey(key)];
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

/**
 * The names of an index in columns (no object per name, for letters of a million): entry
 * i is `ids[i]`, `names[i]`, `statuses[i]`, and its seed (see `nameSeed`) is `keys[i]`,
 * `skeletons[i]` (0 when equal to the key) and `translits[i]`.
 */
export interface NameColumns {
  ids: string[];
  names: string[];
  statuses: string[];
  keys: string[];
  skeletons: (string | 0)[];
  translits: string[];
}

/**
 * The hash maps of an index, one per way two names can match (see `classify`): the same
 * normal form, skeleton, sorted words or transliteration key; the same initials (for
 * `initials`); the same words but one (a word replaced by "*", for `one-letter`); the same
 * letters without spaces (a space added or removed, for `one-letter`); and, for `contains`,
 * the names holding a word.
 */
interface Maps {
  byKey: Map<string, number[]>;
  bySkeleton: Map<string, number[]>;
  bySorted: Map<string, number[]>;
  byTranslit: Map<string, number[]>;
  byInitials: Map<string, number[]>;
  byWildcard: Map<string, number[]>;
  byNoSpace: Map<string, number[]>;
  byToken: Map<string, number[]>;
}

/** The initials of a name's words ("m albright" and "madeleine albright": "m a"). */
const initialsOf = (tokens: readonly string[]) => tokens.map((t) => t[0]).join(' ');
/** A name with word `i` replaced by "*": names one letter apart share one of these. */
const wildcards = (tokens: readonly string[]) => tokens.map((_, i) => tokens.map((t, j) => (j === i ? '*' : t)).join(' '));
// Past this many words, a name's sub-lists of words are too many to enumerate (`contains`): its candidates are every name sharing a word.
const MAX_SUBSET_WORDS = 10;

/** After this many lookups an index builds its hash maps; before, a lookup scans the seeds once. */
const SCANS_BEFORE_MAPS = 2;

/**
 * An index of the names on a letter, for `find`. The first lookups scan the cached seeds
 * (a few cheap string comparisons per name, no pairwise work); later ones (an import's
 * rows) use hash maps of every key, built once. Either way only the candidates that share
 * a key or a word with the new name are compared closely.
 */
export class NameIndex {
  private readonly c: NameColumns;
  private maps: Maps | undefined;
  private lookups = 0;

  /** An index over `columns`, which it adopts (and adds to): no copy of a large list. */
  constructor(columns?: NameColumns) {
    this.c = columns ?? { ids: [], names: [], statuses: [], keys: [], skeletons: [], translits: [] };
  }

  /** An index of `names`. */
  static of(names: Iterable<IndexedName & { seed?: NameSeed }>): NameIndex {
    const index = new NameIndex();
    for (const n of names) index.add(n, n.seed);
    return index;
  }

  /** Adds one name; `seed` (from `nameSeed(n.name)`) saves computing its costly keys again. */
  add(n: IndexedName, seed?: NameSeed): void {
    const [key, skeleton, translit] = seed ?? nameSeed(n.name);
    const c = this.c;
    c.ids.push(n.id);
    c.names.push(n.name);
    c.statuses.push(n.status);
    c.keys.push(key);
    c.skeletons.push(skeleton === key ? 0 : skeleton);
    c.translits.push(translit);
    if (this.maps) this.insert(this.maps, c.ids.length - 1);
  }

  private seedAt(i: number): NameSeed {
    const key = this.c.keys[i]!;
    const skeleton = this.c.skeletons[i]!;
    return [key, skeleton === 0 ? key : skeleton, this.c.translits[i]!];
  }

  private insert(maps: Maps, i: number): void {
    const k = expandKeys(this.seedAt(i));
    push(maps.byKey, k.key, i);
    push(maps.bySkeleton, k.skeleton, i);
    push(maps.bySorted, k.sorted, i);
    push(maps.byTranslit, k.translit, i);
    push(maps.byNoSpace, k.key.replace(/ /g, ''), i);
    if (k.tokens.length > 1) push(maps.byInitials, initialsOf(k.tokens), i);
    for (const w of wildcards(k.tokens)) push(maps.byWildcard, w, i);
    for (const t of new Set(k.tokens)) push(maps.byToken, t, i);
  }

  /** The names in columns (adopted, not copied: see the constructor). */
  get columns(): NameColumns {
    return this.c;
  }

  /** How many names the index holds. */
  get size(): number {
    return this.c.ids.length;
  }

  private candidates(q: NameKeys): Iterable<number> {
    const words = [...new Set(q.tokens)].filter((t) => t.length > 1);
    if (!this.maps && ++this.lookups <= SCANS_BEFORE_MAPS) {
      const found: number[] = [];
      const { keys, skeletons, translits } = this.c;
      const single = !q.key.includes(' ');
      const joined = q.key.replace(/ /g, '');
      for (let i = 0; i < keys.length; i++) {
        const key = keys[i]!;
        const skeleton = skeletons[i] || key;
        // A name one letter away shares a word, or differs by a space, or both are one word of about the same length.
        if (
          key === q.key || skeleton === q.skeleton || translits[i] === q.translit || sharesWord(key, words) ||
          (Math.abs(key.length - q.key.length) <= 1 && ((single && !key.includes(' ')) || key.replace(/ /g, '') === joined))
        )
          found.push(i);
      }
      return found;
    }
    if (!this.maps) {
      const maps: Maps = {
        byKey: new Map(), bySkeleton: new Map(), bySorted: new Map(), byTranslit: new Map(), byInitials: new Map(), byWildcard: new Map(), byNoSpace: new Map(), byToken: new Map(),
      };
      for (let i = 0; i < this.c.ids.length; i++) this.insert(maps, i);
      this.maps = maps;
    }
    const m = this.maps;
    const found = new Set<number>();
    const add = (list: readonly number[] | undefined) => {
      if (list) for (const i of list) found.add(i);
    };
    add(m.byKey.get(q.key));
    add(m.bySkeleton.get(q.skeleton));
    add(m.bySorted.get(q.sorted));
    add(m.byTranslit.get(q.translit));
    add(m.byNoSpace.get(q.key.replace(/ /g, '')));
    if (q.tokens.length > 1) add(m.byInitials.get(initialsOf(q.tokens)));
    for (const w of wildcards(q.tokens)) add(m.byWildcard.get(w));
    if (q.tokens.length > MAX_SUBSET_WORDS) {
      for (const t of words) add(m.byToken.get(t));
      return found;
    }
    // `contains`, this name the longer: names whose words are some of its words (two or more, not all).
    const n = q.tokens.length;
    for (let mask = 1; mask < (1 << n) - 1; mask++) {
      const subset = q.tokens.filter((_, j) => mask & (1 << j));
      if (subset.length > 1) add(m.bySorted.get(subset.sort().join(' ')));
    }
    // `contains`, this name the shorter: names holding every one of its words.
    if (n > 1) {
      // The names holding its rarest word, then each checked for the other words.
      const [rarest, ...others] = [...new Set(q.tokens)].sort((a, b) => (m.byToken.get(a)?.length ?? 0) - (m.byToken.get(b)?.length ?? 0));
      for (const i of m.byToken.get(rarest!) ?? []) if (others.every((t) => sharesWord(this.c.keys[i]!, [t]))) found.add(i);
    }
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
      const existing = this.c.names[i]!;
      const kind = classify(name, q, { name: existing, ...expandKeys(this.seedAt(i)) });
      if (kind) matches.push({ id: this.c.ids[i]!, name: existing, status: this.c.statuses[i]!, kind, reason: reasonFor(kind, name, existing) });
    }
    return matches.sort((a, b) => DUPLICATE_KINDS.indexOf(a.kind) - DUPLICATE_KINDS.indexOf(b.kind) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }
}

/**
 * How `name` matches `existing`, the strongest kind, or undefined: the rule behind every
 * lookup, comparing two names directly (see the kinds at the top of this file).
 */
export function compareNames(name: string, existing: string): DuplicateKind | undefined {
  const q = nameKeys(name);
  return q.key === '' ? undefined : classify(name, q, { name: existing, ...nameKeys(existing) });
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
