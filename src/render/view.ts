/**
 * The view model templates see: plain objects, every optional field present (null when
 * absent) so that Handlebars' strict mode can tell a missing field from an empty one.
 * Words, dates, numbers, country names and collation follow the language rendered.
 */
import MarkdownIt from 'markdown-it';
import { countryName } from '../letter/countries.js';
import type { Delivery } from '../letter/deliveries.js';
import type { Publication } from '../letter/embargo.js';
import { type GroupSource, groupedSource, groupSignatures } from '../letter/order.js';
import type { LetterFile, Signature } from '../letter/schema.js';
import { publishedStatuses } from '../letter/signatures.js';
import { toLf } from '../letter/text.js';
import { textVersion } from '../letter/text-version.js';
import type { Streamed } from '../streaming.js';
import { signaturesChart } from './chart.js';
import { PAGE_FILE_SUFFIXES } from './count-files.js';
import { type DeliveriesView, deliveriesView } from './deliveries-view.js';
import { textDirection } from './direction.js';
import { dayFormatter, displayLocale } from './display-dates.js';
import { pagePhrasesFor } from './page-phrases.js';
import { phrasesFor } from './phrases.js';
import { type PreviewView, previewView } from './preview.js';
import { LONG_LIST, PAGE_CSP, PRINT_CSP, SEARCH_SCRIPT } from './search-script.js';
import { letterDescription, type ShareView, shareView } from './share.js';

/** One signatory as templates see it. */
export interface SignatoryView {
  id: string;
  name: string;
  sortKey: string;
  role: string | null;
  organisation: string | null;
  /** Role and organisation joined by ", ", or null. */
  affiliation: string | null;
  /** The ISO 3166-1 code and its name in the language rendered, or null when the signature gives no country. */
  country: string | null;
  countryName: string | null;
  url: string | null;
  status: string;
  /** ISO 8601 UTC, and as a date in the language rendered. */
  signedAt: string;
  signedOn: string;
  /** Name, affiliation and country, folded (lower case, no accents), for the page's search. */
  search: string;
  /** The name of the version of the text the signatory agreed to (v1, see `letter versions`) when it is not the current one; else null. */
  earlierVersion: string | null;
}

/** One group as templates see it; `id` "other" holds signatures in no group. */
export interface GroupView {
  id: string;
  name: string;
  count: number;
  signatories: SignatoryView[];
}

/** The words of the templates in the language rendered (see phrases.ts). */
export interface PhrasesView {
  openLetterTo: string;
  organisedBy: string;
  and: string;
  opened: string;
  signatories: string;
  search: string;
  searchHint: string;
  shownTemplate: string;
  noMatch: string;
  page: string;
  of: string;
  chartTitle: string;
  link: string;
  /** Before the date of the newest change ("Last updated"), and the link to the feed. */
  lastUpdated: string;
  feed: string;
}

/**
 * Everything a letter template can use. Fields ending in `Html` or `Markdown` are trusted
 * and reach the output as they are: the body (written by editors; HTML made by markdown-it
 * with raw HTML off), the chart (SVG drawn here), the search script and its policy.
 */
export interface LetterView {
  title: string;
  slug: string;
  addressee: string;
  language: string;
  /** The locale dates and numbers are written in (see display-dates.ts `displayLocale`): en-GB. */
  locale: string;
  direction: 'ltr' | 'rtl';
  /** What the letter is about, for the page's description and a shared link (see share.ts `letterDescription`). */
  description: string;
  share: ShareView;
  /** When the letter last changed (see share.ts `lastUpdated`): ISO 8601 UTC and as a day in the locale; null when undated. */
  updated: { at: string; display: string } | null;
  /** The Atom feed the page links to: its file name, beside the page; null when it is not written beside it (a delivery bundle). */
  feed: { url: string } | null;
  status: string;
  organisers: { name: string; url: string | null }[];
  /** The "Sign this letter" link (letter.yaml `sign_url:`) while the letter is open; else null. */
  sign: { url: string; text: string } | null;
  opened: string | null;
  openedDisplay: string | null;
  count: number;
  countText: string;
  /** "N of them signed the text as it reads now", when some signed an earlier text; else null. */
  currentTextNote: string | null;
  /** The legend of the mark (†) on signatories who agreed to an earlier version: "† agreed to an earlier version of the text (v1)"; else null. */
  earlierVersionNote: string | null;
  groups: GroupView[];
  phrases: PhrasesView;
  bodyMarkdown: string;
  bodyHtml: string;
  /** More than `LONG_LIST` signatories: the page skips the layout of groups off screen (see search-script.ts). */
  longList: boolean;
  chartHtml: string | null;
  /** What the chart shows, in words (a figcaption); null with the chart. */
  chartCaption: string | null;
  scriptHtml: string;
  cspHtml: string;
  /** The Content-Security-Policy of the print version (no script, no network). */
  printCspHtml: string;
  /**
   * The mark of a render not for publication (a draft, or before the letter's embargo; see
   * preview.ts): null for a final render. Templates show it with `{{#if preview}}`.
   */
  preview: PreviewView | null;
  /** The deliveries of the letter and what came back (deliveries.yaml), for the page's "Delivered" section; null when none. */
  deliveries: DeliveriesView | null;
}

/** A group of a `StreamedLetterView`: its signatories made one at a time as a render walks them (an empty array when none). */
export type StreamedGroupView = Omit<GroupView, 'signatories'> & {
  signatories: Streamed<SignatoryView> | SignatoryView[];
};

/** A `LetterView` whose signatories are made as a render writes them, so that none is held. */
export type StreamedLetterView = Omit<LetterView, 'groups'> & { groups: StreamedGroupView[] };

const markdown = new MarkdownIt({ html: false, linkify: false, typographer: false });
// ASCII text has no accents to remove.
const fold = (s: string) =>
  /^[\x00-\x7f]*$/.test(s)
    ? s.toLowerCase()
    : s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** Options of `letterView`: the language to render (the letter's own by default) and its body. */
export interface ViewOptions {
  lang?: string;
  /** The body in `lang` (a translation's text); the letter's body by default. */
  body?: string;
  /** Whether the render is final or a preview (see letter/embargo.ts `publication`); final by default. */
  publication?: Publication;
  /** The names of the versions of the text by hash (see `versionNames`); a version without one is named by its hash. */
  versionNames?: ReadonlyMap<string, string>;
  /** When the letter last changed, ISO 8601 UTC (see share.ts `lastUpdated`, made from every signature); none by default. */
  updated?: string | null;
  /** The share image's file name beside the page (`--share-image`); none by default. */
  shareImage?: string | null;
  /** The letter's deliveries (deliveries.yaml), shown in the page's "Delivered" section. */
  deliveries?: readonly Delivery[];
  /** false when the page's files (feed, count.json, badge) are not written beside it, so the page links to none; true by default. */
  pageFiles?: boolean;
}

/**
 * Builds the unescaped view of a letter in one language. Withdrawn and rejected signatures
 * are left out, and pending ones when the letter requires verification. Holds every
 * signatory's view (see `streamedLetterView` for one that holds none).
 */
export function letterView(
  letter: LetterFile,
  body: string,
  signatures: readonly Signature[],
  options: ViewOptions = {},
): LetterView {
  const lang = options.lang ?? letter.language;
  const grouped = groupSignatures(
    { ...letter, language: lang },
    signatures,
    publishedStatuses(letter),
  );
  const view = streamedLetterView(letter, body, groupedSource(grouped), options);
  return {
    ...view,
    groups: view.groups.map((g) => ({ ...g, signatories: [...g.signatories] })),
  };
}

/**
 * The view of a letter in one language from its published signatories (`groups`: the groups
 * that have any, in display order for the language rendered, see `groupedSource`): each
 * group's signatories are made from the source as a render walks them, and the whole list
 * is walked once here for the counts and the chart.
 */
export function streamedLetterView(
  letter: LetterFile,
  body: string,
  groups: readonly GroupSource[],
  options: ViewOptions = {},
): StreamedLetterView {
  const lang = options.lang ?? letter.language;
  const words = phrasesFor(lang);
  const pageWords = pagePhrasesFor(lang);
  const locale = displayLocale(letter, lang);
  const numbers = new Intl.NumberFormat(locale);
  const day = dayFormatter(locale);
  // Only signatures that recorded a version can say which text they saw.
  const current = textVersion(body);
  const versionName = (hash: string) => options.versionNames?.get(hash) ?? hash;
  const signatory = (s: Signature): SignatoryView => {
    const affiliation = [s.role, s.organisation].filter(Boolean).join(', ') || null;
    const country = s.country === undefined ? null : countryName(s.country, lang);
    return {
      id: s.id,
      name: s.name,
      sortKey: s.sort_as ?? s.name,
      role: s.role ?? null,
      organisation: s.organisation ?? null,
      affiliation,
      country: s.country ?? null,
      countryName: country,
      url: s.url ?? null,
      status: s.status,
      signedAt: s.signed_at,
      signedOn: day(s.signed_at),
      search: fold([s.name, affiliation, country].filter(Boolean).join(' ')),
      earlierVersion:
        s.text_version === undefined || s.text_version === current
          ? null
          : versionName(s.text_version),
    };
  };
  const groupViews = groups.map(
    (g): StreamedGroupView => ({
      id: g.group?.id ?? 'other',
      name: g.group ? (g.group.names?.[lang] ?? g.group.name) : phrasesFor(lang).otherSignatories,
      count: g.signatures.length,
      signatories: g.signatures.length === 0 ? [] : g.signatures.mapLazily(signatory),
    }),
  );
  let count = 0;
  let onCurrent = 0;
  const earlier = new Set<string>();
  for (const g of groups)
    for (const s of g.signatures) {
      count++;
      if (s.text_version === current) onCurrent++;
      else if (s.text_version !== undefined) earlier.add(s.text_version);
    }
  // Named in the order of the versions (v1 before v2), those named by their hash after.
  const named = [...(options.versionNames?.keys() ?? [])].filter((h) => earlier.has(h));
  const unnamed = [...earlier].filter((h) => !options.versionNames?.has(h)).sort();
  const earlierNames = [...named, ...unnamed].map(versionName);
  const text = options.body ?? body;
  const title =
    lang === letter.language ? letter.title : (letter.translations?.[lang]?.title ?? letter.title);
  const chart = signaturesChart(
    (function* () {
      for (const g of groups) for (const s of g.signatures) yield s.signed_at;
    })(),
    locale,
    {
      title: words.chartTitle,
      days: pageWords.chartDays,
      count: pageWords.chartCount,
      caption: pageWords.chartCaption,
    },
  );
  const updated = options.updated ?? null;
  return {
    title,
    slug: letter.slug,
    addressee:
      lang === letter.language
        ? letter.addressee
        : (letter.translations?.[lang]?.addressee ?? letter.addressee),
    language: lang,
    locale,
    direction: textDirection(lang),
    description: letterDescription(letter, text, lang === letter.language),
    share: shareView(letter, locale, title, options.shareImage ?? null),
    updated: updated === null ? null : { at: updated, display: day(updated) },
    feed: options.pageFiles === false ? null : { url: `${letter.slug}${PAGE_FILE_SUFFIXES.feed}` },
    status: letter.status,
    organisers: letter.organisers.map((o) => ({ name: o.name, url: o.url ?? null })),
    sign:
      letter.sign_url !== undefined && letter.status === 'open'
        ? { url: letter.sign_url, text: words.signThisLetter }
        : null,
    opened: letter.opened ?? null,
    openedDisplay: letter.opened ? day(letter.opened) : null,
    count,
    countText: words.signedBy(count, numbers.format(count)),
    currentTextNote:
      earlier.size > 0 ? words.signedCurrentText(onCurrent, numbers.format(onCurrent)) : null,
    earlierVersionNote: earlier.size > 0 ? words.agreedToEarlier(earlierNames.join(', ')) : null,
    groups: groupViews,
    phrases: {
      openLetterTo: words.openLetterTo,
      organisedBy: words.organisedBy,
      and: words.and,
      opened: words.opened,
      signatories: words.signatories,
      search: words.search,
      searchHint: words.searchHint,
      shownTemplate: words.shown('{shown}', '{total}'),
      noMatch: words.noMatch,
      page: words.page,
      of: words.of,
      chartTitle: words.chartTitle,
      link: words.link,
      lastUpdated: pageWords.lastUpdated,
      feed: pageWords.feed,
    },
    bodyMarkdown: toLf(text).trim(),
    bodyHtml: markdown.render(text).trim(),
    longList: count > LONG_LIST,
    chartHtml: chart?.svgHtml ?? null,
    chartCaption: chart?.caption ?? null,
    scriptHtml: SEARCH_SCRIPT,
    cspHtml: PAGE_CSP,
    printCspHtml: PRINT_CSP,
    preview: previewView(options.publication, lang, locale),
    deliveries: deliveriesView(options.deliveries, lang, day, (n) => numbers.format(n)),
  };
}
