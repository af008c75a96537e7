/**
 * The two file formats of a letter, as zod schemas: `letter.yaml` and
 * `signatures/<id>.yaml`. Types are inferred from them, so the code and the
 * validation cannot drift apart. Unknown fields are errors (a typo such as
 * `organisaton` must not pass silently).
 */
import { z } from 'zod';
import { isCountryCode } from './countries.js';
import { isIsoDate, isIsoTimestamp } from './dates.js';

import { ID_PATTERN } from './ids.js';

export { ID_PATTERN };
/** A letter's slug, which is also its folder name; same form as an id. */
export const SLUG_PATTERN = ID_PATTERN;

const text = (max: number) =>
  z
    .string({ error: (i) => (i.input === undefined ? 'is required' : 'must be text; put the value in quotes') })
    .refine((s) => s.trim().length > 0, 'must not be empty')
    .refine((s) => s.length <= max, `must be at most ${max} characters`)
    .refine((s) => !/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(s), 'must be one line, without tabs or control characters')
    // A lone surrogate is not a character: it cannot be written as UTF-8 and shows as a replacement mark.
    .refine((s) => !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s), 'must be valid Unicode text (it holds a lone surrogate)')
    // Hangul fillers and the Braille blank look like nothing: a name made of them is blank.
    .refine((s) => s.replace(/[\s\u3164\u115f\u1160\uffa0\u2800]/g, '') !== '' || s.trim() === '', 'must not be blank (it holds only blank-looking characters such as U+3164 or U+2800)')
    // Unicode TR9 bidirectional controls can make a name display as another; invisible characters hide differences.
    .refine((s) => !/[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/.test(s), 'must not contain bidirectional control characters (such as U+202E)')
    .refine((s) => !/[\u200b\u2060\ufeff\u00ad\u180e]/.test(s), 'must not contain invisible characters (zero-width space, word joiner, soft hyphen)')
    // Joiners (U+200C, U+200D, U+034F) belong between letters, one at a time; between marks they
    // would let a flood of marks pass the limit below, so it counts marks with joiners removed.
    .refine((s) => !/[\u200c\u200d\u034f]{2}/.test(s), 'must not repeat joiners (U+200C, U+200D, U+034F)')
    .refine((s) => !/\p{M}{4,}/u.test(s.normalize('NFC').replace(/[\u200c\u200d\u034f]/g, '')), 'must not stack more than three combining marks on one letter');

const timestamp = z
  .string({ error: 'must be an ISO 8601 UTC timestamp in quotes, such as "2020-05-26T09:00:00Z"' })
  .refine(isIsoTimestamp, 'must be a real ISO 8601 UTC timestamp such as 2020-05-26T09:00:00Z');

const date = z
  .string({ error: 'must be an ISO 8601 date in quotes, such as "2020-05-26"' })
  .refine(isIsoDate, 'must be a real ISO 8601 date such as 2020-05-26');

const webUrl = z
  .string({ error: 'must be a web address in quotes' })
  .refine((s) => {
    try {
      // Controls and bidi marks in a link would reach a terminal or hide where it goes; the URL parser would silently drop some.
      if (/[\u0000-\u0020\u007f-\u009f\u202a-\u202e\u2066-\u2069\u200e\u200f]/.test(s)) return false;
      const u = new URL(s);
      return (u.protocol === 'https:' || u.protocol === 'http:') && u.username === '' && u.password === '';
    } catch {
      return false;
    }
  }, 'must be an http or https address without credentials, such as https://example.org');

const country = z
  .string({ error: 'must be an ISO 3166-1 alpha-2 code in quotes, such as "JO"' })
  .refine(isCountryCode, 'must be an ISO 3166-1 alpha-2 country code in upper case, such as JO or US');

const ident = (what: string) =>
  z.string({ error: `must be a ${what}` }).regex(ID_PATTERN, `must be a ${what}: lower-case letters, digits and hyphens`);

/** A GitHub login: letters, digits and single hyphens, not at either end; at most 39 characters. */
export const GITHUB_LOGIN_PATTERN = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;

/** Statuses of a letter: a draft is not yet signable in public; a closed letter takes no more signatures. */
export const LETTER_STATUSES = ['draft', 'open', 'closed'] as const;
/**
 * Statuses of a signature. `withdrawn` (the signatory asked) and `rejected` (found to be
 * fake) are kept as records and out of every render; `pending` waits for verification.
 */
export const SIGNATURE_STATUSES = ['pending', 'verified', 'withdrawn', 'rejected'] as const;

const languageTag = z
  .string({ error: 'must be a BCP 47 language tag such as en or fr' })
  .regex(/^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/, 'must be a BCP 47 language tag such as en or fr');

/** A short content hash: `sha256:` and the first 12 hex digits of the SHA-256 of a text (see `textVersion`). */
const textHash = z.string({ error: 'must be a text version such as sha256:0123456789ab' }).regex(/^sha256:[0-9a-f]{12}$/, 'must be sha256: and 12 hex digits');

/** A group signatories fall in, e.g. `{ id: nobel-laureates, name: Nobel laureates, names: { fr: Lauréats du prix Nobel } }`. */
export const groupSchema = z.strictObject({
  id: ident('group id'),
  name: text(200),
  names: z.record(languageTag, text(200)).optional(),
});

/**
 * A translation of the letter: its title, and the version of the source text it was
 * translated from (so that `letter check` can say when the source moved on). The body is
 * in `letter.<lang>.md`.
 */
export const translationSchema = z.strictObject({
  title: text(300),
  /** The addressee in this language, with the words the language puts before it ("aux gouvernements du monde"). */
  addressee: text(300).optional(),
  source: textHash,
});

/** A person or organisation behind the letter. */
export const organiserSchema = z.strictObject({
  name: text(200),
  url: webUrl.optional(),
});

/**
 * Fields a letter may require of every signature (`requires:` in letter.yaml). A name is
 * always required; a public letter signed by name alone requires nothing else.
 */
export const REQUIRABLE_FIELDS = ['country', 'role', 'organisation', 'group'] as const;
/** One of `REQUIRABLE_FIELDS`. */
export type RequirableField = (typeof REQUIRABLE_FIELDS)[number];

/** An email address or phone number as organisers publish theirs (`public_contacts:`), e.g. press@example.org or "+41 22 000 00 00". */
const publicContact = z
  .string({ error: 'must be an email address or phone number in quotes, such as "press@example.org"' })
  .refine(
    (s) => /^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$/.test(s) || (/^\+?[0-9 ().-]{6,30}$/.test(s) && s.replace(/\D/g, '').length >= 8),
    'must be an email address such as press@example.org or a phone number such as "+41 22 000 00 00"',
  );

/** The shape of `letter.yaml`. */
export const letterSchema = z.strictObject({
  title: text(300),
  slug: z.string({ error: 'is required' }).regex(SLUG_PATTERN, 'must be lower-case letters, digits and hyphens'),
  addressee: text(300),
  organisers: z.array(organiserSchema).min(1, 'must name at least one organiser'),
  status: z.enum(LETTER_STATUSES, { error: `must be one of ${LETTER_STATUSES.join(', ')}` }),
  opened: date.optional(),
  language: languageTag,
  translations: z.record(languageTag, translationSchema).optional(),
  groups: z.array(groupSchema).default([]),
  /**
   * What every signature must give besides its name: any of country, role, organisation,
   * group. Default: nothing (a public letter signed by name alone). `letter sign`, `letter
   * import` and `letter check` enforce it.
   */
  requires: z
    .array(z.enum(REQUIRABLE_FIELDS, { error: `must be one of ${REQUIRABLE_FIELDS.join(', ')}` }))
    .refine((l) => new Set(l).size === l.length, 'must name each field once')
    .default([]),
  /**
   * The organisers' own public addresses (a press contact), which may appear in letter.md,
   * letter.yaml and the translations without `letter check` taking them for a signatory's
   * contact details. An address in a signature is an error whether listed or not.
   */
  public_contacts: z.array(publicContact).optional(),
  body: z
    .string({ error: 'must be a file name such as letter.md' })
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*\.md$/, 'must be a Markdown file name inside the letter folder, such as letter.md')
    .default('letter.md'),
  verification: z.enum(['optional', 'required'], { error: 'must be optional or required' }).default('optional'),
  /**
   * `append`: every command that records an event rewrites CHANGELOG.md (staff working on
   * one branch). `on-merge`: commands leave it alone, so that pull requests that each sign
   * someone never touch the same file; `letter changelog` refreshes it after merges.
   */
  changelog: z.enum(['append', 'on-merge'], { error: 'must be append or on-merge' }).default('append'),
  /**
   * Where signature files live. `flat` (the default): `signatures/<id>.yaml`. `sharded`, for
   * letters past 100,000 signatures: `signatures/<first two characters of the id>/<id>.yaml`,
   * so that no folder holds more than a fraction of the list. `letter fmt --layout` moves a
   * letter between the two.
   */
  layout: z.enum(['flat', 'sharded'], { error: 'must be flat or sharded' }).optional(),
  /**
   * Where people sign the letter in a browser, e.g. its GitHub issue form
   * (https://github.com/<owner>/<repo>/issues/new?template=sign-<slug>.yml): the rendered page
   * shows a "Sign this letter" link to it while the letter is open.
   */
  sign_url: webUrl.optional(),
});

const verifiedSchema = z.strictObject({
  by: text(200),
  at: timestamp,
  evidence: webUrl.optional(),
});

const rejectedSchema = z.strictObject({
  by: text(200).optional(),
  at: timestamp,
  reason: text(2000),
});

const withdrawnSchema = z.strictObject({
  by: text(200).optional(),
  at: timestamp,
  reason: text(2000),
});

/** The longest name a signature may have, in UTF-16 code units. */
export const MAX_NAME_LENGTH = 300;

/** Field names that would carry private contact data and never belong in a public file. */
export const PRIVATE_FIELDS = ['email', 'phone', 'telephone', 'mobile', 'address'] as const;

/** The shape of `signatures/<id>.yaml`. */
export const signatureSchema = z
  .strictObject({
    name: text(MAX_NAME_LENGTH).refine((s) => /[\p{L}\p{N}]/u.test(s), 'must contain a letter or digit'),
    sort_as: text(300).optional(),
    role: text(500).optional(),
    organisation: text(300).optional(),
    country: country.optional(),
    group: ident('group id').optional(),
    url: webUrl.optional(),
    text_version: textHash.optional(),
    github: z
      .string({ error: 'must be a GitHub login in quotes' })
      .regex(GITHUB_LOGIN_PATTERN, 'must be a GitHub login (letters, digits and single hyphens)')
      .optional(),
    /**
     * Ids of signatures with the same or a likely-same name that a person decided are other
     * people (two "Alexander"s): every check honours the decision.
     */
    distinct_from: z.array(ident('signature id'), { error: 'must be a list of signature ids' }).optional(),
    signed_at: timestamp,
    status: z.enum(SIGNATURE_STATUSES, { error: `must be one of ${SIGNATURE_STATUSES.join(', ')}` }),
    verified: verifiedSchema.optional(),
    withdrawn: withdrawnSchema.optional(),
    rejected: rejectedSchema.optional(),
  })
  .superRefine((s, ctx) => {
    if (s.status === 'rejected' && !s.rejected)
      ctx.addIssue({ code: 'custom', path: ['status'], message: 'is rejected but the file has no `rejected:` block (at, reason)' });
    if (s.status !== 'rejected' && s.rejected)
      ctx.addIssue({ code: 'custom', path: ['rejected'], message: `is set but status is ${s.status}; set status: rejected` });
    if (s.status === 'verified' && !s.verified)
      ctx.addIssue({ code: 'custom', path: ['status'], message: 'is verified but the file has no `verified:` block (by, at)' });
    if (s.status === 'withdrawn' && !s.withdrawn)
      ctx.addIssue({ code: 'custom', path: ['status'], message: 'is withdrawn but the file has no `withdrawn:` block (at, reason)' });
    if (s.status !== 'withdrawn' && s.withdrawn)
      ctx.addIssue({ code: 'custom', path: ['withdrawn'], message: `is set but status is ${s.status}; set status: withdrawn` });
    if (s.status === 'pending' && s.verified)
      ctx.addIssue({ code: 'custom', path: ['verified'], message: 'is set but status is pending; set status: verified' });
  });

/** A letter as read from `letter.yaml`, defaults applied. */
export type LetterFile = z.output<typeof letterSchema>;
/** One group of signatories. */
export type Group = z.output<typeof groupSchema>;
/** One signature as stored in its file (the id is the file name, not a field). */
export type SignatureFile = z.output<typeof signatureSchema>;
/** A signature with its id. */
export type Signature = SignatureFile & { id: string };
/** `pending`, `verified`, `withdrawn` or `rejected`. */
export type SignatureStatus = (typeof SIGNATURE_STATUSES)[number];

/** Key order of letter.yaml, as `letter` writes it. */
export const LETTER_KEY_ORDER = [
  'title', 'slug', 'addressee', 'organisers', 'public_contacts', 'status', 'opened', 'language', 'translations', 'groups', 'requires', 'body', 'verification', 'changelog', 'layout', 'sign_url',
] as const;

/** Key order of a signature file, as `letter` writes it. */
export const SIGNATURE_KEY_ORDER = [
  'name', 'sort_as', 'role', 'organisation', 'country', 'group', 'url', 'github', 'text_version', 'distinct_from', 'signed_at', 'status', 'verified', 'withdrawn', 'rejected',
] as const;

/** Ids of erasure records start with this; no signature id does. */
export const ERASED_PREFIX = 'erased-';

/**
 * The shape of `signatures/erased-<hash>.yaml`: what stays of a signature after the person
 * asked to be forgotten. No name or detail, only fingerprints of the name's forms (see
 * erasure.ts: so that the name is refused if it comes back) and the dates of its events.
 */
export const erasedSchema = z.strictObject({
  fingerprint: z.string({ error: 'is required' }).regex(/^sha256:[0-9a-f]{64}$/, 'must be sha256: and 64 hex digits'),
  /** Hashes of the name's look-alike forms (see erasure.ts); absent in records made before them. */
  fingerprints: z.array(z.string().regex(/^sha256:[0-9a-f]{64}$/, 'must be sha256: and 64 hex digits')).max(8, 'holds at most 8 fingerprints').optional(),
  signed_at: timestamp,
  verified_at: timestamp.optional(),
  erased_at: timestamp,
});

/** An erasure record as stored (the id is the file name). */
export type ErasedFile = z.output<typeof erasedSchema>;
/** An erasure record with its id. */
export type ErasedRecord = ErasedFile & { id: string };

/** Key order of an erasure record. */
export const ERASED_KEY_ORDER = ['fingerprint', 'fingerprints', 'signed_at', 'verified_at', 'erased_at'] as const;

/** The files of a letter that have a JSON Schema. */
export const SCHEMA_KINDS = ['letter', 'signature'] as const;
/** One of `SCHEMA_KINDS`. */
export type SchemaKind = (typeof SCHEMA_KINDS)[number];

/**
 * The JSON Schema (draft-07) of `letter.yaml` or of a signature file, from the same zod
 * schemas the code validates with, for editors (yaml-language-server) to autocomplete and
 * underline mistakes. Checks that JSON Schema cannot express (real dates, ISO 3166-1 codes)
 * are left to `letter check`.
 */
export function jsonSchemaOf(kind: SchemaKind): Record<string, unknown> {
  const schema = kind === 'letter' ? letterSchema : signatureSchema;
  const json = z.toJSONSchema(schema, { target: 'draft-7', io: 'input' }) as Record<string, unknown>;
  return {
    ...json,
    $id: `https://unpkg.com/letter/schemas/${kind}.schema.json`,
    title: kind === 'letter' ? 'letter.yaml of an open letter' : 'A signature of an open letter (signatures/<id>.yaml)',
    description: 'Written for the `letter` command-line tool; `letter check` validates the rest (real dates, ISO 3166-1 country codes, groups).',
  };
}
