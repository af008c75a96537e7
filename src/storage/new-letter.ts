/**
 * The files of a new letter (`letter init`): letter.yaml, the body, an empty changelog, a
 * .gitignore that keeps the private store out of git, the JSON Schemas for editors, and the
 * files `letter` needs at the top of the repository (repo-files.ts), written as one change.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { renderChangelog } from '../letter/changelog.js';
import type { LetterFile } from '../letter/schema.js';
import { changelogChanges } from './changelog-file.js';
import { LETTER_FILE, SCHEMAS_DIR, SIGNATURES_DIR } from './layout.js';
import { letterText } from './letter-store.js';
import { PRIVATE_GITIGNORE } from './private-store.js';
import { repoFacts, repoFileChanges } from './repo-files.js';
import { schemaChanges } from './schema-files.js';
import { ensureDir, type FileChange, removeMadeDirs, writeAll } from './transaction.js';

/** Whether the folder `dir` is missing or empty: the only folders a new letter may go in. */
export async function isEmptyFolder(dir: string): Promise<boolean> {
  return (await readdir(dir).catch(() => [])).length === 0;
}

/** What `writeNewLetter` wrote and left as it was (absolute paths). */
export interface NewLetterFiles {
  written: string[];
  /** Files at the top of the repository left as they were: they already say what `letter` needs, or are the campaign's own. */
  kept: string[];
}

/**
 * Writes a new letter into the empty folder `dir`, with the repository files (`github`: the
 * GitHub workflows too) at the top of the repository `cwd` is in, all or none (`writeAll`).
 * @param raw letter.yaml's fields as written (canonical key order, schema line added)
 * @param letter the same, validated
 * @param body the text of the body file, `letter.body`
 * @throws the write error of a file; nothing of the letter stays then.
 */
export async function writeNewLetter(
  dir: string,
  raw: Record<string, unknown>,
  letter: LetterFile,
  body: string,
  cwd: string,
  github: boolean,
): Promise<NewLetterFiles> {
  const changes: FileChange[] = [
    { path: path.join(dir, LETTER_FILE), text: letterText(raw, dir) },
    { path: path.join(dir, letter.body), text: body },
    ...changelogChanges(dir, letter, { after: 'rebuild', text: renderChangelog(letter, []) }),
    { path: path.join(dir, '.gitignore'), text: PRIVATE_GITIGNORE },
    // The JSON Schemas the first line of letter.yaml and of each signature file points to, for editors.
    ...schemaChanges(dir, letter),
  ];
  const { root, facts } = await repoFacts(cwd);
  const repo = await repoFileChanges(root, facts, github, changes);
  const made: string[] = [];
  try {
    for (const d of [dir, path.join(dir, SIGNATURES_DIR), path.join(dir, SCHEMAS_DIR)])
      made.push(...(await ensureDir(d)));
    return { written: await writeAll([...changes, ...repo.changes]), kept: repo.kept };
  } catch (e) {
    // writeAll put the files back and removed the folders it made; those made here (the
    // letter's, and letters/ when it was new) go too, when still empty.
    await removeMadeDirs(made);
    throw e;
  }
}
