/**
 * What the letter's index (letter-db.ts) must never do, found by a tester: replace a file
 * that appeared while a sign ran, keep an erased name, or keep names `check` saw change.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sign } from '../../src/letter/signatures.js';
import { withRunEnv } from '../../src/run-env.js';
import { withSignState } from '../../src/storage/sign-state.js';
import { useTempLetter } from '../helpers/cli.js';
import { testContext } from '../helpers/context.js';
import { letter } from '../helpers/in-process.js';

const t = useTempLetter();
const L = 'letters/time-to-act';
let cache = '';
beforeEach(() => {
  cache = mkdtempSync(path.join(tmpdir(), 'letter-index-safety-'));
});
afterEach(() => rmSync(cache, { recursive: true, force: true }));
const env = () => ({ LETTER_CACHE_DIR: cache });
const signer = (name: string) => [
  'sign',
  L,
  '--name',
  name,
  '--country',
  'GB',
  '--group',
  'industry',
  '--signed-at',
  '2026-11-29T10:00:00Z',
];
/** The files of the cache folder whose bytes hold `needle`. */
const cacheHolding = (needle: string) =>
  readdirSync(cache).filter((f) => readFileSync(path.join(cache, f)).includes(needle));

describe('the index and changes it did not make', () => {
  it('a signature file that appears between the read and the write of a sign is never replaced', async () => {
    expect((await letter(t.dir, signer('Ada Lovelace'), env())).code).toBe(0);
    const file = path.join(t.letterDir, 'signatures/grace-hopper.yaml');
    const theirs = readFileSync(path.join(t.letterDir, 'signatures/eva-chen.yaml'), 'utf8')
      .replace('name: Eva Chen', 'name: Grace Hopper')
      .replace(/sort_as: .*/, 'sort_as: Hopper Grace');
    const { ctx } = testContext(t.dir);
    const run = withRunEnv({ env: env(), stderr: ctx.stderr }, undefined, () =>
      withSignState(t.letterDir, ctx, async (state) => {
        const rules = await state.rules({});
        const input = { name: 'Grace Hopper', country: 'US', group: 'industry' };
        const { signature } = sign(state.letter, [], input, ctx.now(), rules);
        // A colleague's signature arrives (git pull) after the letter was read.
        writeFileSync(file, theirs);
        return state.record(signature, {});
      }),
    );
    await expect(run).rejects.toThrow(/grace-hopper\.yaml appeared while this command ran/);
    expect(readFileSync(file, 'utf8')).toBe(theirs);
    // The next sign of the name reads every file and finds it.
    const again = await letter(t.dir, signer('Grace Hopper'), env());
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('is already on the letter as signature grace-hopper');
  });

  it('an erasure that arrives as files (git pull) deletes the index that held the name', async () => {
    expect((await letter(t.dir, ['check', L], env())).code).toBe(0);
    expect((await letter(t.dir, signer('Ada Lovelace'), env())).code).toBe(0);
    expect(cacheHolding('Eva Chen').length).toBeGreaterThan(0);
    // The erasure is made elsewhere (no index here), and its files arrive.
    expect(
      (
        await letter(
          t.dir,
          ['withdraw', L, 'eva-chen', '--reason', 'Asked to be forgotten', '--erase'],
          {
            LETTER_NO_CACHE: '1',
          },
        )
      ).code,
    ).toBe(0);
    expect((await letter(t.dir, ['check', L], env())).code).toBe(0);
    expect(cacheHolding('Eva Chen')).toEqual([]);
    // The index is made again, without her, and used.
    expect((await letter(t.dir, ['check', L], env())).code).toBe(0);
    expect(readdirSync(cache).some((f) => f.endsWith('.sqlite'))).toBe(true);
    expect(cacheHolding('Eva Chen')).toEqual([]);
  });

  it('an erasure also deletes the indexes of letter folders that are gone and the caches of older versions', async () => {
    expect((await letter(t.dir, ['check', L], env())).code).toBe(0);
    const [index] = readdirSync(cache).filter((f) => f.endsWith('.sqlite'));
    // An index of a letter folder since renamed, and an older version's parse cache, both holding her name.
    const gone = path.join(t.dir, 'letters/old-name');
    writeFileSync(path.join(cache, `${'a'.repeat(32)}.json`), '{"names":["Eva Chen"]}');
    rmSync(path.join(cache, index!), { force: true });
    const copy = await letter(t.dir, ['check', L], env());
    expect(copy.code).toBe(0);
    const made = readdirSync(cache).find((f) => f.endsWith('.sqlite'))!;
    writeFileSync(
      path.join(cache, `${'b'.repeat(32)}.sqlite`),
      readFileSync(path.join(cache, made)),
    );
    // It names this letter's folder: point it at a folder that is gone.
    const Sqlite = (await import('better-sqlite3')).default;
    const db = new Sqlite(path.join(cache, `${'b'.repeat(32)}.sqlite`));
    db.prepare('UPDATE meta SET value = ? WHERE name = ?').run(JSON.stringify(gone), 'dir');
    db.close();
    expect(
      (
        await letter(
          t.dir,
          ['withdraw', L, 'eva-chen', '--reason', 'Asked to be forgotten', '--erase'],
          env(),
        )
      ).code,
    ).toBe(0);
    expect(cacheHolding('Eva Chen')).toEqual([]);
  });

  it('a file check found changed in place is not trusted by the next sign', async () => {
    expect((await letter(t.dir, signer('Ada Lovelace'), env())).code).toBe(0);
    const file = path.join(t.letterDir, 'signatures/eva-chen.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('name: Eva Chen', 'name: Grace Hopper'));
    // check reads every file: it sees the edit...
    expect((await letter(t.dir, ['check', L], env())).code).toBe(1);
    // ...and the next sign reads every file too.
    const r = await letter(t.dir, signer('Grace Hopper'), env());
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('is already on the letter as signature eva-chen ("Grace Hopper"');
  });

  it('keeps no index inside the letter when the cache folder points there', async () => {
    const r = await letter(t.dir, ['sign', ...signer('Ada Lovelace').slice(1)], {
      LETTER_CACHE_DIR: path.join(t.letterDir, 'signatures'),
    });
    expect(r.code).toBe(0);
    expect(
      readdirSync(path.join(t.letterDir, 'signatures')).filter((f) => !f.endsWith('.yaml')),
    ).toEqual([]);
    expect((await letter(t.dir, ['check', L])).code).toBe(0);
  });
});
