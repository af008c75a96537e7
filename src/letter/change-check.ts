/**
 * What a change (a pull request) does to a letter and to the rest of the repository, and
 * whether the person behind it may do that. A contributor may only add signatures (at most
 * `maxAdded`), each carrying their own GitHub login when `author` is given, and CHANGELOG.md
 * may only gain the lines those signatures give. An editor may change more; a removed
 * signature is an error unless the change replaces it by its erasure record (the right to be
 * forgotten), which only an editor may do. Nothing under `private/` may enter a change.
 * Outside the letters, a contributor may change nothing, and an editor's change there is
 * named for a maintainer. Pure: the caller lists the changed files, with the ids the layout
 * module reads from their paths.
 */
import { at, type Problem, problem } from '../errors.js';
import { nameFingerprint } from './names.js';
import {
  type AddedSignatureRule,
  addedNamesNew,
  addedPending,
  addedWithinLimit,
  letterOpen,
  signedByAuthor,
  signedRecently,
} from './rules/change-added.js';
import {
  changelogOnlyGains,
  erasedByEditor,
  erasureRecordKept,
  letterFilesUntouched,
  privateStoreUntouched,
  signatureKept,
} from './rules/change-file.js';
import type { ChangeInput } from './rules/change-rule.js';
import type { ErasedRecord, Signature } from './schema.js';

export type { ChangeInput, LetterFileChange } from './rules/change-rule.js';

/** Signature ids added, changed, removed and erased, and the problems of the change. */
export interface ChangeReport {
  base: string;
  added: string[];
  changed: string[];
  removed: string[];
  /** Signatures the change replaces by their erasure records. */
  erased: string[];
  problems: Problem[];
}

/** Whether erasure record `record` is the one `erase` makes for `signature` on the letter `slug`: the same name's fingerprint. */
function erases(record: ErasedRecord, signature: Signature, slug: string): boolean {
  return record.fingerprint === nameFingerprint(slug, signature.name);
}

/** The rules about each signature a contributor's change adds, in the order a file's problems are listed. */
const CONTRIBUTOR_ADDED_RULES: readonly AddedSignatureRule[] = [
  letterOpen,
  addedPending,
  signedRecently,
];

/** Judges a change to a letter (see the module comment for the rules, and rules/change-*.ts for each). */
export function checkChange(c: ChangeInput): ChangeReport {
  const report: ChangeReport = {
    base: c.base,
    added: [],
    changed: [],
    removed: [],
    erased: [],
    problems: [],
  };
  const problems = report.problems;
  const addedRecords = new Set(
    c.changes
      .filter((ch) => ch.status === 'A' && ch.signature?.erased)
      .map((ch) => ch.signature!.id),
  );
  const recordOf = (id: string) => {
    const before = c.removedAtBase.get(id);
    return before && c.letter
      ? c.erased.find((e) => addedRecords.has(e.id) && erases(e, before, c.letter!.slug))
      : undefined;
  };

  // Each changed file by what it is: an erasure record, a signature (or one replaced by its
  // erasure record), the private store, CHANGELOG.md, or the letter's own files.
  for (const ch of c.changes) {
    const id = ch.signature?.id;
    if (ch.signature?.erased) problems.push(...erasureRecordKept(c, ch));
    else if (id !== undefined) {
      const record = ch.status === 'D' ? recordOf(id) : undefined;
      if (record) {
        report.erased.push(id);
        problems.push(...erasedByEditor(c, ch, record));
        continue;
      }
      report[ch.status === 'A' ? 'added' : ch.status === 'M' ? 'changed' : 'removed'].push(id);
      problems.push(...signatureKept(c, ch));
    } else if (ch.inLetter === 'private' || ch.inLetter.startsWith('private/'))
      problems.push(...privateStoreUntouched(c, ch));
    else if (ch.inLetter === 'CHANGELOG.md') problems.push(...changelogOnlyGains(c, ch));
    else problems.push(...letterFilesUntouched(c, ch));
  }

  problems.push(...addedWithinLimit(c, report.added));
  if (c.role === 'contributor')
    for (const [file, added] of c.added)
      for (const rule of CONTRIBUTOR_ADDED_RULES) problems.push(...rule(c, file, added));
  problems.push(...addedNamesNew(c));
  if (c.role === 'contributor')
    for (const [file, added] of c.added) problems.push(...signedByAuthor(c, file, added));
  return report;
}

/** A changed file of the repository: its status, its path from the working directory, and whether it is now a symbolic link. */
export interface RepoFileChange {
  status: 'A' | 'M' | 'D';
  file: string;
  symlink: boolean;
}

/** Inputs of `checkOutsideLetters`. */
export interface OutsideInput {
  role: 'contributor' | 'editor';
  changes: readonly RepoFileChange[];
  /** The folders of the letters checked (shown paths): what changes there is judged letter by letter. */
  letters: readonly string[];
  /** Folders whose change is reported otherwise (a deleted letter, a folder that is no letter). */
  reported: readonly string[];
}

const inside = (file: string, folder: string) =>
  folder === '.' ? !file.startsWith('../') : file === folder || file.startsWith(`${folder}/`);

/**
 * What a change does outside the letters it is checked for, and every symbolic link it
 * brings, anywhere: for a contributor, errors (their change may only add their signature);
 * for an editor, warnings that name the files for a maintainer to review, since the shared
 * templates, the workflow files and the files beside the letters are the maintainers' own
 * (see the README: Pull requests and CI).
 */
export function checkOutsideLetters(o: OutsideInput): Problem[] {
  const contributor = o.role === 'contributor';
  const severity = contributor ? ('error' as const) : ('warning' as const);
  const who = contributor
    ? "; a contributor's change may only add their own signature"
    : '; for a maintainer to review';
  const problems: Problem[] = [];
  for (const ch of o.changes) {
    const verb = ch.status === 'A' ? 'adds' : ch.status === 'D' ? 'deletes' : 'modifies';
    if (ch.symlink) {
      problems.push(
        problem(
          'symbolic-link-in-change',
          at(ch.file),
          `the change ${ch.status === 'A' ? 'adds' : 'makes'} a symbolic link (git mode 120000)${who}`,
          'replace the link with the file itself',
          severity,
        ),
      );
      continue;
    }
    if (o.letters.some((l) => inside(ch.file, l)) || o.reported.some((r) => inside(ch.file, r)))
      continue;
    const parts = ch.file.split('/').filter((p) => p !== '..' && p !== '.');
    const what =
      parts[0] === 'templates'
        ? 'a shared template'
        : parts[0] === '.github'
          ? 'a GitHub workflow or setting'
          : parts.some((p) => p.startsWith('.'))
            ? 'a hidden file or folder'
            : parts[0] === 'letters' && parts.length === 2
              ? 'a file beside the letters'
              : parts[0] === 'letters'
                ? 'a file of a letter not checked here'
                : 'a file outside the letters';
    problems.push(
      problem(
        'outside-letters',
        at(ch.file),
        `the change ${verb} ${what}${who}`,
        contributor
          ? 'take it out of this pull request; a maintainer changes it'
          : 'check that the repository owner meant this (CODEOWNERS)',
        severity,
      ),
    );
  }
  return problems;
}
