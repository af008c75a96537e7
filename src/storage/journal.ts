/**
 * The record of intent that makes a letter's multi-file write all or none, even when the
 * process is killed (`kill -9`, a power cut of the terminal, an out-of-memory kill).
 *
 * A rollback journal, as SQLite keeps one: before the first file of the letter changes,
 * `<letter>.journal.lock/` (beside the letter, ignored by git through `*.lock/` like the
 * lock itself) holds, for every path the write touches, the file as it was (a hard link to
 * it, so no bytes are copied or held in memory) or the word that it was absent, and an
 * `intent.json` listing them. New contents are staged inside that folder too and renamed
 * into place, so no temporary file ever appears in the letter. Removing `intent.json` is the
 * commit; a journal found with its `intent.json` belongs to a write that never finished,
 * and `rollBack` puts every file back as it was. Only a process holding the letter's lock
 * reads or writes the journal; while it holds the lock, the folder also names it
 * (`owner-<pid>`, holding the host name), so that a lock left by a killed process is known
 * at once (proper-lockfile's own lock folder must stay empty: it watches its time stamp).
 */
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
  unlink,
  writeFile,
} from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import { runEnv } from '../run-env.js';

/** The journal folder of the letter in `letterDir`: `<letterDir>.journal.lock`. */
export function journalDir(letterDir: string): string {
  return `${letterDir}.journal.lock`;
}

const INTENT = 'intent.json';

/** What `intent.json` holds: paths relative to the letter folder. */
export interface Intent {
  version: 1;
  /** Every path the write touches, with the name of its backup in the journal, or null when it did not exist. */
  files: { path: string; backup: string | null }[];
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

/** Writes `text` to `file` and flushes it to disk before returning. */
export async function writeDurably(
  file: string,
  text: string | Uint8Array,
  mode?: number,
): Promise<void> {
  await writeFile(file, text, { flush: true, ...(mode === undefined ? {} : { mode }) });
  if (mode !== undefined) await chmod(file, mode);
}

async function syncDir(dir: string): Promise<void> {
  const fd = await open(dir, 'r');
  try {
    await fd.sync();
  } catch {
    // some file systems cannot sync a folder; the journal is still written
  } finally {
    await fd.close();
  }
}

/**
 * Records the state of every path in `paths` (absolute, inside `letterDir`) before a write:
 * the file kept as a hard link, or absent; and the folders in `newDirs` the write will make.
 * Must run under the letter's lock, with no record left (see `rollBack`).
 * @returns the open journal; close it with `commit`, or undo it with `rollBack`.
 */
export async function begin(
  letterDir: string,
  paths: readonly string[],
  newDirs: readonly string[],
): Promise<Journal> {
  const dir = journalDir(letterDir);
  await clear(dir);
  await mkdir(dir).catch((e: NodeJS.ErrnoException) => {
    if (e.code !== 'EEXIST') throw e;
  });
  const files: Intent['files'] = [];
  const BATCH = 64;
  for (let i = 0; i < paths.length; i += BATCH) {
    const part = await Promise.all(
      paths.slice(i, i + BATCH).map(async (p, j) => {
        const rel = path.relative(letterDir, p);
        inside(letterDir, rel);
        try {
          const st = await lstat(p);
          if (!st.isFile()) return { path: rel, backup: null };
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
    version: 1,
    files,
    dirs: newDirs.map((d) => path.relative(letterDir, d)),
  };
  await writeDurably(path.join(dir, `${INTENT}.new`), JSON.stringify(intent));
  await rename(path.join(dir, `${INTENT}.new`), path.join(dir, INTENT));
  await syncDir(dir);
  let n = 0;
  return { dir, letterDir, staged: () => path.join(dir, `n${n++}`) };
}

/** Ends a write that changed every file: removing `intent.json` is the commit; the backups go after it. */
export async function commit(j: Journal): Promise<void> {
  await unlink(path.join(j.dir, INTENT));
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
  if (intent?.version !== 1 || !Array.isArray(intent.files) || !Array.isArray(intent.dirs))
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
    if (f.backup === null) {
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
