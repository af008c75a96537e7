/**
 * Keys of a letter's state, for what the index (letter-db.ts) remembers of it: the last
 * check result is kept with the key of the files it was computed from (the identities,
 * size, times and inode, of every file of the letter, its templates and the package's own
 * templates, the working directory and letter's version). A warm check whose key is
 * unchanged only lists and stats the files, and gives the same result.
 */
import { createHash } from 'node:crypto';
import { lstat, readdir } from 'node:fs/promises';
import path from 'node:path';
import pkg from '../../package.json' with { type: 'json' };
import { identityOf } from './file-stats.js';
import { CONSENT_DIR, PRIVATE_DIR, SCHEMAS_DIR, SIGNATURES_DIR } from './layout.js';
import { type SignatureScan, scanSum, sumText } from './signature-scan.js';

const VERSION = `letter ${pkg.version} check 1`;

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
  return stateKey(dir, sumText(await scanSum(scan)), [
    VERSION,
    cwd,
    await folderIdentities(templates, new Set(['partials']), new Set()),
    // The consent records the check compares signatures with (`consent-missing`).
    await folderIdentities(path.join(dir, PRIVATE_DIR), new Set([CONSENT_DIR]), new Set()),
  ]);
}

/**
 * The key of the state of the letter in `dir` whose signature files are described by
 * `signatures`: a hex SHA-256 of the identities of the letter's other files, that
 * description, and `salt` (what the key is for, and anything else the result depends on).
 */
async function stateKey(dir: string, signatures: string, salt: readonly string[]): Promise<string> {
  const hash = createHash('sha256');
  hash.update(`${salt.join('\n')}\n${dir}\n${signatures}\n`);
  hash.update(
    await folderIdentities(dir, new Set(['templates', SCHEMAS_DIR]), new Set([SIGNATURES_DIR])),
  );
  return hash.digest('hex');
}

/**
 * The key of the state of the letter in `dir` as `sign` sees it: the identities of the
 * letter's files other than signature files, of the signatures folder, and of each folder in
 * it (a shard), but not of each signature file. A file added, removed or replaced (written
 * to a temporary file and renamed, as git and `letter` write) changes its folder's identity;
 * a file changed in place does not, and the next `letter check`, which stats every file, sees it.
 */
export async function signStateKey(dir: string): Promise<string> {
  const sigDir = path.join(dir, SIGNATURES_DIR);
  const st = await lstat(sigDir).catch(() => undefined);
  const parts = [st ? identityOf(st).join(':') : '-'];
  // A folder's link count is 2 plus its subfolders on most file systems (1 where it is not
  // counted, such as btrfs): at 2, a flat letter's folder of a million files is not listed.
  if (st?.isDirectory() && st.nlink !== 2) {
    const folders = (await readdir(sigDir, { withFileTypes: true }))
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort();
    const stats = await Promise.all(
      folders.map((f) => lstat(path.join(sigDir, f)).catch(() => undefined)),
    );
    folders.forEach((f, i) => {
      parts.push(`${f}:${identityOf(stats[i]).join(':')}`);
    });
  }
  return stateKey(dir, parts.join('\n'), [`${VERSION} sign`]);
}
