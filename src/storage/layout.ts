/**
 * The layout of a letter folder and the guards every file passes before it is parsed:
 * names, sizes, symbolic links, encoding (UTF-8) and leftover merge-conflict markers.
 */
import { lstat, open, readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { type Problem, problem, UsageError, UserError } from '../errors.js';
import { ID_PATTERN, isErasedId } from '../letter/ids.js';

/** File names inside a letter folder. */
export const LETTER_FILE = 'letter.yaml';
export const SIGNATURES_DIR = 'signatures';
export const CHANGELOG_FILE = 'CHANGELOG.md';
/** The record of the letter's deliveries (see letter/deliveries.ts). */
export const DELIVERIES_FILE = 'deliveries.yaml';
/** The folder of the private store (contact details, never in git; see private-store.ts), relative to the letter folder. */
export const PRIVATE_DIR = 'private';
/** Folders of the private store, inside `PRIVATE_DIR` (see outreach-store.ts): invitations, consent records, evidence files. */
export const INVITATIONS_DIR = 'invitations';
export const CONSENT_DIR = 'consent';
export const EVIDENCE_DIR = 'evidence';
/** The letter's JSON Schemas for editors (`letter schema --update` writes them; see storage/schema-files.ts). */
export const SCHEMAS_DIR = '.schemas';

/** Where signature files live: see the `layout` field of letter.yaml. */
export type SignatureLayout = 'flat' | 'sharded';

/** The shard (sub-folder of signatures/) of an id in the sharded layout: its first two characters. */
export function shardOf(id: string): string {
  return id.slice(0, 2);
}

/** A shard folder's name: one or two characters of an id. */
export const SHARD_PATTERN = /^[a-z0-9][a-z0-9-]?$/;

/** The ending of a signature file's name: `<id>.yaml`. */
export const SIGNATURE_EXT = '.yaml';

/** A signature file's name, in one test: an id (ID_PATTERN), then SIGNATURE_EXT. */
export const SIGNATURE_ENTRY_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*\.yaml$/;

/** The name of the file of signature `id` in its folder: `margaret-chan.yaml`. */
export function signatureEntry(id: string): string {
  return `${id}${SIGNATURE_EXT}`;
}

/** The id a well-named signature file's name holds: `margaret-chan.yaml` → `margaret-chan`. */
export function idOfEntry(entry: string): string {
  return entry.slice(0, -SIGNATURE_EXT.length);
}

/** The path of the file of signature `id` relative to the letter folder, in `layout`: `signatures/ma/margaret-chan.yaml`. */
export function signatureFileName(id: string, layout: SignatureLayout = 'flat'): string {
  return layout === 'sharded'
    ? path.join(SIGNATURES_DIR, shardOf(id), signatureEntry(id))
    : path.join(SIGNATURES_DIR, signatureEntry(id));
}

/**
 * The id a path inside a letter folder names, in either layout (`signatures/<id>.yaml` or
 * `signatures/<shard>/<id>.yaml`, the shard being the id's own), and whether it is an erasure
 * record (`erased-<hash>`); undefined when the path is no signature file.
 */
export function signatureIdOf(inLetter: string): { id: string; erased: boolean } | undefined {
  const parts = inLetter.split('/');
  if (
    parts[0] !== SIGNATURES_DIR ||
    parts.length < 2 ||
    parts.length > 3 ||
    !parts.at(-1)!.endsWith(SIGNATURE_EXT)
  )
    return undefined;
  const id = idOfEntry(parts.at(-1)!);
  if (!ID_PATTERN.test(id) || (parts.length === 3 && parts[1] !== shardOf(id))) return undefined;
  return { id, erased: isErasedId(id) };
}

/** Largest files read, in bytes: a signature file, letter.yaml, and the body or a translation. */
export const MAX_SIGNATURE_BYTES = 64 * 1024;
export const MAX_LETTER_BYTES = 1024 * 1024;
export const MAX_BODY_BYTES = 4 * 1024 * 1024;

/**
 * The last `n` bytes of the file at `p` (all of it when smaller), refusing a link as
 * `readBytes` does; undefined when the file does not exist.
 * @throws UserError as `readBytes`.
 */
export async function readTail(p: string, shown: string, n: number): Promise<Buffer | undefined> {
  const { open } = await import('node:fs/promises');
  const st = await lstat(p).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return undefined;
    throw e;
  });
  if (!st) return undefined;
  if (!st.isFile())
    throw new UserError(`${shown} is not a plain file; a letter expects a file there.`);
  const fd = await open(p, 'r');
  try {
    const length = Math.min(n, st.size);
    const buf = Buffer.alloc(length);
    const { bytesRead } = await fd.read(buf, 0, length, st.size - length);
    return buf.subarray(0, bytesRead);
  } finally {
    await fd.close();
  }
}

/**
 * A file's bytes, undefined when it does not exist.
 * @throws UserError naming the file when it is a folder, a symbolic link, unreadable, or larger than `max` bytes.
 */
export async function readBytes(
  p: string,
  shown: string,
  max = MAX_BODY_BYTES,
): Promise<Buffer | undefined> {
  try {
    const st = await lstat(p);
    if (st.isSymbolicLink())
      throw new UserError(
        `${shown} is a symbolic link; the files of a letter are plain files inside its folder.`,
      );
    if (st.size > max)
      throw new UserError(
        `${shown} is ${st.size.toLocaleString('en')} bytes, more than the ${max.toLocaleString('en')} a letter file may hold.`,
      );
    return await readFile(p);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    if (code === 'EISDIR')
      throw new UserError(`${shown} is a folder; a letter expects a file there.`);
    if (code === 'EACCES' || code === 'EPERM')
      throw new UserError(`${shown} cannot be read: permission denied.`);
    throw e;
  }
}

/** A file's text (UTF-8), undefined when it does not exist; a file that is not UTF-8 adds a problem and reads as empty. */
export async function readText(
  p: string,
  shown: string,
  problems?: Problem[],
  max?: number,
): Promise<string | undefined> {
  const bytes = await readBytes(p, shown, max);
  if (bytes === undefined) return undefined;
  const decoded = decodeUtf8(bytes, shown);
  if ('text' in decoded) return decoded.text;
  problems?.push(decoded.problem);
  return '';
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Decodes a file's bytes as UTF-8.
 * @returns the text, or a problem at the line and column of the first byte that is not UTF-8
 *   (a UTF-16 file is named as such).
 */
export function decodeUtf8(
  bytes: Uint8Array,
  file: string,
): { text: string } | { problem: Problem } {
  const bad = (line: number, column: number, message: string): { problem: Problem } => ({
    problem: problem('not-utf8', { file, line, column }, message, 'save the file as UTF-8'),
  });
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
    return bad(1, 1, 'the file is UTF-16 text; letter files are UTF-8');
  try {
    return { text: utf8.decode(bytes) };
  } catch {
    const loose = new TextDecoder('utf-8').decode(bytes);
    const at = loose.indexOf('\uFFFD');
    const before = loose.slice(0, Math.max(at, 0)).split('\n');
    return bad(
      before.length,
      before.at(-1)!.length + 1,
      'the file is not UTF-8 text (a byte here is from another encoding, such as Latin-1)',
    );
  }
}

/** Names a letter folder may hold besides the body: anything else is reported, never skipped silently. */
const LETTER_ENTRIES = new Set([
  LETTER_FILE,
  CHANGELOG_FILE,
  SIGNATURES_DIR,
  SCHEMAS_DIR,
  'templates',
  'deliveries.yaml',
  'private',
  '.gitignore',
  '.gitattributes',
  'README.md',
]);
// Translations of the body: letter.fr.md, letter.pt-BR.md.
const TRANSLATION = /^letter\.[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*\.md$/;

export async function strayFiles(dir: string, shown: string, bodyName: string): Promise<Problem[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).sort();
  } catch {
    return [];
  }
  const links: Problem[] = [];
  for (const n of names) {
    if ((await lstat(path.join(dir, n))).isSymbolicLink())
      links.push(
        problem(
          'symbolic-link',
          { file: path.join(shown, n), line: 1, column: 1 },
          `"${n}" is a symbolic link; a letter folder holds plain files only`,
          'replace the link with the file itself',
        ),
      );
  }
  return links.concat(
    names
      .filter((n) => !LETTER_ENTRIES.has(n) && n !== bodyName && !TRANSLATION.test(n))
      .map((n) =>
        problem(
          'unknown-file',
          { file: path.join(shown, n), line: 1, column: 1 },
          `"${n}" is not part of a letter folder`,
          n.endsWith('.yaml') || n.endsWith('.yml')
            ? 'a signature goes in signatures/ (see the layout field of letter.yaml)'
            : 'move it out of the letter folder, or delete it',
        ),
      ),
  );
}

/** Where a file holds merge-conflict markers (<<<<<<<, =======, >>>>>>> at the start of a line), if it does. */
export function conflictMarker(text: string, file: string): Problem | undefined {
  const m = /^(<{7}|={7}|>{7})(?: |$)/m.exec(text);
  if (!m) return undefined;
  const line = text.slice(0, m.index).split('\n').length;
  return problem(
    'merge-conflict',
    { file, line, column: 1 },
    'the file holds merge-conflict markers from an unfinished git merge',
    'resolve the conflict: keep the right lines, delete the markers',
  );
}

/** The folder of every letter, under the root (see `lettersRoot`). */
export const LETTERS_DIR = 'letters';

/**
 * The folder that holds `letters/` for a command run in `cwd`, so that commands run from any
 * folder of the repository, as git's do: `cwd` or the nearest of its parents with a `letters/`
 * folder, looking no higher than the top of the git work tree (anywhere up, outside one);
 * `cwd` itself when none has one (`letter init` then starts letters/ there).
 */
export async function lettersRoot(cwd: string): Promise<string> {
  if (await isFolder(path.join(cwd, LETTERS_DIR))) return cwd;
  const { repoRoot } = await import('../git.js');
  const top = await repoRoot(cwd);
  for (let dir = cwd; ; ) {
    if (await isFolder(path.join(dir, LETTERS_DIR))) return dir;
    const parent = path.dirname(dir);
    if (dir === top || parent === dir) return cwd;
    dir = parent;
  }
}

/**
 * The letter folder `p` (absolute) is, or is inside: `p` or one of its three nearest parents
 * holding letter.yaml, the deepest file of a letter being `signatures/<shard>/<id>.yaml`.
 * Undefined when none, or when `p` does not exist (a mistyped slug typed inside a letter
 * names no letter, rather than the one around it).
 */
export async function letterAround(p: string): Promise<string | undefined> {
  if (
    !(await lstat(p).then(
      () => true,
      () => false,
    ))
  )
    return undefined;
  for (let dir = p, up = 0; up <= 3; up++, dir = path.dirname(dir)) {
    if (await isFile(path.join(dir, LETTER_FILE), true)) return dir;
    if (path.dirname(dir) === dir) break;
  }
  return undefined;
}

/**
 * Every letter folder under the root's `letters/` (see `lettersRoot`), and the folders there
 * without letter.yaml (`strays`, to report). Folders whose name starts with a dot are not letters.
 * @throws UsageError when there is neither.
 */
export async function listLetters(cwd: string): Promise<{ dirs: string[]; strays: string[] }> {
  const root = path.join(await lettersRoot(cwd), LETTERS_DIR);
  let names: string[] = [];
  try {
    // A letter's lock (`letters/<slug>.lock/`, while a command writes) is not a letter.
    names = (await readdir(root, { withFileTypes: true }))
      .filter((d) => d.isDirectory() && !d.name.startsWith('.') && !d.name.endsWith('.lock'))
      .map((d) => d.name)
      .sort();
  } catch {
    // no letters/ folder: reported below
  }
  const dirs: string[] = [];
  const strays: string[] = [];
  for (const n of names)
    ((await isFile(path.join(root, n, LETTER_FILE))) ? dirs : strays).push(path.join(root, n));
  if (dirs.length === 0 && strays.length === 0)
    throw new UsageError(
      'No letters found under letters/.',
      'Name a letter folder: letter check letters/<slug>',
    );
  return { dirs, strays };
}

/**
 * The letters a command given none works on (`letter check`, `letter fmt`): the letter `cwd`
 * is inside, else every letter under the root (see `listLetters`; `all` is then true).
 */
export async function defaultLetters(
  cwd: string,
): Promise<{ dirs: string[]; strays: string[]; all: boolean }> {
  const here = await letterAround(cwd);
  return here
    ? { dirs: [here], strays: [], all: false }
    : { ...(await listLetters(cwd)), all: true };
}

/** True when `p` is a folder (a symbolic link to one counts too). */
export async function isFolder(p: string): Promise<boolean> {
  try {
    return (await stat(p)).isDirectory();
  } catch {
    return false;
  }
}

/** True when `p` is a regular file; with `follow`, a symbolic link to one counts too. */
export async function isFile(p: string, follow = false): Promise<boolean> {
  try {
    return (await (follow ? stat : lstat)(p)).isFile();
  } catch {
    return false;
  }
}

/**
 * False only when nothing is at `p` (lstat says ENOENT): a link, a folder or a path that
 * cannot be stat-ed counts as there, for the reader that reports what is wrong with it.
 */
export async function pathExists(p: string): Promise<boolean> {
  return lstat(p).then(
    () => true,
    (e: NodeJS.ErrnoException) => e.code !== 'ENOENT',
  );
}

/**
 * Finds the folder of a letter from what the user typed, as git reads a path: a letter folder
 * or a path inside one (`letters/x/signatures/a.yaml`, `.` in `letters/x/signatures`), from
 * `cwd`; else, from any folder of the repository, a slug under `letters/` or a path from the
 * root (`letters/x`, as hints print it; see `lettersRoot`).
 * @returns the absolute path.
 * @throws UsageError when neither exists.
 */
export async function resolveLetterDir(arg: string, cwd: string): Promise<string> {
  const found = await letterAround(path.resolve(cwd, arg));
  if (found) return found;
  if (!path.isAbsolute(arg)) {
    const root = await lettersRoot(cwd);
    const candidates = [path.resolve(root, arg)];
    if (!arg.includes('/') && !arg.includes(path.sep))
      candidates.unshift(path.resolve(root, LETTERS_DIR, arg));
    for (const candidate of candidates) {
      const dir = await letterAround(candidate);
      if (dir) return dir;
    }
  }
  throw new UsageError(
    `No letter at "${arg}": expected a folder holding ${LETTER_FILE}.`,
    'Name a letter folder such as letters/time-to-act.',
  );
}

/**
 * Which of `files` begin with a UTF-8 byte order mark (EF BB BF), which reading as text
 * drops: `fmt` removes it, as canonical text has none (text.ts). Missing files have none.
 */
export async function filesWithBom(files: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (const file of files) {
    const head = Buffer.alloc(3);
    const handle = await open(file, 'r').catch(() => undefined);
    if (!handle) continue;
    try {
      const { bytesRead } = await handle.read(head, 0, 3, 0);
      if (bytesRead === 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf)
        found.add(file);
    } finally {
      await handle.close();
    }
  }
  return found;
}
