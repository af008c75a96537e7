import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  identityAt,
  identityOf,
  jobPaths,
  NOT_A_FILE,
  REGULAR_FILE,
  STAT_WIDTH,
  statInto,
  VANISHED,
  writeIdentity,
} from '../../src/storage/file-stats.js';

const stats = (isFile: boolean) => ({
  isFile: () => isFile,
  size: 123,
  mtimeMs: 1_700_000_000_000.5,
  ctimeMs: 1_700_000_000_001,
  ino: 42,
});

describe('identityOf', () => {
  it('is [kind, size, modified ms, changed ms, inode]', () => {
    expect(STAT_WIDTH).toBe(5);
    expect([VANISHED, REGULAR_FILE, NOT_A_FILE]).toEqual([0, 1, 2]);
    expect(identityOf(stats(true))).toEqual([1, 123, 1_700_000_000_000.5, 1_700_000_000_001, 42]);
    expect(identityOf(stats(false))).toEqual([2, 123, 1_700_000_000_000.5, 1_700_000_000_001, 42]);
  });

  it('gives no file kind 0, or kind 2 when asked (a path that cannot be opened)', () => {
    expect(identityOf(undefined)).toEqual([0, 0, 0, 0, 0]);
    expect(identityOf(undefined, NOT_A_FILE)).toEqual([2, 0, 0, 0, 0]);
  });
});

describe('writeIdentity and identityAt', () => {
  it('write one identity among many, and read its numbers after the kind by name', () => {
    const out = new Float64Array(3 * STAT_WIDTH).fill(9);
    writeIdentity(out, STAT_WIDTH, stats(true));
    writeIdentity(out, 2 * STAT_WIDTH, undefined);
    expect([...out]).toEqual([
      9, 9, 9, 9, 9, 1, 123, 1_700_000_000_000.5, 1_700_000_000_001, 42, 0, 0, 0, 0, 0,
    ]);
    expect(identityAt(out, STAT_WIDTH)).toEqual({
      size: 123,
      mtimeMs: 1_700_000_000_000.5,
      ctimeMs: 1_700_000_000_001,
      ino: 42,
    });
  });
});

describe('statInto', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'letter-file-stats-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('stats a file, a folder, a link and a missing path without following the link', () => {
    writeFileSync(path.join(dir, 'a.yaml'), 'name: A\n');
    mkdirSync(path.join(dir, 'folder'));
    symlinkSync('a.yaml', path.join(dir, 'link.yaml'));
    const paths = ['a.yaml', 'folder', 'link.yaml', 'gone.yaml'].map((p) => path.join(dir, p));
    const out = new Float64Array(paths.length * STAT_WIDTH);
    statInto(paths, out);
    const kinds = [0, 1, 2, 3].map((i) => out[i * STAT_WIDTH]);
    expect(kinds).toEqual([1, 2, 2, 0]);
    expect(out[1]).toBe(8);
    expect([...out.subarray(3 * STAT_WIDTH)]).toEqual([0, 0, 0, 0, 0]);
  });
});

describe('jobPaths', () => {
  it.each([
    [
      { folders: ['/l/signatures/'], folder: [0, 0], entries: 'a.yaml\nb-c.yaml' },
      ['/l/signatures/a.yaml', '/l/signatures/b-c.yaml'],
    ],
    [
      { folders: ['/s/ab/', '/s/cd/'], folder: [1, 0], entries: 'cd-x.yaml\nab-y.yaml' },
      ['/s/cd/cd-x.yaml', '/s/ab/ab-y.yaml'],
    ],
    [{ folders: ['/s/'], folder: [], entries: '' }, []],
  ])('%o', (job, expected) => {
    expect(jobPaths(job)).toEqual(expected);
  });
});
