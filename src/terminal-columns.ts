/**
 * Terminal columns of text, for tables of names in any script. Apart from terminal.ts so that
 * only the commands that print such tables load string-width.
 */
import stringWidth from 'string-width';

/**
 * `s` padded with spaces to `width` terminal columns, or cut to fit with `…`: columns as a
 * terminal shows them (Unicode UAX #11 East Asian Width through string-width: 성대현 is six
 * columns, combining marks none), so that names in any script line up.
 */
export function fitColumns(s: string, width: number): string {
  const w = stringWidth(s);
  if (w <= width) return s + ' '.repeat(width - w);
  let out = '';
  let used = 0;
  for (const ch of s) {
    const cw = stringWidth(ch);
    if (used + cw > width - 1) break;
    out += ch;
    used += cw;
  }
  return `${out}…${' '.repeat(Math.max(0, width - 1 - used))}`;
}

/** The terminal columns `s` takes (see `fitColumns`). */
export function columnsOf(s: string): number {
  return stringWidth(s);
}
