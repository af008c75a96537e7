import { execFile, execFileSync } from 'node:child_process';
import {
  cpSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach } from 'vitest';

/** The repository root and the built binary the end-to-end tests run. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const BIN = path.join(ROOT, 'bin/letter.js');
/** The parse cache of test runs, away from the user's own. */
export const TEST_CACHE = path.join(tmpdir(), 'letter-test-cache');

/** What a run of `letter` printed and its exit code. */
export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs the built `letter` binary in `cwd` with stdin not a terminal and colour off; hints
 * name it `letter` (LETTER_COMMAND), however the tests were started.
 */
export function letter(
  cwd: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [BIN, ...args],
      {
        cwd,
        env: {
          ...process.env,
          NO_COLOR: '1',
          LETTER_CACHE_DIR: TEST_CACHE,
          LETTER_COMMAND: 'letter',
          ...env,
        },
      },
      (error, stdout, stderr) => {
        resolve({
          code: error ? (typeof error.code === 'number' ? error.code : 1) : 0,
          stdout,
          stderr,
        });
      },
    );
    child.stdin?.end();
  });
}

/** A temporary folder holding a copy of letters/time-to-act (as letters/time-to-act), under git with one commit. */
export function tempLetter(): { dir: string; letterDir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'letter-test-'));
  cpSync(path.join(ROOT, 'letters/time-to-act'), path.join(dir, 'letters/time-to-act'), {
    recursive: true,
  });
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'pipe' });
  git('init', '-q');
  git('-c', 'user.name=Test', '-c', 'user.email=test@example.org', 'add', '-A');
  git('-c', 'user.name=Test', '-c', 'user.email=test@example.org', 'commit', '-qm', 'letter');
  return {
    dir,
    letterDir: path.join(dir, 'letters/time-to-act'),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** `git status --porcelain` and `git diff` of a temporary letter repository. */
export function gitState(dir: string): { status: string; diff: string } {
  const run = (...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8' });
  return {
    status: run('status', '--porcelain', '--untracked-files=all'),
    diff: run('diff', '--unified=0'),
  };
}

/** Every file under `dir` with its bytes, to prove nothing on disk changed. */
export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      if (name === '.git') continue;
      const p = path.join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out[path.relative(dir, p)] = readFileSync(p, 'utf8');
    }
  };
  walk(dir);
  return out;
}

/**
 * Runs `letter` on a real pseudo-terminal (util-linux `script`), so that prompts show.
 * `steps` are [text to wait for on the terminal, keys to send]; returns the exit code and
 * everything the terminal showed.
 */
export async function letterOnTerminal(
  cwd: string,
  args: string[],
  steps: [string, string][],
): Promise<{ code: number; screen: string }> {
  const { spawn } = await import('node:child_process');
  const quoted = [process.execPath, BIN, ...args]
    .map((a) => `'${a.replace(/'/g, `'\\''`)}'`)
    .join(' ');
  const child = spawn('script', ['-qec', quoted, '/dev/null'], {
    cwd,
    env: { ...process.env, NO_COLOR: '1', TERM: 'xterm', LETTER_CACHE_DIR: TEST_CACHE },
  });
  let screen = '';
  const waiters: (() => void)[] = [];
  const onData = (d: Buffer) => {
    screen += d.toString();
    for (const w of waiters.splice(0)) w();
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const exited = new Promise<number>((resolve) => child.on('close', (code) => resolve(code ?? -1)));
  let seen = 0;
  for (const [wait, keys] of steps) {
    while (screen.indexOf(wait, seen) < 0) {
      await Promise.race([new Promise<void>((r) => waiters.push(r)), exited]);
      if (child.exitCode !== null) break;
    }
    seen = Math.max(seen, screen.indexOf(wait, seen));
    await new Promise((r) => setTimeout(r, 50));
    child.stdin.write(keys);
  }
  return { code: await exited, screen };
}

/** The schema line `letter` writes atop letter.yaml or a flat signature file: a path to the letter's own .schemas/. */
export function schemaLine(kind: 'letter' | 'signature'): string {
  return `# yaml-language-server: $schema=${kind === 'letter' ? '' : '../'}.schemas/${kind}.schema.json\n`;
}

/**
 * A fresh temporary copy of the example letter for each test of the calling file (see
 * `tempLetter`), removed after it: `const t = useTempLetter();` then `t.dir`, `t.letterDir`.
 */
export function useTempLetter(): { readonly dir: string; readonly letterDir: string } {
  let current: ReturnType<typeof tempLetter> | undefined;
  beforeEach(() => {
    current = tempLetter();
  });
  afterEach(() => current?.cleanup());
  return {
    get dir() {
      return current!.dir;
    },
    get letterDir() {
      return current!.letterDir;
    },
  };
}

/** Replaces the first `from` in the text file `file` by `to` (a test's edit of a letter file). */
export function editFile(file: string, from: string, to: string): void {
  const text = readFileSync(file, 'utf8');
  if (!text.includes(from)) throw new Error(`${file} does not hold ${JSON.stringify(from)}`);
  writeFileSync(file, text.replace(from, to));
}

/**
 * The text of a signature file: `fields` in order (values written as given, so quote what
 * YAML would read otherwise), signed and verified on 1 June 2020.
 */
export function verifiedSignatureYaml(fields: Record<string, string>): string {
  return [
    ...Object.entries(fields).map(([k, v]) => `${k}: ${v}`),
    'signed_at: 2020-06-01T00:00:00Z',
    'status: verified',
    'verified:',
    '  by: CyberPeace Institute',
    '  at: 2020-06-01T00:00:00Z',
    '',
  ].join('\n');
}
