/**
 * The rules of a change (`letter check --base`) about each changed file of a letter, by what
 * the file is: an erasure record, a signature, a file of the private store, CHANGELOG.md, or
 * the letter's own text, settings and templates.
 */
import { at, type Problem, problem } from '../../errors.js';
import { changelogLine, changelogLines, eventsOf } from '../changelog.js';
import type { ErasedRecord } from '../schema.js';
import type { ChangeInput, LetterFileChange } from './change-rule.js';

/** A rule about one changed file of the letter. */
export type ChangedFileRule = (c: ChangeInput, ch: LetterFileChange) => Problem[];

/**
 * `erasure-record-removed`: an erasure is final, whoever makes the change (a revert, an old
 * branch would let the name come back); `erasure-by-contributor`: only an editor adds or
 * changes an erasure record.
 */
export const erasureRecordKept: ChangedFileRule = (c, ch) => {
  const id = ch.signature?.id;
  if (ch.status === 'D')
    return [
      problem(
        'erasure-record-removed',
        at(ch.file),
        `the change removes the erasure record ${id}; an erasure is final, whoever makes the change`,
        `restore it (git checkout ${c.base} -- ${ch.file})`,
      ),
    ];
  if (c.role !== 'contributor') return [];
  return [
    problem(
      'erasure-by-contributor',
      at(ch.file),
      `the change ${ch.status === 'A' ? 'adds' : 'changes'} the erasure record ${id}; only an editor erases a signature`,
      'ask an editor: letter withdraw --erase',
    ),
  ];
};

/** `erasure-by-contributor`: a signature replaced by its erasure record `record`, which only an editor may do. */
export function erasedByEditor(
  c: ChangeInput,
  ch: LetterFileChange,
  record: ErasedRecord,
): Problem[] {
  if (c.role !== 'contributor') return [];
  return [
    problem(
      'erasure-by-contributor',
      at(ch.file),
      `the change erases the signature ${ch.signature?.id} (replaced by the erasure record ${record.id}); only an editor erases a signature`,
      'ask an editor: letter withdraw --erase',
    ),
  ];
}

/**
 * `signature-removed`: a signature is withdrawn, never removed; `signature-changed`: a
 * contributor may only add their own.
 */
export const signatureKept: ChangedFileRule = (c, ch) => {
  const id = ch.signature?.id;
  if (ch.status === 'D')
    return [
      problem(
        'signature-removed',
        at(ch.file),
        `the change removes the signature ${id} (present at ${c.base})`,
        `restore it (git checkout ${c.base} -- ${ch.file}); to take a name off the letter, use letter withdraw`,
      ),
    ];
  if (ch.status === 'M' && c.role === 'contributor')
    return [
      problem(
        'signature-changed',
        at(ch.file),
        `the change modifies the signature ${id}; a contributor may only add their own`,
        'ask an editor, or undo this part of the change',
      ),
    ];
  return [];
};

/** `private-in-change`: nothing under private/ enters a change (deleting it from git is welcome). */
export const privateStoreUntouched: ChangedFileRule = (_, ch) =>
  ch.status === 'D'
    ? []
    : [
        problem(
          'private-in-change',
          at(ch.file),
          `the change ${ch.status === 'A' ? 'adds' : 'modifies'} ${ch.inLetter}, in the private store: contact details never go in git`,
          `take it out of the change: git rm --cached -- ${ch.file}, and keep private/ in the letter's .gitignore`,
        ),
      ];

/**
 * `changelog-edited`: a contributor may only add lines to CHANGELOG.md; and each line added
 * comes from a signature (`changelogLinesExplained`).
 */
export const changelogOnlyGains: ChangedFileRule = (c, ch) =>
  c.role === 'contributor' && (ch.status !== 'M' || !c.changelogOnlyAdds)
    ? [
        problem(
          'changelog-edited',
          at(ch.file),
          'the change rewrites CHANGELOG.md; a contributor may only add lines to it',
          `undo it; CHANGELOG.md is derived from the signatures`,
        ),
      ]
    : changelogLinesExplained(c, ch.file);

/**
 * `changelog-line-unexplained`: the lines CHANGELOG.md gains that no signature file gives:
 * for a contributor, the events of the signatures the change adds or changes; for an editor
 * (who may refresh the whole changelog, `letter changelog`), any line the letter's signatures
 * and erasure records give. Anything else (a fake "verified" line, a link, a heading) is an
 * error at its line.
 */
export function changelogLinesExplained(c: ChangeInput, file: string): Problem[] {
  if (c.letter === undefined || c.changelogAdded.length === 0) return [];
  const all = [...c.existing, ...[...c.added.values()].map((a) => a.signature)];
  let given: string[];
  if (c.role === 'editor') given = changelogLines(c.letter, all, c.erased);
  else {
    const touched = new Set(
      c.changes.filter((ch) => ch.status !== 'D' && ch.signature).map((ch) => ch.signature!.id),
    );
    given = eventsOf(
      all.filter((s) => touched.has(s.id)),
      c.erased.filter((e) => touched.has(e.id)),
    ).map(changelogLine);
  }
  const allowed = new Set(['', ...given]);
  return c.changelogAdded
    .filter((l) => !allowed.has(l.text))
    .map((l) =>
      problem(
        'changelog-line-unexplained',
        at(file, { line: l.line, column: 1 }),
        `CHANGELOG.md gains a line that no ${c.role === 'editor' ? 'signature file of the letter' : 'signature the change adds'} gives`,
        `remove it; CHANGELOG.md only holds the lines letter derives from the signatures (letter changelog ${file.replace(/\/CHANGELOG\.md$/, '')})`,
      ),
    );
}

/** `text-changed`: a contributor may not touch the letter's text, settings or templates. */
export const letterFilesUntouched: ChangedFileRule = (c, ch) =>
  c.role !== 'contributor'
    ? []
    : [
        problem(
          'text-changed',
          at(ch.file),
          `the change ${ch.status === 'A' ? 'adds' : ch.status === 'D' ? 'deletes' : 'modifies'} ${ch.inLetter}; a contributor may not touch the letter's text, settings or templates`,
          'open a separate pull request for an editor',
          'error',
        ),
      ];
