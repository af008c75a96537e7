/**
 * Sort keys derived from displayed names, so that nobody has to type `sort_as`. Pure.
 *
 * The key has the format of the keys written by hand in the example letter: the family
 * name first, then the given names, separated by spaces, no comma ("Desmond Tutu" → "Tutu
 * Desmond", "Ban Ki-moon" → "Ban Ki-moon"). See `deriveSortKey` for the rules.
 */

import { EAST_ASIAN_COMMON_FAMILY_NAMES } from './name-data.js';
import { MAX_NAME_LENGTH, type Signature } from './schema.js';

/** What is known of a name besides its displayed form. */
export interface SortKeyHints {
  /** The letter's language (BCP 47): `es` reads two family names, `pt` one, `is` keeps the order. */
  language?: string | undefined;
  /** The name is written family name first (its key is the name as written, less titles). */
  familyNameFirst?: boolean | undefined;
  /** Given names, from an import with separate columns. */
  first?: string | undefined;
  /** Family name, from an import with separate columns. */
  last?: string | undefined;
}

// Words are compared in lower case without their final full stop ("Dr." → "dr", "H.E." → "h.e").
const HONORIFICS = new Set([
  'dr',
  'dra',
  'prof',
  'professor',
  'sir',
  'dame',
  'h.e',
  'mr',
  'mrs',
  'ms',
  'miss',
  'mx',
  'mme',
  'mlle',
  'rev',
  'revd',
  'hon',
  'rt',
  'lord',
  'lady',
  'herr',
  'frau',
  'sr',
  'sra',
  'srta',
  'dott',
  'dott.ssa',
  'ing',
  'lic',
]);
// Compared without any full stop ("Ph.D." → "phd").
const SUFFIXES = new Set([
  'jr',
  'jnr',
  'sr',
  'snr',
  'ii',
  'iii',
  'iv',
  'phd',
  'dphil',
  'md',
  'esq',
  'obe',
  'cbe',
  'kbe',
  'dbe',
  'mbe',
  'frs',
  'qc',
  'kc',
  'mp',
  'mep',
]);
// Portuguese agnomes stay with the family name before them ("Guimarães Filho").
const AGNOMES = new Set(['filho', 'neto', 'júnior', 'junior', 'sobrinho']);
const PARTICLES = new Set([
  'van',
  'der',
  'den',
  'de',
  'del',
  'della',
  'delle',
  'dei',
  'degli',
  'di',
  'da',
  'das',
  'do',
  'dos',
  'du',
  'des',
  'von',
  'zu',
  'und',
  'le',
  'la',
  'les',
  'ten',
  'ter',
  'te',
  'bin',
  'ibn',
  'bint',
  'al',
  'el',
  'af',
  'av',
  'y',
  'e',
  "d'",
  "l'",
]);
// Spanish particles that join the word before them into one compound surname ("Ponce de León", "Ortega y Gasset").
const JOINING = new Set(['de', 'del', 'y']);
const ORGANISATION_WORDS = new Set([
  'foundation',
  'fondation',
  'stiftung',
  'fundación',
  'fundação',
  'institute',
  'institut',
  'instituto',
  'inc',
  'incorporated',
  'project',
  'association',
  'asociación',
  'associação',
  'university',
  'université',
  'universidad',
  'universität',
  'ltd',
  'limited',
  'llc',
  'llp',
  'plc',
  'gmbh',
  'e.v',
  'corp',
  'corporation',
  'company',
  'society',
  'council',
  'committee',
  'coalition',
  'alliance',
  'network',
  'federation',
  'trust',
  'centre',
  'center',
  'college',
  'ngo',
  'international',
  'campaign',
  'movement',
  'ministry',
  'agency',
  'organisation',
  'organization',
  'group',
  'labs',
  '&',
  'lab',
  'laboratory',
  'commons',
  'club',
  'team',
  'collective',
  'cooperative',
  'coop',
  'initiative',
  'community',
  'experiment',
  'software',
  'technologies',
  'technology',
  'systems',
  'solutions',
  'media',
  'press',
  'studio',
  'studios',
  'the',
  'for',
  'of',
  'and',
  'und',
  'et',
  'gnu',
  'linux',
  'open',
  'free',
  'party',
  'union',
  'consortium',
  'hackerspace',
  'makerspace',
  'school',
  'academy',
  'museum',
  'library',
  'department',
]);
// Common Chinese family names in pinyin, Wade-Giles and Cantonese spellings, and Korean ones.
const EAST_ASIAN_FAMILY_NAMES = new Set([
  ...EAST_ASIAN_COMMON_FAMILY_NAMES,
  'fu',
  'zhong',
  'xi',
  'mao',
  'wen',
  'bo',
  'qian',
  'kong',
  'lei',
  'chiang',
  'chou',
  'hsu',
  'tsai',
  'chang',
  'leung',
  'lau',
  'chung',
  'moon',
  'roh',
  'kwon',
  'hwang',
  'ahn',
  'ban',
  'chun',
]);
const VIETNAMESE_FAMILY_NAMES = new Set([
  'nguyen',
  'nguyễn',
  'tran',
  'trần',
  'le',
  'lê',
  'pham',
  'phạm',
  'hoang',
  'hoàng',
  'vo',
  'võ',
  'phan',
  'vu',
  'vũ',
  'dang',
  'đặng',
  'bui',
  'bùi',
  'do',
  'đỗ',
  'ngo',
  'ngô',
  'duong',
  'dương',
]);
const VIETNAMESE_MIDDLE_NAMES = new Set(['van', 'văn', 'thi', 'thị']);
// Spanish given names, never read as a surname ("Juan Carlos Onetti"); one of them first also marks a name as Spanish.
const SPANISH_GIVEN_NAMES = new Set([
  'josé',
  'jose',
  'juan',
  'luis',
  'carlos',
  'jorge',
  'pedro',
  'pablo',
  'óscar',
  'ernesto',
  'miguel',
  'francisco',
  'javier',
  'alejandro',
  'fernando',
  'felipe',
  'gonzalo',
  'maría',
  'carmen',
  'dolores',
  'rigoberta',
  'alberto',
  'andrés',
  'manuel',
  'ricardo',
  'rafael',
  'sergio',
  'diego',
  'raúl',
  'jesús',
  'mercedes',
  'pilar',
  'guadalupe',
  'isabel',
  'beatriz',
  'verónica',
  'evo',
  'hugo',
  'nicolás',
  'sebastián',
  'ramón',
  'gabriela',
  'ángel',
  'joaquín',
  'ignacio',
  'santiago',
]);
// Common Spanish surnames with neither an accent nor the ending -ez.
const SPANISH_FAMILY_NAMES = new Set([
  'arias',
  'garcia',
  'vargas',
  'torres',
  'flores',
  'rivera',
  'ramos',
  'reyes',
  'morales',
  'ortiz',
  'castillo',
  'romero',
  'herrera',
  'medina',
  'castro',
  'vega',
  'mendoza',
  'ruiz',
  'moreno',
  'rojas',
  'cruz',
  'ortega',
  'navarro',
  'delgado',
  'aguilar',
  'guerrero',
  'molina',
  'soto',
  'contreras',
  'espinoza',
  'sandoval',
  'salazar',
  'zapatero',
  'ponce',
  'llosa',
  'gasset',
]);

const EAST_ASIAN_SCRIPT =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const SPANISH_LETTERS = /[áéíóúñ]/;
// A pinyin syllable (tone marks removed): an optional initial and a final.
const PINYIN =
  '(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?(?:iang|iong|uang|ueng|iao|ian|uai|uan|ang|eng|ing|ong|ai|ei|ao|ou|an|en|er|ia|ie|iu|in|ua|uo|ui|un|ue|ve|a|o|e|i|u|v)';
const TWO_PINYIN_SYLLABLES = new RegExp(`^${PINYIN}${PINYIN}$`);
const ONE_SYLLABLE = /^[^aeiouyáéíóúäöü]*[aeiouyáéíóúäöü]+[^aeiouyáéíóúäöü]*$/;
// A romanised Chinese or Korean given name in two parts: "Ki-moon", "Dae-jung", "Tse-tung".
const HYPHENATED_GIVEN = /^\p{Lu}\p{Ll}{0,5}-\p{Ll}{1,6}$/u;

const bare = (word: string) => word.toLowerCase().replace(/\.$/, '');
const isHonorific = (word: string) => HONORIFICS.has(bare(word));
const isSuffix = (word: string) => SUFFIXES.has(word.toLowerCase().replace(/\./g, ''));
// "y" and "e" (Spanish and Portuguese "and") only in lower case: an upper-case letter is an initial.
const isParticle = (word: string) =>
  word.length > 1 ? PARTICLES.has(word.toLowerCase()) : word === 'y' || word === 'e';
const ascii = (word: string) => word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/**
 * The sort key of a displayed name, family name first, in the format of the example
 * letter's keys ("Desmond Tutu" → "Tutu Desmond"); undefined when the name is not a
 * person's name that a key can be derived from.
 *
 * The rules, in order (they come from library cataloguing practice, simplified to what a
 * name alone can tell; `letter sign --sort-as` overrides any of them):
 * - With `hints.last` (an import with separate name columns): `last first`.
 * - Handles ("@alice", a word with a digit or "_") and organisations (a word such as
 *   Foundation, Institute, Inc, Project, Association, University, Ltd, GmbH, e.V.):
 *   undefined, so they sort by the name as written.
 * - Names in Han, Hiragana, Katakana or Hangul script are written family name first:
 *   the key is the name ("毛泽东", "반기문").
 * - Honorifics and titles before the name are dropped (Dr, Prof., Sir, Dame, H.E., Mr,
 *   Mrs, Ms, Lord...); suffixes stay at the end of the key (Jr., III, PhD, OBE...), also
 *   after a comma ("Martin Luther King, Jr." → "King Martin Luther Jr.").
 * - "Family, Given" (one comma, the rest not a suffix) is already inverted: "Family Given".
 * - One word left: that word (the key equals the name, so nothing need be written).
 * - Kept in the order written (family name first): `hints.familyNameFirst`; romanised
 *   Chinese and Korean names with a two-part hyphenated given name after a one-syllable
 *   first word ("Ban Ki-moon", "Kim Dae-jung", "Mao Tse-tung"); a common Chinese family
 *   name followed by a two-syllable pinyin given name ("Xi Jinping", "Deng Xiaoping");
 *   a Chinese or Korean family name followed by two one-syllable words ("Lee Kuan Yew",
 *   "Kim Jong Un"); Vietnamese names with Văn or Thị in the middle ("Nguyễn Văn Thiệu");
 *   Icelandic patronymics ("Vigdís Finnbogadóttir", or any name when the language is `is`),
 *   which Icelandic practice files under the given name. Japanese names in Latin script
 *   are usually written given name first ("Shinzo Abe" → "Abe Shinzo") and get the
 *   general rule. Hungarian names written in the English order are not special-cased.
 *   One-syllable pinyin given names are ambiguous ("Li Na", "Yao Ming"): read given name first.
 * - Particles stay with the family name, in the case written ("Ludwig van Beethoven" →
 *   "van Beethoven Ludwig", "Ursula von der Leyen" → "von der Leyen Ursula"): catalogues
 *   differ by language (Dutch and German ones file under Beethoven, French ones keep an
 *   article with the name), so one rule is kept that never separates a name from its
 *   particle. Particles: van, der, den, de, del, della, di, da, dos, du, des, von, zu, le,
 *   la, ten, ter, bin, ibn, al, el, af... Attached forms (al-Tayeb, d'Ormesson, O'Brien,
 *   MacArthur) are one word and need no rule.
 * - Spanish double surnames: with the language `es`, or when the name looks Spanish (the
 *   last two surnames each have a Spanish accent or ñ, end in -ez, are common Spanish
 *   surnames or compounds with de, del or y; or the first word is a Spanish given name and
 *   one of them does), the last two surnames are the family name ("Óscar Arias Sánchez" →
 *   "Arias Sánchez Óscar", "Ernesto Zedillo Ponce de León" → "Zedillo Ponce de León
 *   Ernesto"). A Spanish given name is never taken for a surname ("Juan Carlos Onetti").
 *   Portuguese (`pt`) files under the last surname with its particle and agnome (Filho,
 *   Neto...), as Portuguese and Brazilian catalogues do ("Fernando Henrique Cardoso" →
 *   "Cardoso Fernando Henrique").
 * - Otherwise the last word, with the particles before it, is the family name.
 *
 * Known limits: double family names outside Spanish ("Ellen Johnson Sirleaf") and given
 * names that follow the family name in Latin script without a marker need `--sort-as`.
 */
export function deriveSortKey(name: string, hints: SortKeyHints = {}): string | undefined {
  // A longer name is refused by validation anyway, and the nickname pattern below is quadratic in the length.
  if (name.length > MAX_NAME_LENGTH) return undefined;
  const tidy = (s: string) => s.normalize('NFC').trim().replace(/\s+/g, ' ');
  const last = tidy(hints.last ?? '');
  if (last !== '') {
    // Without a first name, the rest of the name is: "Ban Ki-moon" with last name "Ban" is "Ban Ki-moon".
    const given = hints.first ?? ` ${tidy(name)} `.replace(` ${last} `, ' ');
    const first = dropHonorifics(tidy(given).split(' ').filter(Boolean)).join(' ');
    return first === '' ? last : `${last} ${first}`;
  }
  // A nickname in quotes ("Félix 'Salamandar' Piédallu"), and words without a letter (a dash, an emoji), are not part of the order.
  const clean = tidy(
    tidy(name)
      .replace(/(^|\s)(["'“”‘’«»]).*?\2(?=\s|$)|(^|\s)["“‘«][^"”’»]*["”’»](?=\s|$)/gu, ' ')
      .split(' ')
      .filter((w) => /\p{L}/u.test(w))
      .join(' '),
  );
  if (clean === '') return undefined;
  const words = clean.split(' ');
  if (words.some((w) => w.startsWith('@') || /[0-9_]/.test(w))) return undefined;
  if (words.some((w) => ORGANISATION_WORDS.has(bare(w.replace(/[,;:()]/g, ''))))) return undefined;
  if (EAST_ASIAN_SCRIPT.test(clean)) return clean;

  // "Given Family, Jr." and "Family, Given": the parts after commas.
  const [head, ...rest] = clean
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (head === undefined) return undefined;
  const suffixes: string[] = [];
  let inverted: string | undefined;
  for (const part of rest) {
    const partWords = part.split(' ');
    if (partWords.every(isSuffix)) suffixes.push(...partWords);
    else if (inverted === undefined) inverted = part;
    else return undefined;
  }
  let core = dropHonorifics(head.split(' '));
  while (core.length > 1 && isSuffix(core[core.length - 1]!)) suffixes.unshift(core.pop()!);
  // A trailing initial ("Daniel Córdova A.") is not a family name: it goes after, like a suffix.
  while (core.length > 2 && /^\p{L}\.?$/u.test(core[core.length - 1]!))
    suffixes.unshift(core.pop()!);
  if (core.length === 0) return undefined;
  const join = (...parts: string[][]) => parts.flat().join(' ');
  if (inverted !== undefined) return join(core, dropHonorifics(inverted.split(' ')), suffixes);
  if (core.length === 1 || hints.familyNameFirst || writtenFamilyFirst(core, hints.language))
    return join(core, suffixes);

  const language = (hints.language ?? '').toLowerCase().split('-')[0];
  let start = unitStart(core, core.length - 1, false);
  if (language !== 'pt') {
    const spanishStart = unitStart(core, core.length - 1, true);
    const second =
      spanishStart > 1 && !SPANISH_GIVEN_NAMES.has(core[spanishStart - 1]!.toLowerCase())
        ? unitStart(core, spanishStart - 1, true)
        : undefined;
    if (second !== undefined && (language === 'es' || looksSpanish(core, second, spanishStart)))
      start = second;
    else if (language === 'es' || spanishSurname(core.slice(spanishStart))) start = spanishStart;
  }
  core = [...core.slice(start), ...core.slice(0, start)];
  return join(core, suffixes);
}

/** The words without the honorifics and titles before the name ("Prof. Dr." too); at least one word is kept. */
function dropHonorifics(words: string[]): string[] {
  let i = 0;
  while (i < words.length - 1 && isHonorific(words[i]!)) i++;
  return words.slice(i);
}

/** Names whose written order is already family name first (see `deriveSortKey`). */
function writtenFamilyFirst(words: string[], language: string | undefined): boolean {
  const [first, second, third] = words.map((w) => ascii(w));
  if (
    language?.toLowerCase().split('-')[0] === 'is' ||
    /d[oó]ttir$/i.test(words[words.length - 1]!)
  )
    return true;
  if (words.length === 2 && HYPHENATED_GIVEN.test(words[1]!) && ONE_SYLLABLE.test(first!))
    return true;
  if (
    words.length === 2 &&
    EAST_ASIAN_FAMILY_NAMES.has(first!) &&
    first !== 'lee' &&
    first !== 'kim' &&
    TWO_PINYIN_SYLLABLES.test(second!)
  )
    return true;
  if (
    words.length === 3 &&
    EAST_ASIAN_FAMILY_NAMES.has(first!) &&
    [second!, third!].every(
      (w, i) => w.length <= 4 && ONE_SYLLABLE.test(w) && /^\p{Lu}/u.test(words[i + 1]!),
    )
  )
    return true;
  if (
    words.length >= 3 &&
    VIETNAMESE_FAMILY_NAMES.has(words[0]!.toLowerCase()) &&
    VIETNAMESE_MIDDLE_NAMES.has(words[1]!.toLowerCase())
  )
    return true;
  return false;
}

/**
 * Where the surname ending at `end` starts: the word, an agnome's word before it, the
 * particles before those, and in Spanish (`spanish`) the word a joining particle links in
 * ("Ponce de León"). The first word always stays a given name.
 */
function unitStart(words: string[], end: number, spanish: boolean): number {
  let i = end;
  if (AGNOMES.has(words[i]!.toLowerCase()) && i > 1) i--;
  for (;;) {
    while (i > 1 && isParticle(words[i - 1]!)) i--;
    const before = words[i - 1];
    if (
      spanish &&
      i > 1 &&
      i < end &&
      JOINING.has(words[i]!) &&
      !isParticle(before!) &&
      !SPANISH_GIVEN_NAMES.has(before!.toLowerCase())
    ) {
      i--;
      continue;
    }
    return i;
  }
}

/** Whether a surname (its words) looks Spanish: an accent or ñ, the ending -ez, a common Spanish surname, or two joined by y. */
function spanishSurname(unit: string[]): boolean {
  return unit.some((w) => {
    const lower = w.toLowerCase();
    return (
      SPANISH_LETTERS.test(lower) ||
      (lower.length >= 4 && lower.endsWith('ez')) ||
      SPANISH_FAMILY_NAMES.has(lower) ||
      (w === 'y' && unit.length > 1)
    );
  });
}

/** Whether the two surnames after the given names (from `second` to `first` and from `first` on) look Spanish. */
function looksSpanish(words: string[], second: number, first: number): boolean {
  const a = spanishSurname(words.slice(second, first));
  const b = spanishSurname(words.slice(first));
  return (a && b) || ((a || b) && SPANISH_GIVEN_NAMES.has(words[0]!.toLowerCase()));
}

/**
 * `sort_as: <key>` as a line of YAML: plain when the key is plain text, else in double
 * quotes (JSON strings are YAML double-quoted strings).
 */
export function sortAsLine(key: string): string {
  const plain =
    /^\p{L}[\p{L}\p{M}\p{N} .'’-]*$/u.test(key) &&
    !/^(?:null|true|false|y|n|yes|no|on|off)$/i.test(key);
  return `sort_as: ${plain ? key : JSON.stringify(key)}`;
}

/**
 * The `sort_as` a new signature gets when none was given: the derived key (see
 * `deriveSortKey`), or undefined when there is none or it equals the name as written
 * (a single word, a name in Han script), which sorts the same without it.
 */
export function sortKeyToWrite(name: string, hints: SortKeyHints = {}): string | undefined {
  const key = deriveSortKey(name, hints);
  return key === undefined || key === name.normalize('NFC').trim().replace(/\s+/g, ' ')
    ? undefined
    : key;
}

/**
 * A published signature (pending or verified) without `sort_as`, with the key
 * `sortKeyToWrite` gives it; any other signature as it is.
 */
export function withDerivedSortKey(signature: Signature, language: string): Signature {
  if (
    signature.sort_as !== undefined ||
    (signature.status !== 'pending' && signature.status !== 'verified')
  )
    return signature;
  const key = sortKeyToWrite(signature.name, { language });
  if (key === undefined) return signature;
  // Key order in the file is settled when it is written (signatureText).
  return { ...signature, sort_as: key };
}
