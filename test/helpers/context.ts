import type { Context } from '../../src/context.js';
import type { Choice, Prompts } from '../../src/prompts.js';
import { makeStyle } from '../../src/terminal.js';

/** A scripted prompt: what each question was, and the answer it got. */
export interface Asked {
  kind: 'text' | 'choose' | 'search' | 'confirm' | 'chooseMany';
  message: string;
  choices?: Choice[];
  /** The default a text prompt offers. */
  default?: string;
}

/**
 * A context for command tests: a fixed clock, captured output, and, when `answers` is
 * given, a terminal whose prompts answer in order (a function answer sees the question).
 */
export function testContext(cwd: string, answers?: (string | string[] | boolean | Error)[]) {
  const out: string[] = [];
  const err: string[] = [];
  const asked: Asked[] = [];
  const next = (q: Asked) => {
    asked.push(q);
    const a = answers?.shift();
    if (a === undefined) throw new Error(`unexpected prompt: ${q.message}`);
    if (a instanceof Error) throw a;
    return a;
  };
  const prompts: Prompts = {
    text: async (message, options) =>
      String(
        next({
          kind: 'text',
          message,
          ...(options?.default !== undefined ? { default: options.default } : {}),
        }),
      ),
    choose: async (message, choices) => String(next({ kind: 'choose', message, choices })),
    searchChoice: async (message, choices) => String(next({ kind: 'search', message, choices })),
    confirm: async (message) => Boolean(next({ kind: 'confirm', message })),
    chooseMany: async (message, choices) => {
      const a = next({ kind: 'chooseMany', message, choices });
      return Array.isArray(a) ? a : String(a).split(',').filter(Boolean);
    },
  };
  const ctx: Context = {
    cwd,
    now: () => new Date('2026-11-29T12:00:00Z'),
    env: {},
    stdout: { write: (s) => void out.push(s) },
    stderr: { write: (s) => void err.push(s) },
    style: makeStyle(false),
    errStyle: makeStyle(false),
    interactive: answers !== undefined,
    prompts: async () => prompts,
  };
  return { ctx, asked, stdout: () => out.join(''), stderr: () => err.join('') };
}
