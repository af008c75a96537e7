/**
 * The canonical form of a letter's plain-text files (the body, translations, CHANGELOG.md):
 * UTF-8 without a byte-order mark, LF line endings, one final newline. `letter fmt` writes
 * it; `letter check` and the text version read files through it, so that what one calls
 * form the others ignore alike.
 */

/** `text` without a leading byte-order mark (U+FEFF): an editor's marker, not content. */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** `text` with LF line endings: each CRLF (Windows) and each lone CR (classic Mac OS) becomes one LF. */
export function toLf(text: string): string {
  return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
}

/**
 * Plain text in canonical form: no byte-order mark, LF line endings, and exactly one final
 * newline (an empty text is one newline).
 */
export function canonicalText(text: string): string {
  const lf = toLf(stripBom(text));
  // A loop, not a regular expression: only the final newlines are looked at, however long the text.
  let end = lf.length;
  while (end > 0 && lf.charCodeAt(end - 1) === 10) end--;
  return `${lf.slice(0, end)}\n`;
}
