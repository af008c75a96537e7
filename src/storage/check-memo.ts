/**
 * The last result of `letter check` on a letter folder, kept beside the parse cache (see
 * parse-cache.ts for where), with the key of the files it was computed from: the
 * identities (size, times, inode) of every file of the letter, its templates and the
 * package's own templates, the working directory and letter's version. A warm check whose
 * key is unchanged only lists and stats the files, and gives the same result.
 *
 * Only results that cannot change with time alone are kept (see `check`: no date in the
 * future). A memo that cannot be read or written is ignored.
 */
import { createHash } from 'node:crypto';
import { access, lstat, mkdir, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import pkg from '../../package.json' with { type: 'json' };
import { cacheFileFor, debugCache } from './cache-dir.js';
import { identityOf } from './file-stats.js';
import { SCHEMAS_DIR, SIGNATURES_DIR } from './layout.js';
import { type ScanSum, type SignatureScan, scanSum, sumText } from './signature-scan.js';

const VERSION = `letter ${pkg.version} check memo 1`;

/** Identities of the entries of `dir` (recursively under each of `deep`), skipping `skip`; "" for a missing folder. */
export async function folderIdentities(
  dir: string,
  deep: ReadonlySet<string>,
  skip: ReadonlySet<string>,
): Promise<string> {
  let names: string[];
  try {
    names = (await readdir(dir)).sort();
  } catch {
    return '';
  }
  const parts: string[] = [];
  for (const n of names) {
    if (skip.has(n)) continue;
    const full = path.join(dir, n);
    const st = await lstat(full).catch(() => undefined);
    if (!st) continue;
    parts.push(
      // The identity's kind does not tell a folder from a link: a letter says which.
      `${n}:${st.isDirectory() ? 'd' : '-'}:${identityOf(st).join(':')}`,
    );
    if (deep.has(n) && st.isDirectory())
      parts.push(`${n}/[${await folderIdentities(full, new Set(['partials']), new Set())}]`);
  }
  return parts.join('\n');
}

/**
 * The key of a check of the letter in `dir`: a hex SHA-256 over everything the result
 * depends on. `scan` is the letter's `scanSignatures`; `templates` the package's own templates folder.
 */
export async function checkKey(
  dir: string,
  cwd: string,
  scan: SignatureScan,
  templates: string,
): Promise<string> {
  return stateKey(dir, await scanSum(scan), [
    VERSION,
    cwd,
    await folderIdentities(templates, new Set(['partials']), new Set()),
  ]);
}

/**
 * The key of the state of the letter in `dir` whose signature files have `sum` (see
 * signature-scan.ts): a hex SHA-256 of the identities of the letter's other files, the sum,
 * and `salt` (what the key is for, and anything else the result depends on).
 */
export async function stateKey(
  dir: string,
  sum: ScanSum,
  salt: readonly string[],
): Promise<string> {
  const hash = createHash('sha256');
  hash.update(`${salt.join('\n')}\n${dir}\n${sumText(sum)}\n`);
  hash.update(
    await folderIdentities(dir, new Set(['templates', SCHEMAS_DIR]), new Set([SIGNATURES_DIR])),
  );
  return hash.digest('hex');
}

/** True when a result is remembered for `dir` (under any key): only then is a key worth computing first. */
export async function hasMemo(dir: string): Promise<boolean> {
  const file = await cacheFileFor(dir, 'check');
  return (
    file !== undefined &&
    (await access(file).then(
      () => true,
      () => false,
    ))
  );
}

/** The result remembered for `dir` under `key`, if any and if `isValid` accepts its shape (a damaged memo is ignored). */
export async function readMemo<T>(
  dir: string,
  key: string,
  isValid: (value: unknown) => value is T,
): Promise<T | undefined> {
  const file = await cacheFileFor(dir, 'check');
  if (!file) return undefined;
  try {
    const memo = JSON.parse(await readFile(file, 'utf8')) as {
      version?: unknown;
      key?: unknown;
      value?: unknown;
    } | null;
    return memo?.version === VERSION && memo.key === key && isValid(memo.value)
      ? memo.value
      : undefined;
  } catch {
    return undefined;
  }
}

/** Remembers `value` as the result for `dir` under `key` (replacing any other). */
export async function writeMemo(dir: string, key: string, value: unknown): Promise<void> {
  const file = await cacheFileFor(dir, 'check');
  if (!file) return;
  try {
    await mkdir(path.dirname(file), { recursive: true });
    const { default: writeFileAtomic } = await import('write-file-atomic');
    // A cache: a write cut short is caught by its JSON parse, so no fsync.
    await writeFileAtomic(file, JSON.stringify({ version: VERSION, key, value }), { fsync: false });
  } catch (e) {
    // a memo is only an optimisation
    debugCache(e);
  }
}
