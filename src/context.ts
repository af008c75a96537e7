/**
 * The impure things a command may use, passed in so that tests can give a temporary
 * folder, a fixed clock and no terminal.
 */
import type { Prompts } from './prompts.js';
import type { Style } from './terminal.js';

/** Where output goes. */
export interface Output {
  write(text: string): void;
}

/** Everything a command may touch besides its options. */
export interface Context {
  /** The working directory; relative paths in options resolve against it. */
  cwd: string;
  /** The clock; timestamps are stored in UTC. */
  now: () => Date;
  env: Record<string, string | undefined>;
  stdout: Output;
  stderr: Output;
  /** Styles for stdout and stderr (colour or plain). */
  style: Style;
  errStyle: Style;
  /** True when stdin and stdout are terminals: only then does `letter` ask questions. */
  interactive: boolean;
  /** The prompt library, loaded on first use. */
  prompts: () => Promise<Prompts>;
  /** All of stdin, for a command given `-` as its file (`letter import - <letter>`); absent where there is none. */
  readStdin?: () => Promise<Buffer>;
}
