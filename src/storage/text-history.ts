/**
 * The texts a letter's body had through git history, read with git itself: one `git log`
 * of the body file (renames followed) and one `git cat-file --batch` for the texts. Never
 * fails: outside a repository, before the first commit of the body or in a shallow clone it
 * returns what there is and says so.
 */
import { blobTexts, fileCommits, isShallowRepo, repoRoot } from '../git.js';
import { toIsoTimestamp } from '../letter/dates.js';
import type { LetterFile, Signature } from '../letter/schema.js';
import { type HistoryText, nameTextVersions, type TextVersions } from '../letter/text-versions.js';

/**
 * How much history a letter's text has: `full`; `shallow` (a shallow clone: versions
 * before its oldest commit are not known); `untracked` (the body was never committed);
 * `none` (not in a git repository).
 */
export type HistoryDepth = 'full' | 'shallow' | 'untracked' | 'none';

/** The body's texts through history, oldest first, and how much of it there is. */
export interface BodyHistory {
  texts: HistoryText[];
  depth: HistoryDepth;
  /** What is missing and how to get it, when `depth` is not `full`; else null. */
  note: string | null;
}

/**
 * The history of the body file `bodyName` of the letter in `dir` (HEAD's history, with the
 * text after each commit that changed it; commit dates as ISO 8601 UTC).
 */
export async function bodyHistory(dir: string, bodyName: string): Promise<BodyHistory> {
  if ((await repoRoot(dir)) === undefined)
    return {
      texts: [],
      depth: 'none',
      note: `not in a git repository: only the text of ${bodyName} as it is now is known`,
    };
  const commits = (await fileCommits(dir, bodyName)).reverse();
  if (commits.length === 0)
    return {
      texts: [],
      depth: 'untracked',
      note: `${bodyName} was never committed: only its text as it is now is known`,
    };
  const blobs = await blobTexts(dir, [...new Set(commits.map((c) => c.blob))]);
  const texts = commits.flatMap((c) => {
    const text = blobs.get(c.blob);
    return text === undefined
      ? []
      : [{ commit: c.commit, at: toIsoTimestamp(new Date(c.date)), text }];
  });
  if (await isShallowRepo(dir))
    return {
      texts,
      depth: 'shallow',
      note: `a shallow clone: texts of ${bodyName} before ${texts[0]?.at ?? 'its oldest commit'} are not known (git fetch --unshallow fetches them)`,
    };
  return { texts, depth: 'full', note: null };
}

/**
 * The named versions of a letter's text (see `nameTextVersions`) from its body's history,
 * the body as it is now and what letter.yaml and the signatures record, with how much
 * history there was.
 */
export async function letterTextVersions(l: {
  dir: string;
  letter: LetterFile;
  body: string;
  signatures: Iterable<Signature>;
}): Promise<TextVersions & { history: Omit<BodyHistory, 'texts'> }> {
  const { texts, ...history } = await bodyHistory(l.dir, l.letter.body);
  return {
    ...nameTextVersions({
      history: texts,
      body: l.body,
      letter: l.letter,
      signatures: l.signatures,
    }),
    history,
  };
}
