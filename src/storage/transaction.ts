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

/**
 * Applies every change in order, or none: on the first failure, or when the process is
 * interrupted (SIGINT, SIGTERM) part-way, restores the files already changed and throws
 * (`Cancelled` for an interruption, exit 130).
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
  const before: (Buffer | null)[] = [];
  try {
    // A move is undone by moving back; any other change by restoring what was there.
    for (const c of changes) before.push('from' in c ? null : await previous(c.path));
    for (const [i, c] of changes.entries()) {
      if (interrupted) throw new Cancelled();
      await apply(c);
      done.push(i);
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
