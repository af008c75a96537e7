import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NameIndex } from '../../src/letter/duplicates.js';
import { withRunEnv } from '../../src/run-env.js';
import { LetterDb } from '../../src/storage/letter-db.js';
import { addToSignIndex, readSignIndex, writeSignIndex } from '../../src/storage/sign-index.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'letter-sign-index-'));
  mkdirSync(path.join(dir, 'letter'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const NAMES = [
  'Maria Garcia',
  'María García López',
  'Mario Garcia',
  'José Garcia',
  'Maria Lopez',
  'Marie Garcin',
  'Ana Silva',
  'Anna Silva',
];

/** Runs `fn` on the sign index of a letter holding NAMES, with caching on in a folder of the test's. */
function withNames<T>(fn: (open: () => ReturnType<typeof readSignIndex>) => T): Promise<T> {
  const ctx = { env: { LETTER_CACHE_DIR: path.join(dir, 'cache') }, stderr: { write() {} } };
  return withRunEnv(ctx, undefined, async () => {
    const db = (await LetterDb.open(path.join(dir, 'letter')))!;
    const columns = NameIndex.of(
      NAMES.map((name, i) => ({ id: `s${i}`, name, status: 'verified' })),
    ).columns;
    writeSignIndex(db, 'state', columns, [], true);
    try {
      return fn(() => readSignIndex(db, 'state'));
    } finally {
      db.close();
    }
  });
}

describe('the sign index, looked up many times (an import)', () => {
  it('finds for each name what a fresh lookup finds, whatever was looked up before', async () => {
    await withNames((open) => {
      const warm = open()!;
      const extra = { df: new Map([['maria', 3]]), n: 10 };
      for (const name of [...NAMES, 'Maria Garcia', 'Mara Garsia', 'Ana Silvia']) {
        const before = open()!.find(name, { country: 'ES' }, extra);
        expect(warm.find(name, { country: 'ES' }, extra)).toEqual(before);
      }
    });
  });

  it("finds a name's matches with the scores of the whole letter's word counts", async () => {
    await withNames((open) => {
      const stored = open()!;
      const expected = [
        ['s0', 'exact', 1],
        ['s1', 'likely', 0.91],
        ['s5', 'possible', 0.7],
      ];
      expect(stored.find('Maria Garcia').map((m) => [m.id, m.kind, m.score])).toEqual(expected);
      for (const name of NAMES) stored.find(name);
      expect(stored.find('Maria Garcia').map((m) => [m.id, m.kind, m.score])).toEqual(expected);
    });
  });
});

describe('names added to the sign index (after a sign or an import)', () => {
  it('are found as if the index had been written with them', async () => {
    const ctx = { env: { LETTER_CACHE_DIR: path.join(dir, 'cache') }, stderr: { write() {} } };
    const names = NAMES.map((name, i) => ({ id: `s${i}`, name, status: 'verified' }));
    const found = await withRunEnv(ctx, undefined, async () => {
      const db = (await LetterDb.open(path.join(dir, 'letter')))!;
      try {
        const lookups = () =>
          ['Maria Garcia', 'Ana Silva', 'Marie Garcin'].map((n) =>
            readSignIndex(db, 'later')!
              .find(n)
              .map((m) => [m.id, m.kind, m.score]),
          );
        writeSignIndex(db, 'later', NameIndex.of(names).columns, [], true);
        const whole = lookups();
        writeSignIndex(db, 'earlier', NameIndex.of(names.slice(0, 3)).columns, [], true);
        addToSignIndex(db, 'earlier', 'later', names.slice(3), true);
        return { whole, added: lookups() };
      } finally {
        db.close();
      }
    });
    expect(found.added).toEqual(found.whole);
    expect(found.whole[1]).toEqual([
      ['s6', 'exact', 1],
      ['s7', 'possible', 0.7],
    ]);
  });
});
