/**
 * What a change (a pull request) does to a letter, and whether the person behind it may do
 * that. A contributor may only add signatures (at most `maxAdded`), each carrying their own
 * GitHub login when `author` is given; an editor may change more, but a removed signature is
 * always an error: withdrawal is the way. Pure: the caller lists the changed files.
 */
import type { Locate, Problem } from '../errors.js';
import { isCertain, needsDecision } from './duplicates.js';
import type { Signature } from './schema.js';
import { indexedName, indexOf } from './signatures.js';

/** A changed file of the letter: its status, its path as shown, and its path inside the letter folder. */
export interface LetterFileChange {
  status: 'A' | 'M' | 'D';
  file: string;
  inLetter: string;
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
  /** The letter's status after the change: a closed letter takes no signature. */
  letterStatus: string;
  /** Now (ISO 8601 UTC), to refuse a backdated or future signature. */
  now: string;
  /** The letter's signatures that the change does not add, to find an added name that is likely one of them. */
  existing: readonly Signature[];
}

/** Signature ids added, changed and removed, and the problems of the change. */
export interface ChangeReport {
  base: string;
  added: string[];
  changed: string[];
  removed: string[];
  problems: Problem[];
}

const idOf = (inLetter: string) => /^signatures\/(.+)\.yaml$/.exec(inLetter)?.[1];

/** Judges a change to a letter (see the module comment for the rules). */
export function checkChange(c: ChangeInput): ChangeReport {
  const report: ChangeReport = { base: c.base, added: [], changed: [], removed: [], problems: [] };
  const problem = (file: string, code: string, message: string, hint?: string, pos = { line: 1, column: 1 }) =>
    report.problems.push({ file, ...pos, severity: 'error', code, message, ...(hint ? { hint } : {}) });
  const contributor = c.role === 'contributor';

  for (const ch of c.changes) {
    const id = idOf(ch.inLetter);
    if (id !== undefined && id.startsWith('erased-')) {
      if (contributor) problem(ch.file, 'erasure-by-contributor', `the change ${ch.status === 'A' ? 'adds' : 'changes'} the erasure record ${id}; only an editor erases a signature`, 'ask an editor: letter withdraw --erase');
      continue;
    }
    if (id !== undefined) {
      if (ch.status === 'A') report.added.push(id);
      else if (ch.status === 'M') report.changed.push(id);
      else report.removed.push(id);
      if (ch.status === 'D')
        problem(ch.file, 'signature-removed', `the change removes the signature ${id} (present at ${c.base})`, `restore it (git checkout ${c.base} -- ${ch.file}); to take a name off the letter, use letter withdraw`);
      else if (ch.status === 'M' && contributor)
        problem(ch.file, 'signature-changed', `the change modifies the signature ${id}; a contributor may only add their own`, 'ask an editor, or undo this part of the change');
      continue;
    }
    if (ch.inLetter.startsWith('private/')) continue;
    if (ch.inLetter === 'CHANGELOG.md') {
      if (contributor && (ch.status !== 'M' || !c.changelogOnlyAdds))
        problem(ch.file, 'changelog-edited', 'the change rewrites CHANGELOG.md; a contributor may only add lines to it', `undo it; CHANGELOG.md is derived from the signatures`);
      continue;
    }
    if (contributor)
      problem(ch.file, 'text-changed', `the change ${ch.status === 'A' ? 'adds' : ch.status === 'D' ? 'deletes' : 'modifies'} ${ch.inLetter}; a contributor may not touch the letter's text, settings or templates`, 'open a separate pull request for an editor');
  }

  if (contributor && report.added.length > c.maxAdded)
    for (const id of report.added.slice(c.maxAdded))
      problem(c.changes.find((ch) => idOf(ch.inLetter) === id)!.file, 'too-many-added', `the change adds ${report.added.length} signatures; a contributor's change may add at most ${c.maxAdded}`, 'one pull request per signatory');

  if (contributor) {
    for (const [file, { signature, locate }] of c.added) {
      if (c.letterStatus === 'closed') problem(file, 'letter-closed', 'the letter is closed to new signatures');
      if (signature.status !== 'pending' || signature.verified || signature.withdrawn || signature.rejected)
        problem(file, 'not-pending', `an added signature must be pending; this one is ${signature.status}`, 'set status: pending and remove any verified, withdrawn or rejected block; an editor verifies it', locate(['status']));
      const age = Date.parse(c.now) - Date.parse(signature.signed_at);
      if (age > 31 * 86_400_000 || age < -3_600_000)
        problem(file, 'signed-at-out-of-range', `signed_at ${signature.signed_at} is not the time of this change`, 'use the time you sign, e.g. by running letter sign', locate(['signed_at']));
    }
  }

  report.problems.push(...addedDuplicates(c));

  if (c.author !== undefined && contributor) {
    for (const [file, { signature, locate }] of c.added) {
      if (signature.github === undefined)
        problem(file, 'github-missing', `the added signature has no github login; the pull request is by ${c.author}`, `add a line: github: ${c.author}`, locate([]));
      else if (signature.github.toLowerCase() !== c.author.toLowerCase())
        problem(file, 'github-mismatch', `the added signature is for GitHub user ${signature.github}, but the pull request is by ${c.author}: nobody signs for someone else`, 'sign only for yourself; an editor can add others', locate(['github']));
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
      .find((m) => isCertain(m) || (needsDecision(m) && !(c.role === 'editor' && signature.distinct_from?.includes(m.id))));
    if (match) {
      const how = match.kind === 'likely' ? 'likely the same person as' : match.kind === 'look-alike' ? 'the name, in look-alike letters, of' : 'the same name as';
      problems.push({
        file, ...locate(['name']), severity: 'error', code: 'likely-duplicate-added',
        message: `the change adds "${signature.name}", ${how} ${match.id} ("${match.name}", ${match.status}) already on the letter: ${match.reason}`,
        hint: isCertain(match)
          ? 'remove this signature'
          : c.role === 'editor'
            ? `if they are different people: letter distinct ${file.replace(/\/signatures\/[^]*$/, '')} ${idOfSignature(file)} ${match.id}`
            : 'if you are a different person, say so in the pull request: an editor records it (letter distinct)',
      });
    }
    index.add(indexedName(signature));
  }
  return problems;
}

const idOfSignature = (file: string) => /(?<![^/])([^/]+)\.yaml$/.exec(file)?.[1] ?? file;
