/**
 * The Atom feed (RFC 4287) of a letter: an entry for each published signature and each
 * revision of the text, newest first, the latest `FEED_LIMIT`. Ids are tag: URIs (RFC 4151)
 * made from the letter's host, the entry's own day and what it is, so an entry keeps its id
 * from one render to the next. Before the embargo (or while a draft) the feed has no entry.
 * Pure; every text is escaped for XML.
 */
import type { LetterFile, Signature } from '../letter/schema.js';
import { escapeHtml } from './escape.js';
import { pagePhrasesFor } from './page-phrases.js';

/** The most entries a feed holds. */
export const FEED_LIMIT = 50;

/** What a feed is made from. */
export interface FeedSource {
  letter: Pick<
    LetterFile,
    'slug' | 'title' | 'language' | 'opened' | 'revisions' | 'organisers' | 'url' | 'sign_url'
  >;
  /** The published signatures, as the page lists them (any order). */
  signatures: Iterable<Signature>;
  /** A line under each signature's entry: affiliation and country, in the letter's language. */
  detail: (s: Signature) => string | null;
  /** Names of text versions by hash (v1, v2; see `letter versions`); a version without one is named by its hash. */
  versionNames: ReadonlyMap<string, string>;
  /** When the letter last changed, ISO 8601 UTC (see share.ts `lastUpdated`): the feed's `updated`, as count.json's and the page's. */
  updated: string | null;
  /** A preview (a draft, or before the embargo): no entry, and `notice` as the subtitle. */
  embargoed: boolean;
  notice: string | null;
  /** The feed's file name, linked as rel="self" when the letter has a `url`. */
  file: string;
}

/**
 * The host a letter's tag: URIs are minted under: its page's (`url:`), else its sign
 * link's, else its first organiser's with a web page; `letter.invalid` when it has none.
 */
export function tagAuthority(letter: FeedSource['letter']): string {
  for (const u of [letter.url, letter.sign_url, ...letter.organisers.map((o) => o.url)])
    if (u !== undefined) return new URL(u).hostname;
  return 'letter.invalid';
}

interface Entry {
  id: string;
  title: string;
  updated: string;
  content: string | null;
  link: string | null;
}

/** The Atom document, with a final newline. */
export function atomFeed(f: FeedSource): string {
  const { letter } = f;
  const words = pagePhrasesFor(letter.language);
  const host = tagAuthority(letter);
  const tag = (at: string, what: string) => `tag:${host},${at.slice(0, 10)}:${letter.slug}/${what}`;
  const pageUrl = letter.url ?? null;
  const entries: Entry[] = [];
  if (!f.embargoed) {
    for (const s of f.signatures)
      entries.push({
        id: tag(s.signed_at, `signatures/${s.id}`),
        title: words.signedEntry(s.name),
        updated: s.signed_at,
        content: f.detail(s),
        link: pageUrl && `${pageUrl}#s-${s.id}`,
      });
    for (const r of letter.revisions ?? [])
      entries.push({
        id: tag(r.at, `text/${r.text.slice('sha256:'.length)}`),
        title: words.revisedEntry(f.versionNames.get(r.text) ?? r.text),
        updated: r.at,
        content: r.reason,
        link: pageUrl,
      });
  }
  // Newest first; on the same instant, by id, so that the order never depends on the input's.
  entries.sort((a, b) =>
    a.updated === b.updated ? (a.id < b.id ? -1 : 1) : a.updated < b.updated ? 1 : -1,
  );
  const shown = entries.slice(0, FEED_LIMIT);
  const first = letter.opened ?? [...entries].map((e) => e.updated).sort()[0] ?? '2000-01-01';
  // The letter's last change, as count.json and the page give it (a verification is one, and
  // is no entry); the newest entry only when nothing is dated.
  const updated =
    (f.embargoed ? null : f.updated) ?? shown[0]?.updated ?? `${first.slice(0, 10)}T00:00:00Z`;
  const x = escapeHtml;
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${x(letter.language)}">`,
    `  <id>${x(tag(first, 'feed'))}</id>`,
    `  <title>${x(words.feedTitle(letter.title))}</title>`,
    ...(f.notice ? [`  <subtitle>${x(f.notice)}</subtitle>`] : []),
    `  <updated>${updated}</updated>`,
    ...letter.organisers.map((o) => `  <author><name>${x(o.name)}</name></author>`),
    ...(pageUrl
      ? [
          `  <link rel="alternate" type="text/html" href="${x(pageUrl)}"/>`,
          `  <link rel="self" type="application/atom+xml" href="${x(new URL(f.file, pageUrl).href)}"/>`,
        ]
      : []),
    '  <generator>letter</generator>',
  ];
  for (const e of shown)
    lines.push(
      '  <entry>',
      `    <id>${x(e.id)}</id>`,
      `    <title>${x(e.title)}</title>`,
      `    <updated>${e.updated}</updated>`,
      ...(e.link ? [`    <link rel="alternate" type="text/html" href="${x(e.link)}"/>`] : []),
      ...(e.content ? [`    <content type="text">${x(e.content)}</content>`] : []),
      '  </entry>',
    );
  lines.push('</feed>', '');
  return lines.join('\n');
}
