/**
 * The view model templates see: plain objects, every optional field present (null when
 * absent) so that Handlebars' strict mode can tell a missing field from an empty one.
 */
import MarkdownIt from 'markdown-it';
import { countryName } from '../letter/countries.js';
import { groupSignatures } from '../letter/order.js';
import type { LetterFile, Signature } from '../letter/schema.js';
import { publishedStatuses } from '../letter/signatures.js';

/** One signatory as templates see it. */
export interface SignatoryView {
  id: string;
  name: string;
  sortKey: string;
  role: string | null;
  organisation: string | null;
  /** Role and organisation joined by ", ", or null. */
  affiliation: string | null;
  country: string;
  countryName: string;
  url: string | null;
  status: string;
}

/** One group as templates see it; `id` "other" holds signatures in no group. */
export interface GroupView {
  id: string;
  name: string;
  count: number;
  signatories: SignatoryView[];
}

/** Everything a letter template can use. `bodyMarkdown` and `bodyHtml` are trusted (written by editors, HTML made by markdown-it with raw HTML off). */
export interface LetterView {
  title: string;
  slug: string;
  addressee: string;
  language: string;
  status: string;
  organisers: { name: string; url: string | null }[];
  opened: string | null;
  openedDisplay: string | null;
  count: number;
  countText: string;
  groups: GroupView[];
  bodyMarkdown: string;
  bodyHtml: string;
}

const markdown = new MarkdownIt({ html: false, linkify: false, typographer: false });

function countText(n: number): string {
  return n === 1 ? 'Signed by 1 person' : `Signed by ${n.toLocaleString('en')} people`;
}

/** Builds the unescaped view of a letter; withdrawn signatures (and pending ones when verification is required) are left out. */
export function letterView(letter: LetterFile, body: string, signatures: readonly Signature[]): LetterView {
  const groups = groupSignatures(letter, signatures, publishedStatuses(letter)).map(
    (g): GroupView => ({
      id: g.group?.id ?? 'other',
      name: g.group?.name ?? 'Other signatories',
      count: g.signatures.length,
      signatories: g.signatures.map((s) => ({
        id: s.id,
        name: s.name,
        sortKey: s.sort_as ?? s.name,
        role: s.role ?? null,
        organisation: s.organisation ?? null,
        affiliation: [s.role, s.organisation].filter(Boolean).join(', ') || null,
        country: s.country,
        countryName: countryName(s.country, letter.language),
        url: s.url ?? null,
        status: s.status,
      })),
    }),
  );
  const count = groups.reduce((n, g) => n + g.count, 0);
  return {
    title: letter.title,
    slug: letter.slug,
    addressee: letter.addressee,
    language: letter.language,
    status: letter.status,
    organisers: letter.organisers.map((o) => ({ name: o.name, url: o.url ?? null })),
    opened: letter.opened ?? null,
    openedDisplay: letter.opened
      ? new Intl.DateTimeFormat(letter.language, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${letter.opened}T00:00:00Z`))
      : null,
    count,
    countText: countText(count),
    groups,
    bodyMarkdown: body.replace(/\r\n/g, '\n').trim(),
    bodyHtml: markdown.render(body).trim(),
  };
}
