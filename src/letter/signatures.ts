/**
 * What can happen to a signature: signing, verification, withdrawal. Pure functions
 * over plain values; the caller supplies the clock and writes the result.
 */

import {
  AlreadySigned,
  ErasedSignatory,
  InvalidTransition,
  LikelyDuplicate,
  SignatureNotFound,
  UsageError,
} from '../errors.js';
import { findContactDetails } from './contact-details.js';
import { toIsoTimestamp } from './dates.js';
import {
  type DuplicateMatch,
  type IndexedName,
  isCertain,
  type NameFinder,
  NameIndex,
  type NameSeed,
  needsDecision,
  reasonFor,
} from './duplicates.js';
import { erasedNames, erasureFingerprints } from './erasure.js';
import { ERASED_PREFIX } from './ids.js';
import { contextNotes, type MatchContext } from './name-match.js';
import { idForName, normaliseName } from './names.js';
import {
  type ErasedRecord,
  type LetterFile,
  SIGNATORY_FIELDS,
  type Signature,
  type SignatureFile,
  type SignatureStatus,
  signatureSchema,
} from './schema.js';
import { normaliseUrl } from './urls.js';

/**
 * What a person gives when they sign; `signed_at` defaults to now. Country, role,
 * organisation and group may be left out unless the letter requires them (`requires:`).
 */
export interface SignatureInput {
  name: string;
  sort_as?: string | undefined;
  role?: string | undefined;
  organisation?: string | undefined;
  country?: string | undefined;
  group?: string | undefined;
  url?: string | undefined;
  /** The signer's GitHub login, for letters signed through pull requests. */
  github?: string | undefined;
  signed_at?: string | undefined;
}

/**
 * The fields of `SignatureInput`, in the order of a signature file: those an
 * `InvalidSignatureInput` names, and that each command maps to its own words (`letter sign`
 * to flags, `sign --from-issue` to the form's labels, `letter import` to columns).
 */
export const SIGNATURE_INPUT_FIELDS = [
  ...SIGNATORY_FIELDS,
  'github',
  'signed_at',
] as const satisfies readonly (keyof SignatureInput)[];
/** One of `SIGNATURE_INPUT_FIELDS`. */
export type SignatureInputField = (typeof SIGNATURE_INPUT_FIELDS)[number];

/** The statuses that renders and `letter list` show: verified only when the letter requires verification. */
export function publishedStatuses(letter: LetterFile): SignatureStatus[] {
  return letter.verification === 'required' ? ['verified'] : ['pending', 'verified'];
}

/**
 * An index of every name on the letter, whatever its status, for duplicate checks. `seeds[i]`
 * (see `nameSeed`), when a loader kept it, saves computing the keys of `signatures[i]` again.
 */
export function indexOf(
  signatures: readonly Signature[],
  seeds?: readonly (NameSeed | undefined)[],
): NameIndex {
  return NameIndex.of(signatures.map((s, i) => ({ ...indexedName(s), seed: seeds?.[i] })));
}

/** What the name index keeps of a signature: id, name, status and the context that tells people apart. */
export function indexedName(s: Signature): IndexedName {
  return {
    id: s.id,
    name: s.name,
    status: s.status,
    url: s.url,
    github: s.github,
    role: s.role,
    organisation: s.organisation,
    country: s.country,
  };
}

/** Where a new name stands against the letter: refused, to be decided by a person, or new. */
export interface NameCheck {
  /** A match no person can decide away (look-alike characters, the name of a fake): the name is refused. */
  certain: DuplicateMatch | undefined;
  /** An erasure record with this name's fingerprint: the name is refused. */
  erased: ErasedRecord | undefined;
  /** Matches a person must decide (the same name, the same email, a likely match), strongest first. */
  likely: DuplicateMatch[];
  /** Possible matches: reported, not asked about. */
  possible: DuplicateMatch[];
}

/**
 * Checks a name against the index and the erasure fingerprints of the letter `slug`, and an
 * email (if given) against the owners of known emails (normalised email → signature).
 * `context` (the new signature's url, GitHub login, organisation, country) moves the scores.
 */
export function checkName(
  index: NameFinder,
  erased: readonly ErasedRecord[],
  slug: string,
  name: string,
  email?: { key: string; owners: ReadonlyMap<string, IndexedName> },
  context: MatchContext = {},
): NameCheck {
  const matches = index.find(name, context);
  const owner = email ? email.owners.get(email.key) : undefined;
  if (owner) {
    const at = matches.findIndex((m) => m.id === owner.id);
    const same: DuplicateMatch = {
      id: owner.id,
      name: owner.name,
      status: owner.status,
      kind: 'same-email',
      score: 1,
      reason: reasonFor('same-email', name, owner.name),
    };
    if (at < 0) matches.push(same);
    else if (!isCertain(matches[at]!) && matches[at]!.kind !== 'exact') matches[at] = same;
  }
  return {
    certain: matches.find((m) => isCertain(m)),
    erased: erasedNames(erased, slug)(name),
    likely: matches.filter((m) => needsDecision(m)),
    possible: matches.filter((m) => m.kind === 'possible'),
  };
}

/**
 * The pairs of signatures whose names match, that no person has decided about: a match
 * that needs a decision (see `needsDecision`) where neither signature lists the other in
 * `distinct_from`. `include` picks the signatures to pair (default: all); `seeds` (see
 * `nameSeed`), when the loader kept them, save computing each name's keys again. Each pair is
 * given once, `later` the signature that comes after `earlier` in `signatures`.
 */
export function undecidedPairs(
  signatures: readonly Signature[],
  include: (s: Signature) => boolean = () => true,
  seeds?: readonly (NameSeed | undefined)[],
): { earlier: Signature; later: Signature; match: DuplicateMatch }[] {
  const index = indexOf(signatures, seeds);
  return index
    .pairs((i) => include(signatures[i]!))
    .filter(
      ({ earlier, later, match }) =>
        needsDecision(match) && !decided(signatures[earlier]!, signatures[later]!),
    )
    .map(({ earlier, later, match }) => ({
      earlier: signatures[earlier]!,
      later: signatures[later]!,
      match,
    }));
}

/**
 * The signatures of `all` (other than `s`, not withdrawn) that `s`'s name matches and that
 * need a person's decision not yet recorded in `distinct_from`, strongest first: what stops
 * `s` from being verified (published).
 */
export function undecidedMatches(all: readonly Signature[], s: Signature): DuplicateMatch[] {
  return undecidedMatcher(all)(s);
}

/**
 * `undecidedMatches` for many signatures of one letter: the letter's names are indexed once
 * (the signatures not withdrawn, weighed as `letter check` weighs them), so that verifying
 * thousands of signatures costs one index, not one per signature.
 */
export function undecidedMatcher(all: readonly Signature[]): (s: Signature) => DuplicateMatch[] {
  const others = all.filter((o) => o.status !== 'withdrawn');
  const byId = new Map(others.map((o) => [o.id, o]));
  const index = indexOf(others);
  return (s) =>
    index
      .find(s.name, s)
      .filter(
        (m) =>
          m.id !== s.id && (isCertain(m) || (needsDecision(m) && !decided(s, byId.get(m.id)!))),
      );
}

/**
 * Records that `sig` is a different person from the signatures `others` (ids of `all`):
 * their ids join `sig.distinct_from`, sorted, once each.
 * @throws InvalidTransition when `sig`'s name and another's are the same as a fake's or
 *   written in look-alike letters (Unicode TR39): no person can decide those away.
 * @throws UsageError when an id is not on the letter.
 */
export function recordDistinct(
  sig: Signature,
  all: readonly Signature[],
  others: readonly string[],
): Signature {
  for (const id of others) {
    const other = all.find((s) => s.id === id);
    if (!other) throw new UsageError(`no signature with id "${id}"`);
    const match = indexOf([other]).find(sig.name, sig)[0];
    if (!match)
      throw new InvalidTransition(
        `${sig.id} ("${sig.name}") and ${id} ("${other.name}") are not similar names: there is nothing to decide.`,
      );
    if (isCertain(match))
      throw new InvalidTransition(
        match.status === 'rejected' || sig.status === 'rejected'
          ? `${sig.id} ("${sig.name}") and ${id} ("${other.name}"): the name of a signature rejected as fake stays out for good; no decision can allow it.`
          : match.kind === 'look-alike'
            ? `${sig.id} ("${sig.name}") and ${id} ("${other.name}"): ${match.reason}; no decision can allow it.`
            : `${sig.id} and ${id} are both "${other.name}" and nothing tells them apart: give each a url or github login of their own first.`,
      );
  }
  return { ...sig, distinct_from: [...new Set([...(sig.distinct_from ?? []), ...others])].sort() };
}

/** Two signatures with the same name that the letter cannot keep both of: `blamed` is the one to take out. */
export interface SameNameConflict {
  /** The later of the two (by `signed_at`, then id), or the one that is not a rejected fake. */
  blamed: Signature;
  other: Signature;
  /** One of the two was rejected as fake. */
  fake: boolean;
  /** A person recorded them as different people, but nothing tells them apart. */
  recorded: boolean;
  /** The index (in the order given) of the signature that met an earlier one of the same name. */
  at: number;
}

/**
 * The pairs of signatures with the same name (see `normaliseName`, or `keyOf` when the
 * caller knows each key) that are one too many: not decided as different people
 * (`distinct_from`), or decided though nothing tells them apart (see `toldApart`), or next to
 * a fake. Each signature is paired with the first earlier one (in the order given) it
 * conflicts with. The rule behind `check`'s `duplicate-name` and the publishing gate.
 */
export function sameNameConflicts(
  signatures: readonly Signature[],
  keyOf: (s: Signature, i: number) => string = (s) => normaliseName(s.name),
): SameNameConflict[] {
  const seen = new Map<string, Signature[]>();
  const conflicts: SameNameConflict[] = [];
  signatures.forEach((s, i) => {
    const key = keyOf(s, i);
    const before = seen.get(key);
    const first = before?.find(
      (b) =>
        !decided(s, b) || !toldApart(s, b) || s.status === 'rejected' || b.status === 'rejected',
    );
    if (first) {
      const later = first.signed_at + first.id <= s.signed_at + s.id ? s : first;
      const blamed = first.status === 'rejected' ? s : s.status === 'rejected' ? first : later;
      const fake = s.status === 'rejected' || first.status === 'rejected';
      conflicts.push({
        blamed,
        other: blamed === s ? first : s,
        fake,
        recorded: decided(s, first),
        at: i,
      });
    }
    if (before) before.push(s);
    else seen.set(key, [s]);
  });
  return conflicts;
}

/**
 * True when something in the two signatures tells their people apart: a url, GitHub login,
 * or role and organisation that both give and that differ (see `contextNotes`).
 */
export function toldApart(a: Signature, b: Signature): boolean {
  return contextNotes(a, b).some((n) => n.delta < 0 && n.what !== 'different country');
}

/** True when a person decided that `a` and `b` are different people (either lists the other in `distinct_from`). */
export function decided(
  a: Pick<Signature, 'id' | 'distinct_from'>,
  b: Pick<Signature, 'id' | 'distinct_from'>,
): boolean {
  return Boolean(a.distinct_from?.includes(b.id) || b.distinct_from?.includes(a.id));
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

/** Options of `sign`: the letter's erasure records, a prebuilt index, and whether likely duplicates were confirmed. */
export interface SignOptions {
  erased?: readonly ErasedRecord[];
  index?: NameFinder;
  allowSimilar?: boolean;
  /** Ids in use (signatures and erasure records), when the caller keeps them; computed here otherwise. */
  takenIds?: { has(id: string): boolean };
  /** The version of the letter's text being signed (see `textVersion`), recorded on the signature. */
  textVersion?: string;
  /** The new signatory's email (normalised) and the signatures that already hold each email. */
  email?: { key: string; owners: ReadonlyMap<string, IndexedName> };
}

/**
 * Adds a signature to a letter.
 * @returns the new signature (an id derived from the name, see `idForName`; status `pending`;
 *   `signed_at` = input or `now`, ISO 8601 UTC), the matches a person decided are other
 *   people (`similar`, recorded in the signature's `distinct_from`), and the possible
 *   matches that were only reported.
 * @throws InvalidSignatureInput when a field fails the signature schema, a field the letter
 *   requires (`requires:` in letter.yaml) is missing, or the group is not one of the letter's.
 * @throws AlreadySigned when the name is on the letter in look-alike characters or as a fake, or
 *   the same name is on it and `allowSimilar` is not set.
 * @throws ErasedSignatory when the name's fingerprint matches an erasure record.
 * @throws LikelyDuplicate when the name likely matches a signature and `allowSimilar` is not set.
 * @throws InvalidTransition when the letter is closed.
 */
export function sign(
  letter: LetterFile,
  signatures: readonly Signature[],
  input: SignatureInput,
  now: Date,
  options: SignOptions = {},
): { signature: Signature; similar: DuplicateMatch[]; possible: DuplicateMatch[] } {
  if (letter.status === 'closed')
    throw new InvalidTransition(`The letter "${letter.title}" is closed to new signatures.`);
  const file = buildSignatureFile(letter, input, now);
  const erased = options.erased ?? [];
  const found = checkName(
    options.index ?? indexOf(signatures),
    erased,
    letter.slug,
    file.name,
    options.email,
    file,
  );
  if (found.certain) throw new AlreadySigned(file.name, found.certain);
  if (found.erased) throw new ErasedSignatory(found.erased.id);
  if (found.likely.length > 0 && !options.allowSimilar) {
    const exact = found.likely.find((m) => m.kind === 'exact');
    if (exact) throw new AlreadySigned(file.name, exact, true);
    throw new LikelyDuplicate(file.name, found.likely);
  }
  const id = idForName(
    file.name,
    options.takenIds ?? new Set([...signatures.map((s) => s.id), ...erased.map((e) => e.id)]),
  );
  const distinct = [
    ...new Set([...(file.distinct_from ?? []), ...found.likely.map((m) => m.id)]),
  ].sort();
  const recorded: SignatureFile = {
    ...file,
    ...(options.textVersion ? { text_version: options.textVersion } : {}),
    ...(distinct.length > 0 ? { distinct_from: distinct } : {}),
  };
  return { signature: { id, ...recorded }, similar: found.likely, possible: found.possible };
}

/**
 * The file of a new signature: fields trimmed, spaces collapsed, country in upper case,
 * status `pending`, checked against the schema, the contact-details rule and the letter's
 * `requires:` and groups; the url in its normal form (urls.ts). @throws InvalidSignatureInput naming the field.
 */
export function buildSignatureFile(
  letter: LetterFile,
  input: SignatureInput,
  now: Date,
): SignatureFile {
  const clean = (s: string | undefined) =>
    s === undefined || s.trim() === '' ? undefined : s.trim().replace(/\s+/g, ' ');
  const candidate = {
    name: clean(input.name),
    sort_as: clean(input.sort_as),
    role: clean(input.role),
    organisation: clean(input.organisation),
    country: clean(input.country)?.toUpperCase(),
    group: clean(input.group),
    url: clean(input.url),
    github: clean(input.github),
    signed_at: input.signed_at ?? toIsoTimestamp(now),
    status: 'pending' as const,
  };
  const parsed = signatureSchema.safeParse(dropUndefined(candidate));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new InvalidSignatureInput(String(issue.path[0] ?? 'signature'), issue.message);
  }
  // Stored as a browser reads it, once the schema has refused what the URL parser would hide (controls, bidi marks).
  if (parsed.data.url !== undefined) parsed.data.url = normaliseUrl(parsed.data.url);
  for (const field of ['name', 'sort_as', 'role', 'organisation', 'url'] as const) {
    const value = parsed.data[field];
    if (value !== undefined && findContactDetails(value, '').length > 0)
      throw new InvalidSignatureInput(
        field,
        'holds an email address or phone number; contact details go in --email or --phone, never in a public field',
      );
  }
  const groups = letter.groups.map((g) => g.id);
  for (const field of letter.requires) {
    if (parsed.data[field] !== undefined) continue;
    throw new InvalidSignatureInput(
      field,
      field === 'group'
        ? `is required; one of: ${groups.join(', ') || '(the letter declares none)'}`
        : 'is required by this letter (requires: in letter.yaml)',
    );
  }
  if (parsed.data.group !== undefined && !groups.includes(parsed.data.group))
    throw new InvalidSignatureInput(
      'group',
      `"${parsed.data.group}" is not a group of this letter; one of: ${groups.join(', ') || '(none)'}`,
    );
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
  if (sig.status === 'withdrawn' || sig.status === 'rejected')
    throw new InvalidTransition(`Signature ${sig.id} was ${sig.status}; it cannot be verified.`);
  if (sig.status === 'verified')
    throw new InvalidTransition(
      `Signature ${sig.id} is already verified (by ${sig.verified?.by}).`,
    );
  return {
    ...sig,
    status: 'verified',
    verified: {
      by,
      at: toIsoTimestamp(now),
      ...(evidence ? { evidence: normaliseUrl(evidence) } : {}),
    },
  };
}

/**
 * Withdraws a signature: the record stays, with who/when/why, and leaves every render.
 * @throws InvalidTransition when it is already withdrawn.
 */
export function withdraw(sig: Signature, reason: string, now: Date, by?: string): Signature {
  if (sig.status === 'withdrawn')
    throw new InvalidTransition(`Signature ${sig.id} is already withdrawn (${sig.withdrawn?.at}).`);
  if (sig.status === 'rejected')
    throw new InvalidTransition(
      `Signature ${sig.id} was rejected as fake; it cannot be withdrawn.`,
    );
  if (by !== undefined && by.trim() === '') throw new UsageError('--by must not be empty');
  const text = reason.trim();
  if (text === '') throw new UsageError('--reason must not be empty');
  return {
    ...sig,
    status: 'withdrawn',
    withdrawn: { ...(by ? { by } : {}), at: toIsoTimestamp(now), reason: text },
  };
}

/**
 * Rejects a signature found to be fake: status `rejected` with when (ISO 8601 UTC), why and
 * who. The record stays, out of every render, and the name can never be signed again.
 * @throws InvalidTransition when it is already rejected or withdrawn.
 */
export function reject(sig: Signature, reason: string, now: Date, by?: string): Signature {
  if (sig.status === 'rejected' || sig.status === 'withdrawn')
    throw new InvalidTransition(`Signature ${sig.id} is already ${sig.status}.`);
  if (by !== undefined && by.trim() === '') throw new UsageError('--by must not be empty');
  const text = reason.trim();
  if (text === '') throw new UsageError('--reason must not be empty');
  return {
    ...sig,
    status: 'rejected',
    rejected: { ...(by ? { by } : {}), at: toIsoTimestamp(now), reason: text },
  };
}

/**
 * Erases a signature at the signatory's request: what stays is an erasure record with no
 * name or detail, only the fingerprints of the name's forms (normal form and look-alike
 * skeletons, see erasure.ts) and the dates of its events. Its id is `erased-` and the first
 * 12 hex digits of the fingerprint of the normal form.
 * @throws InvalidTransition when the signature was rejected (a fake is kept as evidence).
 */
export function erase(letter: LetterFile, sig: Signature, now: Date): ErasedRecord {
  if (sig.status === 'rejected')
    throw new InvalidTransition(
      `Signature ${sig.id} was rejected as fake; it is kept as evidence, not erased.`,
    );
  const { fingerprint, fingerprints } = erasureFingerprints(letter.slug, sig.name);
  return {
    id: `${ERASED_PREFIX}${fingerprint.slice('sha256:'.length, 'sha256:'.length + 12)}`,
    fingerprint,
    fingerprints,
    signed_at: sig.signed_at,
    ...(sig.verified ? { verified_at: sig.verified.at } : {}),
    erased_at: toIsoTimestamp(now),
  };
}
