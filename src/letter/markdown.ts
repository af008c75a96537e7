/**
 * Escaping text for CommonMark (spec 0.31) and GitHub Flavored Markdown, so that a value
 * shows as typed and never becomes a link, emphasis, code, HTML, a table cell break or a
 * block marker. Only characters that can open markup are escaped, so the raw file stays
 * readable: "Ban Ki-moon" and "Zeid Ra'ad Al Hussein" are left as they are.
 */

// Inline openers: emphasis, code, links and images, autolinks and HTML, entities,
// strikethrough, table pipes, and the backslash itself.
const INLINE_SPECIAL = /[\\`*_[\]<>&~|!]/g;
// Block markers that act at the start of a list item or line: headings, list bullets,
// block quotes, setext underlines, and ordered-list numbers ("1." or "1)").
const LEADING_BLOCK = /^(?:[#+\-=>]|\d+(?=[.)]))/;

// Text with nothing to escape or fold (most names): no special character, no line break,
// no leading block marker or digit, single spaces between words.
const PLAIN =
  /^[^\s\\`*_[\]<>&~|!#+\-=\d\r\n\u2028\u2029][^\s\\`*_[\]<>&~|!\r\n\u2028\u2029]*(?: [^\s\\`*_[\]<>&~|!\r\n\u2028\u2029]+)*$/;

// GitHub Flavored Markdown's extended autolinks (spec 0.29-gfm, section 6.9) turn `www.` and
// `http:`, `https:` or `ftp:` followed by `//` (and `mailto:`, `xmpp:`) into links with no
// markup at all; a backslash before the dot or the colon keeps them text.
const AUTOLINK = /\bwww\.|\b(?:https?|ftp):(?=\/\/)|\b(?:mailto|xmpp):/gi;

/** True when `s` is inline Markdown text as it is: `escapeMarkdownInline` would return it unchanged, and so would folding its spaces. */
export function isPlainMarkdown(s: string): boolean {
  return PLAIN.test(s) && !hasAutolink(s);
}

function hasAutolink(s: string): boolean {
  AUTOLINK.lastIndex = 0;
  return AUTOLINK.test(s);
}

/** Escapes `s` for inline Markdown text, autolinks included; line breaks become spaces. */
export function escapeMarkdownInline(s: string): string {
  if (isPlainMarkdown(s)) return s;
  const flat = s
    .replace(/[\r\n\u2028\u2029]+/g, ' ')
    .replace(INLINE_SPECIAL, (c) => `\\${c}`)
    .replace(AUTOLINK, (m) => `${m.slice(0, -1)}\\${m.slice(-1)}`);
  return flat.replace(LEADING_BLOCK, (m) => (/^\d/.test(m) ? `${m}\\` : `\\${m}`));
}

/** A URL for a Markdown link destination: `<...>` form, with the characters that would end it percent-encoded. */
export function markdownLinkDestination(url: string): string {
  return `<${url.replace(/[<>\s\\]/g, (c) => encodeURIComponent(c))}>`;
}
