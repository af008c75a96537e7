/**
 * All or none under `kill -9` (issue 12, item 4): commands that write several files of a
 * letter (import, sign, verify, withdraw --erase) are killed at many moments of their
 * writes; the next command must find the letter exactly as it was before or exactly as the
 * finished command leaves it, with no temporary file, journal or lock left, `check` green,
 * and the next write working.
 */
import { execFileSync, spawn } from 'node:child_process';
import {
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  watch,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, letter, snapshot, TEST_CACHE, tempLetter } from '../helpers/cli.js';

const L = 'letters/time-to-act';
const made: (() => void)[] = [];
afterAll(() => {
  for (const cleanup of made) cleanup();
});

const git = (dir: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.org', ...args], {
    cwd: dir,
    stdio: 'pipe',
  });
/** Back to the last commit, every file git does not know (locks, journals, temporary files) gone. */
const reset = (dir: string) => {
  git(dir, 'reset', '-q', '--hard');
  git(dir, 'clean', '-qfdx');
};
/** A snapshot with times (written by the clock of the run) made equal. */
const normal = (dir: string) =>
  Object.fromEntries(
    Object.entries(snapshot(dir)).map(([k, v]) => [
      k,
      v.replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z/g, '<time>'),
    ]),
  );
/** Files nobody should ever have to delete by hand: locks, journals, write-file-atomic's `<file>.<digits>`. */
const leftovers = (dir: string) =>
  Object.keys(snapshot(dir)).filter((f) => /\.lock\/|\.\d+$/.test(f));

/** A letter under git in a temporary folder, with `setup` committed. */
async function fixture(setup?: (dir: string) => Promise<void>): Promise<string> {
  const t = tempLetter();
  made.push(t.cleanup);
  if (setup) {
    await setup(t.dir);
    git(t.dir, 'add', '-A');
    git(t.dir, 'commit', '-qm', 'setup');
  }
  return t.dir;
}

/** A CSV of `rows` signatories whose names share nothing (the import's own speed is not the subject here). */
function csv(rows: number): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'letter-kill-csv-')), `rows-${rows}.csv`);
  made.push(() => rmSync(path.dirname(file), { recursive: true, force: true }));
  // mulberry32, as bench/generate.js
  let seed = rows >>> 0;
  const next = () => {
    seed = (seed + 0x6d2b79f5) >>> 0;
    let t = Math.imul(seed ^ (seed >>> 15), seed | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  const word = (n: number) =>
    Array.from({ length: n }, (_, i) =>
      i % 2 ? 'aeiou'[next() % 5] : 'bcdfghjklmnprstvz'[next() % 17],
    ).join('');
  const names = new Set<string>();
  while (names.size < rows) {
    const n = `${word(6)} ${word(8)}`;
    names.add(n[0]!.toUpperCase() + n.slice(1, 7) + n[7]!.toUpperCase() + n.slice(8));
  }
  writeFileSync(
    file,
    `name,role,country,group\n${[...names].map((n) => `${n},Professor,FR,industry`).join('\n')}\n`,
  );
  return file;
}

/**
 * Runs `letter args` in `dir` and kills it with SIGKILL `delay` ms after the `after`-th change
 * it makes inside the letter folder (seen through inotify; only changes of the file `only`
 * when given), or after it takes the lock (`after` 0). Resolves with whether it was killed
 * (else it finished first) and how long the run went on after the trigger.
 */
function killDuring(
  dir: string,
  args: string[],
  after: number,
  delay: number,
  only?: string,
): Promise<{ killed: boolean; window: number }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: dir,
      env: { ...process.env, NO_COLOR: '1', LETTER_CACHE_DIR: TEST_CACHE },
      stdio: 'ignore',
    });
    let seen = 0;
    let at: number | undefined;
    const fire = () => {
      if (at !== undefined) return;
      at = performance.now();
      if (delay >= 0) setTimeout(() => child.kill('SIGKILL'), delay);
    };
    const watchers =
      after === 0
        ? [watch(path.join(dir, 'letters'), (_e, name) => name === 'time-to-act.lock' && fire())]
        : // Not { recursive: true }: Node 20 does that by polling every file on Linux.
          [L, `${L}/signatures`].map((d) =>
            watch(
              path.join(dir, d),
              (_e, name) => (only === undefined || name === only) && ++seen >= after && fire(),
            ),
          );
    child.on('exit', (_code, signal) => {
      for (const w of watchers) w.close();
      resolve({
        killed: signal === 'SIGKILL',
        window: at === undefined ? 0 : performance.now() - at,
      });
    });
  });
}

/**
 * Kills `args` at `tries` moments spread over its run from `from` (taking the lock, or its
 * first change to the letter; four more as it takes the lock and as it writes), each time from the
 * state `fixture` made, and checks what the next commands find.
 * @returns how many runs were killed (the others finished first).
 */
async function killAtManyMoments(
  dir: string,
  args: string[],
  tries: number,
  from: 'lock' | 'first write',
): Promise<number> {
  const after = from === 'lock' ? 0 : 1;
  const before = normal(dir);
  // The finished command, once, for the state a run that completes leaves and how long it takes.
  const full = await killDuring(dir, args, after, -1);
  expect(full.killed).toBe(false);
  const done = normal(dir);
  expect(done).not.toEqual(before);
  // Both states pass check; each try below must end in one of them exactly.
  expect((await letter(dir, ['check', L])).code).toBe(0);
  let killed = 0;
  const moments = [
    ...Array.from({ length: tries }, (_, i) => ({ after, delay: (full.window * i) / tries })),
    // Right after it takes the lock, and right as it changes its first file.
    { after: 0, delay: 0 },
    { after: 0, delay: 5 },
    { after: 1, delay: 0 },
    { after: 1, delay: 1 },
  ];
  for (const m of moments) {
    reset(dir);
    const run = await killDuring(dir, args, m.after, m.delay);
    if (run.killed) killed++;
    const when = `${args[0]} killed ${m.delay.toFixed(0)} ms after ${m.after ? 'its first write' : 'taking the lock'}`;
    // The next command that writes the letter: it finishes or undoes what was killed.
    const next = await letter(dir, ['changelog', L]);
    expect(next.code, `${when}: ${next.stderr}`).toBe(0);
    expect(leftovers(dir), when).toEqual([]);
    const now = normal(dir);
    expect(now, `${when}: neither the state before nor the state after`).toEqual(
      JSON.stringify(now) === JSON.stringify(done) ? done : before,
    );
  }
  const sign = await letter(dir, [
    'sign',
    L,
    '--name',
    'Next Writer',
    '--country',
    'FR',
    '--group',
    'industry',
    '--signed-at',
    '2026-01-01',
  ]);
  expect(sign.code, sign.stderr).toBe(0);
  expect((await letter(dir, ['check', L])).code).toBe(0);
  return killed;
}

describe.concurrent('kill -9 during a write: all or none', () => {
  it('import of 500 rows', { timeout: 240_000 }, async () => {
    const dir = await fixture();
    expect(
      await killAtManyMoments(dir, ['import', csv(500), L, '--allow-similar'], 5, 'first write'),
    ).toBeGreaterThanOrEqual(5);
  });

  it('sign', { timeout: 240_000 }, async () => {
    const dir = await fixture();
    expect(
      await killAtManyMoments(
        dir,
        [
          'sign',
          L,
          '--name',
          'Killed Signer',
          '--country',
          'US',
          '--group',
          'industry',
          '--signed-at',
          '2026-01-01',
        ],
        6,
        'lock',
      ),
    ).toBeGreaterThanOrEqual(5);
  });

  it('verify of three signatures', { timeout: 240_000 }, async () => {
    const dir = await fixture(async (d) => {
      for (const name of ['Ada Lovelace', 'Grace Hopper', 'Mary Somerville'])
        expect(
          (
            await letter(d, [
              'sign',
              L,
              '--name',
              name,
              '--country',
              'GB',
              '--group',
              'industry',
              '--signed-at',
              '2026-01-01',
            ])
          ).code,
        ).toBe(0);
    });
    expect(
      await killAtManyMoments(
        dir,
        ['verify', L, 'ada-lovelace', 'grace-hopper', 'mary-somerville', '--by', 'Desk'],
        6,
        'lock',
      ),
    ).toBeGreaterThanOrEqual(5);
  });

  it('withdraw --erase', { timeout: 240_000 }, async () => {
    const dir = await fixture();
    expect(
      await killAtManyMoments(
        dir,
        ['withdraw', L, 'eva-chen', '--erase', '--reason', 'asked to be forgotten'],
        6,
        'lock',
      ),
    ).toBeGreaterThanOrEqual(5);
  });

  it('import of 10,000 rows killed half-way through its files', { timeout: 240_000 }, async () => {
    const dir = await fixture();
    expect((await letter(dir, ['check', L])).code).toBe(0);
    const before = normal(dir);
    const run = await killDuring(dir, ['import', csv(10_000), L, '--allow-similar'], 5_000, 0);
    expect(run.killed).toBe(true);
    const next = await letter(dir, ['changelog', L]);
    expect(next.code, next.stderr).toBe(0);
    expect(next.stderr).toMatch(/did not finish .* was undone/);
    expect(leftovers(dir)).toEqual([]);
    expect(normal(dir)).toEqual(before);
    expect((await letter(dir, ['check', L])).code).toBe(0);
  });
});

describe('kill -9 during an append to CHANGELOG.md', () => {
  it('the next command cuts the file back to the very bytes it had', {
    timeout: 240_000,
  }, async () => {
    const dir = await fixture();
    const file = path.join(dir, L, 'CHANGELOG.md');
    const before = readFileSync(file);
    const { ino } = statSync(file);
    // Killed as the import's lines reach CHANGELOG.md, while it syncs its files before its commit.
    const run = await killDuring(
      dir,
      ['import', csv(2_000), L, '--allow-similar'],
      1,
      0,
      'CHANGELOG.md',
    );
    expect(run.killed).toBe(true);
    // Appended in place (the same file, longer), and the write not committed.
    expect(statSync(file).ino).toBe(ino);
    expect(statSync(file).size).toBeGreaterThan(before.length);
    expect(existsSync(path.join(dir, `${L}.journal.lock/intent.json`))).toBe(true);
    // A command that takes the lock and never writes CHANGELOG.md itself.
    const next = await letter(dir, ['schema', '--update', L]);
    expect(next.code, next.stderr).toBe(0);
    expect(next.stderr).toMatch(/did not finish .* was undone; put back \d+ file\(s\)/);
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(leftovers(dir)).toEqual([]);
    expect((await letter(dir, ['check', L])).code).toBe(0);
  });
});

describe('a read-only command after a kill', () => {
  it('check refuses a half-written letter, changes nothing, and names the command that undoes it', {
    timeout: 120_000,
  }, async () => {
    const dir = await fixture();
    const before = normal(dir);
    const rows = csv(500);
    let journaled = false;
    for (let k = 20; k <= 420 && !journaled; k += 100) {
      reset(dir);
      expect((await killDuring(dir, ['import', rows, L, '--allow-similar'], k, 0)).killed).toBe(
        true,
      );
      journaled = existsSync(path.join(dir, `${L}.journal.lock/intent.json`));
    }
    expect(journaled).toBe(true);
    const halfWritten = snapshot(dir);
    const check = await letter(dir, ['check', L]);
    expect(check.code).toBe(1);
    expect(check.stderr).toContain(`letter changelog ${L}`);
    expect(snapshot(dir)).toEqual(halfWritten);
    const next = await letter(dir, ['changelog', L]);
    expect(next.stderr).toMatch(
      /warning: a write to letters\/time-to-act did not finish \(the process was killed\) and was undone; put back \d+ file\(s\) as they were and removed \d+ it had added/,
    );
    expect(normal(dir)).toEqual(before);
    expect((await letter(dir, ['check', L])).code).toBe(0);
  });
});
