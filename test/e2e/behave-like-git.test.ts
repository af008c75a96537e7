// `letter` behaves as git does: from any folder of the repository, with paths inside a letter,
// with shell completion, FORCE_COLOR, Excel's CSV and Windows line ends.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, letter, TEST_CACHE, useTempLetter } from '../helpers/cli.js';

const t = useTempLetter();
const L = 'letters/time-to-act';
const npx = {
  LETTER_COMMAND: '',
  npm_config_user_agent: 'npm/11.19.1 node/v20.20.2 linux x64 workspaces/false',
};

describe('colour', () => {
  // On a real terminal (util-linux `script`), where colour is on by default.
  const onTerminal = (env: Record<string, string>) =>
    spawnSync('script', ['-qec', `'${process.execPath}' '${BIN}' check ${L}`, '/dev/null'], {
      cwd: t.dir,
      encoding: 'utf8',
      env: { ...process.env, TERM: 'xterm', LETTER_CACHE_DIR: TEST_CACHE, NO_COLOR: '', ...env },
    }).stdout;
  it('FORCE_COLOR=0 turns it off on a terminal, FORCE_COLOR=1 on in a pipe, NO_COLOR wins', async () => {
    expect(onTerminal({})).toMatch(/\u001b\[3\dm/);
    expect(onTerminal({ FORCE_COLOR: '0' })).not.toMatch(/\u001b\[3\dm/);
    expect((await letter(t.dir, ['check', L], { NO_COLOR: '', FORCE_COLOR: '1' })).stdout).toMatch(
      /\u001b\[3\dm/,
    );
    expect(
      (await letter(t.dir, ['check', L], { NO_COLOR: '1', FORCE_COLOR: '3' })).stdout,
    ).not.toMatch(/\u001b\[/);
  });
});

describe('hints name letter as it was run', () => {
  it('npx letter under npm, node <path> for a clone run by hand', async () => {
    // A repository of its own with no letters/ (the search for letters/ stops at its top).
    const empty = mkdtempSync(path.join(tmpdir(), 'letter-empty-'));
    try {
      execFileSync('git', ['init', '-q'], { cwd: empty });
      expect((await letter(empty, ['check'], npx)).stderr).toContain(
        'Name a letter folder: npx letter check letters/<slug>',
      );
      const byHand = await letter(empty, ['check'], {
        LETTER_COMMAND: '',
        npm_config_user_agent: '',
      });
      expect(byHand.stderr).toContain(
        `Name a letter folder: node ${path.relative(empty, BIN)} check letters/<slug>`,
      );
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});

describe('letter completion', () => {
  const complete = (line: string[]) => {
    const script = `source <('${process.execPath}' '${BIN}' completion bash)
complete -p letter
COMP_WORDS=(${line.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${line.length - 1}; _letter_completion; echo "\${COMPREPLY[*]}"`;
    return execFileSync('bash', ['-c', script], { cwd: t.dir, encoding: 'utf8' }).split('\n');
  };
  it('bash: registers for letter and completes commands, sub-commands, flags and letter folders', () => {
    expect(complete(['letter', 'si'])).toEqual([
      'complete -o filenames -F _letter_completion letter',
      'sign',
      '',
    ]);
    expect(complete(['letter', 'github', ''])[1]).toBe('issue-form');
    expect(complete(['letter', 'export', L, '--b'])[1]).toBe('--bom');
    expect(complete(['letter', 'check', '--base', 'main', 'letters/ti'])[1]).toBe(L);
  });

  it('zsh and fish scripts list the same commands; another shell is a usage error', async () => {
    const zsh = await letter(t.dir, ['completion', 'zsh']);
    expect(zsh.stdout).toContain('bashcompinit');
    expect(zsh.stdout).toContain('complete -o filenames -F _letter_completion letter');
    const fish = await letter(t.dir, ['completion', 'fish']);
    expect(fish.stdout).toContain("complete -c letter -n '__fish_use_subcommand' -a sign -d");
    expect(fish.stdout).toContain(
      "complete -c letter -n '__fish_seen_subcommand_from export' -l bom -d",
    );
    expect((await letter(t.dir, ['completion', 'tcsh'])).code).toBe(2);
  });
});
