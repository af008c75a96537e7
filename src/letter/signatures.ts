/**
 * What can happen to a signature: signing, verification, withdrawal. Pure functions
 * over plain values; the caller supplies the clock and writes the result.
 */
import { AlreadySigned, InvalidTransition, SignatureNotFound, UsageError } from '../errors.js';
import { toIsoTimestamp } from './dates.js';
import { idForName, normaliseName } from './names.js';
import { type LetterFile, type Signature, type SignatureFile, type SignatureStatus, signatureSchema } from './schema.js';

/** What a person gives when they sign; `signed_at` defaults to now. */
export interface SignatureInput {
  name: string;
  sort_as?: string | undefined;
  role?: string | undefined;
  organisation?: string | undefined;
  country: string;
  group?: string | undefined;
  url?: string | undefined;
  signed_at?: string | undefined;
}

/** The statuses that renders and `letter list` show: verified only when the letter requires verification. */
export function publishedStatuses(letter: LetterFile): SignatureStatus[] {
  return letter.verification === 'required' ? ['verified'] : ['pending', 'verified'];
}

/** The signature whose name has the same normal form as `name` (see `normaliseName`), if any. */
export function findSameName(signatures: readonly Signature[], name: string): Signature | undefined {
  const key = normaliseName(name);
  return signatures.find((s) => normaliseName(s.name) === key);
}

/**
 * A field of a new signature that fails the signature schema.
 * `field` is the signature field ("country"); the command maps it to its flag.
 */
export class InvalidSignatureInput extends UsageError {
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${field} ${reason}`);
  }
}

/**
 * Adds a signature to a letter.
 * @returns the new signature: an id derived from the name (see `idForName`), status `pending`,
 *   `signed_at` = input or `now` (ISO 8601 UTC, whole seconds).
 * @throws InvalidSignatureInput when a field fails the signature schema or names a group the letter lacks.
 * @throws AlreadySigned when a signature with the same normalised name exists, whatever its status.
 * @throws InvalidTransition when the letter is closed.
 */
export function sign(letter: LetterFile, signatures: readonly Signature[], input: SignatureInput, now: Date): Signature {
  if (letter.status === 'closed') throw new InvalidTransition(`The letter "${letter.title}" is closed to new signatures.`);
  const file = buildSignatureFile(letter, input, now);
  const same = findSameName(signatures, file.name);
  if (same) throw new AlreadySigned(file.name, same.id, same.name, same.status);
  const id = idForName(file.name, new Set(signatures.map((s) => s.id)));
  return { id, ...file };
}

function buildSignatureFile(letter: LetterFile, input: SignatureInput, now: Date): SignatureFile {
  const clean = (s: string | undefined) => (s === undefined || s.trim() === '' ? undefined : s.trim().replace(/\s+/g, ' '));
  const candidate = {
    name: clean(input.name),
    sort_as: clean(input.sort_as),
    role: clean(input.role),
    organisation: clean(input.organisation),
    country: clean(input.country)?.toUpperCase(),
    group: clean(input.group),
    url: clean(input.url),
    signed_at: input.signed_at ?? toIsoTimestamp(now),
    status: 'pending' as const,
  };
  const parsed = signatureSchema.safeParse(dropUndefined(candidate));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new InvalidSignatureInput(String(issue.path[0] ?? 'signature'), issue.message);
  }
  const groups = letter.groups.map((g) => g.id);
  if (groups.length > 0 && parsed.data.group === undefined)
    throw new InvalidSignatureInput('group', `is required; one of: ${groups.join(', ')}`);
  if (parsed.data.group !== undefined && !groups.includes(parsed.data.group))
    throw new InvalidSignatureInput('group', `"${parsed.data.group}" is not a group of this letter; one of: ${groups.join(', ') || '(none)'}`);
  return parsed.data;
}

function dropUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Finds a signature by id. @throws SignatureNotFound */
export function getSignature(signatures: readonly Signature[], id: string): Signature {
  const found = signatures.find((s) => s.id === id);
  if (!found) throw new SignatureNotFound(id);
  return found;
}

/**
 * Marks a signature verified by `by` at `now` (ISO 8601 UTC), with an optional evidence URL.
 * @throws InvalidTransition when it is withdrawn or already verified.
 */
export function verify(sig: Signature, by: string, now: Date, evidence?: string): Signature {
  if (sig.status === 'withdrawn') throw new InvalidTransition(`Signature ${sig.id} was withdrawn; it cannot be verified.`);
  if (sig.status === 'verified') throw new InvalidTransition(`Signature ${sig.id} is already verified (by ${sig.verified?.by}).`);
  return { ...sig, status: 'verified', verified: { by, at: toIsoTimestamp(now), ...(evidence ? { evidence } : {}) } };
}

/**
 * Withdraws a signature: the record stays, with who/when/why, and leaves every render.
 * @throws InvalidTransition when it is already withdrawn.
 */
export function withdraw(sig: Signature, reason: string, now: Date, by?: string): Signature {
  if (sig.status === 'withdrawn') throw new InvalidTransition(`Signature ${sig.id} is already withdrawn (${sig.withdrawn?.at}).`);
  const text = reason.trim();
  if (text === '') throw new UsageError('--reason must not be empty');
  return { ...sig, status: 'withdrawn', withdrawn: { ...(by ? { by } : {}), at: toIsoTimestamp(now), reason: text } };
}
