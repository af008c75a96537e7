/**
 * Writing several files as one change. Inside a letter whose lock this process holds (see
 * `withLetterLock`), the write is journaled (journal.ts): all or none even when the process
 * is killed, and no temporary file ever appears in the letter. Elsewhere (rendered pages,
 * schemas) each file is written atomically (write-file-atomic: a temporary file renamed over
 * the old one). Either way, when one write fails or the process is interrupted (SIGINT,
 * SIGTERM), the files already written are put back as they were, so a refused or failed
 * command leaves the letter as it found it.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { chmodSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { mkdir, readFile, rename, rmdir, stat, truncate, unlink } from 'node:fs/promises';
import path from 'node:path';
import { Cancelled } from '../errors.js';
import { trace } from '../trace.js';
import { appendInPlace, begin, commit, type Journal, rollBack } from './journal.js';

/**
 * Letter folders (absolute) whose lock the running call holds: writes inside them are
 * journaled. Kept with the call (AsyncLocalStorage), not the process, so that nothing stays
 * held after it and two runs in one process (in-process tests) do not see each other's.
 */
const held = new AsyncLocalStorage<ReadonlySet<string>>();

/** Marks the letter in `dir` as locked for the calls `fn` makes (used by `withLetterLock`). */
export function whileHeld<T>(dir: string, fn: () => Promise<T>): Promise<T> {
  return held.run(new Set([...(held.getStore() ?? []), dir]), fn);
}

/** Whether the running call holds the lock of the letter in `dir` (absolute). */
export function holds(dir: string): boolean {
  return held.getStore()?.has(dir) ?? false;
}

/** Whether `p` is inside the folder `dir` (absolute). */
const within = (dir: string, p: string) => path.resolve(p).startsWith(dir + path.sep);

/** Whether every path `c` names is inside `dir`. */
const changeWithin = (dir: string, c: FileChange) =>
  within(dir, c.path) && (!('from' in c) || within(dir, c.from));

/** The held letter folder a change of `changes` is inside, if there is one. */
function heldLetterOf(changes: readonly FileChange[]): string | undefined {
  return [...(held.getStore() ?? [])].find((d) => changes.some((c) => changeWithin(d, c)));
}

/**
 * One file to write (`text`, or a Buffer of bytes), delete (`text` null), move here
 * unchanged from `from` (a rename, with `text` undefined), or extend in place by `append`
 * (bytes added at its end; the file must exist, and no other change of the same write may
 * name it); `mode` for new files.
 */
export type FileChange =
  | { path: string; text: string | Buffer | null; mode?: number }
  | { path: string; from: string; text?: undefined }
  | { path: string; append: string | Buffer; text?: undefined };

/** What a file was before a change: its bytes, null when absent, or its size for an append. */
async function previous(c: FileChange): Promise<Buffer | null | number> {
  try {
    return 'append' in c ? (await stat(c.path)).size : await readFile(c.path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

/**
 * Creates a folder and its missing parents one level at a time. (Node's recursive mkdir
 * loops for ever on some paths, such as under /proc.)
 * @returns the folders it made (absolute), parents first, so that a failed write can remove them.
 * @throws Error with code ENOTDIR when a parent is a file; the mkdir error when a level cannot be made.
 */
export async function ensureDir(dir: string): Promise<string[]> {
  const missing: string[] = [];
  let at = path.resolve(dir);
  for (;;) {
    try {
      const st = await stat(at);
      if (!st.isDirectory())
        throw Object.assign(new Error(`${at} is not a folder`), { code: 'ENOTDIR' });
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      missing.unshift(at);
      const parent = path.dirname(at);
      if (parent === at) break;
      at = parent;
    }
  }
  const made: string[] = [];
  for (const d of missing) {
    const created = await mkdir(d).then(
      () => true,
      (e: NodeJS.ErrnoException) => {
        if (e.code !== 'EEXIST') throw e;
        return false;
      },
    );
    if (created) made.push(d);
  }
  return made;
}

/** Removes the folders `ensureDir` made, deepest first, where they are still empty. */
export async function removeMadeDirs(made: readonly string[]): Promise<void> {
  for (const d of [...made].reverse()) await rmdir(d).catch(() => {});
}

/**
 * Applies one change; with a journal, new contents are staged in it and renamed into place,
 * and nothing is flushed (the journal's `commit` makes the whole write durable), its folders
 * already made; without one, each file is written atomically and flushed, and the folders it
 * makes are added to `made`.
 */
async function apply(c: FileChange, j?: Journal, made: string[] = []): Promise<void> {
  if ('from' in c) {
    if (!j) made.push(...(await ensureDir(path.dirname(c.path))));
    await rename(c.from, c.path);
    return;
  }
  if ('append' in c) {
    await appendInPlace(c.path, c.append, !j);
    return;
  }
  if (c.text === null) {
    await unlink(c.path).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'ENOENT') throw e;
    });
    return;
  }
  if (j) {
    // Staged in the journal and renamed into place; where the letter folder is a mount of its
    // own (the rename fails), written beside the file instead.
    if (stageSync(c, j)) return;
  } else made.push(...(await ensureDir(path.dirname(c.path))));
  // Loaded here: a command that writes no file this way (render, list) does not load it.
  const { default: writeFileAtomic } = await import('write-file-atomic');
  await writeFileAtomic(c.path, c.text, {
    ...(typeof c.text === 'string' ? { encoding: 'utf8' as const } : {}),
    ...(c.mode ? { mode: c.mode } : {}),
  });
}

/**
 * Writes the new contents of `c` under a journal: staged in the journal, renamed into place,
 * not flushed (the journal's one sync comes later), with the calls of the thread itself: a
 * file of an import costs three or four calls to the file system, each a round trip to Node's
 * thread pool otherwise, which cost more than the calls themselves (10,000 files: about 0.3 s
 * instead of 0.6 s on this machine).
 * @returns false for any other change, and where the staged file cannot be renamed into
 *   place (another file system): then nothing was done, and the caller writes it otherwise.
 */
function stageSync(c: FileChange, j: Journal): boolean {
  if ('from' in c || 'append' in c || c.text === null) return false;
  const staged = j.staged();
  // A file written again keeps its mode, as write-file-atomic keeps it.
  const mode = c.mode ?? j.modes.get(path.resolve(c.path));
  writeFileSync(staged, c.text, mode === undefined ? {} : { mode });
  if (mode !== undefined) chmodSync(staged, mode);
  try {
    renameSync(staged, c.path);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EXDEV') throw e;
    unlinkSync(staged);
    return false;
  }
}

/** Whether no file appears twice in `batch`, so that its changes may run side by side. */
function distinctFiles(batch: readonly FileChange[]): boolean {
  const paths = batch.flatMap((c) => ('from' in c ? [c.path, c.from] : [c.path]));
  return new Set(paths).size === paths.length;
}

/** Files written side by side (see writeAll). */
const WRITE_BATCH = 32;

/**
 * Applies every change, or none: a few files at a time, side by side (changes of one file
 * in their order); on a failure, or when the process is interrupted (SIGINT, SIGTERM)
 * part-way, restores the files already changed and throws (`Cancelled` for an
 * interruption, exit 130). Inside a letter this process holds the lock of, journaled
 * (journal.ts), so that a kill leaves a write the next command undoes.
 * @returns the paths changed, in order.
 */
export async function writeAll(changes: readonly FileChange[]): Promise<string[]> {
  const letterDir = heldLetterOf(changes);
  if (letterDir === undefined) {
    await writeDirect(changes);
    return changes.map((c) => c.path);
  }
  // Files outside the letter (renders an erasure deletes) go first, undone if the letter's
  // write fails; a kill leaves them changed, as they are made again from the letter.
  const undoOutside = await writeDirect(changes.filter((c) => !changeWithin(letterDir, c)));
  try {
    await writeJournaled(
      letterDir,
      changes.filter((c) => changeWithin(letterDir, c)),
    );
  } catch (e) {
    await undoOutside();
    throw e;
  }
  return changes.map((c) => c.path);
}

/**
 * `writeAll` without a journal: each file atomically (write-file-atomic).
 * @returns a function that puts the files back as they were.
 */
async function writeDirect(changes: readonly FileChange[]): Promise<() => Promise<void>> {
  const done: number[] = [];
  const made: string[] = [];
  const before: (Buffer | null | number)[] = new Array<Buffer | null>(changes.length).fill(null);
  await catchingInterrupts(async (interrupted) => {
    try {
      // A few files at a time: an import of 10,000 signatures waits on 10,000 fsyncs, which
      // the disk serves faster side by side. Each batch ends before the next one starts, so an
      // interruption or a failure leaves a known set of files to put back.
      for (let from = 0; from < changes.length; from += WRITE_BATCH) {
        if (interrupted()) throw new Cancelled();
        const batch = changes.slice(from, from + WRITE_BATCH);
        // A move is undone by moving back; any other change by restoring what was there.
        const olds = await Promise.all(batch.map((c) => ('from' in c ? null : previous(c))));
        olds.forEach((b, j) => {
          before[from + j] = b;
        });
        // Two changes of one file keep their order.
        const results: PromiseSettledResult<void>[] = [];
        if (distinctFiles(batch))
          results.push(...(await Promise.allSettled(batch.map((c) => apply(c, undefined, made)))));
        else
          for (const c of batch)
            results.push(
              await apply(c, undefined, made).then(
                () => ({ status: 'fulfilled' as const, value: undefined }),
                (reason: unknown) => ({ status: 'rejected' as const, reason }),
              ),
            );
        results.forEach((r, j) => {
          if (r.status === 'fulfilled') done.push(from + j);
        });
        const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
        if (failed) throw failed.reason;
      }
      if (interrupted()) throw new Cancelled();
    } catch (e) {
      await undo();
      throw e;
    }
  });
  async function undo(): Promise<void> {
    for (const i of done.reverse()) {
      const c = changes[i]!;
      const was = before[i] ?? null;
      await (typeof was === 'number'
        ? truncate(c.path, was)
        : apply('from' in c ? { path: c.from, from: c.path } : { path: c.path, text: was })
      ).catch(() => {});
    }
    // Folders this write made go too, when nothing else has been put in them.
    await removeMadeDirs(made.sort((a, b) => a.length - b.length));
  }
  return undo;
}

/** Every path (absolute) `changes` name: the files they write, append to, delete or move, and where moves come from. */
const pathsOf = (changes: readonly FileChange[]) => [
  ...new Set(
    changes.flatMap((c) => ('from' in c ? [c.from, c.path] : [c.path]).map((p) => path.resolve(p))),
  ),
];

/** The folders (absolute) that writing `changes` creates, parents first. */
async function missingDirs(letterDir: string, changes: readonly FileChange[]): Promise<string[]> {
  const missing = new Set<string>();
  const known = new Set<string>([letterDir]);
  for (const parent of new Set(
    changes.filter((c) => c.text !== null).map((c) => path.dirname(path.resolve(c.path))),
  )) {
    const chain: string[] = [];
    for (
      let d = parent;
      !known.has(d) && !missing.has(d) && d.startsWith(letterDir + path.sep);
      d = path.dirname(d)
    ) {
      if (
        await stat(d).then(
          () => true,
          () => false,
        )
      ) {
        known.add(d);
        break;
      }
      chain.unshift(d);
    }
    for (const d of chain) missing.add(d);
  }
  return [...missing].sort((a, b) => a.length - b.length);
}

/**
 * `writeAll` inside a letter this process holds the lock of: records the intent (journal.ts)
 * first, so that a kill at any point leaves a write the next command undoes; on a failure
 * or an interruption, undoes it at once.
 */
async function writeJournaled(letterDir: string, changes: readonly FileChange[]): Promise<void> {
  if (changes.length === 0) return;
  await catchingInterrupts(async (interrupted) => {
    const appends = changes.filter((c) => 'append' in c);
    const newDirs = await missingDirs(letterDir, changes);
    trace(`write: ${changes.length} change(s)`);
    const journal = await begin(
      letterDir,
      pathsOf(changes.filter((c) => !('append' in c))),
      newDirs,
      pathsOf(appends),
    );
    trace('write: intent durable');
    try {
      // Every folder the write makes, once, before its files (recorded in the journal).
      for (const d of newDirs)
        await mkdir(d).catch((e: NodeJS.ErrnoException) => {
          if (e.code !== 'EEXIST') throw e;
        });
      for (let from = 0; from < changes.length; from += WRITE_BATCH) {
        if (interrupted()) throw new Cancelled();
        const batch = changes.slice(from, from + WRITE_BATCH);
        if (distinctFiles(batch)) {
          const results = await Promise.allSettled(batch.map((c) => apply(c, journal)));
          const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
          if (failed) throw failed.reason;
          // New contents are written with the thread's own calls (see `stageSync`): a batch
          // lets a SIGINT or SIGTERM in before the next.
          await new Promise(setImmediate);
        } else for (const c of batch) await apply(c, journal);
      }
      if (interrupted()) throw new Cancelled();
      trace('write: files written');
      await commit(journal, [...pathsOf(changes), ...newDirs]);
      trace('write: committed');
    } catch (e) {
      // Left in place when the undo fails: the next command finishes it.
      await rollBack(letterDir).catch(() => {});
      throw e;
    }
  });
}

/** Runs `fn`, telling it whether SIGINT or SIGTERM arrived meanwhile (instead of the process ending there). */
export async function catchingInterrupts<T>(
  fn: (interrupted: () => boolean) => Promise<T>,
): Promise<T> {
  let interrupted = false;
  const stop = () => {
    interrupted = true;
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  try {
    return await fn(() => interrupted);
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
}
