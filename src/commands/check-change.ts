/**
 * `letter check --base`: what the change since the base does to each letter and to the rest
 * of the repository (see letter/change-check.ts for the rules). The files come from git; the
 * ids of signature files from the layout module.
 */
import path from 'node:path';
import type { Context } from '../context.js';
import { at, type Problem, problem } from '../errors.js';
import { addedLines, type ChangedFile, fileAt, foldersAt, lineChanges } from '../git.js';
import type { ChangeReport } from '../letter/change-check.js';
import type { Signature } from '../letter/schema.js';
import { shownPath } from '../shown-path.js';
import {
  CHANGELOG_FILE,
  LETTERS_DIR,
  lettersRoot,
  readText,
  signatureIdOf,
} from '../storage/layout.js';
import type { LoadedLetter } from '../storage/letter-store.js';
import type { CheckOptions } from './check.js';

/**
 * What the change since `base` (the merge base with `o.base`) does to the letter in `dir`,
 * judged for `o.role`; `repo` is every changed file of the repository (`changesSince`).
 */
export async function checkChangeOf(
  dir: string,
  loaded: LoadedLetter,
  base: string,
  repo: readonly ChangedFile[],
  o: CheckOptions,
  ctx: Context,
): Promise<ChangeReport> {
  const [{ checkChange }, { toIsoTimestamp }, { parseYaml }, { signatureSchema }] =
    await Promise.all([
      import('../letter/change-check.js'),
      import('../letter/dates.js'),
      import('../storage/yaml.js'),
      import('../letter/schema.js'),
    ]);
  const changes = repo
    .map((f) => ({
      status: f.status,
      file: f.path,
      inLetter: path.relative(dir, path.resolve(ctx.cwd, f.path)).split(path.sep).join('/'),
    }))
    .filter((c) => c.inLetter !== '' && !c.inLetter.startsWith('../'))
    .map((c) => ({ ...c, signature: signatureIdOf(c.inLetter) }));
  const addedFiles = new Set(
    changes.filter((c) => c.status === 'A').map((c) => path.resolve(ctx.cwd, c.file)),
  );
  const added = new Map(
    loaded.signatures
      .filter((s) => addedFiles.has(path.resolve(ctx.cwd, s.file)))
      .map((s) => [s.file, { signature: s.signature, locate: s.locate }]),
  );
  const changelog = changes.find((c) => c.inLetter === CHANGELOG_FILE && c.status !== 'D');
  const changelogOnlyAdds =
    changelog?.status === 'M'
      ? (await lineChanges(ctx.cwd, base, changelog.file)).deleted === 0
      : true;
  let changelogAdded = changelog ? await addedLines(ctx.cwd, base, changelog.file) : [];
  // An untracked changelog has no diff: every line of it is new.
  if (changelog?.status === 'A' && changelogAdded.length === 0)
    changelogAdded = ((await readText(path.resolve(ctx.cwd, changelog.file), changelog.file)) ?? '')
      .split(/\r?\n/)
      .map((text, i) => ({ line: i + 1, text }));
  // A removed signature as it was at the base: an erasure record added beside it may be its own.
  const removedAtBase = new Map<string, Signature>();
  for (const c of changes.filter(
    (ch) => ch.status === 'D' && ch.signature && !ch.signature.erased,
  )) {
    const text = await fileAt(ctx.cwd, base, c.file);
    const parsed = text === undefined ? undefined : parseYaml(text, c.file, signatureSchema).value;
    if (parsed) removedAtBase.set(c.signature!.id, { ...parsed, id: c.signature!.id } as Signature);
  }
  return checkChange({
    base: o.base!,
    role: o.role ?? 'contributor',
    maxAdded: o.maxAdded ?? 1,
    author: o.author,
    changes,
    added,
    changelogOnlyAdds,
    changelogAdded,
    letter: loaded.letter,
    letterStatus: loaded.letter?.status ?? 'open',
    now: toIsoTimestamp(ctx.now()),
    existing: loaded.signatures
      .filter((s) => !addedFiles.has(path.resolve(ctx.cwd, s.file)))
      .map((s) => s.signature),
    erased: loaded.erased,
    removedAtBase,
  });
}

/**
 * What the change since `since` (the merge base with `o.base`) does to the repository outside
 * each letter's own files: letters it deletes (when every letter is checked, `found.all`) and
 * files it touches outside the letters (see `checkOutsideLetters`); `repo` is every changed
 * file (`changesSince`), `dirs` the letters checked.
 */
export async function checkRepoChange(
  found: { strays: readonly string[]; all: boolean },
  dirs: readonly string[],
  since: string,
  repo: readonly ChangedFile[],
  o: CheckOptions,
  ctx: Context,
): Promise<Problem[]> {
  const problems: Problem[] = [];
  const reported = found.strays.map((s) => path.relative(ctx.cwd, s));
  // letters/ of the root, shown from where letter runs (git shows paths from there too).
  const lettersShown = path
    .relative(ctx.cwd, path.join(await lettersRoot(ctx.cwd), LETTERS_DIR))
    .split(path.sep)
    .join('/');
  if (found.all) {
    const before = await foldersAt(ctx.cwd, since, lettersShown);
    const now = new Set(dirs.map((d) => path.relative(ctx.cwd, d)));
    for (const gone of before.filter((f) => !now.has(f) && !reported.includes(f))) {
      reported.push(gone);
      problems.push(
        problem(
          'letter-removed',
          at(gone),
          `the change deletes the letter ${gone} (present at ${o.base})`,
          'a letter is closed (status: closed), never deleted',
        ),
      );
    }
  }
  const { checkOutsideLetters } = await import('../letter/change-check.js');
  // An untracked file outside letters/ is no part of a pull request (the workflow's own checkout of the checker, say).
  const changes = repo
    .filter((f) => !f.untracked || f.path.startsWith(`${lettersShown}/`))
    .map((f) => ({ status: f.status, file: f.path, symlink: f.symlink }));
  problems.push(
    ...checkOutsideLetters({
      role: o.role ?? 'contributor',
      changes,
      letters: dirs.map((d) => shownPath(ctx.cwd, d) || '.'),
      reported,
    }),
  );
  return problems;
}
