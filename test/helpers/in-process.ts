import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Context } from '../../src/context.js';
import { colourEnabled, invocation, makeStyle, terminalSafe } from '../../src/terminal.js';
import { BIN, ROOT, type Run, TEST_CACHE } from './cli.js';

type Main = (argv: string[], ctx: Context) => Promise<number>;

let loaded: Promise<Main> | undefined;
/** `main` of the built bundle (dist/cli.js), loaded once per test file: the code the binary runs. */
const builtMain = (): Promise<Main> =>
  (loaded ??= import(pathToFileURL(path.join(ROOT, 'dist/cli.js')).href).then(
    (m: { main: Main }) => m.main,
  ));

/** How an in-process run differs from the defaults: a fixed clock. */
export interface InProcessOptions {
  /** The clock of the run (default: the real one). */
  now?: () => Date;
}

/**
 * Runs `letter` in this process, as `letter()` (test/helpers/cli.ts) runs the binary: the
 * built `main(argv, ctx)` in `cwd`, with the test's env over this process's (colour off, the
 * test cache, hints naming `letter`), stdout and stderr captured (through `terminalSafe`, as
 * a real run's), stdin empty and not a terminal. Same arguments and `Run` as `letter()`, so a
 * test moves between the two by its import. Not for what needs a process of its own: the
 * env of the git it starts, signals, a terminal, the exit of the process.
 */
export async function letter(
  cwd: string,
  args: string[],
  env: Record<string, string> = {},
  options: InProcessOptions = {},
): Promise<Run> {
  const main = await builtMain();
  const full = {
    ...process.env,
    NO_COLOR: '1',
    LETTER_CACHE_DIR: TEST_CACHE,
    LETTER_COMMAND: 'letter',
    ...env,
  };
  const out: string[] = [];
  const err: string[] = [];
  const invokedAs = invocation(full, BIN, cwd);
  const ctx: Context = {
    cwd,
    now: options.now ?? (() => new Date()),
    env: full,
    stdout: terminalSafe({ write: (s: string) => void out.push(s) }),
    stderr: terminalSafe({ write: (s: string) => void err.push(s) }),
    style: makeStyle(colourEnabled(false, full), invokedAs),
    errStyle: makeStyle(colourEnabled(false, full), invokedAs),
    interactive: false,
    prompts: async () => {
      throw new Error('an in-process run is not interactive: nothing may ask');
    },
    readStdin: async () => Buffer.alloc(0),
  };
  const code = await main(args, ctx);
  return { code, stdout: out.join(''), stderr: err.join('') };
}
