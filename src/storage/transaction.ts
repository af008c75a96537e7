/**
 * Writing several files of a letter as one change: each file is written atomically
 * (write-file-atomic: a temporary file renamed over the old one), and when one write
 * fails, the files already written are put back as they were, so a refused or failed
 * command leaves the letter as it found it.
 */
import { mkdir, readFile, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { Cancelled } from '../errors.js';

/**
 * One file to write (`text`, or a Buffer of bytes), delete (`text` null), or move here
 * unchanged from `from` (a rename, with `text` undefined); `mode` for new files.
 */
export type FileChange = { path: string; text: string | Buffer | null; mode?: number } | { path: string; from: string; text?: undefined };

async function previous(p: string): Promise<Buffer | null> {
  try {
    return await readFile(p);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

/**
 * Creates a folder and its missing parents one level at a time. (Node's recursive mkdir
 * loops for ever on some paths, such as under /proc.)
 * @throws Error with code ENOTDIR when a parent is a file; the mkdir error when a level cannot be made.
 */
export async function ensureDir(dir: string): Promise<void> {
  const missing: string[] = [];
  let at = path.resolve(dir);
  for (;;) {
    try {
      const st = await stat(at);
      if (!st.isDirectory()) throw Object.assign(new Error(`${at} is not a folder`), { code: 'ENOTDIR' });
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      missing.unshift(at);
      const parent = path.dirname(at);
      if (parent === at) break;
      at = parent;
    }
  }
  for (const d of missing) {
    await mkdir(d).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'EEXIST') throw e;
    });
  }
}

async function apply(c: FileChange): Promise<void> {
  if ('from' in c) {
    await ensureDir(path.dirname(c.path));
    await rename(c.from, c.path);
    return;
  }
  if (c.text === null) {
    await unlink(c.path).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'ENOENT') throw e;
    });
    return;
  }
  await ensureDir(path.dirname(c.path));
  await writeFileAtomic(c.path, c.text, { ...(typeof c.text === 'string' ? { encoding: 'utf8' as const } : {}), ...(c.mode ? { mode: c.mode } : {}) });
}

/** Files written side by side (see writeAll). */
const WRITE_BATCH = 32;

/**
 * Applies every change, or none: a few files at a time, side by side (changes of one file
 * in their order); on a failure, or when the process is interrupted (SIGINT, SIGTERM)
 * part-way, restores the files already changed and throws (`Cancelled` for an
 * interruption, exit 130).
 * @returns the paths changed, in order.
 */
export async function writeAll(changes: readonly FileChange[]): Promise<string[]> {
  let interrupted = false;
  const stop = () => {
    interrupted = true;
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  const done: number[] = [];
  const before: (Buffer | null)[] = new Array<Buffer | null>(changes.length).fill(null);
  try {
    // A few files at a time: an import of 10,000 signatures waits on 10,000 fsyncs, which
    // the disk serves faster side by side. Each batch ends before the next one starts, so an
    // interruption or a failure leaves a known set of files to put back.
    for (let from = 0; from < changes.length; from += WRITE_BATCH) {
      if (interrupted) throw new Cancelled();
      const batch = changes.slice(from, from + WRITE_BATCH);
      // A move is undone by moving back; any other change by restoring what was there.
      const olds = await Promise.all(batch.map((c) => ('from' in c ? null : previous(c.path))));
      olds.forEach((b, j) => {
        before[from + j] = b;
      });
      // Two changes of one file keep their order.
      const distinct = new Set(batch.flatMap((c) => ('from' in c ? [c.path, c.from] : [c.path]))).size === batch.length + batch.filter((c) => 'from' in c).length;
      const results: PromiseSettledResult<void>[] = [];
      if (distinct) results.push(...(await Promise.allSettled(batch.map((c) => apply(c)))));
      else for (const c of batch) results.push(await apply(c).then(() => ({ status: 'fulfilled' as const, value: undefined }), (reason: unknown) => ({ status: 'rejected' as const, reason })));
      results.forEach((r, j) => {
        if (r.status === 'fulfilled') done.push(from + j);
      });
      const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failed) throw failed.reason;
    }
    if (interrupted) throw new Cancelled();
  } catch (e) {
    for (const i of done.reverse()) {
      const c = changes[i]!;
      await apply('from' in c ? { path: c.from, from: c.path } : { ...c, text: before[i] ?? null }).catch(() => {});
    }
    throw e;
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
  return changes.map((c) => c.path);
}
