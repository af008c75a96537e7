import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  begin,
  describeRecovery,
  hasJournal,
  journalDir,
  rollBack,
} from '../../src/storage/journal.js';
import { ensureDir, whileHeld, writeAll } from '../../src/storage/transaction.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'letter-tx-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('writeAll', () => {
  it('writes and deletes files in order', async () => {
    writeFileSync(path.join(dir, 'old.txt'), 'old\n');
    await writeAll([
      { path: path.join(dir, 'a/b.txt'), text: 'b\n' },
      { path: path.join(dir, 'old.txt'), text: null },
    ]);
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
  it("creates missing levels, and fails fast where Node's recursive mkdir would loop (/proc)", async () => {
    await ensureDir(path.join(dir, 'x/y/z'));
    expect(existsSync(path.join(dir, 'x/y/z'))).toBe(true);
    await expect(ensureDir('/proc/letter-test/x')).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

describe('writeAll interrupted', () => {
  it('puts every file back and throws Cancelled when SIGINT arrives part-way', async () => {
    writeFileSync(path.join(dir, 'kept.txt'), 'before\n');
    const changes = [
      { path: path.join(dir, 'kept.txt'), text: 'after\n' },
      ...Array.from({ length: 50 }, (_, i) => ({
        path: path.join(dir, `n${i}.txt`),
        text: `${i}\n`,
      })),
    ];
    const pending = writeAll(changes);
    setImmediate(() => process.emit('SIGINT'));
    await expect(pending).rejects.toMatchObject({ name: 'Cancelled', exitCode: 130 });
    expect(readFileSync(path.join(dir, 'kept.txt'), 'utf8')).toBe('before\n');
    for (let i = 0; i < 50; i++) expect(existsSync(path.join(dir, `n${i}.txt`))).toBe(false);
  });
});

describe('writeAll inside a letter whose lock this process holds (journaled)', () => {
  const letterDir = () => path.join(dir, 'letters/demo');
  beforeEach(() => {
    mkdirSync(path.join(letterDir(), 'signatures'), { recursive: true });
    writeFileSync(path.join(letterDir(), 'CHANGELOG.md'), 'old log\n');
    writeFileSync(path.join(letterDir(), 'signatures/kept.yaml'), 'name: Kept\n');
  });

  it('writes every file, leaves no journal, and keeps the mode of a file written again', async () => {
    chmodSync(path.join(letterDir(), 'CHANGELOG.md'), 0o640);
    await whileHeld(letterDir(), () =>
      writeAll([
        { path: path.join(letterDir(), 'signatures/ne/new.yaml'), text: 'name: New\n' },
        { path: path.join(letterDir(), 'CHANGELOG.md'), text: 'new log\n' },
        { path: path.join(letterDir(), 'signatures/kept.yaml'), text: null },
      ]),
    );
    expect(readFileSync(path.join(letterDir(), 'signatures/ne/new.yaml'), 'utf8')).toBe(
      'name: New\n',
    );
    expect(readFileSync(path.join(letterDir(), 'CHANGELOG.md'), 'utf8')).toBe('new log\n');
    expect(statSync(path.join(letterDir(), 'CHANGELOG.md')).mode & 0o777).toBe(0o640);
    expect(existsSync(path.join(letterDir(), 'signatures/kept.yaml'))).toBe(false);
    expect(readdirSync(path.join(dir, 'letters'))).toEqual(['demo']);
    expect(readdirSync(letterDir()).sort()).toEqual(['CHANGELOG.md', 'signatures']);
  });

  it('records the state before the write: existing files as hard links, new ones as absent, new folders', async () => {
    const j = await begin(
      letterDir(),
      [path.join(letterDir(), 'CHANGELOG.md'), path.join(letterDir(), 'signatures/ne/new.yaml')],
      [path.join(letterDir(), 'signatures/ne')],
    );
    const intent = JSON.parse(
      readFileSync(path.join(journalDir(letterDir()), 'intent.json'), 'utf8'),
    );
    expect(intent).toEqual({
      version: 1,
      files: [
        { path: 'CHANGELOG.md', backup: 'b0' },
        { path: 'signatures/ne/new.yaml', backup: null },
      ],
      dirs: ['signatures/ne'],
    });
    expect(statSync(path.join(j.dir, 'b0')).ino).toBe(
      statSync(path.join(letterDir(), 'CHANGELOG.md')).ino,
    );
    expect(await hasJournal(letterDir())).toBe(true);
  });

  it('rolls back a write killed part-way: files as they were, added files and folders gone, temporary files deleted', async () => {
    await begin(
      letterDir(),
      [
        path.join(letterDir(), 'CHANGELOG.md'),
        path.join(letterDir(), 'signatures/kept.yaml'),
        path.join(letterDir(), 'signatures/ne/new.yaml'),
      ],
      [path.join(letterDir(), 'signatures/ne')],
    );
    // What the killed process had done: one file rewritten (renamed over), one deleted, one added, a temporary file of an older letter.
    writeFileSync(path.join(letterDir(), 'CHANGELOG.md.new'), 'half\n');
    renameSync(path.join(letterDir(), 'CHANGELOG.md.new'), path.join(letterDir(), 'CHANGELOG.md'));
    rmSync(path.join(letterDir(), 'signatures/kept.yaml'));
    mkdirSync(path.join(letterDir(), 'signatures/ne'));
    writeFileSync(path.join(letterDir(), 'signatures/ne/new.yaml'), 'name: New\n');
    writeFileSync(path.join(letterDir(), 'CHANGELOG.md.3141592653'), 'temporary\n');
    const r = await rollBack(letterDir());
    expect(r).toEqual({
      letter: letterDir(),
      restored: 2,
      removed: 1,
      temporary: ['CHANGELOG.md.3141592653'],
    });
    expect(readFileSync(path.join(letterDir(), 'CHANGELOG.md'), 'utf8')).toBe('old log\n');
    expect(readFileSync(path.join(letterDir(), 'signatures/kept.yaml'), 'utf8')).toBe(
      'name: Kept\n',
    );
    expect(existsSync(path.join(letterDir(), 'signatures/ne'))).toBe(false);
    expect(existsSync(journalDir(letterDir()))).toBe(false);
    expect(await rollBack(letterDir())).toBeUndefined();
  });

  it('rolls back again when the rollback itself was killed (a backup already moved back)', async () => {
    await begin(letterDir(), [path.join(letterDir(), 'CHANGELOG.md')], []);
    writeFileSync(path.join(letterDir(), 'CHANGELOG.md.new'), 'half\n');
    renameSync(path.join(letterDir(), 'CHANGELOG.md.new'), path.join(letterDir(), 'CHANGELOG.md'));
    renameSync(path.join(journalDir(letterDir()), 'b0'), path.join(letterDir(), 'CHANGELOG.md'));
    expect(await rollBack(letterDir())).toMatchObject({ restored: 0, removed: 0 });
    expect(readFileSync(path.join(letterDir(), 'CHANGELOG.md'), 'utf8')).toBe('old log\n');
  });

  it('treats a journal without intent.json (killed while recording) as nothing done', async () => {
    mkdirSync(journalDir(letterDir()));
    writeFileSync(path.join(journalDir(letterDir()), 'b0'), 'x');
    expect(await hasJournal(letterDir())).toBe(false);
    expect(await rollBack(letterDir())).toBeUndefined();
    expect(readFileSync(path.join(letterDir(), 'CHANGELOG.md'), 'utf8')).toBe('old log\n');
  });

  it('refuses a journal naming a path outside the letter, and changes nothing', async () => {
    mkdirSync(journalDir(letterDir()));
    writeFileSync(path.join(dir, 'outside.txt'), 'keep\n');
    writeFileSync(
      path.join(journalDir(letterDir()), 'intent.json'),
      JSON.stringify({
        version: 1,
        files: [{ path: '../../outside.txt', backup: null }],
        dirs: [],
      }),
    );
    await expect(rollBack(letterDir())).rejects.toThrow(/outside the letter/);
    expect(readFileSync(path.join(dir, 'outside.txt'), 'utf8')).toBe('keep\n');
  });

  it('refuses a journal that reaches outside the letter through a symbolic link', async () => {
    mkdirSync(path.join(dir, 'elsewhere'));
    symlinkSync(path.join(dir, 'elsewhere'), path.join(letterDir(), 'signatures/linked'));
    mkdirSync(journalDir(letterDir()));
    writeFileSync(path.join(journalDir(letterDir()), 'b0'), 'planted\n');
    writeFileSync(
      path.join(journalDir(letterDir()), 'intent.json'),
      JSON.stringify({
        version: 1,
        files: [{ path: 'signatures/linked/x', backup: 'b0' }],
        dirs: [],
      }),
    );
    await expect(rollBack(letterDir())).rejects.toThrow(/symbolic link: signatures\/linked/);
    expect(readdirSync(path.join(dir, 'elsewhere'))).toEqual([]);
  });

  it("changes files outside the letter (renders) first, and puts them back when the letter's write fails", async () => {
    mkdirSync(path.join(dir, 'out'));
    writeFileSync(path.join(dir, 'out/demo.html'), 'render\n');
    writeFileSync(path.join(letterDir(), 'a-file'), 'not a folder\n');
    await expect(
      whileHeld(letterDir(), () =>
        writeAll([
          { path: path.join(letterDir(), 'CHANGELOG.md'), text: 'new log\n' },
          { path: path.join(dir, 'out/demo.html'), text: null },
          { path: path.join(letterDir(), 'a-file/inside.txt'), text: 'fails\n' },
        ]),
      ),
    ).rejects.toMatchObject({ code: 'ENOTDIR' });
    expect(readFileSync(path.join(dir, 'out/demo.html'), 'utf8')).toBe('render\n');
    expect(readFileSync(path.join(letterDir(), 'CHANGELOG.md'), 'utf8')).toBe('old log\n');
    await whileHeld(letterDir(), () =>
      writeAll([
        { path: path.join(letterDir(), 'CHANGELOG.md'), text: 'new log\n' },
        { path: path.join(dir, 'out/demo.html'), text: null },
      ]),
    );
    expect(existsSync(path.join(dir, 'out/demo.html'))).toBe(false);
    expect(readFileSync(path.join(letterDir(), 'CHANGELOG.md'), 'utf8')).toBe('new log\n');
    expect(await hasJournal(letterDir())).toBe(false);
  });

  it('undoes at once, and leaves no journal, when a write fails part-way', async () => {
    writeFileSync(path.join(letterDir(), 'a-file'), 'not a folder\n');
    await expect(
      whileHeld(letterDir(), () =>
        writeAll([
          { path: path.join(letterDir(), 'CHANGELOG.md'), text: 'new log\n' },
          { path: path.join(letterDir(), 'signatures/new.yaml'), text: 'name: New\n' },
          { path: path.join(letterDir(), 'a-file/inside.txt'), text: 'fails\n' },
        ]),
      ),
    ).rejects.toMatchObject({ code: 'ENOTDIR' });
    expect(readFileSync(path.join(letterDir(), 'CHANGELOG.md'), 'utf8')).toBe('old log\n');
    expect(existsSync(path.join(letterDir(), 'signatures/new.yaml'))).toBe(false);
    expect(await hasJournal(letterDir())).toBe(false);
  });
});

describe('appending to a file in place', () => {
  const letterDir = () => path.join(dir, 'letters/demo');
  const log = () => path.join(letterDir(), 'CHANGELOG.md');
  beforeEach(() => {
    mkdirSync(path.join(letterDir(), 'signatures'), { recursive: true });
    writeFileSync(log(), '# Log\n\n- one\n');
    chmodSync(log(), 0o640);
  });

  it('adds the bytes at the end of the same file (its inode and mode kept), with the other files, and leaves no journal', async () => {
    const ino = statSync(log()).ino;
    await whileHeld(letterDir(), () =>
      writeAll([
        { path: path.join(letterDir(), 'signatures/new.yaml'), text: 'name: New\n' },
        { path: log(), append: Buffer.from('- two\n') },
      ]),
    );
    expect(readFileSync(log(), 'utf8')).toBe('# Log\n\n- one\n- two\n');
    expect(statSync(log()).ino).toBe(ino);
    expect(statSync(log()).mode & 0o777).toBe(0o640);
    expect(readFileSync(path.join(letterDir(), 'signatures/new.yaml'), 'utf8')).toBe('name: New\n');
    expect(existsSync(journalDir(letterDir()))).toBe(false);
  });

  it('records the size before, no backup (a hard link would share the appended bytes), as a version 2 journal', async () => {
    await begin(letterDir(), [path.join(letterDir(), 'signatures/new.yaml')], [], [log()]);
    expect(
      JSON.parse(readFileSync(path.join(journalDir(letterDir()), 'intent.json'), 'utf8')),
    ).toEqual({
      version: 2,
      files: [
        { path: 'CHANGELOG.md', backup: null, size: 13 },
        { path: 'signatures/new.yaml', backup: null },
      ],
      dirs: [],
    });
    expect(readdirSync(journalDir(letterDir()))).toEqual(['intent.json']);
  });

  it('refuses to append to a file the same write also rewrites', async () => {
    await expect(begin(letterDir(), [log()], [], [log()])).rejects.toThrow(/cannot append/);
  });

  it('cuts a file appended to by a killed write back to its very bytes, again when that rollback was itself cut short', async () => {
    const before = readFileSync(log());
    await begin(letterDir(), [path.join(letterDir(), 'signatures/new.yaml')], [], [log()]);
    // What the killed process had done: a file added, and part of its append.
    writeFileSync(path.join(letterDir(), 'signatures/new.yaml'), 'name: New\n');
    writeFileSync(log(), '- two\n- thr', { flag: 'a' });
    expect(await rollBack(letterDir())).toEqual({
      letter: letterDir(),
      restored: 1,
      removed: 1,
      temporary: [],
    });
    expect(readFileSync(log()).equals(before)).toBe(true);
    expect(readdirSync(letterDir()).sort()).toEqual(['CHANGELOG.md', 'signatures']);
    expect(readdirSync(path.join(letterDir(), 'signatures'))).toEqual([]);
    // A rollback killed after cutting the file back: nothing more to cut.
    await begin(letterDir(), [], [], [log()]);
    expect(await rollBack(letterDir())).toMatchObject({ restored: 0, removed: 0 });
    expect(readFileSync(log()).equals(before)).toBe(true);
  });

  it('puts the file back to its size when a later change of the write fails', async () => {
    writeFileSync(path.join(letterDir(), 'a-file'), 'not a folder\n');
    for (const held of [true, false]) {
      const write = () =>
        writeAll([
          { path: log(), append: '- two\n' },
          { path: path.join(letterDir(), 'a-file/inside.txt'), text: 'fails\n' },
        ]);
      await expect(held ? whileHeld(letterDir(), write) : write()).rejects.toMatchObject({
        code: 'ENOTDIR',
      });
      expect(readFileSync(log(), 'utf8')).toBe('# Log\n\n- one\n');
    }
  });

  it('refuses a journal whose size is not a byte count, and changes nothing', async () => {
    mkdirSync(journalDir(letterDir()));
    writeFileSync(
      path.join(journalDir(letterDir()), 'intent.json'),
      JSON.stringify({
        version: 2,
        files: [{ path: 'CHANGELOG.md', backup: null, size: -1 }],
        dirs: [],
      }),
    );
    await expect(rollBack(letterDir())).rejects.toThrow(/not a journal of letter/);
    expect(readFileSync(log(), 'utf8')).toBe('# Log\n\n- one\n');
  });
});

describe('writeAll journaled, interrupted', () => {
  it('puts every file back, leaves no journal, and throws Cancelled when SIGINT arrives part-way', async () => {
    const letterDir = path.join(dir, 'letters/demo');
    mkdirSync(letterDir, { recursive: true });
    writeFileSync(path.join(letterDir, 'kept.txt'), 'before\n');
    const changes = [
      { path: path.join(letterDir, 'kept.txt'), text: 'after\n' },
      ...Array.from({ length: 100 }, (_, i) => ({
        path: path.join(letterDir, `n${i}.txt`),
        text: `${i}\n`,
      })),
    ];
    const pending = whileHeld(letterDir, () => writeAll(changes));
    setImmediate(() => process.emit('SIGINT'));
    await expect(pending).rejects.toMatchObject({ name: 'Cancelled', exitCode: 130 });
    expect(readdirSync(letterDir)).toEqual(['kept.txt']);
    expect(readFileSync(path.join(letterDir, 'kept.txt'), 'utf8')).toBe('before\n');
    expect(readdirSync(path.join(dir, 'letters'))).toEqual(['demo']);
  });
});

describe('writeAll journaled, many new files', () => {
  it('hears a SIGINT between batches of files written at once, and puts every file back', async () => {
    const letterDir = path.join(dir, 'letters/demo');
    mkdirSync(path.join(letterDir, 'signatures'), { recursive: true });
    const changes = Array.from({ length: 300 }, (_, i) => ({
      path: path.join(letterDir, `signatures/n${i}.yaml`),
      text: `name: N${i}\n`,
    }));
    const pending = whileHeld(letterDir, () => writeAll(changes));
    // The signal comes once the first files are in place, while the write goes on.
    const first = path.join(letterDir, 'signatures/n0.yaml');
    const watch = () => (existsSync(first) ? process.emit('SIGINT') : setImmediate(watch));
    setImmediate(watch);
    await expect(pending).rejects.toMatchObject({ name: 'Cancelled', exitCode: 130 });
    expect(readdirSync(path.join(letterDir, 'signatures'))).toEqual([]);
    expect(await hasJournal(letterDir)).toBe(false);
  });

  it('writes each file whole, a file written again keeping its mode, and leaves nothing staged', async () => {
    const letterDir = path.join(dir, 'letters/demo');
    mkdirSync(path.join(letterDir, 'signatures'), { recursive: true });
    writeFileSync(path.join(letterDir, 'signatures/old.yaml'), 'name: Old\n');
    chmodSync(path.join(letterDir, 'signatures/old.yaml'), 0o600);
    const changes = [
      { path: path.join(letterDir, 'signatures/old.yaml'), text: 'name: Older\n' },
      ...Array.from({ length: 100 }, (_, i) => ({
        path: path.join(letterDir, `signatures/n${i}.yaml`),
        text: Buffer.from(`name: N${i}\n`),
      })),
    ];
    await whileHeld(letterDir, () => writeAll(changes));
    expect(readdirSync(path.join(letterDir, 'signatures'))).toHaveLength(101);
    expect(readFileSync(path.join(letterDir, 'signatures/n99.yaml'), 'utf8')).toBe('name: N99\n');
    expect(readFileSync(path.join(letterDir, 'signatures/old.yaml'), 'utf8')).toBe('name: Older\n');
    expect(statSync(path.join(letterDir, 'signatures/old.yaml')).mode & 0o777).toBe(0o600);
    expect(existsSync(journalDir(letterDir))).toBe(false);
  });
});

describe('describeRecovery', () => {
  it('says what was put back, with names relative to the working folder', () => {
    expect(
      describeRecovery({ letter: '/w/letters/demo', restored: 1, removed: 2, temporary: [] }, '/w'),
    ).toBe(
      'a write to letters/demo did not finish (the process was killed) and was undone; put back 1 file(s) as they were and removed 2 it had added.',
    );
    expect(
      describeRecovery(
        { letter: '/w/letters/demo', restored: 0, removed: 0, temporary: ['CHANGELOG.md.12'] },
        '/w',
      ),
    ).toBe('letters/demo: deleted temporary file(s) a killed write left behind: CHANGELOG.md.12.');
  });
});
