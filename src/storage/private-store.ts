/**
 * The private store of a letter: contact details (email, phone) kept beside the letter in
 * `private/contacts.yaml`, which the letter's .gitignore keeps out of git. Used for
 * duplicate checks; never rendered, listed or exported unless `--include-private` is given.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { InvalidLetter } from '../errors.js';
import type { FileChange } from './transaction.js';
import { parseYaml, stringifyYaml } from './yaml.js';

/** The folder and file of the private store, relative to the letter folder. */
export const PRIVATE_DIR = 'private';
export const CONTACTS_FILE = 'contacts.yaml';

/** Contact details of one signatory. */
export const contactSchema = z.strictObject({
  email: z.string().regex(/^[^\s@]+@(?=[^\s@]+$)[^\s@]+\.[^\s@]+$/, 'must be an email address').optional(),
  phone: z.string().regex(/^\+?[0-9 ()./-]{6,30}$/, 'must be a phone number').optional(),
});
/** Contact details of one signatory. */
export type Contact = z.output<typeof contactSchema>;

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

/** The change that writes the contacts (ids sorted), readable by the owner only. */
export function contactsChange(dir: string, contacts: Record<string, Contact>): FileChange {
  const sorted = Object.fromEntries(Object.keys(contacts).sort().map((k) => [k, contacts[k]]));
  return { path: path.join(dir, PRIVATE_DIR, CONTACTS_FILE), text: stringifyYaml(sorted), mode: 0o600 };
}

/** Normal form of an email for comparison: trimmed, lower case. */
export function emailKey(email: string): string {
  return email.trim().toLowerCase();
}
