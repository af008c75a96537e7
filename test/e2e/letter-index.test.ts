/**
 * The letter's index (letter-db.ts, issue 15) is only ever a copy of what the files say: a
 * run after it was deleted, damaged, or left behind by a process killed while writing it
 * gives exactly what a run without any index gives, and makes it again.
 */
import { spawn, spawnSync } from 'node:child_process';
import {
  closeSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateLetter } from '../../bench/generate.js';
import { BIN, letter, tempLetter } from '../helpers/cli.js';

const L = 'letters/bench';
let t: { dir: string; cleanup: () => void };
let cache = '';
const env = () => ({ LETTER_CACHE_DIR: cache });
const noIndex = { LETTER_NO_CACHE: '1' };

beforeAll(() => {
  t = tempLetter();
  // 3,000 signatures (PARALLEL_MIN): enough that a first check parses on two threads and writes the index for a while.
  generateLetter(path.join(t.dir, L), 3000, 7, { sharded: false, extra: 0 });
  cache = mkdtempSync(path.join(tmpdir(), 'letter-index-'));
});
afterAll(() => {
  t.cleanup();
  rmSync(cache, { recursive: true, force: true });
});

/** The index database files in the cache folder. */
const indexFiles = () => readdirSync(cache).filter((f) => f.endsWith('.sqlite'));

/** What check and list --json print (a large list: the helper's buffer is too small for it): the results a run with or without an index must share. */
function results(runEnv: Record<string, string>) {
  const out: Record<string, { code: number | null; stdout: string }> = {};
  for (const args of [
    ['check', L],
    ['list', L, '--json'],
    ['check', 'letters/time-to-act'],
  ]) {
    const r = spawnSync(process.execPath, [BIN, ...args], {
      cwd: t.dir,
      encoding: 'utf8',
      maxBuffer: 1 << 28,
      env: { ...process.env, NO_COLOR: '1', LETTER_COMMAND: 'letter', ...runEnv },
    });
    expect(r.stderr, args.join(' ')).not.toMatch(/internal error|\n\s+at |SQLITE/);
    out[args.join(' ')] = { code: r.status, stdout: r.stdout };
  }
  return out;
}

describe('the index is rebuilt whenever in doubt', () => {
  let expected: ReturnType<typeof results>;
  beforeAll(async () => {
    // CHANGELOG.md of the generated letter, then the results of a run with no index at all.
    expect((await letter(t.dir, ['changelog', L], noIndex)).code).toBe(0);
    expected = results(noIndex);
    expect(expected[`check ${L}`]!.code).toBe(0);
  }, 300_000);

  it('is made by a first run and used by the next: same results', async () => {
    expect(results(env())).toEqual(expected);
    expect(indexFiles()).toHaveLength(2);
    expect(results(env())).toEqual(expected);
  });

  it('deleted: made again, same results', async () => {
    for (const f of readdirSync(cache)) rmSync(path.join(cache, f));
    expect(results(env())).toEqual(expected);
    expect(indexFiles()).toHaveLength(2);
  });

  it.each([
    ['overwritten with text', (f: string) => writeFileSync(f, 'not a database\n')],
    [
      'cut in half',
      (f: string) => writeFileSync(f, readFileSync(f).subarray(0, statSync(f).size >> 1)),
    ],
    [
      'pages overwritten in the middle',
      (f: string) => {
        const fd = openSync(f, 'r+');
        const size = statSync(f).size;
        for (let at = 4096; at < size; at += 8192)
          writeSync(fd, Buffer.alloc(512, 0xa5), 0, 512, at);
        closeSync(fd);
      },
    ],
  ])('damaged (%s): made again, same results', async (_, damage) => {
    expect(results(env())).toEqual(expected);
    for (const f of indexFiles()) damage(path.join(cache, f));
    expect(results(env())).toEqual(expected);
    // Made again whole: the run after gives the same.
    expect(results(env())).toEqual(expected);
  });

  it('left behind by processes killed while writing it: the next run gives the same results', async () => {
    for (const after of [200, 600, 1200]) {
      for (const f of readdirSync(cache)) rmSync(path.join(cache, f));
      // A first check writes the whole index; kill it part-way.
      const child = spawn(process.execPath, [BIN, 'check', L], {
        cwd: t.dir,
        env: { ...process.env, ...env(), NO_COLOR: '1' },
        stdio: 'ignore',
      });
      await new Promise((r) => setTimeout(r, after));
      child.kill('SIGKILL');
      await new Promise((r) => child.on('close', r));
      expect(results(env()), `killed after ${after} ms`).toEqual(expected);
    }
  }, 300_000);

  it('a sign killed part-way leaves an index the next sign and check agree with', async () => {
    const signer = (name: string) => [
      'sign',
      L,
      '--name',
      name,
      '--country',
      'FR',
      '--group',
      'industry',
      '--allow-similar',
      '--signed-at',
      '2021-06-01',
    ];
    expect((await letter(t.dir, signer('Index Signer One'), env())).code).toBe(0);
    const child = spawn(process.execPath, [BIN, ...signer('Index Signer Two')], {
      cwd: t.dir,
      env: { ...process.env, ...env(), NO_COLOR: '1' },
      stdio: 'ignore',
    });
    await new Promise((r) => setTimeout(r, 350));
    child.kill('SIGKILL');
    await new Promise((r) => child.on('close', r));
    // Whatever the kill left, a sign of the same name again finds it or adds it once, and check is green.
    const again = await letter(t.dir, signer('Index Signer Two'), env());
    expect(again.stderr).not.toMatch(/internal error|\n\s+at |SQLITE/);
    const withIndex = results(env());
    expect(withIndex).toEqual(results(noIndex));
    expect(withIndex[`check ${L}`]!.code).toBe(0);
  }, 300_000);
});
