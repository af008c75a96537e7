/**
 * The words of the shipped templates in each language they speak: English, French and
 * Spanish. A letter in another language gets English words, with dates, numbers and
 * country names still in its own language (Unicode CLDR through Intl).
 */

/** Every phrase a template can use; the functions take numbers already formatted for the language. */
export interface Phrases {
  openLetterTo: string;
  organisedBy: string;
  and: string;
  opened: string;
  signatories: string;
  otherSignatories: string;
  signedBy: (n: number, formatted: string) => string;
  signedCurrentText: (n: number, formatted: string) => string;
  /** The legend of the mark (†) on signatories who agreed to an earlier version of the text, with the versions' names. */
  agreedToEarlier: (versions: string) => string;
  search: string;
  searchHint: string;
  shown: (shown: string, total: string) => string;
  noMatch: string;
  page: string;
  of: string;
  /** After a group's name at the top of a printed page or column that goes on with the group. */
  continued: string;
  chartTitle: string;
  link: string;
  /** The link to where people sign (letter.yaml `sign_url:`). */
  signThisLetter: string;
  /** The mark of a render that is not for publication: a draft letter's, or one under embargo. */
  draftPreview: string;
  embargoedPreview: string;
  /** Between the mark and what it says ("EMBARGOED PREVIEW: not for publication..."). */
  previewSeparator: string;
  notForPublication: string;
  /** `date` in the language's long form, `time` as HH:MM (UTC). */
  notBefore: (date: string, time: string) => string;
}

const en: Phrases = {
  openLetterTo: 'An open letter to',
  organisedBy: 'Organised by',
  and: 'and',
  opened: 'Opened',
  signatories: 'Signatories',
  otherSignatories: 'Other signatories',
  signedBy: (n, f) => (n === 1 ? 'Signed by 1 person' : `Signed by ${f} people`),
  signedCurrentText: (n, f) =>
    n === 1
      ? '1 of them signed the text as it reads now'
      : `${f} of them signed the text as it reads now`,
  agreedToEarlier: (v) => `† agreed to an earlier version of the text (${v})`,
  search: 'Search the signatories',
  searchHint: 'Type a name, a role, an organisation or a country.',
  shown: (s, t) => `${s} of ${t} shown`,
  noMatch: 'No signatory matches.',
  page: 'Page',
  of: 'of',
  continued: '(continued)',
  chartTitle: 'Signatures over time',
  link: 'link',
  signThisLetter: 'Sign this letter',
  draftPreview: 'DRAFT PREVIEW',
  embargoedPreview: 'EMBARGOED PREVIEW',
  previewSeparator: ': ',
  notForPublication: 'not for publication',
  notBefore: (d, t) => `not for publication before ${d}, ${t} UTC`,
};

const fr: Phrases = {
  // Translated addressees carry their own preposition: "Lettre ouverte aux gouvernements du monde".
  openLetterTo: 'Lettre ouverte',
  organisedBy: 'Organisée par',
  and: 'et',
  opened: 'Ouverte le',
  signatories: 'Signataires',
  otherSignatories: 'Autres signataires',
  signedBy: (n, f) => (n <= 1 ? `Signée par ${f} personne` : `Signée par ${f} personnes`),
  signedCurrentText: (n, f) =>
    n <= 1 ? `dont ${f} a signé le texte actuel` : `dont ${f} ont signé le texte actuel`,
  agreedToEarlier: (v) => `† a signé une version antérieure du texte (${v})`,
  search: 'Rechercher parmi les signataires',
  searchHint: 'Saisissez un nom, une fonction, une organisation ou un pays.',
  shown: (s, t) => `${s} sur ${t} affichés`,
  noMatch: 'Aucun signataire ne correspond.',
  page: 'Page',
  of: 'sur',
  continued: '(suite)',
  chartTitle: 'Signatures au fil du temps',
  link: 'lien',
  signThisLetter: 'Signer cette lettre',
  draftPreview: 'APERÇU DU BROUILLON',
  embargoedPreview: 'APERÇU SOUS EMBARGO',
  // French sets a (narrow) no-break space before a colon.
  previewSeparator: '\u202f: ',
  notForPublication: 'ne pas publier',
  notBefore: (d, t) => `ne pas publier avant le ${d} à ${t} UTC`,
};

const es: Phrases = {
  openLetterTo: 'Carta abierta',
  organisedBy: 'Organizada por',
  and: 'y',
  opened: 'Abierta el',
  signatories: 'Firmantes',
  otherSignatories: 'Otros firmantes',
  signedBy: (n, f) => (n === 1 ? 'Firmada por 1 persona' : `Firmada por ${f} personas`),
  signedCurrentText: (n, f) =>
    n === 1 ? '1 de ellas firmó el texto actual' : `${f} de ellas firmaron el texto actual`,
  agreedToEarlier: (v) => `† firmó una versión anterior del texto (${v})`,
  search: 'Buscar entre los firmantes',
  searchHint: 'Escriba un nombre, un cargo, una organización o un país.',
  shown: (s, t) => `${s} de ${t} mostrados`,
  noMatch: 'Ningún firmante coincide.',
  page: 'Página',
  of: 'de',
  continued: '(continuación)',
  chartTitle: 'Firmas a lo largo del tiempo',
  link: 'enlace',
  signThisLetter: 'Firmar esta carta',
  draftPreview: 'VISTA PREVIA DEL BORRADOR',
  embargoedPreview: 'VISTA PREVIA BAJO EMBARGO',
  previewSeparator: ': ',
  notForPublication: 'no publicar',
  notBefore: (d, t) => `no publicar antes del ${d}, ${t} UTC`,
};

const PHRASES: Record<string, Phrases> = { en, fr, es };

/** The languages the shipped templates speak. */
export const TEMPLATE_LANGUAGES = Object.keys(PHRASES);

/** The phrases for a BCP 47 language tag ("fr", "fr-CA" → French); English for any other language. */
export function phrasesFor(language: string): Phrases {
  return PHRASES[language.toLowerCase().split('-')[0]!] ?? en;
}
