/**
 * Colour for people, plain text for pipes. The only module that imports chalk.
 * Colour is on when the stream is a TTY, unless NO_COLOR is set (https://no-color.org)
 * or TERM is "dumb"; FORCE_COLOR turns it on anywhere.
 */
import { Chalk } from 'chalk';

/** The styles printers use; each returns its text unchanged when colour is off. */
export interface Style {
  bold: (s: string) => string;
  dim: (s: string) => string;
  red: (s: string) => string;
  yellow: (s: string) => string;
  green: (s: string) => string;
  cyan: (s: string) => string;
}

/** Decides whether a stream gets colour, following NO_COLOR, FORCE_COLOR and TERM. */
export function colourEnabled(isTTY: boolean | undefined, env: Record<string, string | undefined>): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false') return true;
  return Boolean(isTTY) && env.TERM !== 'dumb';
}

/** A Style with colour on or off. */
export function makeStyle(colour: boolean): Style {
  const c = new Chalk({ level: colour ? 1 : 0 });
  return { bold: c.bold, dim: c.dim, red: c.red, yellow: c.yellow, green: c.green, cyan: c.cyan };
}

// Control characters that can move the cursor, clear lines, set a window title or reorder
// text on a terminal: C0 (but newline and tab), DEL, C1, the line and paragraph separators
// and the bidirectional controls of Unicode TR9.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** `s` with every control character written as a visible escape ("\x1b", "\u202e"), so that text from a file cannot drive the terminal. */
export function visible(s: string): string {
  return s.replace(CONTROL, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** `v` with `visible` applied to every string inside it (objects and arrays copied, other values kept). */
export function visibleDeep<T>(v: T): T {
  if (typeof v === 'string') return visible(v) as T;
  if (Array.isArray(v)) return v.map(visibleDeep) as T;
  if (v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype)
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [visible(k), visibleDeep(x)])) as T;
  return v;
}

// A colour sequence as chalk writes one (Select Graphic Rendition), the only escape `letter`
// itself prints; the one pattern finds those and every other control character.
const OWN_ESCAPE_OR_CONTROL = /\x1b\[[0-9;]*m|[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const ANY_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

/**
 * A writer that passes text to `out` with every control character made visible except
 * newlines, tabs and colour sequences: what reaches a terminal cannot clear a line, move the
 * cursor or set its title, whatever a file held. Text without controls (all of `--json`) is
 * written as it is. `raw` is the stream written to.
 */
export function terminalSafe<W extends { write(text: string): unknown }>(out: W): { write(text: string): void; raw: W } {
  return {
    raw: out,
    write(text: string) {
      out.write(ANY_CONTROL.test(text) ? text.replace(OWN_ESCAPE_OR_CONTROL, (m) => (m.length > 1 ? m : visible(m))) : text);
    },
  };
}
