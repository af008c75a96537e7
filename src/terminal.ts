/**
 * Colour for people, plain text for pipes. The only module that imports chalk.
 * Colour is on when the stream is a TTY, unless NO_COLOR is set (https://no-color.org)
 * or TERM is "dumb"; FORCE_COLOR decides as chalk reads it (0 or false: off; 1, 2, 3, true
 * or empty: on, even in a pipe), and NO_COLOR wins over it.
 */
import path from 'node:path';
import { Chalk } from 'chalk';
import { Streamed } from './streaming.js';

/** The styles printers use; each returns its text unchanged when colour is off. */
export interface Style {
  bold: (s: string) => string;
  dim: (s: string) => string;
  red: (s: string) => string;
  yellow: (s: string) => string;
  green: (s: string) => string;
  cyan: (s: string) => string;
  /** Text a redline removes: red and struck through; without colour, git's word-diff mark `[-text-]`. */
  deleted: (s: string) => string;
  /** Text a redline adds: green and underlined; without colour, git's word-diff mark `{+text+}`. */
  inserted: (s: string) => string;
  /** `text` with every command of letter it names ("letter check x") written as the reader runs letter here (see `invocation`). */
  command: (text: string) => string;
}

/** Decides whether a stream gets colour, following NO_COLOR, then FORCE_COLOR, then the terminal (see above). */
export function colourEnabled(
  isTTY: boolean | undefined,
  env: Record<string, string | undefined>,
): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  return Boolean(isTTY) && env.TERM !== 'dumb';
}

/** A Style with colour on or off; commands named as `invokedAs` runs letter (default `letter`). */
export function makeStyle(colour: boolean, invokedAs = 'letter'): Style {
  const c = new Chalk({ level: colour ? 1 : 0 });
  return {
    bold: c.bold,
    dim: c.dim,
    red: c.red,
    yellow: c.yellow,
    green: c.green,
    cyan: c.cyan,
    deleted: colour ? c.red.strikethrough : (s) => `[-${s}-]`,
    inserted: colour ? c.green.underline : (s) => `{+${s}+}`,
    command: (text) => localCommands(text, invokedAs),
  };
}

/** The commands of letter, as `letter --help` lists them (a test holds the two lists equal). */
export const COMMANDS = [
  'sign',
  'github',
  'withdraw',
  'verify',
  'reject',
  'distinct',
  'invite',
  'remind',
  'answer',
  'reconfirm',
  'outreach',
  'import',
  'export',
  'deliver',
  'verify-delivery',
  'delivery',
  'press-kit',
  'init',
  'fmt',
  'schema',
  'check',
  'render',
  'log',
  'list',
  'versions',
  'diff',
  'stats',
  'changelog',
  'completion',
] as const;

const NAMED_COMMAND = new RegExp(
  `(^|[\\s:(\`'"])letter (?=(?:${COMMANDS.join('|')})(?=[\\s\`'".,;)]|$))`,
  'g',
);

/** `text` with each "letter <command>" in it written `<invokedAs> <command>` ("npx letter check x"). */
export function localCommands(text: string, invokedAs: string): string {
  return invokedAs === 'letter'
    ? text
    : text.replace(NAMED_COMMAND, (_, before: string) => `${before}${invokedAs} `);
}

/** `v` with the command in every `hint` string inside it written by `command` (objects and arrays copied, `Streamed` lists as they are walked, other values kept). */
export function localHints<T>(v: T, command: (text: string) => string): T {
  if (v instanceof Streamed) return v.mapLazily((x) => localHints(x, command)) as T;
  if (Array.isArray(v)) return v.map((x) => localHints(x, command)) as T;
  if (v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype)
    return Object.fromEntries(
      Object.entries(v).map(([k, x]) => [
        k,
        k === 'hint' && typeof x === 'string' ? command(x) : localHints(x, command),
      ]),
    ) as T;
  return v;
}

/**
 * How the user runs letter where it runs now, so that the commands hints print work there:
 * run by a package manager (`npx letter`, `npm exec`, `npm run`, pnpm, yarn, bun: it sets
 * npm_config_user_agent), that manager's way to run a project's own command; run by hand from
 * the project's node_modules/.bin, `npx letter`; run as `node <path>/letter.js` (a clone of
 * this repository), that command with the path from `cwd`; else `letter` (installed globally,
 * found on PATH). LETTER_COMMAND, when set, says it instead (a wrapper, a container image).
 * `script` is the path node was given (process.argv[1]).
 */
export function invocation(
  env: Record<string, string | undefined>,
  script: string | undefined,
  cwd: string,
): string {
  if (env.LETTER_COMMAND) return env.LETTER_COMMAND;
  const agent = env.npm_config_user_agent ?? '';
  if (agent.startsWith('pnpm/')) return 'pnpm exec letter';
  if (agent.startsWith('yarn/')) return 'yarn letter';
  if (agent.startsWith('bun/')) return 'bunx letter';
  if (agent.startsWith('npm/')) return 'npx letter';
  if (script === undefined) return 'letter';
  const parts = path.resolve(cwd, script).split(path.sep);
  if (parts.at(-2) === '.bin' && parts.at(-3) === 'node_modules') return 'npx letter';
  if (parts.at(-1) === 'letter.js' && !parts.includes('node_modules')) {
    const shown = path.relative(cwd, path.resolve(cwd, script));
    return `node ${/\s/.test(shown) ? JSON.stringify(shown) : shown}`;
  }
  return 'letter';
}

// Control characters that can move the cursor, clear lines, set a window title or reorder
// text on a terminal: C0 (but newline and tab), DEL, C1, the line and paragraph separators
// and the bidirectional controls of Unicode TR9.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** `s` with every control character written as a visible escape ("\x1b", "\u202e"), so that text from a file cannot drive the terminal. */
export function visible(s: string): string {
  return s.replace(CONTROL, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff
      ? `\\x${code.toString(16).padStart(2, '0')}`
      : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** `v` with `visible` applied to every string inside it (objects and arrays copied, `Streamed` lists as they are walked, other values kept). */
export function visibleDeep<T>(v: T): T {
  if (typeof v === 'string') return visible(v) as T;
  if (v instanceof Streamed) return v.mapLazily(visibleDeep) as T;
  if (Array.isArray(v)) return v.map(visibleDeep) as T;
  if (v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype)
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [visible(k), visibleDeep(x)])) as T;
  return v;
}

// The colour sequences chalk writes for `Style` at level 1 (Select Graphic Rendition: bold 1,
// dim 2, their end 22, underline 4 and its end 24, strike-through 9 and its end 29, red 31,
// green 32, yellow 33, cyan 36, their end 39), the only escapes
// `letter` itself prints; the one pattern finds those and every other control character. A
// file's own sequences for anything else (conceal 8, backgrounds, 256 colours) show as text.
const OWN_ESCAPE_OR_CONTROL =
  /\x1b\[(?:1|2|4|9|22|24|29|31|32|33|36|39)m|[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const ANY_CONTROL =
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

/**
 * A writer that passes text to `out` with every control character made visible except
 * newlines, tabs and colour sequences: what reaches a terminal cannot clear a line, move the
 * cursor or set its title, whatever a file held. Text without controls (all of `--json`) is
 * written as it is. `raw` is the stream written to.
 */
export function terminalSafe<W extends { write(text: string): unknown }>(
  out: W,
): { write(text: string): void; raw: W } {
  return {
    raw: out,
    write(text: string) {
      out.write(
        ANY_CONTROL.test(text)
          ? text.replace(OWN_ESCAPE_OR_CONTROL, (m) => (m.length > 1 ? m : visible(m)))
          : text,
      );
    },
  };
}
