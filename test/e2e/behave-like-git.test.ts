// `letter` behaves as git does: from any folder of the repository, with paths inside a letter,
// with shell completion, FORCE_COLOR, Excel's CSV and Windows line ends.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

describe('from any folder of the repository', () => {
  it('checks every letter from a folder beside letters/, and the letter it stands in from inside one', async () => {
    mkdirSync(path.join(t.dir, 'docs/notes'), { recursive: true });
    const fromDocs = await letter(path.join(t.dir, 'docs/notes'), ['check', '--json']);
    expect(fromDocs.code).toBe(0);
    expect(JSON.parse(fromDocs.stdout).letters.map((l: { letter: string }) => l.letter)).toEqual([
      '../../letters/time-to-act',
    ]);
    const inside = await letter(path.join(t.letterDir, 'signatures'), ['check', '--json']);
    expect(JSON.parse(inside.stdout).letters.map((l: { letter: string }) => l.letter)).toEqual([
      '..',
    ]);
    // A path as hints print them (from the root), and a slug, work from anywhere too.
    expect((await letter(path.join(t.dir, 'docs'), ['check', L])).code).toBe(0);
    expect(
      (await letter(path.join(t.letterDir, 'signatures'), ['log', 'time-to-act', '-n', '1'])).code,
    ).toBe(0);
  });

  it('takes a path inside a letter as that letter, and renders into out/ beside letters/', async () => {
    const r = await letter(path.join(t.letterDir, 'signatures'), ['render', '.', '--format', 'md']);
    expect(r.code).toBe(0);
    expect(existsSync(path.join(t.dir, 'out/time-to-act/time-to-act.md'))).toBe(true);
    expect(existsSync(path.join(t.letterDir, 'signatures/out'))).toBe(false);
  });

  it('refuses a name that is no letter, even typed inside one', async () => {
    const r = await letter(path.join(t.letterDir, 'signatures'), ['check', 'no-such-letter']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('No letter at "no-such-letter"');
  });
});

describe('check and fmt on the files a pre-commit hook passes', () => {
  it('check <files> checks their letter once and reports the broken file', async () => {
    const broken = path.join(t.letterDir, 'signatures/eva-chen.yaml');
    writeFileSync(broken, readFileSync(broken, 'utf8').replace(/^country: .*$/m, 'country: XX'));
    const r = await letter(t.dir, [
      'check',
      '--json',
      `${L}/signatures/eva-chen.yaml`,
      `${L}/signatures/ban-ki-moon.yaml`,
      `${L}/letter.yaml`,
    ]);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.letters).toHaveLength(1);
    expect(out.errors.map((e: { file: string }) => e.file)).toContain(
      `${L}/signatures/eva-chen.yaml`,
    );
  });

  it('fmt --check <files> judges their letter', async () => {
    await letter(t.dir, ['fmt', L]);
    const r = await letter(t.dir, ['fmt', '--check', `${L}/signatures/eva-chen.yaml`]);
    expect(r).toMatchObject({ code: 0 });
    expect(r.stdout).toContain('in canonical form');
  });
});

describe('Windows line ends', () => {
  it('reads CRLF files as LF: check and fmt --check pass, fmt writes LF', async () => {
    await letter(t.dir, ['fmt', L]);
    const files = ['letter.yaml', 'letter.md', 'CHANGELOG.md', 'signatures/eva-chen.yaml'].map(
      (f) => path.join(t.letterDir, f),
    );
    for (const f of files) writeFileSync(f, readFileSync(f, 'utf8').replace(/\n/g, '\r\n'));
    expect((await letter(t.dir, ['check', L])).code).toBe(0);
    expect(await letter(t.dir, ['fmt', '--check', L])).toMatchObject({ code: 0 });
    const r = await letter(t.dir, ['fmt', L]);
    expect(r.stdout).toContain('Formatted 4 files');
    for (const f of files) expect(readFileSync(f, 'utf8')).not.toContain('\r');
  });
});

describe('export --bom', () => {
  it('starts a CSV with the UTF-8 byte order mark Excel needs, which import reads back', async () => {
    const r = await letter(t.dir, ['export', L, '--bom', '--out', 'signatories.csv']);
    expect(r.code).toBe(0);
    const bytes = readFileSync(path.join(t.dir, 'signatories.csv'));
    expect([...bytes.subarray(0, 6)]).toEqual([0xef, 0xbb, 0xbf, 0x69, 0x64, 0x2c]); // BOM, then "id,"
    const back = await letter(t.dir, ['import', 'signatories.csv', L, '--dry-run', '--json']);
    expect(JSON.parse(back.stdout)).toMatchObject({ invalid: [] });
  });

  it('refuses --bom on JSON (exit 2)', async () => {
    expect((await letter(t.dir, ['export', L, '--format', 'json', '--bom'])).code).toBe(2);
  });
});

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
