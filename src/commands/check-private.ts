/**
 * The checks of `letter check` that the private store stays private: git neither tracks nor
 * would add it, and no file git would commit names an invitee who has not agreed.
 */
import path from 'node:path';
import type { Context } from '../context.js';
import { at, InvalidLetter, type Problem, problem } from '../errors.js';
import { addableFiles, grepPublic, repoRoot, trackedFiles } from '../git.js';
import { shownPath } from '../shown-path.js';
import { isFolder, PRIVATE_DIR } from '../storage/layout.js';

/**
 * The files of the private store of the letter in `dir` that git tracks, as errors: once
 * committed, contact details are published with the repository. Nothing outside a git
 * work tree.
 */
export async function trackedPrivateFiles(dir: string, ctx: Context): Promise<Problem[]> {
  const tracked = (await trackedFiles(dir, PRIVATE_DIR)) ?? [];
  // Not yet tracked, but not ignored either: the next `git add -A` commits it.
  const addable = ((await addableFiles(dir, PRIVATE_DIR)) ?? []).map(
    (f) => `${shownPath(ctx.cwd, path.join(dir, f))}${f.endsWith('/') ? '/' : ''}`,
  );
  const exposed =
    addable.length === 0
      ? []
      : [
          problem(
            'private-not-ignored',
            at(shownPath(ctx.cwd, path.join(dir, PRIVATE_DIR)) || PRIVATE_DIR),
            `git does not ignore the private store: \`git add -A\` would commit ${addable.length === 1 ? addable[0] : `${addable.length} of its files`}`,
            `add the line "${PRIVATE_DIR}/" to ${shownPath(ctx.cwd, path.join(dir, '.gitignore'))} and commit it`,
          ),
        ];
  return [
    ...exposed,
    ...tracked.map((f) => {
      const file = shownPath(ctx.cwd, path.join(dir, f));
      return problem(
        'private-tracked',
        at(file),
        'git tracks this file of the private store: contact details must never be in git',
        `untrack it: git rm --cached -- ${file} (then commit; keep ${PRIVATE_DIR}/ in the letter's .gitignore; the copy in git history stays until the repository's owner rewrites it)`,
      );
    }),
  ];
}

/**
 * Where the letter in `dir` has a private store with invitations: the name, email address or
 * phone number of an invitee who has not agreed, found in a file of the letter's repository
 * that git tracks or would add (`grepPublic`), as errors. Asked on every check (files outside
 * the letter count too), never remembered. Nothing outside a git work tree.
 */
export async function inviteesInPublicFiles(dir: string, ctx: Context): Promise<Problem[]> {
  // Loaded only here: a check without a private store (CI) needs no parser for it.
  if (!(await isFolder(path.join(dir, PRIVATE_DIR)))) return [];
  const [{ readInvitations }, { inviteeLeaks, inviteeSearch }] = await Promise.all([
    import('../storage/outreach-store.js'),
    import('../letter/invitee-leaks.js'),
  ]);
  let invitations: Awaited<ReturnType<typeof readInvitations>>;
  try {
    invitations = await readInvitations(dir, ctx.cwd);
  } catch (e) {
    if (e instanceof InvalidLetter) return e.problems;
    throw e;
  }
  const search = inviteeSearch(invitations);
  const top = await repoRoot(dir);
  if (top === undefined || search.words.length + search.regexes.length === 0) return [];
  const store = path.relative(top, path.join(dir, PRIVATE_DIR)).split(path.sep).join('/');
  const hits = (await grepPublic(dir, search.words, search.regexes, [store])) ?? [];
  return inviteeLeaks(
    invitations,
    hits.map((h) => ({ ...h, file: path.relative(ctx.cwd, path.join(top, h.file)) })),
  );
}
