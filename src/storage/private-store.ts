/**
 * The private store of a letter: contact details (email, phone) kept beside the letter in
 * `private/contacts.yaml`, which the letter's .gitignore keeps out of git. Used for
 * duplicate checks; never rendered, listed or exported unless `--include-private` is given.
 * Every write of it first makes sure git ignores it (`contactsChanges`).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { InvalidLetter, UserError } from '../errors.js';
import { trackedFiles } from '../git.js';
import { type Contact, contactSchema } from '../letter/contacts.js';
import { PRIVATE_DIR } from './layout.js';
import type { FileChange } from './transaction.js';
import { parseYaml, stringifyYaml } from './yaml.js';

export { PRIVATE_DIR };
/** The file of the private store, in its folder (`PRIVATE_DIR`, owned by layout.ts). */
export const CONTACTS_FILE = 'contacts.yaml';

const contactsSchema = z.record(z.string(), contactSchema);

/**
 * Reads the contacts of a letter: signature id → contact. Missing store: empty.
 * @throws InvalidLetter when the file is not valid.
 */
export async function readContacts(dir: string, cwd: string): Promise<Record<string, Contact>> {
  const file = path.join(dir, PRIVATE_DIR, CONTACTS_FILE);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw e;
  }
  const parsed = parseYaml(text, path.relative(cwd, file), contactsSchema);
  if (!parsed.value) throw new InvalidLetter(parsed.problems);
  return parsed.value;
}

/** The change that writes the contacts (ids sorted), readable by the owner only; write it through `privateChanges`. */
export function contactsChange(dir: string, contacts: Record<string, Contact>): FileChange {
  const sorted = Object.fromEntries(
    Object.keys(contacts)
      .sort()
      .map((k) => [k, contacts[k]]),
  );
  return {
    path: path.join(dir, PRIVATE_DIR, CONTACTS_FILE),
    text: stringifyYaml(sorted),
    mode: 0o600,
  };
}

/** The lines `letter init` writes in a letter's .gitignore, and any command adds when they are missing. */
export const PRIVATE_GITIGNORE = `# Contact details of signatories: never in git.\n${PRIVATE_DIR}/\n`;

// The rules of a .gitignore that name the letter's private folder (git's own syntax: a leading
// slash anchors it, a trailing slash matches folders only, ! takes it back).
const PRIVATE_RULE = new RegExp(`^(!?)/?${PRIVATE_DIR}(?:/|/\\*\\*?)?$`);

/**
 * Whether the text of a letter's .gitignore keeps its private folder out of git: the last
 * rule naming `private` ignores it (`private/`, `/private`, `private/**`), not `!private/`.
 */
export function ignoresPrivateStore(gitignore: string): boolean {
  let ignored = false;
  for (const line of gitignore.split(/\r?\n/)) {
    const m = PRIVATE_RULE.exec(line.trim());
    if (m) ignored = m[1] === '';
  }
  return ignored;
}

/** Whether `file` (absolute) lies in the private store of the letter in `dir`. */
export function isPrivateFile(dir: string, file: string): boolean {
  const rel = path.relative(dir, file).split(path.sep);
  return rel.length > 1 && rel[0] === PRIVATE_DIR;
}

/**
 * The changes that write the contacts of the letter in `dir`: see `privateChanges`.
 * `cwd` only decides how paths are shown.
 * @throws UserError (exit 1) when git tracks a file of the private store.
 */
export async function contactsChanges(
  dir: string,
  contacts: Record<string, Contact>,
  cwd: string,
): Promise<FileChange[]> {
  return privateChanges(dir, [contactsChange(dir, contacts)], cwd);
}

/**
 * `changes` of files of the private store of the letter in `dir` (contacts, invitations,
 * consent records, evidence), made safe to write: first, when the letter's .gitignore does
 * not keep `private/` out of git (a letter made by hand has none), the .gitignore with the
 * rule added; then the changes, each readable by its owner only. The private store may be a
 * git repository of its own (shared by staff): only the letter's repository is asked here.
 * `cwd` only decides how paths are shown.
 * @throws UserError (exit 1) when git tracks a file of the private store: a write would go
 *   into git's next commit. Nothing is written then; the hint says how to untrack it.
 */
export async function privateChanges(
  dir: string,
  changes: readonly FileChange[],
  cwd: string,
): Promise<FileChange[]> {
  // Asked in the letter's folder: the repository that holds the letter is the one that matters.
  const tracked = ((await trackedFiles(dir, PRIVATE_DIR)) ?? []).map((f) =>
    path.relative(cwd, path.join(dir, f)),
  );
  if (tracked.length > 0)
    throw new UserError(
      `${tracked.join(', ')} ${tracked.length === 1 ? 'is' : 'are'} tracked by git, and contact details must never be in git; nothing was written.`,
      `Untrack it first: git rm --cached -- ${tracked.join(' ')} (then commit; the copy in git history stays until the repository's owner rewrites it)`,
    );
  const ignoreFile = path.join(dir, '.gitignore');
  let ignore = '';
  try {
    ignore = await readFile(ignoreFile, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  const guard: FileChange[] = ignoresPrivateStore(ignore)
    ? []
    : [
        {
          path: ignoreFile,
          text: `${ignore}${ignore === '' || ignore.endsWith('\n') ? '' : '\n'}${PRIVATE_GITIGNORE}`,
        },
      ];
  return [
    ...guard,
    ...changes.map((c) =>
      'text' in c && c.text !== null && c.text !== undefined ? { ...c, mode: 0o600 } : c,
    ),
  ];
}
