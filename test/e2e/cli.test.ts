import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { letter, ROOT } from '../helpers/cli.js';

const version = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version;

describe('the letter command', () => {
  it('prints its version and help (exit 0)', async () => {
    expect(await letter(ROOT, ['--version'])).toEqual({
      code: 0,
      stdout: `${version}\n`,
      stderr: '',
    });
    const help = await letter(ROOT, ['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: letter [options] [command]');
  });

  it.each(['sign', 'withdraw', 'verify', 'check', 'render', 'log', 'list', 'changelog'])(
    'shows an example in `%s --help`',
    async (cmd) => {
      const r = await letter(ROOT, [cmd, '--help']);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(`Examples:\n  $ letter ${cmd} letters/time-to-act`);
    },
  );

  it.each([[['frobnicate']], [['render']], [['sign', 'letters/time-to-act', '--nmae', 'x']], [[]]])(
    'exits 2 on a usage error: %j',
    async (args) => {
      const r = await letter(ROOT, args);
      expect(r.code).toBe(2);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    },
  );

  it('keeps stdout free of colour under NO_COLOR and when piped', async () => {
    const r = await letter(ROOT, ['check', 'letters/time-to-act'], {
      FORCE_COLOR: '1',
      NO_COLOR: '1',
    });
    expect(r.stdout).not.toMatch(/\u001b\[/);
    const forced = await letter(ROOT, ['check', 'letters/time-to-act'], {
      FORCE_COLOR: '1',
      NO_COLOR: '',
    });
    expect(forced.stdout).toMatch(/\u001b\[/);
  });
});
