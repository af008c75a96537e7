/**
 * The words of what makes the page travel: the chart's axes and caption, "last updated", the
 * feed and the count badge, in English, French and Spanish (English for any other language,
 * as phrases.ts). Functions take numbers and dates already written for the locale.
 */

/** Every phrase of the chart, the feed and the badge. */
export interface PagePhrases {
  /** The chart's horizontal axis: days, UTC. */
  chartDays: string;
  /** The chart's vertical axis: the running total. */
  chartCount: string;
  /** The chart's caption: what is counted, from when to when, and the total. */
  chartCaption: (from: string, to: string, total: string) => string;
  /** Before the date of the newest change on the page. */
  lastUpdated: string;
  /** The link to the Atom feed. */
  feed: string;
  /** The title of the feed: the letter's title and what it carries. */
  feedTitle: (title: string) => string;
  /** A feed entry for a signature: its name and, when given, affiliation. */
  signedEntry: (name: string) => string;
  /** A feed entry for a new version of the text (`version`: v2, or its hash). */
  revisedEntry: (version: string) => string;
  /** The badge's left half. */
  badgeLabel: string;
  /** The badge's right half before the embargo: no count is given. */
  badgeEmbargoed: string;
}

const en: PagePhrases = {
  chartDays: 'Day signed (UTC)',
  chartCount: 'Signatures, running total',
  chartCaption: (from, to, total) =>
    `Published signatures counted day by day (UTC), from ${from} to ${to}: ${total} in all. Each step is a day on which people signed.`,
  lastUpdated: 'Last updated',
  feed: 'Follow new signatures (Atom feed)',
  feedTitle: (t) => `${t}: new signatures and changes to the text`,
  signedEntry: (name) => `${name} signed`,
  revisedEntry: (v) => `The text was revised (${v})`,
  badgeLabel: 'signatures',
  badgeEmbargoed: 'embargoed',
};

const fr: PagePhrases = {
  chartDays: 'Jour de signature (UTC)',
  chartCount: 'Signatures, total cumulé',
  chartCaption: (from, to, total) =>
    `Signatures publiées, comptées jour par jour (UTC), du ${from} au ${to}\u202f: ${total} au total. Chaque marche est un jour de signatures.`,
  lastUpdated: 'Dernière mise à jour',
  feed: 'Suivre les nouvelles signatures (flux Atom)',
  feedTitle: (t) => `${t}\u202f: nouvelles signatures et modifications du texte`,
  signedEntry: (name) => `${name} a signé`,
  revisedEntry: (v) => `Le texte a été révisé (${v})`,
  badgeLabel: 'signatures',
  badgeEmbargoed: 'sous embargo',
};

const es: PagePhrases = {
  chartDays: 'Día de la firma (UTC)',
  chartCount: 'Firmas, total acumulado',
  chartCaption: (from, to, total) =>
    `Firmas publicadas, contadas día a día (UTC), del ${from} al ${to}: ${total} en total. Cada escalón es un día con firmas.`,
  lastUpdated: 'Última actualización',
  feed: 'Seguir las nuevas firmas (canal Atom)',
  feedTitle: (t) => `${t}: nuevas firmas y cambios del texto`,
  signedEntry: (name) => `${name} firmó`,
  revisedEntry: (v) => `Se revisó el texto (${v})`,
  badgeLabel: 'firmas',
  badgeEmbargoed: 'bajo embargo',
};

const PHRASES: Record<string, PagePhrases> = { en, fr, es };

/** The page's phrases for a BCP 47 language tag ("fr-CA" → French); English for any other language. */
export function pagePhrasesFor(language: string): PagePhrases {
  return PHRASES[language.toLowerCase().split('-')[0]!] ?? en;
}
