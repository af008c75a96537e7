/**
 * Finding a name already on a letter: exactly, in look-alike characters, or likely by score.
 * Names are indexed once (normal form, TR39 skeleton, and a sound key per word, see
 * name-match.ts), so a lookup only scores the signatures that share a key with the new
 * name: never every pair.
 *
 * Kinds, strongest first:
 * - `look-alike`: the same after Unicode TR39 confusable skeletons, written with characters
 *   of another script (a Cyrillic "а" inside a Latin name). Refused, whatever a person says.
 * - `exact`: the same normal form (see `normaliseName`): case, accents, spacing,
 *   punctuation. Refused unless a person decides they are different people (two
 *   "Alexander"s) and something tells them apart (a differing url, GitHub login,
 *   organisation or role); always refused when the existing signature was rejected as a fake.
 * - `same-email`: the same email address in the private store.
 * - `likely`: a match score (see `scoreProfiles`) of at least `LIKELY_SCORE`, after the
 *   context (url, GitHub login, organisation, country) moved it: a person decides.
 * - `possible`: a score of at least `POSSIBLE_SCORE`: only reported.
 */
import { createRequire } from 'node:module';
import {
  type ContextNote,
  contextNotes,
  describePairs,
  foldSyllable,
  LIKELY_SCORE,
  type MatchContext,
  type NameProfile,
  nameProfile,
  POSSIBLE_SCORE,
  profileConsonants,
  scoreProfiles,
  soundKey,
  wordConsonants,
  wordWeight,
} from './name-match.js';

// unhomoglyph's table of confusables loads on first use: most runs compare no names. Its
// keys are single code points, so a lookup per code point maps as its one regular
// expression of 6,000 alternatives does, several times faster.
const require = createRequire(import.meta.url);
let confusables: Record<string, string> | undefined;
function unhomoglyph(s: string): string {
  const table = (confusables ??= require('unhomoglyph/data.json') as Record<string, string>);
  let out = '';
  for (const c of s) out += Object.hasOwn(table, c) ? table[c] : c;
  return out;
}

import { normaliseName } from './names.js';

/** How a name matches an existing one (see the module comment). */
export type DuplicateKind = 'look-alike' | 'exact' | 'same-email' | 'likely' | 'possible';

/** Kinds in order of strength. */
export const DUPLICATE_KINDS: readonly DuplicateKind[] = [
  'look-alike',
  'exact',
  'same-email',
  'likely',
  'possible',
];

/** What the index holds of each signature: its id, name and status, and the context that tells people apart. */
export interface IndexedName extends MatchContext {
  id: string;
  name: string;
  status: string;
}

/** A match: the existing signature, the kind, the score (0 to 1, context included) and the reason in words. */
export interface DuplicateMatch extends IndexedName {
  kind: DuplicateKind;
  score: number;
  reason: string;
}

/**
 * True when no person can decide a match away: look-alike characters; the same name with
 * nothing that tells the two apart (no differing url, GitHub login, organisation or role:
 * the score stays at 1); or the same or a likely name of a signature rejected as fake.
 */
export function isCertain(m: Pick<DuplicateMatch, 'kind' | 'status' | 'score'>): boolean {
  if (m.kind === 'look-alike') return true;
  if (m.status === 'rejected') return m.kind === 'exact' || m.kind === 'likely';
  return m.kind === 'exact' && m.score >= 1;
}

/** True when a person is asked about a match before the name is added (certain matches are refused outright). */
export function needsDecision(m: Pick<DuplicateMatch, 'kind' | 'status' | 'score'>): boolean {
  return !isCertain(m) && m.kind !== 'possible';
}

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

const SCRIPTS = ['Latin', 'Cyrillic', 'Greek', 'Armenian', 'Cherokee', 'Coptic'].map(
  (s) => new RegExp(`\\p{Script=${s}}`, 'u'),
);

/** True when the letters of `name` come from two or more of the scripts whose letters look alike. */
export function mixesScripts(name: string): boolean {
  const letters = [...name.normalize('NFKC')].filter((c) => /\p{L}/u.test(c));
  return SCRIPTS.filter((re) => letters.some((c) => re.test(c))).length > 1;
}

/**
 * The keys of a name that cost the most to compute (normal form, TR39 skeleton,
 * transliteration key), as a tuple that can be cached.
 */
export type NameSeed = [key: string, skeleton: string, translit: string];

/** The costly keys of a name, for caching. */
export function nameSeed(name: string): NameSeed {
  const key = normaliseName(name);
  return [key, skeletonOf(name, key), transliterationKey(key)];
}

function push<K>(map: Map<K, number[]>, k: K, i: number): void {
  const list = map.get(k);
  if (list) list.push(i);
  else map.set(k, [i]);
}

/**
 * The first letter of `name` that sits in a word written mostly in another of the scripts
 * whose letters look alike (Latin, Cyrillic, Greek...), with its code point and script: the
 * Cyrillic "а" in "Bаn". Undefined when every word keeps to one script. Unicode TR39
 * (mixed-script detection), applied per word so that a name may give two scripts side by side.
 */
export function mixedScriptLetter(
  name: string,
): { char: string; codePoint: string; script: string; word: string } | undefined {
  // Plain ASCII holds one script only; most names are.
  if (/^[\x00-\x7f]*$/.test(name)) return undefined;
  const nfkc = name.normalize('NFKC');
  // Fewer than two of these scripts in the whole name: none in any one word either.
  let scripts = 0;
  for (const re of SCRIPTS) if (re.test(nfkc) && ++scripts > 1) break;
  if (scripts < 2) return undefined;
  for (const w of nfkc.split(/[\s\-\u2010\u2011]+/)) {
    const letters = [...w].filter((c) => /\p{L}/u.test(c));
    const counts = SCRIPTS.map((re) => letters.filter((c) => re.test(c)).length);
    if (counts.filter((n) => n > 0).length < 2) continue;
    const main = counts.indexOf(Math.max(...counts));
    const odd = letters.find((c) => !SCRIPTS[main]!.test(c) && SCRIPTS.some((re) => re.test(c)))!;
    const script = SCRIPT_NAMES[SCRIPTS.findIndex((re) => re.test(odd))]!;
    return {
      char: odd,
      codePoint: `U+${odd.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`,
      script,
      word: w,
    };
  }
  return undefined;
}
const SCRIPT_NAMES = ['Latin', 'Cyrillic', 'Greek', 'Armenian', 'Cherokee', 'Coptic'];

/**
 * The names of an index in columns (no object per name, for letters of a million): entry
 * i is `ids[i]`, `names[i]`, `statuses[i]`, its seed (see `nameSeed`) is `keys[i]`,
 * `skeletons[i]` (0 when equal to the key) and `translits[i]`, and its context (url, GitHub
 * login, role, organisation, country, see `packContext`) is `contexts[i]` (0 when none).
 */
export interface NameColumns {
  ids: string[];
  names: string[];
  statuses: string[];
  keys: string[];
  skeletons: (string | 0)[];
  translits: string[];
  contexts: (string | 0)[];
}

/** Columns holding no name. */
export function emptyNameColumns(): NameColumns {
  return { ids: [], names: [], statuses: [], keys: [], skeletons: [], translits: [], contexts: [] };
}

const CONTEXT_FIELDS = ['url', 'github', 'role', 'organisation', 'country'] as const;

/** The context of a signature in one string ("url\u0001github\u0001role\u0001organisation\u0001country"), or 0 when it has none. */
export function packContext(c: MatchContext): string | 0 {
  const values = CONTEXT_FIELDS.map((f) => c[f] ?? '');
  return values.every((v) => v === '') ? 0 : values.join('\u0001');
}

function unpackContext(packed: string | 0 | undefined): MatchContext {
  if (!packed) return {};
  const values = packed.split('\u0001');
  const c: MatchContext = {};
  CONTEXT_FIELDS.forEach((f, i) => {
    if (values[i]) c[f] = values[i];
  });
  return c;
}

/** A word held by at most this many names (or 1% of the letter, if fewer, but at least 8) makes each of them a candidate. */
const RARE_WORD_LIST = 48;
/** A word held by more names makes them candidates only with a second shared word; past this many, not at all. */
export const COMMON_WORD_LIST = 2000;
/** At most this many entries of common-word lists are counted for one name. */
const COUNT_BUDGET = 3000;
/** At most this many names sharing common words are scored for one name. */
const SHARED_CANDIDATES = 16;

/** What finds the names on a letter that a new name matches: a `NameIndex`, or the letter's index database. */
export interface NameFinder {
  /** Every existing name that `name` matches, strongest kind first (see `NameIndex.find`). */
  find(name: string, ctx?: MatchContext): DuplicateMatch[];
}

/**
 * The keys a name is found by: normal form, skeleton, letters without spaces, and per word
 * a sound key and (short words) a romanised-syllable key. `p` is the name's profile, `key`
 * its normal form, `skeleton` its TR39 skeleton.
 */
export function lookupKeys(p: NameProfile, key: string, skeleton: string): string[] {
  const keys = [`k ${key}`, `n ${key.replace(/ /g, '')}`];
  if (skeleton !== key) keys.push(`k ${skeleton}`);
  for (const w of p.words) {
    if (w.initial || w.w.length < 2) continue;
    keys.push(`w ${soundKey(w.fold)}`);
    if (w.w.length <= 7) keys.push(`s ${foldSyllable(w.w)}`);
  }
  return [...new Set(keys)];
}

/** The consonant keys of a name (the whole name's and each word's), to pair names written without vowels with their Latin forms. */
export function consonantKeys(p: NameProfile): string[] {
  if (p.consonantKeys) return p.consonantKeys;
  const keys = [profileConsonants(p)];
  for (const w of p.words) if (!w.particle && !w.initial) keys.push(wordConsonants(w.w));
  return (p.consonantKeys = [...new Set(keys.filter((k) => k.length >= 2))]);
}

/**
 * Where `selectCandidates` finds entries (numbers below `size`) by key: `count` tells how
 * many entries hold a key of `lookupKeys` (it may stop counting past `COMMON_WORD_LIST`),
 * `get` gives them, read only when they are used; `consonants` gives the entries of a
 * consonant key (see `consonantKeys`), at most `COMMON_WORD_LIST`, when the name looked up is
 * written without vowels (then every name's) or when some names are (then theirs only).
 */
export interface KeyLists {
  size: number;
  count(key: string): number;
  get(key: string): readonly number[];
  consonants: ((key: string) => readonly number[] | undefined) | undefined;
}

/**
 * The entries worth scoring against a name of profile `p` and lookup keys `keys`: every name
 * sharing its normal form, skeleton or spaceless letters, or a rare word's key; names
 * sharing only common words when they share two (a bounded number of them, so that a list of
 * look-alike names stays linear). `counts` is scratch space of at least `lists.size` zeros,
 * left zeroed.
 */
export function selectCandidates(
  p: NameProfile,
  keys: readonly string[],
  lists: KeyLists,
  counts: Uint8Array,
): Set<number> {
  const found = new Set<number>();
  // Names written without vowels and their Latin forms: by their consonants.
  if (lists.consonants)
    for (const k of consonantKeys(p)) {
      const list = lists.consonants(k);
      if (!list) continue;
      for (let x = 0; x < list.length && x < COMMON_WORD_LIST; x++) found.add(list[x]!);
    }
  const common: { key: string; length: number }[] = [];
  const rare = Math.max(8, Math.min(RARE_WORD_LIST, Math.floor(lists.size / 100)));
  for (const k of keys) {
    const length = lists.count(k);
    if (length === 0) continue;
    if (k[0] === 'k' || k[0] === 'n' || length <= rare) for (const i of lists.get(k)) found.add(i);
    else if (length <= COMMON_WORD_LIST) common.push({ key: k, length });
  }
  // Names sharing only words held by many names are candidates when they share two of them
  // ("Maria Garcia" is not compared with every Maria and every Garcia), the most shared first;
  // the work per name is bounded, so that a list of look-alike names stays linear.
  if (p.words.filter((w) => !w.initial).length >= 2 && common.length >= 2) {
    const touched: number[] = [];
    let budget = COUNT_BUDGET;
    // Only the lists counted are read, and hold counts to clear.
    const counted: (readonly number[])[] = [];
    for (const c of common.sort((a, b) => a.length - b.length)) {
      if ((budget -= c.length) < 0) break;
      const list = lists.get(c.key);
      for (const i of list) if ((counts[i] = counts[i]! + 1) === 2) touched.push(i);
      counted.push(list);
    }
    const ranked =
      touched.length <= SHARED_CANDIDATES
        ? touched
        : touched.sort((a, b) => counts[b]! - counts[a]!).slice(0, SHARED_CANDIDATES);
    for (const i of ranked) found.add(i);
    for (const list of counted) for (const i of list) counts[i] = 0;
  }
  return found;
}

/**
 * An index of the names on a letter, for `find` and `pairs`. Each name is found by its
 * normal form, its TR39 skeleton, its letters without spaces, its consonants, and a sound
 * key per word (see `soundKey`); only names sharing one of these are scored.
 */
export class NameIndex implements NameFinder {
  private readonly c: NameColumns;
  private readonly profiles: (NameProfile | undefined)[] = [];
  private maps: Map<string, number[]> | undefined;
  private readonly df = new Map<string, number>();
  /** Consonant keys of the names written without vowels (Arabic, Hebrew), for Latin names to find them. */
  private readonly abjadMap = new Map<string, number[]>();
  /** Consonant keys of every name, for a name written without vowels to find its Latin forms (made on first need). */
  private consonantMap: Map<string, number[]> | undefined;
  /** Scratch counts of shared keys per entry, for `candidates`. */
  private counts = new Uint8Array(0);
  /** Word counts of the names the index will hold (see `expect`), so that weights do not drift as they are added. */
  private expected: { df: { get(word: string): number | undefined }; n: number } | undefined;

  /** An index over `columns`, which it adopts (and adds to): no copy of a large list. */
  constructor(columns?: NameColumns) {
    this.c = columns ?? emptyNameColumns();
    this.c.contexts ??= [];
    while (this.c.contexts.length < this.c.ids.length) this.c.contexts.push(0);
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
    c.contexts.push(packContext(n));
    if (this.maps) this.insert(this.maps, c.ids.length - 1);
  }

  /** The names in columns (adopted, not copied: see the constructor). */
  get columns(): NameColumns {
    return this.c;
  }

  /** How many names the index holds. */
  get size(): number {
    return this.c.ids.length;
  }

  private profile(i: number): NameProfile {
    return (this.profiles[i] ??= nameProfile(this.c.names[i]!, this.c.keys[i]));
  }

  /** The consonant keys of every name, made when a name written without vowels is first looked up. */
  private allConsonants(): Map<string, number[]> {
    if (!this.consonantMap) {
      this.consonantMap = new Map();
      for (let i = 0; i < this.c.ids.length; i++)
        for (const k of consonantKeys(this.profile(i))) push(this.consonantMap, k, i);
    }
    return this.consonantMap;
  }

  private insert(maps: Map<string, number[]>, i: number): void {
    const key = this.c.keys[i]!;
    const skeleton = this.c.skeletons[i] || key;
    const p = this.profile(i);
    for (const k of lookupKeys(p, key, skeleton)) push(maps, k, i);
    if (p.abjad) for (const k of consonantKeys(p)) push(this.abjadMap, k, i);
    if (this.consonantMap) for (const k of consonantKeys(p)) push(this.consonantMap, k, i);
    p.words.forEach((x, k) => {
      if (p.words.findIndex((y) => y.w === x.w) === k)
        this.df.set(x.w, (this.df.get(x.w) ?? 0) + 1);
    });
  }

  private ensureMaps(): Map<string, number[]> {
    if (!this.maps) {
      this.maps = new Map();
      for (let i = 0; i < this.c.ids.length; i++) this.insert(this.maps, i);
    }
    return this.maps;
  }

  private candidates(p: NameProfile, key: string, skeleton: string): Set<number> {
    const maps = this.ensureMaps();
    const byConsonants = p.abjad
      ? this.allConsonants()
      : this.abjadMap.size > 0
        ? this.abjadMap
        : undefined;
    if (this.counts.length < this.c.ids.length)
      this.counts = new Uint8Array(Math.max(1024, this.c.ids.length * 2));
    return selectCandidates(
      p,
      lookupKeys(p, key, skeleton),
      {
        size: this.c.ids.length,
        count: (k) => maps.get(k)?.length ?? 0,
        get: (k) => maps.get(k)!,
        consonants: byConsonants && ((k) => byConsonants.get(k)),
      },
      this.counts,
    );
  }

  private weight = (w: { w: string; initial: boolean; particle: boolean }) =>
    wordWeight(
      w as never,
      Math.max(this.df.get(w.w) ?? 0, this.expected?.df.get(w.w) ?? 0),
      Math.max(this.c.ids.length, this.expected?.n ?? 0),
    );

  /**
   * Tells the index the names it will hold once an import is done (the letter's and the
   * file's), so that a word weighs the same for the first row as for the last, and as it will
   * for `letter check` afterwards.
   */
  expect(names: readonly string[]): void {
    const df = new Map<string, number>();
    for (const name of names)
      for (const w of new Set(nameProfile(name).words.map((x) => x.w)))
        df.set(w, (df.get(w) ?? 0) + 1);
    this.expected = { df, n: names.length };
  }

  private match(
    name: string,
    key: string,
    skeleton: string,
    p: NameProfile,
    ctx: MatchContext,
    i: number,
  ): DuplicateMatch | undefined {
    const existing = this.c.names[i]!;
    const other = unpackContext(this.c.contexts[i]);
    const base = { id: this.c.ids[i]!, name: existing, status: this.c.statuses[i]!, ...other };
    const eKey = this.c.keys[i]!;
    const eSkeleton = this.c.skeletons[i] || eKey;
    const notes = contextNotes(ctx, other);
    const moved = notes.reduce((s, n) => s + n.delta, 0);
    if (key === eKey) {
      if (mixesScripts(name) && !mixesScripts(existing))
        return {
          ...base,
          kind: 'look-alike',
          score: 1,
          reason: reasonFor('look-alike', name, existing),
        };
      if (base.status === 'rejected') notes.push({ what: 'rejected as fake', delta: 0 });
      return {
        ...base,
        kind: 'exact',
        score: Math.min(1, 1 + moved),
        reason: withNotes(reasonFor('exact', name, existing), notes),
      };
    }
    if (skeleton === eSkeleton && skeleton !== '')
      return {
        ...base,
        kind: 'look-alike',
        score: 1,
        reason: reasonFor('look-alike', name, existing),
      };
    const s = scoreProfiles(p, this.profile(i), this.weight);
    const score = Math.max(0, Math.min(1, s.score + moved));
    if (score < POSSIBLE_SCORE) return undefined;
    if (base.status === 'rejected') notes.push({ what: 'rejected as fake', delta: 0 });
    const kind = score >= LIKELY_SCORE ? 'likely' : 'possible';
    return {
      ...base,
      kind,
      score: Math.round(score * 100) / 100,
      reason: withNotes(`score ${score.toFixed(2)}: ${describePairs(s.pairs)}`, notes),
    };
  }

  /**
   * Every existing name that `name` matches (exactly, in look-alike letters, likely or
   * possibly), one match per signature, strongest kind first, then by score and id. `ctx`
   * (url, GitHub login, organisation, country of the new signature) moves the scores.
   */
  find(name: string, ctx: MatchContext = {}): DuplicateMatch[] {
    const [key, skeleton] = nameSeed(name);
    if (key === '') return [];
    const p = nameProfile(name, key);
    const matches: DuplicateMatch[] = [];
    for (const i of this.candidates(p, key, skeleton)) {
      const m = this.match(name, key, skeleton, p, ctx, i);
      if (m) matches.push(m);
    }
    return matches.sort(byStrength);
  }

  /**
   * Every entry of the index that `name` matches, scoring each (no lookup by key): for an
   * index of the candidates another store selected (see `selectCandidates`), weighed with
   * that store's word counts (see `weighWith`). Ordered as `find`.
   */
  scoreAll(name: string, ctx: MatchContext = {}): DuplicateMatch[] {
    return this.scoreEntries(name, ctx, this.c.ids.keys());
  }

  /**
   * The entries `entries` (positions in the index) that `name` matches, scoring each (no
   * lookup by key), as `scoreAll` scores every entry: for an index that keeps the names
   * another store selected for earlier lookups too (each name's profile made once). Ordered as `find`.
   */
  scoreEntries(name: string, ctx: MatchContext, entries: Iterable<number>): DuplicateMatch[] {
    const [key, skeleton] = nameSeed(name);
    if (key === '') return [];
    const p = nameProfile(name, key);
    const matches: DuplicateMatch[] = [];
    for (const i of entries) {
      const m = this.match(name, key, skeleton, p, ctx, i);
      if (m) matches.push(m);
    }
    return matches.sort(byStrength);
  }

  /** Weighs words by `df` (names holding each word) out of `n` names, as in the whole letter, instead of this index's own counts. */
  weighWith(df: { get(word: string): number | undefined }, n: number): void {
    this.expected = { df, n };
  }

  /**
   * Every pair of names in the index that match (each pair once, `later` the one added
   * after `earlier`), for checking a whole letter. `include(i)` picks the entries to pair.
   */
  pairs(
    include: (i: number) => boolean = () => true,
  ): { earlier: number; later: number; match: DuplicateMatch }[] {
    this.ensureMaps();
    const out: { earlier: number; later: number; match: DuplicateMatch }[] = [];
    for (let j = 0; j < this.c.ids.length; j++) {
      if (!include(j)) continue;
      const key = this.c.keys[j]!;
      const skeleton = this.c.skeletons[j] || key;
      const p = this.profile(j);
      const ctx = unpackContext(this.c.contexts[j]);
      for (const i of this.candidates(p, key, skeleton)) {
        if (i >= j || !include(i)) continue;
        const m = this.match(this.c.names[j]!, key, skeleton, p, ctx, i);
        if (m) out.push({ earlier: i, later: j, match: m });
      }
    }
    return out;
  }

  /** The entry at `i`: id, name and status. */
  entry(i: number): { id: string; name: string; status: string } {
    return { id: this.c.ids[i]!, name: this.c.names[i]!, status: this.c.statuses[i]! };
  }
}

/** The order of matches: strongest kind first, then by score, then by id. */
export function byStrength(a: DuplicateMatch, b: DuplicateMatch): number {
  return (
    DUPLICATE_KINDS.indexOf(a.kind) - DUPLICATE_KINDS.indexOf(b.kind) ||
    b.score - a.score ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

function withNotes(reason: string, notes: readonly ContextNote[]): string {
  return notes.length === 0 ? reason : `${reason}; ${notes.map((n) => n.what).join(', ')}`;
}

/**
 * How `name` matches `existing` (alone, with no other names to weigh words against): the
 * kind, or undefined. For tests and tools; lookups use `NameIndex`.
 */
export function compareNames(name: string, existing: string): DuplicateKind | undefined {
  return NameIndex.of([{ id: 'existing', name: existing, status: 'verified' }]).find(name)[0]?.kind;
}

/** The reason of a certain match, in words. */
export function reasonFor(
  kind: 'exact' | 'look-alike' | 'same-email',
  name: string,
  existing: string,
): string {
  switch (kind) {
    case 'exact':
      return name === existing
        ? 'the same name'
        : 'the same name once case, accents, spacing and punctuation are folded';
    case 'look-alike':
      return 'the same name written with look-alike characters from another script (Unicode TR39 confusables)';
    case 'same-email':
      return 'the same email address';
  }
}
