/**
 * How likely two names are one person: a score from 0 to 1 that weighs each word of a name
 * by how rare it is, so that sharing "Sergey" or "Alexander" says little and sharing
 * "Kaspersky" says much. Pure functions; the word weights come from the caller (the
 * letter's own names, see `NameIndex`) and from name-data.ts.
 *
 * A name becomes a profile: its words after Unicode NFKC and transliteration to Latin
 * (any-ascii; Han through pinyin-pro, one word per syllable; Hangul one word per syllable;
 * Arabic and Hebrew, written without vowels, compared by their consonants), without
 * honorifics and suffixes ("Dr", "H.E.", "Jr"). Two words are alike when they are equal, an
 * initial of one another, forms of one given name ("Jeff" / "Jeffrey", "Evgeny" / "Eugene"),
 * equal after folding spellings across languages ("Chruschtschow" / "Khrushchev",
 * "Kasperskiy" / "Kaspersky"), equal after folding romanisations of Chinese and Korean
 * syllables (Wade-Giles "Tse-tung" / pinyin "Zedong", "Ki-moon" / "Gi-mun"), have the same
 * Daitch-Mokotoff code, or are a few letters apart (Levenshtein). Words are paired greedily,
 * best first, in any order; two words of one name may pair with one word of the other
 * ("Zedong" / "Tse-tung", "Jean Luc" / "Jeanluc").
 *
 * The score is the weighted share of the two names' words that pair up. Words left over in
 * the longer name count for less when every word of the shorter name (two or more) paired,
 * so that "Ernesto Zedillo" and "Ernesto Zedillo Ponce de León" score high, and "Alexander"
 * and "Alexander Petrov" do not. Pairs that rest on little information (a common given
 * name, an initial) are capped below the "likely" threshold.
 */
import { createRequire } from 'node:module';
import anyAscii from 'any-ascii';
import { distance } from 'fastest-levenshtein';
import {
  AMBIGUOUS_NON_NAME_WORDS,
  COMMON_FAMILY_NAMES,
  COMMON_GIVEN_NAMES,
  DIMINUTIVES,
  GIVEN_NAME_GROUPS,
  NON_NAME_WORDS,
} from './name-data.js';
import { normaliseName } from './names.js';

// pinyin-pro and talisman load on first use: most names need neither.
const require = createRequire(import.meta.url);
let pinyinOf: ((s: string) => string[]) | undefined;
const hanSyllables = (s: string): string[] => {
  pinyinOf ??= (t: string) =>
    (require('pinyin-pro') as { pinyin: (t: string, o: object) => string[] }).pinyin(t, {
      toneType: 'none',
      type: 'array',
      v: true,
    });
  return pinyinOf(s);
};
let dmOf: ((s: string) => string[]) | undefined;
const dmCodes = (s: string): string[] =>
  (dmOf ??= require('talisman/phonetics/daitch-mokotoff') as (s: string) => string[])(s);

/** At or above this score, a person is asked whether the names are one person. */
export const LIKELY_SCORE = 0.8;
/** At or above this score (and below `LIKELY_SCORE`), a match is only reported. */
export const POSSIBLE_SCORE = 0.65;

/** One word of a name as compared: the word, its cross-language fold, and keys. */
export interface NameWord {
  /** The word, lower-case ASCII (see `normaliseName`). */
  w: string;
  /** The word with spellings folded across languages (see `foldSpelling`). */
  fold: string;
  /** True for a one-letter word: an initial. */
  initial: boolean;
  /** True for a particle (van, de, al...), which weighs little. */
  particle: boolean;
  /** For two words joined into one ("tse" + "tung"), their syllables folded one by one (see `foldSyllable`). */
  syl?: string;
}

/** A name as compared: its words, and whether it was written without vowels. */
export interface NameProfile {
  words: NameWord[];
  /** Every consonant of the name in order (see `profileConsonants`), made on first use. */
  consonants?: string;
  /** The consonant keys a name index finds the name by (see `NameIndex`), made on first use. */
  consonantKeys?: string[];
  /** True when the name was written in a script without vowels (Arabic, Hebrew): compare `consonants`. */
  abjad: boolean;
}

const PARTICLES = new Set([
  'van',
  'von',
  'der',
  'den',
  'de',
  'del',
  'della',
  'di',
  'da',
  'dos',
  'das',
  'du',
  'le',
  'la',
  'al',
  'el',
  'bin',
  'ibn',
  'ben',
  'ter',
  'ten',
  'y',
  'e',
  'zu',
  'af',
  'op',
]);
const HAN = /\p{Script=Han}/u;
const HANGUL = /\p{Script=Hangul}/u;
const ABJAD = /[\p{Script=Arabic}\p{Script=Hebrew}]/u;
const GREEK = /\p{Script=Greek}/u;
// Scripts whose words `romanise` splits or spells its own way.
const SYLLABIC = /[\p{Script=Han}\p{Script=Hangul}\p{Script=Greek}]/u;

/**
 * A word's spelling with the differences between languages' ways of writing one sound
 * folded: German "tsch"/"sch", French "tch"/"ou", "ph", "ck", "q", "x", "w", "y", "kh"/"ch"
 * before "r", doubled letters. "chruschtschow", "khrouchtchev" and "khrushchev" come close.
 */
export function foldSpelling(w: string): string {
  return memo(spellings, w, foldSpellingOnce);
}

// Word-level folds repeat across a list's names (given names, common family names): each is computed once per word.
const spellings = new Map<string, string>();
const syllables = new Map<string, string>();
const sounds = new Map<string, string>();
const consonants = new Map<string, string>();
function memo(cache: Map<string, string>, w: string, f: (w: string) => string): string {
  let v = cache.get(w);
  if (v === undefined) {
    if (cache.size > 200_000) cache.clear();
    v = f(w);
    cache.set(w, v);
  }
  return v;
}

function foldSpellingOnce(w: string): string {
  let s = w
    .replace(/tsch/g, 'ch')
    .replace(/sch/g, 'sh')
    .replace(/tch/g, 'ch')
    .replace(/^chr/, 'khr')
    .replace(/ph/g, 'f')
    .replace(/ck/g, 'k')
    .replace(/q/g, 'k')
    .replace(/x/g, 'ks')
    .replace(/w/g, 'v')
    .replace(/y/g, 'i')
    .replace(/ou/g, 'u')
    .replace(/dzh/g, 'j')
    .replace(/zh/g, 'j')
    .replace(/ij/g, 'i')
    .replace(/dh/g, 'd')
    .replace(/gh/g, 'g')
    // A "j" after another letter is the German, Dutch or Polish "y" (Fjodor, Dostojewski); "io" after a consonant is Russian "ё" (Fiodor, Fedor).
    .replace(/(?<=.)j/g, 'i')
    .replace(/(?<=[^aeiou])io/g, 'e');
  s = s.replace(/(.)\1+/g, '$1');
  return s;
}

/** A coarse key of a folded word for finding candidates: "sh", "ch" and "j" as one sound, consonants only after the first letter. */
export function soundKey(fold: string): string {
  return memo(sounds, fold, soundKeyOnce);
}

function soundKeyOnce(fold: string): string {
  const s = fold
    .replace(/sh|ch|j/g, 'S')
    .replace(/c/g, 'k')
    .replace(/z/g, 's')
    .replace(/b/g, 'p')
    .replace(/d/g, 't')
    .replace(/g/g, 'k');
  let out = s[0] === undefined ? '' : /[aeiou]/.test(s[0]) ? 'a' : s[0];
  for (let i = 1; i < s.length; i++) {
    const c = s[i]!;
    if ('aeiouh'.includes(c) || c === out[out.length - 1]) continue;
    out += c;
  }
  return out;
}

/** A Chinese or Korean syllable with romanisations folded: Wade-Giles "tse" / pinyin "ze", "ki" / "gi", "moon" / "mun", "tung" / "dong". */
export function foldSyllable(w: string): string {
  return memo(syllables, w, foldSyllableOnce);
}

function foldSyllableOnce(w: string): string {
  // Aspirated and plain consonants are one class: Wade-Giles writes with p, t, k, ch what pinyin writes b, d, g, j/zh
  // (the apostrophe of p', t', k', ch' is lost when names are typed); Korean romanisations differ the same way.
  return w
    .replace(/hs|x|sh/g, 's')
    .replace(/ts|tz|c(?!h)/g, 'z')
    .replace(/ch|zh|q|j/g, 'j')
    .replace(/k/g, 'g')
    .replace(/p/g, 'b')
    .replace(/t/g, 'd')
    .replace(/ung/g, 'ong')
    .replace(/ieh/g, 'ie')
    .replace(/ien/g, 'ian')
    .replace(/ih/g, 'i')
    .replace(/oo/g, 'u')
    .replace(/eo|eu(?=n)/g, (m) => (m === 'eo' ? 'o' : 'u'))
    .replace(/ee/g, 'i')
    .replace(/l/g, 'r');
}

const GROUPS_OF = (() => {
  const m = new Map<string, number[]>();
  GIVEN_NAME_GROUPS.forEach((g, i) => {
    for (const n of g) m.set(n, [...(m.get(n) ?? []), i]);
  });
  return m;
})();

/**
 * Whether `a` and `b` are forms of one given name (see `GIVEN_NAME_GROUPS`): `near` for a
 * short form or a spelling that starts alike ("Jeff" / "Jeffrey", "Evgeny" / "Eugene",
 * "Pierre" / "Peter") or an English diminutive ("Bill" / "William"); `far` for the same
 * name in another language that looks different ("Sean" / "John", "Youssef" / "Joseph"),
 * which is weak evidence; undefined otherwise.
 */
export function givenNameForms(a: string, b: string): 'near' | 'far' | undefined {
  const ga = GROUPS_OF.get(a);
  const gb = GROUPS_OF.get(b);
  if (ga === undefined || gb === undefined || !ga.some((g) => gb.includes(g))) return undefined;
  if (DIMINUTIVES.has(a) || DIMINUTIVES.has(b)) return 'near';
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (short.length >= 3 && long.startsWith(short.slice(0, 3))) return 'near';
  const d = distance(a, b);
  const n = Math.max(a.length, b.length);
  // Starting alike: the same first letter, or a vowel or y/j sound (Yevgeny / Eugene / Jewgeni).
  const soft = (c: string) => 'aeiouyj'.includes(c);
  return (a[0] === b[0] && d <= 0.6 * n) || (soft(a[0]!) && soft(b[0]!) && d <= 0.5 * n)
    ? 'near'
    : 'far';
}

function word(w: string): NameWord {
  return {
    w,
    fold: foldSpelling(w),
    initial: w.length === 1 && w >= 'a',
    particle: PARTICLES.has(w),
  };
}

/** The romanised words of one word of the original name, with Han and Hangul split into syllables. */
function romanise(original: string): string[] {
  if (HAN.test(original))
    return hanSyllables(original)
      .map((s) => normaliseName(s))
      .filter(Boolean);
  if (HANGUL.test(original))
    return [...original].map((c) => normaliseName(anyAscii(c))).filter(Boolean);
  // Greek "ου" is the sound "u"; any-ascii writes it "oy".
  if (GREEK.test(original))
    return normaliseName(original.replace(/ου/gi, 'ou').replace(/ΟΥ/g, 'OU'))
      .split(' ')
      .filter(Boolean);
  return normaliseName(original).split(' ').filter(Boolean);
}

/** The words of a name compared, at most: "María de los Ángeles García de la Torre y Sánchez" has ten. */
export const MAX_NAME_WORDS = 12;

/**
 * The profile of a name (see the module comment). "H.E. Dr. Ban Ki-moon" gives the words
 * ban, ki, moon; "毛泽东" gives mao, ze, dong; "반기문" gives ban, gi, mun.
 */
export function nameProfile(name: string, key?: string): NameProfile {
  // A fediverse handle ("@alice@mastodon.social") is the user's name on a server: the server is not part of it.
  const plain = name.normalize('NFKC');
  const nfkc = plain.includes('@')
    ? plain.replace(/^(@?[\p{L}\p{N}_.-]+)@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+$/u, '$1')
    : plain;
  // Most names need no script of their own: their words are those of their normal form (`key`, when known).
  let words =
    key !== undefined && nfkc === plain && !SYLLABIC.test(nfkc)
      ? key === ''
        ? []
        : key.split(' ')
      : nfkc
          .split(/[\s\u3000]+/)
          .filter(Boolean)
          .flatMap(romanise);
  if (words[0] === 'h' && words[1] === 'e' && words.length > 3) words = words.slice(2);
  // "U" is a Burmese honorific before a name ("U Thant"); elsewhere it is an initial.
  if (words[0] === 'u' && words.length > 1) words = words.slice(1);
  const kept = words.filter(
    (w, i) => !NON_NAME_WORDS.has(w) || (AMBIGUOUS_NON_NAME_WORDS.has(w) && i === words.length - 1),
  );
  // Numbers ("III" aside, which is dropped above) are not words of a name: "Signatory 12" and "Signatory 21" differ by their numbers alone.
  const named = kept.filter((w) => !/^[0-9]+$/.test(w));
  const final = named.length > 0 ? named : kept.length > 0 ? kept : words;
  const abjad = ABJAD.test(nfkc);
  // Pairing words costs the product of the two names' word counts, and each word finds its
  // own candidates: a "name" of 40 short words would make a list quadratic to check. No
  // real name needs more than MAX_NAME_WORDS to be told apart.
  return { words: final.slice(0, MAX_NAME_WORDS).map(word), abjad };
}

/** The consonants of a profile's name as an abjad writes them (see `consonantsOf`), kept on the profile. */
export function profileConsonants(p: NameProfile): string {
  return (p.consonants ??= consonantsOf(p.words.map((w) => w.w)));
}

/**
 * The consonants of a name as an abjad writes them, to compare an Arabic- or Hebrew-script
 * name with its Latin forms: no vowels, no letters that these scripts also use as vowels
 * (y, w, v, a final h, the ayin written "`"), no article al-/el-, and the consonants that
 * transliterations confuse folded (q/g/k, dh/d, th/t, sh/s, b/p).
 */
function consonantsOf(words: readonly string[]): string {
  return wordConsonants(
    words
      .filter((w) => !PARTICLES.has(w))
      .map((w) => (w.length > 3 ? w.replace(/^(al|el|l)(?=[^aeiou])/, '') : w))
      .join(''),
  );
}

/** The consonants of one word as an abjad writes them (see `consonantsOf`). */
export function wordConsonants(w: string): string {
  return memo(consonants, w, wordConsonantsOnce);
}

function wordConsonantsOnce(w: string): string {
  return (w.length > 3 ? w.replace(/^(al|el|l)(?=[^aeiou])/, '') : w)
    .replace(/dh/g, 'd')
    .replace(/th/g, 't')
    .replace(/sh/g, 's')
    .replace(/kh/g, 'k')
    .replace(/[qgc]/g, 'k')
    .replace(/p/g, 'b')
    .replace(/j/g, 'y')
    .replace(/z/g, 's')
    .replace(/h$/, '')
    .replace(/[aeiouywv`']/g, '')
    .replace(/(.)\1+/g, '$1');
}

/** How much each word counts: its rarity on the letter and among given names (see `NameIndex`). */
export type WordWeight = (w: NameWord) => number;

/**
 * The weight of a word that appears in `df` of `n` names of a letter: the log of how rare
 * it is, with common given names counted as if 300 more names held them. An initial
 * weighs 1.2 and a particle 0.5. Between 1 and 9 otherwise.
 */
export function wordWeight(w: NameWord, df: number, n: number): number {
  if (w.initial) return 1.2;
  if (w.particle) return 0.5;
  const prior = COMMON_GIVEN_NAMES.has(w.w) ? 300 : COMMON_FAMILY_NAMES.has(w.w) ? 100 : 0;
  return Math.min(11, Math.max(1, Math.log((n + 10000) / (df + prior + 1))));
}

/** How two words are alike, from 0 (not at all) to 1 (equal), and why. */
export interface WordLikeness {
  sim: number;
  how: 'same' | 'initial' | 'given-name' | 'spelling' | 'romanisation' | 'sound' | 'letters';
}

const dmCache = new Map<string, string[]>();
const dm = (w: string) => {
  let codes = dmCache.get(w);
  if (!codes) {
    codes = dmCodes(w);
    if (dmCache.size > 50_000) dmCache.clear();
    dmCache.set(w, codes);
  }
  return codes;
};

/** How alike two words are (see the module comment for the kinds). */
export function wordLikeness(a: NameWord, b: NameWord): WordLikeness | undefined {
  if (a.w === b.w) return { sim: 1, how: 'same' };
  if (a.initial || b.initial) {
    const [i, w] = a.initial ? [a, b] : [b, a];
    return !w.initial && w.w.startsWith(i.w) ? { sim: 0.9, how: 'initial' } : undefined;
  }
  if (a.fold === b.fold) return { sim: 0.95, how: 'spelling' };
  const form = givenNameForms(a.w, b.w);
  if (form === 'near') return { sim: 0.9, how: 'given-name' };
  if (form === 'far') return { sim: 0.65, how: 'given-name' };
  // Two different given names, both well known ("Sven" and "Owen", "Julien" and "Colin"), are two names, not a typo.
  if (
    COMMON_GIVEN_NAMES.has(a.w) &&
    COMMON_GIVEN_NAMES.has(b.w) &&
    foldSyllable(a.w) !== foldSyllable(b.w)
  )
    return undefined;
  const long = Math.max(a.fold.length, b.fold.length);
  if (
    (long <= 7 || a.syl || b.syl) &&
    (a.syl ?? foldSyllable(a.w)) === (b.syl ?? foldSyllable(b.w))
  )
    return { sim: 0.88, how: 'romanisation' };
  const d = distance(a.fold, b.fold);
  let sim = long < 4 ? 0 : 1 - (1.6 * d) / long;
  let how: WordLikeness['how'] = 'letters';
  // One letter more or less in a longer word ("Merkl" / "Merkel", "Dostoevsky" / "Dostoyevsky") is a common slip.
  if (d === 1 && long >= 5 && a.fold.length !== b.fold.length) sim = Math.max(sim, 0.86);
  if (
    long >= 5 &&
    Math.min(a.fold.length, b.fold.length) >= 4 &&
    sim < 0.72 &&
    d <= long / 2 &&
    !COMMON_GIVEN_NAMES.has(a.w) &&
    !COMMON_GIVEN_NAMES.has(b.w)
  ) {
    const codes = dm(b.w);
    if (dm(a.w).some((c) => codes.includes(c))) {
      sim = 0.72;
      how = 'sound';
    }
  }
  return sim >= 0.5 ? { sim, how } : undefined;
}

/** A pair of words (or of a word and two joined words) of two names. */
export interface WordPair {
  a: string;
  b: string;
  sim: number;
  how: WordLikeness['how'];
}

/** The score of two names and the words that paired. */
export interface NameScore {
  score: number;
  pairs: WordPair[];
}

function joined(x: NameWord, y: NameWord): NameWord {
  return { ...word(x.w + y.w), syl: foldSyllable(x.w) + foldSyllable(y.w) };
}

/**
 * The words of `a` with two neighbours joined where the joined word is alike to a word of
 * `b` ("ze dong" / "zedong", "jean luc" / "jeanluc"), so that they can pair as one.
 */
function joinNeighbours(a: NameWord[], b: NameWord[]): NameWord[] {
  if (a.length < 2) return a;
  const out: NameWord[] = [];
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = a[i + 1];
    if (y && !x.initial && !y.initial && !b.some((w) => w.w === x.w || w.w === y.w)) {
      const j = joined(x, y);
      const alike = (w: NameWord) =>
        w.fold === j.fold ||
        (j.fold.length >= 6 && distance(w.fold, j.fold) <= 1) ||
        foldSyllable(w.w) === j.syl;
      if (b.some((w) => w.w.length > Math.max(x.w.length, y.w.length) && alike(w))) {
        out.push(j);
        i++;
        continue;
      }
    }
    out.push(x);
  }
  return out;
}

/**
 * The score of two names' profiles under `weight` (see the module comment), from 0 to 1.
 * Equal word lists score 1.
 */
export function scoreProfiles(p: NameProfile, q: NameProfile, weight: WordWeight): NameScore {
  // One name written without vowels and the other with them: only the consonants can be compared.
  if (p.abjad !== q.abjad) {
    const [x, y] = [profileConsonants(p), profileConsonants(q)];
    const long = Math.max(x.length, y.length);
    if (long < 3) return { score: 0, pairs: [] };
    const sim = 1 - distance(x, y) / long;
    return {
      score: Math.max(0, Math.min(0.9, sim)),
      pairs: [{ a: x, b: y, sim, how: 'romanisation' }],
    };
  }
  // Joining two words into one only helps the name with more words.
  const a = p.words.length > q.words.length ? joinNeighbours(p.words, q.words) : p.words;
  const b = q.words.length > p.words.length ? joinNeighbours(q.words, p.words) : q.words;
  if (a.length === 0 || b.length === 0) return { score: 0, pairs: [] };
  const wa = a.map(weight);
  const wb = b.map(weight);
  const candidates: { i: number; j: number; l: WordLikeness }[] = [];
  for (let i = 0; i < a.length; i++)
    for (let j = 0; j < b.length; j++) {
      const l = wordLikeness(a[i]!, b[j]!);
      if (l) candidates.push({ i, j, l });
    }
  candidates.sort(
    (x, y) => y.l.sim - x.l.sim || Math.min(wa[y.i]!, wb[y.j]!) - Math.min(wa[x.i]!, wb[x.j]!),
  );
  const usedA = new Set<number>();
  const usedB = new Set<number>();
  const pairs: WordPair[] = [];
  let credit = 0;
  let info = 0;
  let paired = 0;
  for (const { i, j, l } of candidates) {
    if (usedA.has(i) || usedB.has(j)) continue;
    usedA.add(i);
    usedB.add(j);
    // An initial carries the information of a letter: the pair counts at the lighter word's weight.
    const both = l.how === 'initial' ? 2 * Math.min(wa[i]!, wb[j]!) : wa[i]! + wb[j]!;
    credit += l.sim * both;
    // Two forms of a given name that look different count as a disagreement of at least a rare word's weight.
    paired += l.how === 'given-name' && l.sim < 0.9 ? Math.max(both, 2 * LEFT_WORD_WEIGHT) : both;
    info += l.sim * Math.min(wa[i]!, wb[j]!);
    pairs.push({ a: a[i]!.w, b: b[j]!.w, sim: l.sim, how: l.how });
  }
  // A word left over weighs at least as much as a fairly rare word: "Hiroshi Harris" and "Ben Harris" differ, however common both given names are.
  const left = (words: NameWord[], used: Set<number>, w: number[]) =>
    words.reduce(
      (sum, x, i) =>
        sum +
        (used.has(i) ? 0 : x.initial || x.particle ? w[i]! : Math.max(w[i]!, LEFT_WORD_WEIGHT)),
      0,
    );
  const leftA = left(a, usedA, wa);
  const leftB = left(b, usedB, wb);
  // Every word of the shorter name (two or more) paired, none by an initial: the longer one's other words are likely more of the same name.
  const noInitials = pairs.every((x) => x.how !== 'initial');
  const aInside = usedA.size === a.length && a.length >= 2 && noInitials;
  const bInside = usedB.size === b.length && b.length >= 2 && noInitials;
  const rest = (aInside ? 0.3 : 1) * leftB + (bInside ? 0.3 : 1) * leftA;
  let score = credit / (paired + rest || 1);
  // Little information behind the pairs (common names, initials): at most "possible".
  if (info < MIN_INFO && !(leftA === 0 && leftB === 0 && pairs.every((x) => x.how === 'same')))
    score = Math.min(score, LIKELY_SCORE - 0.1);
  return { score: Math.max(0, Math.min(1, score)), pairs };
}

/** The least weight a word left over counts for (about a word held by 1 name in 40). */
const LEFT_WORD_WEIGHT = 5;
/** The least information (sum of the lighter weights of paired words) behind a likely match: more than one common given and family name. */
const MIN_INFO = 8;

/** What may tell two people apart or bring them together besides their names. */
export interface MatchContext {
  url?: string | undefined;
  github?: string | undefined;
  role?: string | undefined;
  organisation?: string | undefined;
  country?: string | undefined;
}

/** One piece of evidence from the context, and how it moved the score. */
export interface ContextNote {
  what:
    | 'same url'
    | 'different url'
    | 'same GitHub login'
    | 'different GitHub login'
    | 'same organisation'
    | 'similar role'
    | 'different role and organisation'
    | 'different country'
    | 'same country'
    | 'rejected as fake';
  delta: number;
}

const urlKey = (u: string) =>
  u
    .trim()
    .toLowerCase()
    .replace(/^https?:\/\/(www\.)?/, '')
    .replace(/(?<!\/)\/+$/, '');

/**
 * Evidence from the context of two signatures: the same url (+0.2) or GitHub login (+0.3)
 * raises the score; a different url (-0.15) or login (-0.25) lowers it; a role and
 * organisation sharing a third of their words (+0.1, "Former WHO Director-General" and
 * "Former Director-General, World Health Organization"), the same organisation (+0.05) or
 * country (+0.02) raise it a little; a role and organisation with no word in common
 * (-0.05) and a different country (-0.1) lower it.
 */
export function contextNotes(a: MatchContext, b: MatchContext): ContextNote[] {
  const notes: ContextNote[] = [];
  if (a.url && b.url)
    notes.push(
      urlKey(a.url) === urlKey(b.url)
        ? { what: 'same url', delta: 0.2 }
        : { what: 'different url', delta: -0.15 },
    );
  if (a.github && b.github)
    notes.push(
      a.github.toLowerCase() === b.github.toLowerCase()
        ? { what: 'same GitHub login', delta: 0.3 }
        : { what: 'different GitHub login', delta: -0.25 },
    );
  if (
    a.organisation &&
    b.organisation &&
    normalisedText(a.organisation) === normalisedText(b.organisation)
  )
    notes.push({ what: 'same organisation', delta: 0.05 });
  else if ((a.role || a.organisation) && (b.role || b.organisation)) {
    const overlap = wordOverlap(
      `${a.role ?? ''} ${a.organisation ?? ''}`,
      `${b.role ?? ''} ${b.organisation ?? ''}`,
    );
    if (overlap >= 1 / 3) notes.push({ what: 'similar role', delta: 0.1 });
    else if (overlap === 0) notes.push({ what: 'different role and organisation', delta: -0.05 });
  }
  if (a.country && b.country)
    notes.push(
      a.country === b.country
        ? { what: 'same country', delta: 0.02 }
        : { what: 'different country', delta: -0.1 },
    );
  return notes;
}

const ROLE_STOP_WORDS = new Set([
  'former',
  'the',
  'of',
  'and',
  'for',
  'at',
  'in',
  'a',
  'an',
  'to',
  'ex',
  'on',
  'de',
  'la',
  'le',
  'du',
  'des',
  'et',
]);

// Roles and organisations repeat across a letter's pairs: each text's words are found once.
const contentWordSets = new Map<string, Set<string>>();
function contentWords(s: string): Set<string> {
  let words = contentWordSets.get(s);
  if (words === undefined) {
    if (contentWordSets.size > 50_000) contentWordSets.clear();
    words = new Set(
      normalisedText(s)
        .split(' ')
        .filter((w) => w.length > 1 && !ROLE_STOP_WORDS.has(w)),
    );
    contentWordSets.set(s, words);
  }
  return words;
}

const texts = new Map<string, string>();
/** `normaliseName` of a role or organisation, computed once per text. */
const normalisedText = (s: string) => memo(texts, s, normaliseName);

/** The share of distinct content words two texts have in common (Jaccard), 0 to 1. */
function wordOverlap(a: string, b: string): number {
  const x = contentWords(a);
  const y = contentWords(b);
  const shared = [...x].filter((w) => y.has(w)).length;
  return shared === 0 ? 0 : shared / (x.size + y.size - shared);
}

/** The words of a score in a sentence: "madeline ~ madeleine (spelling), albright (same)". */
export function describePairs(pairs: readonly WordPair[]): string {
  return pairs
    .map((p) =>
      p.how === 'same'
        ? p.a
        : `${p.a} ~ ${p.b} (${p.how === 'given-name' ? 'forms of one given name' : p.how === 'letters' ? 'spelling' : p.how})`,
    )
    .join(', ');
}
