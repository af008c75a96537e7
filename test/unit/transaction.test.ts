import { mkdtempSync, readFileSync, existsSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureDir, writeAll } from '../../src/storage/transaction.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'letter-tx-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('writeAll', () => {
  it('writes and deletes files in order', async () => {
    writeFileSync(path.join(dir, 'old.txt'), 'old\n');
    await writeAll([{ path: path.join(dir, 'a/b.txt'), text: 'b\n' }, { path: path.join(dir, 'old.txt'), text: null }]);
    expect(readFileSync(path.join(dir, 'a/b.txt'), 'utf8')).toBe('b\n');
    expect(existsSync(path.join(dir, 'old.txt'))).toBe(false);
  });

  it('puts back every file already written when a later write fails', async () => {
    writeFileSync(path.join(dir, 'kept.txt'), 'before\n');
    writeFileSync(path.join(dir, 'gone.txt'), 'still here\n');
    writeFileSync(path.join(dir, 'a-file'), 'not a folder\n');
    await expect(
      writeAll([
        { path: path.join(dir, 'kept.txt'), text: 'after\n' },
        { path: path.join(dir, 'new.txt'), text: 'new\n' },
        { path: path.join(dir, 'gone.txt'), text: null },
        { path: path.join(dir, 'a-file/inside.txt'), text: 'fails\n' },
      ]),
    ).rejects.toMatchObject({ code: 'ENOTDIR' });
    expect(readFileSync(path.join(dir, 'kept.txt'), 'utf8')).toBe('before\n');
    expect(readFileSync(path.join(dir, 'gone.txt'), 'utf8')).toBe('still here\n');
    expect(existsSync(path.join(dir, 'new.txt'))).toBe(false);
  });
});

describe('ensureDir', () => {
  it('creates missing levels, and fails fast where Node\'s recursive mkdir would loop (/proc)', async () => {
    await ensureDir(path.join(dir, 'x/y/z'));
    expect(existsSync(path.join(dir, 'x/y/z'))).toBe(true);
    await expect(ensureDir('/proc/letter-test/x')).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

describe('writeAll interrupted', () => {
  it('puts every file back and throws Cancelled when SIGINT arrives part-way', async () => {
    writeFileSync(path.join(dir, 'kept.txt'), 'before\n');
    const changes = [{ path: path.join(dir, 'kept.txt'), text: 'after\n' }, ...Array.from({ length: 50 }, (_, i) => ({ path: path.join(dir, `n${i}.txt`), text: `${i}\n` }))];
    const pending = writeAll(changes);
    setImmediate(() => process.emit('SIGINT'));
    await expect(pending).rejects.toMatchObject({ name: 'Cancelled', exitCode: 130 });
    expect(readFileSync(path.join(dir, 'kept.txt'), 'utf8')).toBe('before\n');
    for (let i = 0; i < 50; i++) expect(existsSync(path.join(dir, `n${i}.txt`))).toBe(false);
  });
});
