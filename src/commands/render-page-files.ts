/**
 * The files `letter render` writes beside the page in the letter's own language, from the
 * same view and the same published signatures: `<slug>.count.json`, the Atom feed
 * `<slug>.atom` and the badge `<slug>.badge.svg`, and with `--share-image` the image a shared
 * link shows, `<slug>.og.png`. One render makes the page and these, so that the count they
 * give cannot drift from the page's.
 */
import path from 'node:path';
import type { Context } from '../context.js';
import { countryName } from '../letter/countries.js';
import type { GroupSource } from '../letter/order.js';
import type { LetterFile } from '../letter/schema.js';
import { countBadge, countJson, PAGE_FILE_SUFFIXES } from '../render/count-files.js';
import { atomFeed } from '../render/feed.js';
import { pagePhrasesFor } from '../render/page-phrases.js';
import { shareCardHtml } from '../render/share-card.js';
import type { StreamedLetterView } from '../render/view.js';

/** The kinds of file written beside the page. */
export const PAGE_FILE_FORMATS = ['count', 'feed', 'badge', 'image'] as const;
/** One of `PAGE_FILE_FORMATS`. */
export type PageFileFormat = (typeof PAGE_FILE_FORMATS)[number];

/**
 * The count files of `view` (the letter's own language), in `outDir`. Before the embargo
 * (`view.preview` set) they give no count: count.json's `count` is null, the feed has no
 * entry, the badge says "embargoed".
 */
export function countFiles(
  letter: LetterFile,
  view: StreamedLetterView,
  groups: readonly GroupSource[],
  versionNames: ReadonlyMap<string, string>,
  outDir: string,
): { format: PageFileFormat; file: string; text: string }[] {
  const embargoed = view.preview !== null;
  const words = pagePhrasesFor(view.language);
  const numbers = new Intl.NumberFormat(view.locale);
  const feedFile = `${letter.slug}${PAGE_FILE_SUFFIXES.feed}`;
  const count = countJson({
    slug: letter.slug,
    title: letter.title,
    url: letter.url ?? null,
    count: view.count,
    groups: view.groups.map((g) => ({ id: g.id, count: g.count })),
    updated: view.updated?.at ?? null,
    embargoed,
    until: view.preview?.until ?? null,
  });
  const feed = atomFeed({
    letter,
    signatures: (function* () {
      for (const g of groups) yield* g.signatures;
    })(),
    detail: (s) =>
      [s.role, s.organisation, s.country && countryName(s.country, view.language)]
        .filter(Boolean)
        .join(', ') || null,
    versionNames,
    updated: view.updated?.at ?? null,
    embargoed,
    notice: view.preview?.text ?? null,
    file: feedFile,
  });
  const badge = embargoed
    ? countBadge(words.badgeLabel, words.badgeEmbargoed, true)
    : countBadge(words.badgeLabel, numbers.format(view.count));
  return [
    {
      format: 'count',
      file: path.join(outDir, `${letter.slug}${PAGE_FILE_SUFFIXES.count}`),
      text: count,
    },
    { format: 'feed', file: path.join(outDir, feedFile), text: feed },
    {
      format: 'badge',
      file: path.join(outDir, `${letter.slug}${PAGE_FILE_SUFFIXES.badge}`),
      text: badge,
    },
  ];
}

/**
 * The share image of `view` (made with `shareImage`, its file name beside the page) as a
 * document of `outDir`, photographed by Chromium. @throws EnvironmentError when no Chromium is found.
 */
export async function shareImageDocument(
  view: StreamedLetterView,
  outDir: string,
  ctx: Context,
): Promise<{ format: 'image'; file: string; text: Buffer }> {
  if (view.share.image === null) throw new Error('the view has no share image');
  const { shareImagePng } = await import('../render/share-image.js');
  const name = path.basename(new URL(view.share.image.url, 'file:///').pathname);
  return {
    format: 'image',
    file: path.join(outDir, name),
    text: await shareImagePng(shareCardHtml(view), ctx.env),
  };
}
