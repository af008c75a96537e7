/**
 * The press kit of a letter (`letter press-kit`): the count, the signatories by group in the
 * letter's order (its groups as letter.yaml declares them, notables first, then by name; see
 * order.ts), the first few of each with "and N others", the embargo line, and the organisers'
 * public contact (letter.yaml `public_contacts:`, never the private store). Pure: data and
 * its Markdown; the one-page HTML for print is in render/press-kit-html.ts.
 */
import { escapeMarkdownInline, markdownLinkDestination } from './markdown.js';

/** One group of the kit: its heading, the names shown (with role or organisation), and how many more. */
export interface PressKitGroup {
  name: string;
  shown: { name: string; affiliation: string | null }[];
  others: number;
}

/**
 * What a press kit says. `embargo` is the line to print when the letter is under embargo or
 * a draft ("Embargoed until 26 May 2020, 09:00 UTC"), else null; `made_at` ISO 8601 UTC and
 * `made` the same instant in the letter's locale ("3 December 2026, 03:43 UTC").
 */
export interface PressKit {
  title: string;
  addressee: string;
  count: number;
  countText: string;
  /** The day the letter opened, ISO 8601 (YYYY-MM-DD), or null. */
  opened: string | null;
  /** The same day written in the letter's locale ("26 May 2020" in en-GB), or null. */
  openedDay: string | null;
  embargo: string | null;
  groups: PressKitGroup[];
  organisers: { name: string; url: string | null }[];
  contacts: string[];
  made_at: string;
  made: string;
}

/** A signatory as the kit takes it: name, group heading (null for none), role and organisation. */
export interface KitSignatory {
  name: string;
  groupName: string | null;
  role?: string | undefined;
  organisation?: string | undefined;
}

/**
 * The groups of a kit from the signatories in display order (consecutive runs of one group),
 * at most `top` names each; signatories in no group go under `otherHeading`.
 */
export function kitGroups(
  signatories: Iterable<KitSignatory>,
  top: number,
  otherHeading: string,
): PressKitGroup[] {
  const groups: PressKitGroup[] = [];
  let current: PressKitGroup | undefined;
  let key: string | null | undefined;
  for (const s of signatories) {
    if (current === undefined || s.groupName !== key) {
      key = s.groupName;
      current = { name: s.groupName ?? otherHeading, shown: [], others: 0 };
      groups.push(current);
    }
    if (current.shown.length < top)
      current.shown.push({
        name: s.name,
        affiliation: [s.role, s.organisation].filter(Boolean).join(', ') || null,
      });
    else current.others++;
  }
  return groups;
}

/**
 * The kit with at most `top` names shown in each group, those cut counted in its "and N
 * others" (how a kit is made to fit one page), and how many names were cut in all.
 */
export function cutKit(kit: PressKit, top: number): { kit: PressKit; cut: number } {
  let cut = 0;
  const groups = kit.groups.map((g) => {
    const over = Math.max(0, g.shown.length - top);
    cut += over;
    return { ...g, shown: g.shown.slice(0, top), others: g.others + over };
  });
  return { kit: { ...kit, groups }, cut };
}

/** "and 1 other", "and 12 others" (English; the kit's words). */
export function othersText(n: number): string {
  return n === 1 ? 'and 1 other' : `and ${n.toLocaleString('en')} others`;
}

/** The kit as Markdown: title, embargo line, count, groups with their names, organisers and contact. */
export function pressKitMarkdown(kit: PressKit): string {
  const md = escapeMarkdownInline;
  const lines = [`# Press kit: ${md(kit.title)}`, ''];
  if (kit.embargo) lines.push(`**${md(kit.embargo)}**`, '');
  lines.push(
    `An open letter to ${md(kit.addressee)}${kit.openedDay ? `, opened ${kit.openedDay}` : ''}. ${md(kit.countText)}.`,
    '',
    '## Signatories',
    '',
  );
  for (const g of kit.groups) {
    lines.push(`### ${md(g.name)}`, '');
    for (const s of g.shown)
      lines.push(`- ${md(s.name)}${s.affiliation ? `, ${md(s.affiliation)}` : ''}`);
    if (g.others > 0) lines.push(`- ${othersText(g.others)}`);
    lines.push('');
  }
  lines.push('## Organisers', '');
  for (const o of kit.organisers)
    lines.push(`- ${o.url ? `[${md(o.name)}](${markdownLinkDestination(o.url)})` : md(o.name)}`);
  lines.push('');
  if (kit.contacts.length > 0) lines.push(`Press contact: ${kit.contacts.map(md).join(', ')}`, '');
  lines.push(`Made ${kit.made}.`, '');
  return lines.join('\n');
}
