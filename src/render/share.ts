/**
 * What a shared link to the page says about the letter: its description (letter.yaml
 * `description:`, or the start of its text), and the time it last changed. Pure.
 */
import MarkdownIt from 'markdown-it';
import type { LetterFile, Signature } from '../letter/schema.js';

const markdown = new MarkdownIt({ html: false, linkify: false, typographer: false });

/** The longest description made from the text, in characters; Open Graph readers cut near 200. */
export const DESCRIPTION_MAX = 200;
/** A paragraph shorter than this is a salutation ("To the governments of the world,") and is passed over. */
const SALUTATION_MAX = 60;

/**
 * The description of the letter: `description:` from letter.yaml when given (in the letter's
 * own language), else the first paragraph of `body` that is more than a salutation, its
 * Markdown marks removed and its lines joined; when longer than `DESCRIPTION_MAX`
 * characters, cut after its last whole sentence past half that length, else at a word with
 * "…". Empty when the text has no paragraph.
 */
export function letterDescription(
  letter: Pick<LetterFile, 'description'>,
  body: string,
  ownLanguage: boolean,
): string {
  if (ownLanguage && letter.description !== undefined) return letter.description;
  const tokens = markdown.parse(body, {});
  const paragraphs: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.type !== 'paragraph_open' || t.level !== 0) continue;
    const inline = tokens[i + 1];
    const text = (inline?.children ?? [])
      .map((c) =>
        c.type === 'softbreak' || c.type === 'hardbreak'
          ? ' '
          : c.type === 'text' || c.type === 'code_inline'
            ? c.content
            : '',
      )
      .join('')
      .replace(/\s+/g, ' ')
      .trim();
    if (text !== '') paragraphs.push(text);
  }
  const first = paragraphs.find((p) => p.length > SALUTATION_MAX) ?? paragraphs[0] ?? '';
  if (first.length <= DESCRIPTION_MAX) return first;
  const cut = first.slice(0, DESCRIPTION_MAX - 1);
  // A whole sentence past half the length reads better than a cut one.
  const sentence = Math.max(cut.lastIndexOf('. '), cut.lastIndexOf('! '), cut.lastIndexOf('? '));
  if (sentence > DESCRIPTION_MAX / 2) return cut.slice(0, sentence + 1);
  const space = cut.lastIndexOf(' ');
  let end = space > DESCRIPTION_MAX / 2 ? space : cut.length;
  // Punctuation and spaces before the ellipsis go (a loop: a pattern anchored at the end can backtrack).
  while (end > 0 && ' \t\n,;:.'.includes(cut[end - 1]!)) end--;
  return `${cut.slice(0, end)}…`;
}

/**
 * When the letter last changed, ISO 8601 UTC, or null when nothing is dated: the newest of
 * its opening day, its text revisions (`revisions[].at`) and every signature's signing,
 * verification, withdrawal and rejection (each changes the list shown). Not the time of the
 * render, so that the same files render to the same bytes.
 */
export function lastUpdated(
  letter: Pick<LetterFile, 'opened' | 'revisions'>,
  signatures: Iterable<Signature>,
): string | null {
  let newest: string | null = letter.opened ? `${letter.opened}T00:00:00Z` : null;
  const see = (at: string | undefined) => {
    if (at !== undefined && (newest === null || at > newest)) newest = at;
  };
  for (const r of letter.revisions ?? []) see(r.at);
  for (const s of signatures) {
    see(s.signed_at);
    see(s.verified?.at);
    see(s.withdrawn?.at);
    see(s.rejected?.at);
  }
  return newest;
}

/**
 * What a shared link to the page shows (Open Graph, Twitter card): the page's public address
 * (letter.yaml `url:`) or null, the share image (made with `--share-image`) or null, and the
 * locale in Open Graph's form (en_GB).
 */
export interface ShareView {
  url: string | null;
  image: { url: string; width: number; height: number; alt: string } | null;
  ogLocale: string;
  /** "summary_large_image" with an image, else "summary". */
  twitterCard: string;
}

/** The share image's size in pixels (Open Graph's recommended 1.91:1). */
export const SHARE_IMAGE_SIZE = { width: 1200, height: 630 } as const;

/** What a shared link shows; the image's address is made absolute against the page's when it has one. */
export function shareView(
  letter: LetterFile,
  locale: string,
  title: string,
  image: string | null,
): ShareView {
  return {
    url: letter.url ?? null,
    image:
      image === null
        ? null
        : {
            url: letter.url === undefined ? image : new URL(image, letter.url).href,
            ...SHARE_IMAGE_SIZE,
            alt: title,
          },
    ogLocale: locale.replace('-', '_'),
    twitterCard: image === null ? 'summary' : 'summary_large_image',
  };
}
