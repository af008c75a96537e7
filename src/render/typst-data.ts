/**
 * The print edition as data for Typst (templates/letter.print.typ): the view's strings,
 * the body's Markdown as a tree, and the signatories as rows. Typst reads it with `json()`
 * and shows strings as text, so nothing a signatory typed can become Typst code. Pure.
 */
import MarkdownIt from 'markdown-it';
import { phrasesFor } from './phrases.js';
import type { LetterView, StreamedLetterView } from './view.js';

/** An inline node of the body: text, a line break, emphasis, code or a link. */
export type InlineNode =
  | { t: 'text'; v: string }
  | { t: 'br' }
  | { t: 'code'; v: string }
  | { t: 'strong' | 'em' | 's'; c: InlineNode[] }
  | { t: 'link'; href: string; c: InlineNode[] };

/** A block of the body: paragraph, heading (level 1-6), list, quote, rule or code block. */
export type BlockNode =
  | { t: 'p'; c: InlineNode[] }
  | { t: 'h'; level: number; c: InlineNode[] }
  | { t: 'ul'; items: BlockNode[][] }
  | { t: 'ol'; start: number; items: BlockNode[][] }
  | { t: 'quote'; c: BlockNode[] }
  | { t: 'hr' }
  | { t: 'pre'; v: string };

/**
 * One signatory as a row: [index in the whole list, name, affiliation, country name, agreed
 * to an earlier text, url, long words]. `long words` marks the fields with a word that may be
 * wider than a column (see `LONG_WORD`): 1 the name, 2 the affiliation; the template measures
 * only those, and breaks a word that does not fit anywhere.
 */
export type PrintRow = [
  number,
  string,
  string | null,
  string | null,
  boolean,
  string | null,
  number,
];

/**
 * A word of more code points than this may be wider than a column of the list: twelve of the
 * widest letters or emoji take about 130 pt at 9 pt (a compact column is 151 pt wide) and 160
 * pt at 11 pt (a column of two is 232 pt). A cluster is one code point or more, so counting code
 * points marks every word that could overflow, and a few that do not.
 */
export const LONG_WORD = 12;

/** Whether `text` has a word (a run without a space, as the template splits it) of more than `LONG_WORD` code points. */
export function hasLongWord(text: string | null): boolean {
  if (text === null) return false;
  let run = 0;
  for (const ch of text) {
    if (ch === ' ') run = 0;
    else if (++run > LONG_WORD) return true;
  }
  return false;
}

/** One group: its name, its count (formatted), where its rows start in the whole list, its rows. */
export interface PrintGroup {
  index: number;
  name: string;
  count: string;
  from: number;
  people: PrintRow[];
}

/** Everything of the print edition but the part being typeset (see `partData`). */
export interface PrintData {
  title: string;
  lang: string;
  rtl: boolean;
  /** The date written in the PDF's metadata: [year, month, day, hour, minute, second], UTC. */
  date: [number, number, number, number, number, number];
  addressee_line: string;
  organisers: string[];
  opened: string | null;
  count: number;
  count_text: string;
  earlier_note: string | null;
  phrases: {
    page: string;
    of: string;
    and: string;
    opened: string;
    organised_by: string;
    signatories: string;
    continued: string;
  };
  preview: { label: string; text: string } | null;
  body: BlockNode[];
  /** Lists longer than `COMPACT_FROM` print in three columns, each entry on two lines. */
  compact: boolean;
  columns: number;
  groups: PrintGroup[];
}

/** From this many signatories the list prints compact: three columns, two lines an entry. */
export const COMPACT_FROM = 300;

const markdown = new MarkdownIt({ html: false, linkify: false, typographer: false });
type Token = ReturnType<typeof markdown.parse>[number];

/**
 * The print data of a view, dated `date` (ISO 8601 UTC; the PDF's CreationDate and ModDate).
 * Walks the view's signatories once.
 */
export function printData(view: LetterView | StreamedLetterView, date: string): PrintData {
  const words = phrasesFor(view.language);
  const numbers = new Intl.NumberFormat(view.locale);
  const d = new Date(date);
  let at = 0;
  const groups = view.groups.map((g, index): PrintGroup => {
    const from = at;
    const people: PrintRow[] = [];
    for (const s of g.signatories)
      people.push([
        at++,
        s.name,
        s.affiliation,
        s.countryName,
        s.earlierVersion !== null,
        s.url,
        (hasLongWord(s.name) ? 1 : 0) | (hasLongWord(s.affiliation) ? 2 : 0),
      ]);
    return { index, name: g.name, count: numbers.format(g.count), from, people };
  });
  const compact = view.count > COMPACT_FROM;
  return {
    title: view.title,
    lang: view.language.split('-')[0]!.toLowerCase(),
    rtl: view.direction === 'rtl',
    date: [
      d.getUTCFullYear(),
      d.getUTCMonth() + 1,
      d.getUTCDate(),
      d.getUTCHours(),
      d.getUTCMinutes(),
      d.getUTCSeconds(),
    ],
    addressee_line: `${view.phrases.openLetterTo} ${view.addressee}`,
    organisers: view.organisers.map((o) => o.name),
    opened: view.openedDisplay,
    count: view.count,
    count_text: view.currentTextNote
      ? `${view.countText}, ${view.currentTextNote}`
      : view.countText,
    earlier_note: view.earlierVersionNote,
    phrases: {
      page: view.phrases.page,
      of: view.phrases.of,
      and: view.phrases.and,
      opened: view.phrases.opened,
      organised_by: view.phrases.organisedBy,
      signatories: view.phrases.signatories,
      continued: words.continued,
    },
    preview: view.preview ? { label: view.preview.label, text: view.preview.text } : null,
    body: markdownTree(view.bodyMarkdown),
    compact,
    columns: compact ? 3 : 2,
    groups,
  };
}

/** What one Typst run typesets: which part, its first page number, the total when known. */
export interface PartInfo {
  index: number;
  first_page: number;
  total: number | null;
}

/** The data of one Typst run: a part of the list (see `partData`). */
export type PartPrintData = Omit<PrintData, 'groups'> & {
  part: PartInfo;
  mark: boolean;
  groups: (PrintGroup & { continued: boolean })[];
};

/**
 * The data of the part of the list from row `from` to row `to` (not included): its groups cut
 * to those rows, a group begun in an earlier part marked `continued`; `mark` asks the
 * template to say where its last page starts (every part but the last).
 */

export function partData(
  data: PrintData,
  from: number,
  to: number,
  part: PartInfo,
  mark: boolean,
): PartPrintData {
  const groups = data.groups
    .filter((g) => g.from + g.people.length > from && g.from < to)
    .map((g) => ({
      ...g,
      continued: g.from < from,
      people: g.people.slice(Math.max(0, from - g.from), to - g.from),
    }));
  return { ...data, part, mark, groups };
}

/** The Markdown of a body as blocks (markdown-it with raw HTML off, as the HTML renders). */
export function markdownTree(source: string): BlockNode[] {
  const tokens = markdown.parse(source, {});
  let i = 0;
  const blocks = (until: string | null): BlockNode[] => {
    const out: BlockNode[] = [];
    while (i < tokens.length) {
      const t = tokens[i++]!;
      if (t.type === until) return out;
      if (t.type === 'paragraph_open') {
        out.push({ t: 'p', c: inlines(tokens[i]?.children ?? []) });
        i += 2;
      } else if (t.type === 'heading_open') {
        out.push({ t: 'h', level: Number(t.tag.slice(1)), c: inlines(tokens[i]?.children ?? []) });
        i += 2;
      } else if (t.type === 'bullet_list_open' || t.type === 'ordered_list_open') {
        const close = t.type.replace('_open', '_close');
        const items: BlockNode[][] = [];
        while (i < tokens.length && tokens[i]!.type !== close) {
          i++; // list_item_open
          items.push(blocks('list_item_close'));
        }
        i++;
        out.push(
          t.type === 'bullet_list_open'
            ? { t: 'ul', items }
            : { t: 'ol', start: Number(t.attrGet('start') ?? 1), items },
        );
      } else if (t.type === 'blockquote_open')
        out.push({ t: 'quote', c: blocks('blockquote_close') });
      else if (t.type === 'hr') out.push({ t: 'hr' });
      else if (t.type === 'code_block' || t.type === 'fence')
        out.push({ t: 'pre', v: t.content.replace(/\n$/, '') });
      else if (t.type === 'inline') out.push({ t: 'p', c: inlines(t.children ?? []) });
    }
    return out;
  };
  return blocks(null);
}

/** Inline tokens as nodes; an image shows its alternative text. */
function inlines(tokens: readonly Token[]): InlineNode[] {
  const stack: InlineNode[][] = [[]];
  const open: InlineNode[] = [];
  const top = () => stack[stack.length - 1]!;
  for (const t of tokens) {
    const pair = /^(strong|em|s|link)_(open|close)$/.exec(t.type);
    if (pair?.[2] === 'open') {
      const node: InlineNode =
        pair[1] === 'link'
          ? { t: 'link', href: String(t.attrGet('href') ?? ''), c: [] }
          : { t: pair[1] as 'strong' | 'em' | 's', c: [] };
      top().push(node);
      open.push(node);
      stack.push((node as { c: InlineNode[] }).c);
    } else if (pair?.[2] === 'close') {
      stack.pop();
      open.pop();
    } else if (t.type === 'text') {
      if (t.content !== '') top().push({ t: 'text', v: t.content });
    } else if (t.type === 'softbreak') top().push({ t: 'text', v: ' ' });
    else if (t.type === 'hardbreak') top().push({ t: 'br' });
    else if (t.type === 'code_inline') top().push({ t: 'code', v: t.content });
    else if (t.type === 'image') top().push({ t: 'text', v: t.content });
  }
  return stack[0]!;
}
