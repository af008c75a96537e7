import { describe, expect, it } from 'vitest';
import { createProgram } from '../../src/cli.js';
import {
  COMMANDS,
  colourEnabled,
  invocation,
  localCommands,
  localHints,
} from '../../src/terminal.js';
import { testContext } from '../helpers/context.js';

describe('colourEnabled: NO_COLOR, then FORCE_COLOR as chalk reads it, then the terminal', () => {
  it.each([
    [true, {}, true],
    [false, {}, false],
    [true, { TERM: 'dumb' }, false],
    [true, { FORCE_COLOR: '0' }, false],
    [true, { FORCE_COLOR: 'false' }, false],
    [false, { FORCE_COLOR: '1' }, true],
    [false, { FORCE_COLOR: '2' }, true],
    [false, { FORCE_COLOR: '3' }, true],
    [false, { FORCE_COLOR: 'true' }, true],
    [false, { FORCE_COLOR: '' }, true],
    [true, { NO_COLOR: '1' }, false],
    [false, { NO_COLOR: '1', FORCE_COLOR: '1' }, false],
    [true, { NO_COLOR: '' }, true],
  ] as const)('a TTY %s with %j: %s', (tty, env, on) => {
    expect(colourEnabled(tty, env)).toBe(on);
  });
});

describe('invocation: the command hints print, as letter was run', () => {
  const npm = 'npm/11.19.1 node/v20.20.2 linux x64 workspaces/false';
  it.each([
    [{ npm_config_user_agent: npm }, '/p/node_modules/.bin/letter', 'npx letter'],
    [
      { npm_config_user_agent: 'pnpm/9.0.0 npm/? node/v20.20.2 linux x64' },
      '/p/node_modules/.bin/letter',
      'pnpm exec letter',
    ],
    [
      { npm_config_user_agent: 'yarn/1.22.22 npm/? node/v20.20.2 linux x64' },
      '/p/node_modules/.bin/letter',
      'yarn letter',
    ],
    [
      { npm_config_user_agent: 'bun/1.1.0 npm/? node/v20.20.2 linux x64' },
      '/p/node_modules/.bin/letter',
      'bunx letter',
    ],
    [{}, '/p/node_modules/.bin/letter', 'npx letter'],
    [{}, '/usr/local/bin/letter', 'letter'],
    [{}, '/usr/lib/node_modules/openletter-cli/bin/letter.js', 'letter'],
    [{}, '/p/bin/letter.js', 'node bin/letter.js'],
    [{}, '/elsewhere/my clone/bin/letter.js', 'node "../elsewhere/my clone/bin/letter.js"'],
    [{}, undefined, 'letter'],
    [
      { LETTER_COMMAND: 'docker run campaign/letter', npm_config_user_agent: npm },
      '/p/node_modules/.bin/letter',
      'docker run campaign/letter',
    ],
  ] as const)('%j running %s: %s', (env, script, expected) => {
    expect(invocation(env, script, '/p')).toBe(expected);
  });
});

describe('localCommands: each "letter <command>" in a hint, as the user runs letter', () => {
  it.each([
    ['run: letter check letters/x', 'run: npx letter check letters/x'],
    ['Run `letter check` on it', 'Run `npx letter check` on it'],
    ['ask an editor: letter withdraw --erase', 'ask an editor: npx letter withdraw --erase'],
    ['letter fmt x; then letter render x.', 'npx letter fmt x; then npx letter render x.'],
    ['letter writes that record itself', 'letter writes that record itself'],
    ['an open letter signed by many', 'an open letter signed by many'],
    ['newsletter check', 'newsletter check'],
  ])('%s', (text, expected) => {
    expect(localCommands(text, 'npx letter')).toBe(expected);
  });

  it('rewrites hints only, wherever they are, and leaves other strings alone', () => {
    const result = {
      name: 'letter check',
      errors: [{ message: 'letter check', hint: 'letter check x' }],
    };
    expect(localHints(result, (t) => localCommands(t, 'letter-dev'))).toEqual({
      name: 'letter check',
      errors: [{ message: 'letter check', hint: 'letter-dev check x' }],
    });
  });

  it('knows every command of the program', () => {
    const names = createProgram(testContext('/').ctx, { code: 0 }).commands.map((c) => c.name());
    expect([...COMMANDS].sort()).toEqual(names.sort());
  });
});
