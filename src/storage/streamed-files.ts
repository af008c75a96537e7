/**
 * Files written as their text is made (renders, exports): each into a temporary file beside
 * it, a chunk at a time, then all renamed over the old ones at the end, so that they appear
 * all or none and memory does not grow with the text.
 */
import { randomBytes } from 'node:crypto';
import { link, open, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { Cancelled, UsageError } from '../errors.js';
import { shownPath } from '../shown-path.js';
import { chunked } from '../streaming.js';
import { catchingInterrupts, ensureDir, removeMadeDirs } from './transaction.js';

/** A file to write: its whole text or bytes, or its text in pieces, made as they are written. */
export interface StreamedFile {
  path: string;
  text: string | Buffer | Iterable<string>;
}

/**
 * Writes every file or none. Each is written into a temporary file in its folder (made if
 * missing), chunk by chunk, and synced; when all are, each is renamed over its file, which
 * keeps its mode. A failure
 * (a piece that throws, such as a template error, a write, an interruption by SIGINT or
 * SIGTERM) removes the temporary files and leaves every old file as it was, and throws
 * (`Cancelled` for an interruption); folders it made go too.
 * @returns the bytes written to each file, in order.
 */
export async function writeStreamedFiles(files: readonly StreamedFile[]): Promise<number[]> {
  const nonce = randomBytes(6).toString('hex');
  const beside = (p: string, what: string) =>
    path.join(path.dirname(p), `.${path.basename(p)}.${nonce}.${what}`);
  const temps: string[] = [];
  const made: string[] = [];
  return catchingInterrupts(async (interrupted) => {
    try {
      for (const f of files) made.push(...(await ensureDir(path.dirname(path.resolve(f.path)))));
      const bytes: number[] = [];
      for (const f of files) {
        const temp = beside(f.path, 'tmp');
        temps.push(temp);
        bytes.push(await writeTemp(f.path, temp, f.text, interrupted));
      }
      await replaceAll(
        files.map((f, i) => ({ path: f.path, temp: temps[i]!, old: beside(f.path, 'old') })),
      );
      return bytes;
    } catch (e) {
      await Promise.all(temps.map((t) => unlink(t).catch(() => {})));
      await removeMadeDirs(made.sort((a, b) => a.length - b.length));
      throw e;
    }
  });
}

/** Writes `text` into the new file `temp` (with the mode of `file`, if it exists) and syncs it. @returns the bytes written. */
async function writeTemp(
  file: string,
  temp: string,
  text: StreamedFile['text'],
  interrupted: () => boolean,
): Promise<number> {
  const mode = await stat(file).then(
    (st) => st.mode & 0o7777,
    () => undefined,
  );
  const handle = await open(temp, 'wx');
  try {
    if (mode !== undefined) await handle.chmod(mode);
    let bytes = 0;
    const pieces = typeof text === 'string' || Buffer.isBuffer(text) ? [text] : chunked(text);
    for (const chunk of pieces) {
      if (interrupted()) throw new Cancelled();
      const data = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      await handle.write(data);
      bytes += data.length;
    }
    await handle.sync();
    return bytes;
  } finally {
    await handle.close();
  }
}

/**
 * Renames each `temp` over its `path`; an old file is kept meanwhile as a hard link `old`,
 * so that a failed rename puts back the files already replaced. The links go at the end.
 */
async function replaceAll(moves: { path: string; temp: string; old: string }[]): Promise<void> {
  const kept = await Promise.all(
    moves.map((m) =>
      link(m.path, m.old).then(
        () => true,
        () => false,
      ),
    ),
  );
  const done: number[] = [];
  try {
    for (const [i, m] of moves.entries()) {
      await rename(m.temp, m.path);
      done.push(i);
    }
  } catch (e) {
    for (const i of done.reverse()) {
      const m = moves[i]!;
      await (kept[i] ? rename(m.old, m.path) : unlink(m.path)).catch(() => {});
    }
    throw e;
  } finally {
    await Promise.all(moves.map((m, i) => (kept[i] ? unlink(m.old).catch(() => {}) : undefined)));
  }
}

/**
 * Writes `files` (all inside `outDir`, made with its missing parents first) as
 * `writeStreamedFiles` does; a file that fails part-way leaves no file and no new folder.
 * `cwd` only decides how paths are shown.
 * @returns the bytes written to each file, in order.
 * @throws UsageError when `outDir` cannot be a folder; whatever producing a text throws.
 */
export async function writeStreamedFilesInto(
  outDir: string,
  files: readonly StreamedFile[],
  cwd: string,
): Promise<number[]> {
  let made: string[];
  try {
    made = await ensureDir(outDir);
  } catch (e) {
    throw new UsageError(
      `--out: cannot use ${shownPath(cwd, outDir)} as a folder: ${(e as Error).message}`,
    );
  }
  return writeStreamedFiles(files).catch(async (e: unknown) => {
    await removeMadeDirs(made);
    throw e;
  });
}
