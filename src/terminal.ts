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
