/**
 * The record of intent that makes a letter's multi-file write all or none, even when the
 * process is killed (`kill -9`, a power cut of the terminal, an out-of-memory kill).
 *
 * A rollback journal, as SQLite keeps one: before the first file of the letter changes,
 * `<letter>.journal.lock/` (beside the letter, ignored by git through `*.lock/` like the
 * lock itself) holds, for every path the write touches, the file as it was (a hard link to
 * it, so no bytes are copied or held in memory), the word that it was absent, or, for a file
 * only appended to (CHANGELOG.md after a sign or an import), its size before; and an
 * `intent.json` listing them. New contents are staged inside that folder too and renamed
 * into place, so no temporary file ever appears in the letter. Removing `intent.json` is the
 * commit; a journal found with its `intent.json` belongs to a write that never finished,
 * and `rollBack` puts every file back as it was (an appended file is cut back to its old
 * size). Only a process holding the letter's lock reads or writes the journal; while it
 * holds the lock, the folder also names it (`owner-<pid>`, holding the host name), so that a
 * lock left by a killed process is known at once (proper-lockfile's own lock folder must
 * stay empty: it watches its time stamp).
 *
 * The order of a write, and why one sync is enough (no fsync per file):
 * 1. `begin`: the backups (hard links) and `intent.json` are written, then `intent.json` is
 *    flushed and the journal folder (and its parent) synced: the record of what to undo is
 *    on disk before any file of the letter changes.
 * 2. The write (transaction.ts): every new content is written to a staged file and renamed
 *    into place, appends go to the end of their file, deletions and moves are done, none of
 *    them flushed one by one. A crash here (even a power cut, which may keep any subset of
 *    these changes, a renamed file with its data not yet on disk included) leaves a durable
 *    `intent.json` whose backups and sizes are durable too, so the next command rolls every
 *    path back: a file that had a backup gets it back (whatever the name now points at), an
 *    added one is deleted, an appended one is cut to its old size (its old bytes were on disk
 *    before the write began and are never written by an append).
 * 3. `commit`: first ONE sync makes every change of step 2 durable: `syncfs(2)` of the
 *    letter's file system (`sync -f <letter>`, coreutils; Node has no binding), or, where
 *    that is missing (macOS, BSD), an fsync of every file written and of every folder whose
 *    entries changed, side by side in a bounded pool. Only then is `intent.json` deleted and
 *    the journal folder synced: the commit reaches the disk after the contents it commits,
 *    so a crash before it rolls back a whole write and a crash after it keeps a whole write.
 * A file written outside the letter's file system (a folder of the letter mounted from
 * elsewhere makes the staged rename fail with EXDEV) is written atomically and flushed on its
 * own instead.
 */
import { execFile } from 'node:child_process';
import {
  chmod,
  copyFile,
  link,
  lstat,
  mkdir,
  open,
  readdir,
  readFile,
  rename,
  rm,
  rmdir,
  truncate,
  unlink,
  writeFile,
} from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import { runEnv } from '../run-env.js';
import { trace } from '../trace.js';

/** The journal folder of the letter in `letterDir`: `<letterDir>.journal.lock`. */
export function journalDir(letterDir: string): string {
  return `${letterDir}.journal.lock`;
}

const INTENT = 'intent.json';

/**
 * What `intent.json` holds: paths relative to the letter folder. Version 2 when a file is
 * appended to (`size`), so that a `letter` too old to know appends refuses the journal
 * instead of deleting the file.
 */
export interface Intent {
  version: 1 | 2;
  /**
   * Every path the write touches, with the name of its backup in the journal, or null when
   * it did not exist or is only appended to; `size`, for a file appended to in place, is its
   * size in bytes before.
   */
  files: { path: string; backup: string | null; size?: number }[];
  /** Folders the write creates (deepest last), removed again on a rollback when empty. */
  dirs: string[];
}

/** What a rollback put back, for the message the user sees. */
export interface Recovery {
  letter: string;
  restored: number;
  removed: number;
  /** Temporary files left by an older `letter` (write-file-atomic's `<file>.<digits>`) that were deleted. */
  temporary: string[];
}

/** An open journal: the write records itself here before changing the letter. */
export interface Journal {
  dir: string;
  letterDir: string;
  /** A fresh name inside the journal folder for staging new contents. */
  staged(): string;
  /** The permission bits of each path (absolute) that was a file when the journal began. */
  modes: ReadonlyMap<string, number>;
}

const exists = (e: unknown) => (e as NodeJS.ErrnoException).code !== 'ENOENT';

/** The absolute path of `rel` in the letter, refusing anything that leaves its folder (a journal could be forged). */
function inside(letterDir: string, rel: string): string {
  const abs = path.resolve(letterDir, rel);
  if (path.isAbsolute(rel) || abs === letterDir || !abs.startsWith(letterDir + path.sep))
    throw new Error(`journal names a path outside the letter: ${rel}`);
  return abs;
}

/**
 * Refuses a target reached through a symbolic link inside the letter: a journal and a link
 * committed together must not make a rollback write outside the letter.
 * @throws Error naming the link.
 */
async function noLinkOnTheWay(letterDir: string, target: string): Promise<void> {
  for (
    let d = path.dirname(target);
    d !== letterDir && d.startsWith(letterDir + path.sep);
    d = path.dirname(d)
  ) {
    const st = await lstat(d).catch(() => undefined);
    if (st?.isSymbolicLink())
      throw new Error(
        `journal names a path through a symbolic link: ${path.relative(letterDir, d)}`,
      );
  }
}

/** Keeps the file at `from` as `to` without copying it (a hard link), or copies it where links are not possible. */
async function keep(from: string, to: string): Promise<void> {
  try {
    await link(from, to);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'EXDEV' && code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EMLINK') throw e;
    await copyFile(from, to);
  }
}

/**
 * Writes `text` to `file` (with the permission bits `mode`, when given), flushed to disk
 * before returning when `durably`; else `commit` makes it durable with the rest of the write.
 */
export async function writeStaged(
  file: string,
  text: string | Uint8Array,
  mode?: number,
  durably = false,
): Promise<void> {
  await writeFile(file, text, { flush: durably, ...(mode === undefined ? {} : { mode }) });
  if (mode !== undefined) await chmod(file, mode);
}

/** Appends `bytes` to the end of `file`, which must exist; flushed to disk before returning when `durably`. */
export async function appendInPlace(
  file: string,
  bytes: string | Uint8Array,
  durably = false,
): Promise<void> {
  const fd = await open(file, 'r+');
  try {
    const { size } = await fd.stat();
    const data = typeof bytes === 'string' ? Buffer.from(bytes) : bytes;
    for (let done = 0; done < data.length; ) {
      const { bytesWritten } = await fd.write(data, done, data.length - done, size + done);
      done += bytesWritten;
    }
    if (durably) await fd.sync();
  } finally {
    await fd.close();
  }
}

/** Flushes the file or folder `p` to disk; a folder some file systems cannot sync is let be, as is a path gone. */
async function syncPath(p: string): Promise<void> {
  const fd = await open(p, 'r').catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return undefined;
    throw e;
  });
  if (!fd) return;
  try {
    await fd.sync();
  } catch (e) {
    if (!(await fd.stat()).isDirectory()) throw e;
  } finally {
    await fd.close();
  }
}

/**
 * Makes durable every change to the file system that holds `dir`: `sync -f` (syncfs(2),
 * Linux coreutils). Node has no binding for syncfs, so it runs as a process (~2 ms).
 * @returns false where it cannot (no such command, another system's `sync` refusing `-f`).
 */
function syncFileSystem(dir: string): Promise<boolean> {
  if (process.platform !== 'linux') return Promise.resolve(false);
  return new Promise((resolve) => {
    execFile('sync', ['-f', dir], { timeout: 600_000 }, (e) => resolve(e === null));
  });
}

/** Files or folders synced side by side when there is no `sync -f`. */
const SYNC_POOL = 64;

/** Flushes every path of `paths` to disk, `SYNC_POOL` at a time. */
async function syncEach(paths: readonly string[]): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < paths.length) await syncPath(paths[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(SYNC_POOL, paths.length) }, worker));
}

/**
 * Records the state of every path in `paths` (absolute, inside `letterDir`) before a write:
 * the file kept as a hard link, or absent; the size of every file in `appended` (absolute,
 * files that the write only appends to, none of them in `paths`); and the folders in
 * `newDirs` the write will make. Must run under the letter's lock, with no record left (see
 * `rollBack`).
 * @returns the open journal; close it with `commit`, or undo it with `rollBack`.
 * @throws Error when a path of `appended` is not a file, or is also in `paths`.
 */
export async function begin(
  letterDir: string,
  paths: readonly string[],
  newDirs: readonly string[],
  appended: readonly string[] = [],
): Promise<Journal> {
  const dir = journalDir(letterDir);
  await clear(dir);
  await mkdir(dir).catch((e: NodeJS.ErrnoException) => {
    if (e.code !== 'EEXIST') throw e;
  });
  const files: Intent['files'] = [];
  const modes = new Map<string, number>();
  const rewritten = new Set(paths);
  for (const p of appended) {
    const st = await lstat(p);
    if (!st.isFile() || rewritten.has(p))
      throw new Error(`cannot append to ${p}: not a file, or also written whole`);
    files.push({ path: path.relative(letterDir, p), backup: null, size: st.size });
  }
  const BATCH = 64;
  for (let i = 0; i < paths.length; i += BATCH) {
    const part = await Promise.all(
      paths.slice(i, i + BATCH).map(async (p, j) => {
        const rel = path.relative(letterDir, p);
        inside(letterDir, rel);
        try {
          const st = await lstat(p);
          if (!st.isFile()) return { path: rel, backup: null };
          modes.set(p, st.mode & 0o7777);
        } catch (e) {
          if (exists(e)) throw e;
          return { path: rel, backup: null };
        }
        const backup = `b${i + j}`;
        await keep(p, path.join(dir, backup));
        return { path: rel, backup };
      }),
    );
    files.push(...part);
  }
  const intent: Intent = {
    version: appended.length > 0 ? 2 : 1,
    files,
    dirs: newDirs.map((d) => path.relative(letterDir, d)),
  };
  await writeStaged(path.join(dir, `${INTENT}.new`), JSON.stringify(intent), undefined, true);
  await rename(path.join(dir, `${INTENT}.new`), path.join(dir, INTENT));
  // The journal folder holds intent.json and the backups' names; its parent, the folder's own name.
  await Promise.all([syncPath(dir), syncPath(path.dirname(dir))]);
  let n = 0;
  return { dir, letterDir, staged: () => path.join(dir, `n${n++}`), modes };
}

/**
 * Ends a write that changed every file: makes every change durable at once (see the module
 * comment), then removes `intent.json`, the commit, and makes that durable; the backups go
 * after it. `written` names every path (absolute) the write created, wrote, appended to,
 * moved or deleted, and the folders it made: they are flushed one by one only where the file
 * system cannot be synced whole.
 */
export async function commit(j: Journal, written: readonly string[]): Promise<void> {
  if (!(await syncFileSystem(j.letterDir))) {
    await syncEach([...new Set([...written, ...written.map((p) => path.dirname(p))])]);
  }
  trace('write: synced');
  await unlink(path.join(j.dir, INTENT));
  await syncPath(j.dir);
  await clear(j.dir);
}

/** The name of the file that says process `pid` holds the lock. */
const ownerFile = (pid: number) => `owner-${pid}`;
const OWNER = /^owner-(\d+)$/;

/**
 * Empties the journal folder `dir` but for this process's owner file (`intent.json` first,
 * since it alone makes the rest a record), and removes it when nothing is left.
 */
async function clear(dir: string): Promise<void> {
  await unlink(path.join(dir, INTENT)).catch(() => {});
  const names = await readdir(dir).catch(() => [] as string[]);
  await Promise.all(
    names
      .filter((n) => n !== ownerFile(process.pid))
      .map((n) => rm(path.join(dir, n), { recursive: true, force: true })),
  );
  await rmdir(dir).catch(() => {});
}

/** Whether the letter in `letterDir` has a record of a write: one that was interrupted, or one under way. */
export async function hasJournal(letterDir: string): Promise<boolean> {
  try {
    await lstat(path.join(journalDir(letterDir), INTENT));
    return true;
  } catch (e) {
    if (exists(e)) throw e;
    return false;
  }
}

/** Records that this process holds the letter's lock (after taking it). */
export async function claim(letterDir: string): Promise<void> {
  const dir = journalDir(letterDir);
  await mkdir(dir).catch((e: NodeJS.ErrnoException) => {
    if (e.code !== 'EEXIST') throw e;
  });
  await writeFile(path.join(dir, ownerFile(process.pid)), hostname());
}

/** Removes the journal folder as the lock is let go (after a committed or undone write). */
export async function disclaim(letterDir: string): Promise<void> {
  await unlink(path.join(journalDir(letterDir), ownerFile(process.pid))).catch(() => {});
  await clear(journalDir(letterDir));
}

/** Whether process `pid` of this machine is running (a process of another user counts). */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Whether the letter's lock was held by a process of this machine that is no longer
 * running (killed with `kill -9`). Of two processes asking at once, only one hears yes:
 * the one that deletes the dead owner's file.
 */
export async function lockOwnerDied(letterDir: string): Promise<boolean> {
  const dir = journalDir(letterDir);
  const names = await readdir(dir).catch(() => [] as string[]);
  for (const n of names) {
    const pid = Number(OWNER.exec(n)?.[1]);
    if (!pid || pid === process.pid || running(pid)) continue;
    if ((await readFile(path.join(dir, n), 'utf8').catch(() => '')) !== hostname()) continue;
    if (
      await unlink(path.join(dir, n)).then(
        () => true,
        () => false,
      )
    )
      return true;
  }
  return false;
}

/** `<name>.<digits>` beside `<name>`: the temporary file of write-file-atomic, left when its process was killed. */
const TEMPORARY = /^(.+)\.\d+$/;

/** Deletes the temporary files older versions of `letter` could leave in `folder`: `<file>.<digits>` where `<file>` is there too. */
async function sweep(letterDir: string, folder: string, out: string[]): Promise<void> {
  let names: string[];
  try {
    names = await readdir(folder);
  } catch {
    return;
  }
  const present = new Set(names);
  for (const n of names) {
    const m = TEMPORARY.exec(n);
    if (!m || !present.has(m[1]!)) continue;
    const p = path.join(folder, n);
    if (!(await lstat(p)).isFile()) continue;
    await unlink(p);
    out.push(path.relative(letterDir, p));
  }
}

/**
 * Puts the letter in `letterDir` back as it was before an unfinished write, from its
 * journal, then deletes the journal; also deletes temporary files an older `letter` left in
 * the letter folder and `private/`. Safe to run again when it is itself interrupted (every
 * step is a rename or a delete). Must run under the letter's lock.
 * @returns what was done, or undefined when there was nothing to do.
 * @throws Error when the journal is not one `letter` wrote (a path outside the letter).
 */
export async function rollBack(letterDir: string): Promise<Recovery | undefined> {
  const recovery: Recovery = { letter: letterDir, restored: 0, removed: 0, temporary: [] };
  // Without intent.json a write had not changed the letter yet.
  const intent = await readIntent(journalDir(letterDir));
  if (intent) await undo(letterDir, intent, recovery);
  await sweep(letterDir, letterDir, recovery.temporary);
  await sweep(letterDir, path.join(letterDir, 'private'), recovery.temporary);
  await clear(journalDir(letterDir));
  return intent || recovery.temporary.length > 0 ? recovery : undefined;
}

/** The intent.json of the journal in `dir`, undefined when there is none. @throws Error when it is not one `letter` wrote. */
async function readIntent(dir: string): Promise<Intent | undefined> {
  let text: string;
  try {
    text = await readFile(path.join(dir, INTENT), 'utf8');
  } catch (e) {
    if (exists(e)) throw e;
    return undefined;
  }
  const intent = JSON.parse(text) as Intent;
  if (
    (intent?.version !== 1 && intent?.version !== 2) ||
    !Array.isArray(intent.files) ||
    !Array.isArray(intent.dirs) ||
    intent.files.some((f) => f.size !== undefined && (!Number.isSafeInteger(f.size) || f.size < 0))
  )
    throw new Error(`${dir}/${INTENT} is not a journal of letter`);
  return intent;
}

/** Puts back every file `intent` names, removes the folders it made, and sweeps the folders it wrote in. */
async function undo(letterDir: string, intent: Intent, recovery: Recovery): Promise<void> {
  const dir = journalDir(letterDir);
  const folders = new Set<string>();
  const ignoreMissing = (e: unknown) => {
    if (exists(e)) throw e;
  };
  for (const f of intent.files) {
    const target = inside(letterDir, String(f.path));
    await noLinkOnTheWay(letterDir, target);
    folders.add(path.dirname(target));
    if (f.size !== undefined) {
      // Appended to in place: its first `size` bytes are the file as it was.
      const now = await lstat(target).catch(ignoreMissing);
      if (now?.isFile() && now.size > f.size) {
        await truncate(target, f.size);
        recovery.restored++;
      }
    } else if (f.backup === null) {
      await unlink(target).then(() => recovery.removed++, ignoreMissing);
    } else {
      if (!/^b\d+$/.test(String(f.backup)))
        throw new Error(`journal names a backup outside it: ${f.backup}`);
      const backup = path.join(dir, f.backup);
      // Gone when an earlier rollback, itself interrupted, already moved it back; the file
      // itself when the write had not replaced it yet.
      const [kept, now] = await Promise.all([
        lstat(backup).catch(ignoreMissing),
        lstat(target).catch(ignoreMissing),
      ]);
      if (kept && (!now || now.ino !== kept.ino || now.dev !== kept.dev)) {
        await rename(backup, target);
        recovery.restored++;
      }
    }
  }
  for (const d of [...intent.dirs].reverse())
    await rmdir(inside(letterDir, String(d))).catch(() => {});
  for (const folder of folders)
    if (folder !== letterDir && !intent.dirs.includes(path.relative(letterDir, folder)))
      await sweep(letterDir, folder, recovery.temporary);
}

/** One line for the user: what a recovery put back (`cwd` for relative names). */
export function describeRecovery(r: Recovery, cwd: string): string {
  const shown = path.relative(cwd, r.letter) || '.';
  const undone =
    r.restored + r.removed > 0
      ? `; put back ${r.restored} file(s) as they were and removed ${r.removed} it had added`
      : '';
  const temporary =
    r.temporary.length > 0
      ? `; deleted temporary file(s) left behind: ${r.temporary.join(', ')}`
      : '';
  return r.restored + r.removed > 0 || !temporary
    ? `a write to ${shown} did not finish (the process was killed) and was undone${undone}${temporary}.`
    : `${shown}: deleted temporary file(s) a killed write left behind: ${r.temporary.join(', ')}.`;
}

/** Tells the run in progress about `r` (the command line warns on its stderr; see run-env.ts). */
export function reportRecovery(r: Recovery): void {
  runEnv()?.recovered?.(r);
}
