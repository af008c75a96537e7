/**
 * Every question `letter` asks, and the only module that imports @inquirer/prompts.
 * Ctrl-C or end of input at a prompt becomes `Cancelled` (exit 130).
 */
import { checkbox, confirm, input, search, select } from '@inquirer/prompts';
import { Cancelled } from './errors.js';

/** A choice in a list: what is stored and what is shown. */
export interface Choice {
  value: string;
  name: string;
}

/** The questions commands can ask. */
export interface Prompts {
  /** Free text; `required` refuses an empty answer. */
  text(
    message: string,
    options?: { required?: boolean; default?: string; validate?: (s: string) => string | true },
  ): Promise<string>;
  /** One of `choices`. */
  choose(message: string, choices: Choice[]): Promise<string>;
  /** One of `choices`, filtered as the person types (matches anywhere in the shown name). */
  searchChoice(message: string, choices: Choice[]): Promise<string>;
  /** Yes or no. */
  confirm(message: string, defaultValue: boolean): Promise<boolean>;
  /** Any number of `choices` (none ticked at first), in the order of `choices`. */
  chooseMany(message: string, choices: Choice[]): Promise<string[]>;
}

async function cancellable<T>(p: Promise<T>): Promise<T> {
  try {
    return await p;
  } catch (e) {
    if (e instanceof Error && (e.name === 'ExitPromptError' || e.name === 'AbortPromptError'))
      throw new Cancelled();
    throw e;
  }
}

/**
 * The prompts, as asked on the terminal; questions are written to `output` (the process's
 * stderr, like git's, so that stdout stays clean for `--json` and pipes).
 */
export function terminalPrompts(output: NodeJS.WritableStream): Prompts {
  const onStderr = { output };
  return {
    text: (message, options = {}) =>
      cancellable(
        input(
          {
            message,
            ...(options.default !== undefined ? { default: options.default } : {}),
            required: options.required ?? false,
            ...(options.validate ? { validate: options.validate } : {}),
          },
          onStderr,
        ),
      ),
    choose: (message, choices) => cancellable(select({ message, choices }, onStderr)),
    searchChoice: (message, choices) =>
      cancellable(
        search(
          {
            message,
            source: (term) => {
              const t = (term ?? '').toLowerCase().trim();
              return t === ''
                ? choices
                : choices.filter(
                    (c) => c.name.toLowerCase().includes(t) || c.value.toLowerCase() === t,
                  );
            },
          },
          onStderr,
        ),
      ),
    confirm: (message, defaultValue) =>
      cancellable(confirm({ message, default: defaultValue }, onStderr)),
    chooseMany: (message, choices) => cancellable(checkbox({ message, choices }, onStderr)),
  };
}
