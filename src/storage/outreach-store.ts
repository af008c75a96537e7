/**
 * The outreach files of a letter's private store, beside `contacts.yaml` (private-store.ts):
 * - `private/invitations/<invitation-id>.yaml`: one file per person invited (invitations.ts);
 * - `private/consent/<signature-id>.yaml`: the consent records of one signatory (consent.ts);
 * - `private/evidence/<record-id>-<file name>`: files given as evidence, copied in.
 * One plain YAML file per person, so that two staff members who share the private store as a
 * git repository of its own (`git -C letters/<slug>/private init`) merge each other's work.
 * Every write goes through `privateChanges`, which keeps the store out of the letter's git.
 */
import { existsSync, type Stats } from 'node:fs';
import { lstat, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { InvalidLetter, type Problem, UsageError, UserError } from '../errors.js';
import {
  CONSENT_KEY_ORDER,
  type ConsentFile,
  type ConsentInput,
  type ConsentRecord,
  consentFileSchema,
  consentRecord,
  evidenceOf,
  looksLikePath,
} from '../letter/consent.js';
import { ID_PATTERN } from '../letter/ids.js';
import { INVITATION_KEY_ORDER, type Invitation, invitationSchema } from '../letter/invitations.js';
import {
  CONSENT_DIR,
  EVIDENCE_DIR,
  INVITATIONS_DIR,
  isFolder,
  PRIVATE_DIR,
  readBytes,
} from './layout.js';
import type { FileChange } from './transaction.js';
import { parseYaml, stringifyYaml } from './yaml.js';

/** The largest file taken as evidence (a saved email, a scanned letter). */
const MAX_EVIDENCE_BYTES = 20 * 1024 * 1024;

const shownPath = (dir: string, cwd: string, ...parts: string[]) =>
  path.relative(cwd, path.join(dir, PRIVATE_DIR, ...parts));

/** Whether the letter in `dir` has a private store (its `private/` folder). */
export const hasPrivateStore = (dir: string): Promise<boolean> =>
  isFolder(path.join(dir, PRIVATE_DIR));

/** The `.yaml` files of a folder of the private store, by id (sorted); none when it is missing. */
async function idsIn(dir: string, folder: string): Promise<string[]> {
  const names = await readdir(path.join(dir, PRIVATE_DIR, folder)).catch(() => [] as string[]);
  return names
    .filter((n) => n.endsWith('.yaml') && ID_PATTERN.test(n.slice(0, -5)))
    .map((n) => n.slice(0, -5))
    .sort();
}

/** Reads and validates the file `folder/<id>.yaml`; problems instead of a value when it is not valid. */
async function readOne<T>(
  dir: string,
  cwd: string,
  folder: string,
  id: string,
  schema: Parameters<typeof parseYaml<T>>[2],
): Promise<{ value: T | undefined; problems: Problem[] }> {
  const file = path.join(dir, PRIVATE_DIR, folder, `${id}.yaml`);
  const shown = shownPath(dir, cwd, folder, `${id}.yaml`);
  const bytes = await readBytes(file, shown);
  if (bytes === undefined) return { value: undefined, problems: [] };
  const parsed = parseYaml(bytes.toString('utf8'), shown, schema);
  return { value: parsed.value, problems: parsed.problems };
}

/**
 * Every invitation of the letter in `dir`, by id.
 * @throws InvalidLetter when an invitation file is not valid (its problems name file, line, column).
 */
export async function readInvitations(dir: string, cwd: string): Promise<Invitation[]> {
  const out: Invitation[] = [];
  const problems: Problem[] = [];
  for (const id of await idsIn(dir, INVITATIONS_DIR)) {
    const r = await readOne(dir, cwd, INVITATIONS_DIR, id, invitationSchema);
    problems.push(...r.problems);
    if (r.value) out.push({ id, ...r.value });
  }
  if (problems.length > 0) throw new InvalidLetter(problems);
  return out;
}

/**
 * The invitation `id` of the letter in `dir`.
 * @throws UserError (exit 1, as for an unknown signature id) when there is none (the hint names the command that lists them);
 *   InvalidLetter when its file is not valid.
 */
export async function readInvitation(
  dir: string,
  id: string,
  cwd: string,
  shownLetter: string,
): Promise<Invitation> {
  const r = ID_PATTERN.test(id)
    ? await readOne(dir, cwd, INVITATIONS_DIR, id, invitationSchema)
    : { value: undefined, problems: [] };
  if (r.problems.length > 0) throw new InvalidLetter(r.problems);
  if (!r.value)
    throw new UserError(
      `no invitation "${id}" in ${shownLetter}`,
      `See them all with: letter outreach ${shownLetter}`,
    );
  return { id, ...r.value };
}

/** The change that writes invitation `inv` (see `privateChanges` for the guard every write needs). */
export function invitationChange(dir: string, inv: Invitation): FileChange {
  const { id, ...fields } = inv;
  return {
    path: path.join(dir, PRIVATE_DIR, INVITATIONS_DIR, `${id}.yaml`),
    text: stringifyYaml(fields, INVITATION_KEY_ORDER),
  };
}

/**
 * The consent records of signature `id`, oldest first; none when it has no file.
 * @throws InvalidLetter when the file is not valid.
 */
export async function readConsent(dir: string, id: string, cwd: string): Promise<ConsentFile> {
  const r = await readOne(dir, cwd, CONSENT_DIR, id, consentFileSchema);
  if (r.problems.length > 0) throw new InvalidLetter(r.problems);
  return r.value ?? { records: [] };
}

/** The change that writes the consent records of signature `id`. */
export function consentChange(dir: string, id: string, file: ConsentFile): FileChange {
  const records = file.records.map((r) => {
    const ordered: Record<string, unknown> = {};
    for (const k of CONSENT_KEY_ORDER) if (r[k] !== undefined) ordered[k] = r[k];
    return ordered;
  });
  return {
    path: path.join(dir, PRIVATE_DIR, CONSENT_DIR, `${id}.yaml`),
    text: stringifyYaml({ records }),
  };
}

/**
 * The changes that add consent record `recordId` (made from `input` at `now`) to the records
 * `records` of signature `id`: its consent file, and the evidence file copied in when
 * `evidence` names one (see `evidenceFileChange`; a link or a message id is kept in the
 * record). To write through `privateChanges`.
 * @throws UsageError for evidence that cannot be taken; InvalidTransition for a record that
 *   fails its schema. Nothing is written either way.
 */
export async function consentRecordChanges(
  dir: string,
  id: string,
  records: readonly ConsentRecord[],
  recordId: string,
  input: Omit<ConsentInput, 'evidence'>,
  evidence: string | undefined,
  now: Date,
  cwd: string,
): Promise<FileChange[]> {
  const file =
    evidence === undefined ? undefined : await evidenceFileChange(dir, evidence, recordId, cwd);
  const record = consentRecord(
    recordId,
    { ...input, evidence: evidence === undefined ? undefined : evidenceOf(evidence, file) },
    now,
  );
  return [
    consentChange(dir, id, { records: [...records, record] }),
    ...(file ? [file.change] : []),
  ];
}

/**
 * The consent records of every signatory, for `letter check`: signature id → record ids;
 * undefined when the letter has no private store (a clone in CI). Files that are not valid
 * are given as problems, and their records count as missing.
 */
export async function consentRecordIds(
  dir: string,
  cwd: string,
): Promise<{ records: Map<string, Set<string>>; problems: Problem[] } | undefined> {
  if (!(await hasPrivateStore(dir))) return undefined;
  const records = new Map<string, Set<string>>();
  const problems: Problem[] = [];
  for (const id of await idsIn(dir, CONSENT_DIR)) {
    const r = await readOne(dir, cwd, CONSENT_DIR, id, consentFileSchema);
    problems.push(...r.problems);
    if (r.value) records.set(id, new Set(r.value.records.map((x) => x.id)));
  }
  return { records, problems };
}

/**
 * When `value` names a file (relative to `cwd`), the change that copies it into the private
 * store as `evidence/<record-id>-<its name>`, and that name as the record keeps it
 * (`evidence/...`); undefined for a link or a message id (a value that names no file and
 * does not look like a path, see `looksLikePath`).
 * @throws UsageError (nothing is written) when the value looks like a path but names no file,
 *   or names something other than a regular file (a folder, a symbolic link, a device, a
 *   FIFO), or a file larger than evidence may be or that cannot be read: evidence that is
 *   not there must never make a signature verified.
 */
export async function evidenceFileChange(
  dir: string,
  value: string,
  recordId: string,
  cwd: string,
): Promise<{ change: FileChange; storedAs: string } | undefined> {
  if (/^https?:\/\//i.test(value.trim())) return undefined;
  const source = path.resolve(cwd, value);
  const refuse = (why: string) =>
    new UsageError(
      `--evidence: ${value} ${why}; nothing was written`,
      'Give a file that exists (a saved email, a scan), a link (https://...) or a message id such as <id@mail.example.org>.',
    );
  let st: Stats;
  try {
    st = await lstat(source);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENAMETOOLONG' || code === 'ENOTDIR') {
      if (looksLikePath(value)) throw refuse('is no file');
      return undefined;
    }
    throw refuse(`cannot be read (${code})`);
  }
  if (st.isSymbolicLink()) throw refuse('is a symbolic link: give the file itself');
  if (!st.isFile()) throw refuse('is not a regular file');
  if (st.size > MAX_EVIDENCE_BYTES)
    throw new UsageError(`--evidence: ${value} is larger than 20 MB; keep a link or a message id`);
  let bytes: Buffer;
  try {
    bytes = await readFile(source);
  } catch (e) {
    throw refuse(`cannot be read (${(e as NodeJS.ErrnoException).code})`);
  }
  if (bytes.length > MAX_EVIDENCE_BYTES)
    throw new UsageError(`--evidence: ${value} is larger than 20 MB; keep a link or a message id`);
  const name = path.basename(source).replace(/[^A-Za-z0-9._-]+/g, '-');
  const storedAs = `${EVIDENCE_DIR}/${recordId}-${name}`;
  return { change: { path: path.join(dir, PRIVATE_DIR, storedAs), text: bytes }, storedAs };
}

/**
 * The removals that leave nothing of signature `id` in the private store, for an erasure
 * (`letter withdraw --erase`): its consent records, the evidence files they keep (and any
 * other evidence file named after a record of its, `evidence/<id>-<time>-...`), and the
 * invitations that became it. Only files that exist.
 * @throws InvalidLetter when its consent file or an invitation file is not valid.
 */
export async function privateRemovalsOf(
  dir: string,
  id: string,
  cwd: string,
): Promise<FileChange[]> {
  const root = path.join(dir, PRIVATE_DIR);
  const consent = await readConsent(dir, id, cwd);
  const files = new Set<string>();
  if (existsSync(path.join(root, CONSENT_DIR, `${id}.yaml`)))
    files.add(path.join(root, CONSENT_DIR, `${id}.yaml`));
  for (const r of consent.records)
    if (r.evidence && 'file' in r.evidence) files.add(path.join(root, r.evidence.file));
  // Files named after a record of theirs (`<id>-<yyyymmddThhmmssZ>[-n]-<name>`), not after
  // another signature whose id starts with theirs (anna-berg and anna-berg-olsen).
  const ours = (n: string) =>
    n.startsWith(`${id}-`) && /^\d{8}t\d{6}z(?:-\d+)?-/.test(n.slice(id.length + 1));
  const evidence = await readdir(path.join(root, EVIDENCE_DIR)).catch(() => [] as string[]);
  for (const n of evidence) if (ours(n)) files.add(path.join(root, EVIDENCE_DIR, n));
  for (const inv of await readInvitations(dir, cwd))
    if (inv.id === id || inv.signature === id)
      files.add(path.join(root, INVITATIONS_DIR, `${inv.id}.yaml`));
  return [...files]
    .filter((f) => !path.relative(root, f).startsWith('..') && existsSync(f))
    .sort()
    .map((f) => ({ path: f, text: null }));
}
