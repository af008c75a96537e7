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
import type { Locate, Problem } from '../errors.js';
import { changelogLine, changelogLines, eventsOf } from './changelog.js';
import { isCertain, needsDecision } from './duplicates.js';
import { nameFingerprint } from './names.js';
import type { ErasedRecord, LetterFile, Signature } from './schema.js';
import { indexedName, indexOf } from './signatures.js';

/**
 * A changed file of the letter: its status, its path as shown, its path inside the letter
 * folder, and the signature or erasure record it holds (`id`, read by the layout module).
 */
export interface LetterFileChange {
  status: 'A' | 'M' | 'D';
  file: string;
  inLetter: string;
  signature?: { id: string; erased: boolean } | undefined;
}

/** Inputs of `checkChange`. */
export interface ChangeInput {
  base: string;
  role: 'contributor' | 'editor';
  maxAdded: number;
  author?: string | undefined;
  changes: readonly LetterFileChange[];
  /** The added signature files that parsed, by shown path. */
  added: ReadonlyMap<string, { signature: Signature; locate: Locate }>;
  /** True when the change only adds lines to CHANGELOG.md (or leaves it alone). */
  changelogOnlyAdds: boolean;
  /** The lines CHANGELOG.md gains, with their line numbers after the change. */
  changelogAdded: readonly { line: number; text: string }[];
  /** The letter after the change (undefined when letter.yaml does not parse). */
  letter: LetterFile | undefined;
  /** The letter's status after the change: a closed letter takes no signature. */
  letterStatus: string;
  /** Now (ISO 8601 UTC), to refuse a backdated or future signature. */
  now: string;
  /** The letter's signatures that the change does not add, to find an added name that is likely one of them. */
  existing: readonly Signature[];
  /** The erasure records after the change. */
  erased: readonly ErasedRecord[];
  /** The signatures the change removes, as they were at the base (those that parsed), by id. */
  removedAtBase: ReadonlyMap<string, Signature>;
}

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

/** Judges a change to a letter (see the module comment for the rules). */
export function checkChange(c: ChangeInput): ChangeReport {
  const report: ChangeReport = {
    base: c.base,
    added: [],
    changed: [],
    removed: [],
    erased: [],
    problems: [],
  };
  const problem = (
    file: string,
    code: string,
    message: string,
    hint?: string,
    pos = { line: 1, column: 1 },
  ) =>
    report.problems.push({
      file,
      ...pos,
      severity: 'error',
      code,
      message,
      ...(hint ? { hint } : {}),
    });
  const contributor = c.role === 'contributor';
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

  for (const ch of c.changes) {
    const id = ch.signature?.id;
    if (ch.signature?.erased) {
      // An erasure is final: removing its record (a revert, an old branch) would let the name come back.
      if (ch.status === 'D')
        problem(
          ch.file,
          'erasure-record-removed',
          `the change removes the erasure record ${id}; an erasure is final, whoever makes the change`,
          `restore it (git checkout ${c.base} -- ${ch.file})`,
        );
      else if (contributor)
        problem(
          ch.file,
          'erasure-by-contributor',
          `the change ${ch.status === 'A' ? 'adds' : 'changes'} the erasure record ${id}; only an editor erases a signature`,
          'ask an editor: letter withdraw --erase',
        );
      continue;
    }
    if (id !== undefined) {
      const record = ch.status === 'D' ? recordOf(id) : undefined;
      if (record) {
        report.erased.push(id);
        if (contributor)
          problem(
            ch.file,
            'erasure-by-contributor',
            `the change erases the signature ${id} (replaced by the erasure record ${record.id}); only an editor erases a signature`,
            'ask an editor: letter withdraw --erase',
          );
        continue;
      }
      if (ch.status === 'A') report.added.push(id);
      else if (ch.status === 'M') report.changed.push(id);
      else report.removed.push(id);
      if (ch.status === 'D')
        problem(
          ch.file,
          'signature-removed',
          `the change removes the signature ${id} (present at ${c.base})`,
          `restore it (git checkout ${c.base} -- ${ch.file}); to take a name off the letter, use letter withdraw`,
        );
      else if (ch.status === 'M' && contributor)
        problem(
          ch.file,
          'signature-changed',
          `the change modifies the signature ${id}; a contributor may only add their own`,
          'ask an editor, or undo this part of the change',
        );
      continue;
    }
    if (ch.inLetter === 'private' || ch.inLetter.startsWith('private/')) {
      if (ch.status !== 'D')
        problem(
          ch.file,
          'private-in-change',
          `the change ${ch.status === 'A' ? 'adds' : 'modifies'} ${ch.inLetter}, in the private store: contact details never go in git`,
          `take it out of the change: git rm --cached -- ${ch.file}, and keep private/ in the letter's .gitignore`,
        );
      continue;
    }
    if (ch.inLetter === 'CHANGELOG.md') {
      if (contributor && (ch.status !== 'M' || !c.changelogOnlyAdds))
        problem(
          ch.file,
          'changelog-edited',
          'the change rewrites CHANGELOG.md; a contributor may only add lines to it',
          `undo it; CHANGELOG.md is derived from the signatures`,
        );
      else report.problems.push(...changelogAdditions(c, ch.file));
      continue;
    }
    if (contributor)
      problem(
        ch.file,
        'text-changed',
        `the change ${ch.status === 'A' ? 'adds' : ch.status === 'D' ? 'deletes' : 'modifies'} ${ch.inLetter}; a contributor may not touch the letter's text, settings or templates`,
        'open a separate pull request for an editor',
      );
  }

  if (contributor && report.added.length > c.maxAdded)
    for (const id of report.added.slice(c.maxAdded))
      problem(
        c.changes.find((ch) => ch.signature?.id === id)!.file,
        'too-many-added',
        `the change adds ${report.added.length} signatures; a contributor's change may add at most ${c.maxAdded}`,
        'one pull request per signatory',
      );

  if (contributor) {
    for (const [file, { signature, locate }] of c.added) {
      if (c.letterStatus === 'closed')
        problem(file, 'letter-closed', 'the letter is closed to new signatures');
      if (
        signature.status !== 'pending' ||
        signature.verified ||
        signature.withdrawn ||
        signature.rejected
      )
        problem(
          file,
          'not-pending',
          `an added signature must be pending; this one is ${signature.status}`,
          'set status: pending and remove any verified, withdrawn or rejected block; an editor verifies it',
          locate(['status']),
        );
      const age = Date.parse(c.now) - Date.parse(signature.signed_at);
      if (age > 31 * 86_400_000 || age < -3_600_000)
        problem(
          file,
          'signed-at-out-of-range',
          `signed_at ${signature.signed_at} is not the time of this change`,
          'use the time you sign, e.g. by running letter sign',
          locate(['signed_at']),
        );
    }
  }

  report.problems.push(...addedDuplicates(c));

  if (c.author !== undefined && contributor) {
    for (const [file, { signature, locate }] of c.added) {
      if (signature.github === undefined)
        problem(
          file,
          'github-missing',
          `the added signature has no github login; the pull request is by ${c.author}`,
          `add a line: github: ${c.author}`,
          locate([]),
        );
      else if (signature.github.toLowerCase() !== c.author.toLowerCase())
        problem(
          file,
          'github-mismatch',
          `the added signature is for GitHub user ${signature.github}, but the pull request is by ${c.author}: nobody signs for someone else`,
          'sign only for yourself; an editor can add others',
          locate(['github']),
        );
    }
  }
  return report;
}

/**
 * Added signatures whose name is someone already on the letter: the same name, look-alike
 * letters, or a likely match by score (see duplicates.ts), and not decided. An editor's
 * change may decide (the added signature's `distinct_from` names the other); a
 * contributor's may not, since nobody decides about their own name.
 */
function addedDuplicates(c: ChangeInput): Problem[] {
  if (c.added.size === 0) return [];
  const index = indexOf(c.existing);
  const problems: Problem[] = [];
  for (const [file, { signature, locate }] of c.added) {
    const match = index
      .find(signature.name, signature)
      .find(
        (m) =>
          isCertain(m) ||
          (needsDecision(m) && !(c.role === 'editor' && signature.distinct_from?.includes(m.id))),
      );
    if (match) {
      const how =
        match.kind === 'likely'
          ? 'likely the same person as'
          : match.kind === 'look-alike'
            ? 'the name, in look-alike letters, of'
            : 'the same name as';
      problems.push({
        file,
        ...locate(['name']),
        severity: 'error',
        code: 'likely-duplicate-added',
        message: `the change adds "${signature.name}", ${how} ${match.id} ("${match.name}", ${match.status}) already on the letter: ${match.reason}`,
        hint: isCertain(match)
          ? 'remove this signature'
          : c.role === 'editor'
            ? `if they are different people: letter distinct ${file.replace(/\/signatures\/[\s\S]*$/, '')} ${signature.id} ${match.id}`
            : 'if you are a different person, say so in the pull request: an editor records it (letter distinct)',
      });
    }
    index.add(indexedName(signature));
  }
  return problems;
}

/**
 * The lines CHANGELOG.md gains that no signature file gives: for a contributor, the events
 * of the signatures the change adds or changes; for an editor (who may refresh the whole
 * changelog, `letter changelog`), any line the letter's signatures and erasure records give.
 * Anything else (a fake "verified" line, a link, a heading) is an error at its line.
 */
function changelogAdditions(c: ChangeInput, file: string): Problem[] {
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
    .map((l) => ({
      file,
      line: l.line,
      column: 1,
      severity: 'error' as const,
      code: 'changelog-line-unexplained',
      message: `CHANGELOG.md gains a line that no ${c.role === 'editor' ? 'signature file of the letter' : 'signature the change adds'} gives`,
      hint: `remove it; CHANGELOG.md only holds the lines letter derives from the signatures (letter changelog ${file.replace(/\/CHANGELOG\.md$/, '')})`,
    }));
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
      problems.push({
        file: ch.file,
        line: 1,
        column: 1,
        severity,
        code: 'symbolic-link-in-change',
        message: `the change ${ch.status === 'A' ? 'adds' : 'makes'} a symbolic link (git mode 120000)${who}`,
        hint: 'replace the link with the file itself',
      });
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
    problems.push({
      file: ch.file,
      line: 1,
      column: 1,
      severity,
      code: 'outside-letters',
      message: `the change ${verb} ${what}${who}`,
      hint: contributor
        ? 'take it out of this pull request; a maintainer changes it'
        : 'check that the repository owner meant this (CODEOWNERS)',
    });
  }
  return problems;
}
