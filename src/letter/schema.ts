/**
 * The two file formats of a letter, as zod schemas: `letter.yaml` and
 * `signatures/<id>.yaml`. Types are inferred from them, so the code and the
 * validation cannot drift apart. Unknown fields are errors (a typo such as
 * `organisaton` must not pass silently).
 */
import { z } from 'zod';
import { isCountryCode } from './countries.js';
import { ISO_DATE_PATTERN, ISO_TIMESTAMP_PATTERN, isIsoDate, isIsoTimestamp } from './dates.js';
import {
  LETTER_OR_DIGIT_PATTERN,
  ONE_LINE_PATTERN,
  PUBLIC_EMAIL_PATTERN,
  PUBLIC_PHONE_PATTERN,
  VISIBLE_PATTERN,
  WEB_URL_PATTERN,
} from './editor-patterns.js';

import { ID_PATTERN } from './ids.js';

export { ID_PATTERN };
/** A letter's slug, which is also its folder name; same form as an id. */
export const SLUG_PATTERN = ID_PATTERN;

export const text = (max: number) =>
  z
    .string({
      error: (i) =>
        i.input === undefined ? 'is required' : 'must be text; put the value in quotes',
    })
    .refine((s) => s.trim().length > 0, 'must not be empty')
    .refine((s) => s.length <= max, `must be at most ${max} characters`)
    .refine(
      (s) => !/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(s),
      'must be one line, without tabs or control characters',
    )
    // A lone surrogate is not a character: it cannot be written as UTF-8 and shows as a replacement mark.
    .refine(
      (s) => !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s),
      'must be valid Unicode text (it holds a lone surrogate)',
    )
    // Hangul fillers and the Braille blank look like nothing: a name made of them is blank.
    .refine(
      (s) => s.replace(/[\s\u3164\u115f\u1160\uffa0\u2800]/g, '') !== '' || s.trim() === '',
      'must not be blank (it holds only blank-looking characters such as U+3164 or U+2800)',
    )
    // Unicode TR9 bidirectional controls can make a name display as another; invisible characters hide differences.
    .refine(
      (s) => !/[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/.test(s),
      'must not contain bidirectional control characters (such as U+202E)',
    )
    .refine(
      (s) => !/[\u200b\u2060\ufeff\u00ad\u180e]/.test(s),
      'must not contain invisible characters (zero-width space, word joiner, soft hyphen)',
    )
    // Joiners (U+200C, U+200D, U+034F) belong between letters, one at a time; between marks they
    // would let a flood of marks pass the limit below, so it counts marks with joiners removed.
    .refine(
      (s) => !/[\u200c\u200d\u034f]{2}/.test(s),
      'must not repeat joiners (U+200C, U+200D, U+034F)',
    )
    .refine(
      (s) => !/\p{M}{4,}/u.test(s.normalize('NFC').replace(/[\u200c\u200d\u034f]/g, '')),
      'must not stack more than three combining marks on one letter',
    )
    // For editors (json-schema.ts): what JSON Schema can say of the rules above.
    .meta({
      minLength: 1,
      maxLength: max,
      pattern: ONE_LINE_PATTERN.source,
      patternErrorMessage:
        'must be one line, without tabs, control, bidirectional or invisible characters (nor two joiners in a row)',
      allOf: [{ pattern: VISIBLE_PATTERN.source, patternErrorMessage: 'must not be blank' }],
    });

export const timestamp = z
  .string({ error: 'must be an ISO 8601 UTC timestamp in quotes, such as "2020-05-26T09:00:00Z"' })
  .refine(isIsoTimestamp, 'must be a real ISO 8601 UTC timestamp such as 2020-05-26T09:00:00Z')
  .meta({
    pattern: ISO_TIMESTAMP_PATTERN.source,
    patternErrorMessage: 'must be a real ISO 8601 UTC timestamp such as 2020-05-26T09:00:00Z',
  });

export const date = z
  .string({ error: 'must be an ISO 8601 date in quotes, such as "2020-05-26"' })
  .refine(isIsoDate, 'must be a real ISO 8601 date such as 2020-05-26')
  .meta({
    pattern: ISO_DATE_PATTERN.source,
    patternErrorMessage: 'must be a real ISO 8601 date such as 2020-05-26',
  });

export const webUrl = z
  .string({ error: 'must be a web address in quotes' })
  .refine((s) => {
    try {
      // Controls and bidi marks in a link would reach a terminal or hide where it goes; the URL parser would silently drop some.
      if (/[\u0000-\u0020\u007f-\u009f\u202a-\u202e\u2066-\u2069\u200e\u200f]/.test(s))
        return false;
      const u = new URL(s);
      return (
        (u.protocol === 'https:' || u.protocol === 'http:') &&
        u.username === '' &&
        u.password === ''
      );
    } catch {
      return false;
    }
  }, 'must be an http or https address without credentials, such as https://example.org')
  .meta({
    pattern: WEB_URL_PATTERN.source,
    patternErrorMessage:
      'must be an http or https address without credentials or spaces, such as https://example.org',
  });

const country = z
  .string({ error: 'must be an ISO 3166-1 alpha-2 code in quotes, such as "JO"' })
  .refine(
    isCountryCode,
    'must be an ISO 3166-1 alpha-2 country code in upper case, such as JO or US',
  )
  // json-schema.ts adds the list of codes (loading it here would load it for every run).
  .meta({
    pattern: '^[A-Z]{2}$',
    errorMessage: 'must be an ISO 3166-1 alpha-2 country code in upper case, such as JO or US',
  });

const ident = (what: string) =>
  z
    .string({ error: `must be a ${what}` })
    .regex(ID_PATTERN, `must be a ${what}: lower-case letters, digits and hyphens`)
    .meta({ patternErrorMessage: `must be a ${what}: lower-case letters, digits and hyphens` });

/** A GitHub login: letters, digits and single hyphens, not at either end; at most 39 characters. */
export const GITHUB_LOGIN_PATTERN = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;

/** Statuses of a letter: a draft is not yet signable in public; a closed letter takes no more signatures. */
export const LETTER_STATUSES = ['draft', 'open', 'closed'] as const;
/**
 * Statuses of a signature. `withdrawn` (the signatory asked) and `rejected` (found to be
 * fake) are kept as records and out of every render; `pending` waits for verification.
 */
export const SIGNATURE_STATUSES = ['pending', 'verified', 'withdrawn', 'rejected'] as const;

/** The language subtag of a BCP 47 tag, lower case: "en" of "en-GB". */
const primaryLanguage = (tag: string) => tag.split('-')[0]!.toLowerCase();

const LANGUAGE_TAG_PATTERN = /^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/;

/** Whether `tag` is a well-formed BCP 47 tag that this system's Intl can write dates in. */
function isDisplayLocale(tag: string): boolean {
  // A tag of the wrong form has its own error (languageTag's pattern).
  if (!LANGUAGE_TAG_PATTERN.test(tag)) return true;
  try {
    return Intl.DateTimeFormat.supportedLocalesOf([tag]).length === 1;
  } catch {
    return false;
  }
}

const languageTag = z
  .string({ error: 'must be a BCP 47 language tag such as en or fr' })
  .regex(LANGUAGE_TAG_PATTERN, 'must be a BCP 47 language tag such as en or fr')
  .meta({ patternErrorMessage: 'must be a BCP 47 language tag such as en or fr' });

/** A short content hash: `sha256:` and the first 12 hex digits of the SHA-256 of a text (see `textVersion`). */
const textHash = z
  .string({ error: 'must be a text version such as sha256:0123456789ab' })
  .regex(/^sha256:[0-9a-f]{12}$/, 'must be sha256: and 12 hex digits')
  .meta({ patternErrorMessage: 'must be sha256: and 12 hex digits' });

/** A recorded change of the letter's text: `{ text: sha256:..., at: ISO 8601 UTC, reason, by? }`. */
export const revisionSchema = z.strictObject({
  text: textHash.meta({ description: 'The text version the letter became (see `letter diff`).' }),
  at: timestamp.meta({ description: 'When, ISO 8601 UTC: 2020-05-22T09:00:00Z.' }),
  reason: text(2000).meta({ description: 'Why the text changed.' }),
  by: text(200).optional().meta({ description: 'Who changed it.' }),
});

/** A group signatories fall in, e.g. `{ id: nobel-laureates, name: Nobel laureates, names: { fr: Lauréats du prix Nobel } }`. */
export const groupSchema = z.strictObject({
  id: ident('group id').meta({
    description:
      "The group's id, which signatures name in `group:`: lower-case letters, digits and hyphens.",
  }),
  name: text(200).meta({ description: "The group's heading as the letter shows it." }),
  names: z.record(languageTag, text(200)).optional().meta({
    description: 'The heading in other languages, by BCP 47 tag: `fr: Lauréats du prix Nobel`.',
  }),
});

/**
 * A translation of the letter: its title, and the version of the source text it was
 * translated from (so that `letter check` can say when the source moved on). The body is
 * in `letter.<lang>.md`.
 */
export const translationSchema = z.strictObject({
  title: text(300).meta({ description: 'The title in this language.' }),
  /** The addressee in this language, with the words the language puts before it ("aux gouvernements du monde"). */
  addressee: text(300).optional().meta({
    description:
      'The addressee in this language, with the words it puts before it ("aux gouvernements du monde").',
  }),
  source: textHash.meta({
    description:
      'The version (sha256:...) of letter.md this translation was made from; `letter check` warns when letter.md has moved on.',
  }),
});

/** A person or organisation behind the letter. */
export const organiserSchema = z.strictObject({
  name: text(200).meta({ description: "The organiser's name." }),
  url: webUrl.optional().meta({ description: "The organiser's web page (http or https)." }),
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
  .string({
    error: 'must be an email address or phone number in quotes, such as "press@example.org"',
  })
  .refine(
    (s) =>
      PUBLIC_EMAIL_PATTERN.test(s) ||
      (PUBLIC_PHONE_PATTERN.test(s) && s.replace(/\D/g, '').length >= 8),
    'must be an email address such as press@example.org or a phone number such as "+41 22 000 00 00"',
  )
  .meta({
    anyOf: [{ pattern: PUBLIC_EMAIL_PATTERN.source }, { pattern: PUBLIC_PHONE_PATTERN.source }],
    errorMessage: 'must be an email address or a phone number',
  });

/** The shape of `letter.yaml`. */
export const letterSchema = z
  .strictObject({
    title: text(300).meta({ description: 'The title of the letter.' }),
    slug: z
      .string({ error: 'is required' })
      .regex(SLUG_PATTERN, 'must be lower-case letters, digits and hyphens')
      .meta({
        description:
          "The letter's short name, equal to its folder's name: lower-case letters, digits and hyphens.",
      }),
    addressee: text(300).meta({
      description: 'To whom the letter is addressed: the governments of the world.',
    }),
    organisers: z
      .array(organiserSchema)
      .min(1, 'must name at least one organiser')
      .meta({ description: 'Who wrote the letter and stands behind it; at least one.' }),
    status: z
      .enum(LETTER_STATUSES, { error: `must be one of ${LETTER_STATUSES.join(', ')}` })
      .meta({
        description:
          'draft (not yet signable in public), open, or closed (takes no more signatures).',
      }),
    opened: date
      .optional()
      .meta({ description: 'The day the letter opened, ISO 8601 (2020-05-26).' }),
    /**
     * When the letter may be published, ISO 8601 UTC. Before then every render is an
     * embargoed preview and `letter check --publish` fails; a draft letter is under embargo
     * whatever this says.
     */
    embargo: timestamp.optional().meta({
      description:
        'When the letter may be published, ISO 8601 UTC (2020-05-26T09:00:00Z); before then renders are marked as embargoed previews and `letter check --publish` fails.',
    }),
    language: languageTag.meta({
      description:
        'The language of letter.md, a BCP 47 tag (en, fr, pt-BR); it sets collation and date formats.',
    }),
    /**
     * How dates are written in the letter's own language (a BCP 47 tag with a region, such as
     * en-GB: 26 May 2020; en-US: May 26, 2020). Default: `language`. Translations write dates
     * in their own language.
     */
    locale: languageTag
      .refine(
        isDisplayLocale,
        'must be a BCP 47 locale this system can write dates in, such as en-GB',
      )
      .optional()
      .meta({
        description:
          "How dates are written in the letter's language, a BCP 47 locale (en-GB: 26 May 2020; en-US: May 26, 2020); default: language.",
      }),
    translations: z
      .record(languageTag, translationSchema)
      .optional()
      .meta({ description: 'Translations by BCP 47 tag; the text of each is in letter.<tag>.md.' }),
    groups: z.array(groupSchema).default([]).meta({
      description:
        'The groups signatories fall in, in display order; a signature names one in `group:`.',
    }),
    /**
     * What every signature must give besides its name: any of country, role, organisation,
     * group. Default: nothing (a public letter signed by name alone). `letter sign`, `letter
     * import` and `letter check` enforce it.
     */
    requires: z
      .array(z.enum(REQUIRABLE_FIELDS, { error: `must be one of ${REQUIRABLE_FIELDS.join(', ')}` }))
      .refine((l) => new Set(l).size === l.length, 'must name each field once')
      .default([])
      .meta({
        description:
          'What every pending or verified signature must give besides its name: any of country, role, organisation, group (default: nothing).',
        uniqueItems: true,
      }),
    /**
     * The organisers' own public addresses (a press contact), which may appear in letter.md,
     * letter.yaml and the translations without `letter check` taking them for a signatory's
     * contact details. An address in a signature is an error whether listed or not.
     */
    public_contacts: z.array(publicContact).optional().meta({
      description:
        "The organisers' own public email addresses and phone numbers (a press contact), allowed in the letter's texts; never in a signature.",
    }),
    body: z
      .string({ error: 'must be a file name such as letter.md' })
      .regex(
        /^[A-Za-z0-9][A-Za-z0-9._-]*\.md$/,
        'must be a Markdown file name inside the letter folder, such as letter.md',
      )
      .default('letter.md')
      .meta({
        description:
          'The Markdown file in the letter folder that holds the body (default letter.md).',
      }),
    verification: z
      .enum(['optional', 'required'], { error: 'must be optional or required' })
      .default('optional')
      .meta({
        description:
          'required: only verified signatures are shown; optional (default): pending ones are shown too.',
      }),
    /**
     * `required`: every pending or verified signature points (`consent:`) to a record of the
     * signatory's consent in the private store, as `letter answer ... agreed` and `letter
     * reconfirm` write; `letter check` flags one without. `optional` (default): no such rule.
     */
    consent: z
      .enum(['optional', 'required'], { error: 'must be optional or required' })
      .default('optional')
      .meta({
        description:
          'required: every pending or verified signature points to a consent record in the private store (`consent:`); optional (default).',
      }),
    /**
     * Days after an invitation or its last reminder when a reminder falls due (`letter
     * outreach`). Default 7.
     */
    remind_after_days: z
      .number({ error: 'must be a whole number of days' })
      .int('must be a whole number of days')
      .min(1, 'must be at least 1')
      .max(365, 'must be at most 365')
      .default(7)
      .meta({
        description:
          'Days after an invitation or its last reminder when a reminder falls due (letter outreach); default 7.',
      }),
    /**
     * Why the text changed after the letter opened: one entry per text version (the version
     * the text became), with when and why. `letter check` requires one for the current text
     * of an open or closed letter when signatories agreed to another version.
     */
    revisions: z.array(revisionSchema).optional().meta({
      description:
        'Why the text changed: one entry per new text version (text: sha256:..., at, reason); required for the current text of an open letter that signatories agreed to in another version.',
    }),
    /**
     * `append`: every command that records an event rewrites CHANGELOG.md (staff working on
     * one branch). `on-merge`: commands leave it alone, so that pull requests that each sign
     * someone never touch the same file; `letter changelog` refreshes it after merges.
     */
    changelog: z
      .enum(['append', 'on-merge'], { error: 'must be append or on-merge' })
      .default('append')
      .meta({
        description:
          'append (default): every command rewrites CHANGELOG.md; on-merge: for letters signed through pull requests, `letter changelog` refreshes it after merges.',
      }),
    /**
     * Where signature files live. `flat` (the default): `signatures/<id>.yaml`. `sharded`, for
     * letters past 100,000 signatures: `signatures/<first two characters of the id>/<id>.yaml`,
     * so that no folder holds more than a fraction of the list. `letter fmt --layout` moves a
     * letter between the two.
     */
    layout: z.enum(['flat', 'sharded'], { error: 'must be flat or sharded' }).optional().meta({
      description:
        'flat (default): signatures/<id>.yaml; sharded, past 100,000 signatures: signatures/<first two characters>/<id>.yaml. `letter fmt --layout` moves the files.',
    }),
    /**
     * Where people sign the letter in a browser, e.g. its GitHub issue form
     * (https://github.com/<owner>/<repo>/issues/new?template=sign-<slug>.yml): the rendered page
     * shows a "Sign this letter" link to it while the letter is open.
     */
    sign_url: webUrl.optional().meta({
      description:
        'Where people sign in a browser (an issue form): the rendered page links to it as "Sign this letter" while the letter is open.',
    }),
    /**
     * The public address of the rendered page (https://example.org/time-to-act/): the page
     * names it as its canonical address and in its Open Graph tags, and the feed links to it.
     */
    url: webUrl.optional().meta({
      description:
        'The public address of the rendered page: its canonical link, og:url, and the link of its feed.',
    }),
    /**
     * One or two sentences that describe the letter where a link to it is shared (the page's
     * description and Open Graph tags). Default: the start of the letter's first paragraph.
     */
    description: text(300).optional().meta({
      description:
        "What a shared link to the page says (meta description, og:description); default: the start of the letter's first paragraph.",
    }),
  })
  // Dates in another language than the text's would read as a slip: en-GB for en, not fr-FR.
  .superRefine((l, ctx) => {
    if (l.locale !== undefined && primaryLanguage(l.locale) !== primaryLanguage(l.language))
      ctx.addIssue({
        code: 'custom',
        path: ['locale'],
        message: `must be a locale of the letter's language: ${l.language}, or ${l.language} and a region (a translation writes dates in its own language)`,
      });
  });

const verifiedSchema = z.strictObject({
  by: text(200).meta({ description: 'Who verified the signature.' }),
  at: timestamp.meta({ description: 'When, ISO 8601 UTC: 2020-05-26T09:00:00Z.' }),
  evidence: webUrl
    .optional()
    .meta({ description: 'A public page that confirms it (http or https).' }),
});

/** One reconfirmation: the signatory agreed again, to the text version `text_version`, at `at` (`letter reconfirm`). */
const reconfirmedSchema = z.strictObject({
  at: timestamp.meta({ description: 'When, ISO 8601 UTC: 2020-06-01T09:00:00Z.' }),
  text_version: textHash.meta({ description: 'The version of letter.md agreed to (sha256:...).' }),
  by: text(200).optional().meta({ description: 'Who on the staff recorded it.' }),
});

const rejectedSchema = z.strictObject({
  by: text(200).optional().meta({ description: 'Who rejected the signature.' }),
  at: timestamp.meta({ description: 'When, ISO 8601 UTC: 2020-05-26T09:00:00Z.' }),
  reason: text(2000).meta({ description: 'Why it was found to be fake.' }),
});

const withdrawnSchema = z.strictObject({
  by: text(200).optional().meta({ description: 'Who recorded the withdrawal.' }),
  at: timestamp.meta({ description: 'When, ISO 8601 UTC: 2020-06-02T09:00:00Z.' }),
  reason: text(2000).meta({ description: 'Why the signatory asked to withdraw.' }),
});

/** The longest name a signature may have, in UTF-16 code units. */
export const MAX_NAME_LENGTH = 300;

/** Field names that would carry private contact data and never belong in a public file. */
export const PRIVATE_FIELDS = ['email', 'phone', 'telephone', 'mobile', 'address'] as const;

/** The shape of `signatures/<id>.yaml`. */
export const signatureSchema = z
  .strictObject({
    name: text(MAX_NAME_LENGTH)
      .refine((s) => LETTER_OR_DIGIT_PATTERN.test(s), 'must contain a letter or digit')
      .meta({
        description: 'The name as displayed.',
        allOf: [
          { pattern: VISIBLE_PATTERN.source, patternErrorMessage: 'must not be blank' },
          {
            pattern: LETTER_OR_DIGIT_PATTERN.source,
            patternErrorMessage: 'must contain a letter or digit',
          },
        ],
      }),
    sort_as: text(300).optional().meta({
      description: 'The key the list is sorted by, family name first where that applies.',
    }),
    role: text(500).optional().meta({ description: "The signatory's role or title." }),
    organisation: text(300).optional().meta({ description: "The signatory's organisation." }),
    country: country.optional().meta({
      description: "The signatory's country, an ISO 3166-1 alpha-2 code in upper case: KR, GB, NO.",
    }),
    group: ident('group id').optional().meta({
      description:
        "The id of one of the letter's groups (groups: in letter.yaml); without one, the signature is listed under other signatories.",
    }),
    url: webUrl.optional().meta({
      description: 'A public page about the signatory (http or https, without credentials).',
    }),
    /**
     * A signatory the editors show first in their group (a former head of state, a Nobel
     * laureate): on the page, in the print edition, in `list` and the press kit, featured
     * signatories come before the rest of their group, each part in name order.
     */
    featured: z.boolean({ error: 'must be true or false' }).optional().meta({
      description:
        'true for a signatory the editors show first in their group (page, print edition, list, press kit); default false.',
    }),
    text_version: textHash.optional().meta({
      description:
        'The version (sha256:...) of letter.md the signatory agreed to, written by `letter sign`.',
    }),
    consent: ident('consent record id').optional().meta({
      description:
        "The id of the record of the signatory's consent in the private store (who agreed, when, how, to which text, with what evidence), written by `letter answer` and `letter reconfirm`.",
    }),
    github: z
      .string({ error: 'must be a GitHub login in quotes' })
      .regex(GITHUB_LOGIN_PATTERN, 'must be a GitHub login (letters, digits and single hyphens)')
      .optional()
      .meta({
        description:
          "The signer's GitHub login, for signatures made through pull requests or issues.",
        patternErrorMessage:
          'must be a GitHub login (letters, digits and single hyphens, at most 39)',
      }),
    /**
     * Ids of signatures with the same or a likely-same name that a person decided are other
     * people (two "Alexander"s): every check honours the decision.
     */
    distinct_from: z
      .array(ident('signature id'), { error: 'must be a list of signature ids' })
      .optional()
      .meta({
        description:
          'Ids of signatures with the same or a likely-same name that a person decided are other people (`letter distinct` writes them).',
      }),
    signed_at: timestamp.meta({
      description: 'When the signature was given, ISO 8601 UTC: 2020-05-26T09:00:00Z.',
    }),
    status: z
      .enum(SIGNATURE_STATUSES, { error: `must be one of ${SIGNATURE_STATUSES.join(', ')}` })
      .meta({
        description:
          'pending (waits for verification), verified (with a verified: block), withdrawn (with a withdrawn: block) or rejected (with a rejected: block).',
      }),
    verified: verifiedSchema.optional().meta({
      description:
        'Who verified the signature and when (evidence: an optional link); when status is verified.',
    }),
    /**
     * Each time the signatory agreed again to a new text (`letter reconfirm`), oldest first:
     * at, text_version, by. The consent record itself stays in the private store.
     */
    reconfirmed: z
      .array(reconfirmedSchema, { error: 'must be a list of reconfirmations (at, text_version)' })
      .optional()
      .meta({
        description:
          'Each time the signatory agreed again to a new text (`letter reconfirm`): at, text_version, by; oldest first.',
      }),
    withdrawn: withdrawnSchema
      .optional()
      .meta({ description: 'When the signatory withdrew and why; when status is withdrawn.' }),
    rejected: rejectedSchema.optional().meta({
      description: 'When the signature was found to be fake and why; when status is rejected.',
    }),
  })
  .superRefine((s, ctx) => {
    if (s.status === 'rejected' && !s.rejected)
      ctx.addIssue({
        code: 'custom',
        path: ['status'],
        message: 'is rejected but the file has no `rejected:` block (at, reason)',
      });
    if (s.status !== 'rejected' && s.rejected)
      ctx.addIssue({
        code: 'custom',
        path: ['rejected'],
        message: `is set but status is ${s.status}; set status: rejected`,
      });
    if (s.status === 'verified' && !s.verified)
      ctx.addIssue({
        code: 'custom',
        path: ['status'],
        message: 'is verified but the file has no `verified:` block (by, at)',
      });
    if (s.status === 'withdrawn' && !s.withdrawn)
      ctx.addIssue({
        code: 'custom',
        path: ['status'],
        message: 'is withdrawn but the file has no `withdrawn:` block (at, reason)',
      });
    if (s.status !== 'withdrawn' && s.withdrawn)
      ctx.addIssue({
        code: 'custom',
        path: ['withdrawn'],
        message: `is set but status is ${s.status}; set status: withdrawn`,
      });
    if (s.status === 'pending' && s.verified)
      ctx.addIssue({
        code: 'custom',
        path: ['verified'],
        message: 'is set but status is pending; set status: verified',
      });
  });

/**
 * Pieces of the schemas above, for the private store's files (invitations and consent
 * records, see invitations.ts), which follow the same rules for text, times, countries and ids.
 */
export const FIELD_SCHEMAS = { text, timestamp, country, ident, textHash, webUrl } as const;

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
  'title',
  'slug',
  'addressee',
  'organisers',
  'public_contacts',
  'status',
  'opened',
  'embargo',
  'language',
  'locale',
  'translations',
  'groups',
  'requires',
  'body',
  'revisions',
  'verification',
  'consent',
  'remind_after_days',
  'changelog',
  'layout',
  'sign_url',
  'url',
  'description',
] as const;

/**
 * The public fields that describe a signatory, in the order a signature file, an export and an
 * import list them. Commands name them in their own words (flags, form labels, columns) from
 * this list: see `SIGNATURE_INPUT_FIELDS` in signatures.ts.
 */
export const SIGNATORY_FIELDS = [
  'name',
  'sort_as',
  'role',
  'organisation',
  'country',
  'group',
  'url',
] as const;

/** Key order of a signature file, as `letter` writes it. */
export const SIGNATURE_KEY_ORDER = [
  ...SIGNATORY_FIELDS,
  'featured',
  'github',
  'text_version',
  'consent',
  'distinct_from',
  'signed_at',
  'status',
  'verified',
  'reconfirmed',
  'withdrawn',
  'rejected',
] as const;

/**
 * The shape of `signatures/erased-<hash>.yaml`: what stays of a signature after the person
 * asked to be forgotten. No name or detail, only fingerprints of the name's forms (see
 * erasure.ts: so that the name is refused if it comes back) and the dates of its events.
 */
export const erasedSchema = z.strictObject({
  fingerprint: z
    .string({ error: 'is required' })
    .regex(/^sha256:[0-9a-f]{64}$/, 'must be sha256: and 64 hex digits'),
  /** Hashes of the name's look-alike forms (see erasure.ts); absent in records made before them. */
  fingerprints: z
    .array(z.string().regex(/^sha256:[0-9a-f]{64}$/, 'must be sha256: and 64 hex digits'))
    .max(8, 'holds at most 8 fingerprints')
    .optional(),
  signed_at: timestamp,
  verified_at: timestamp.optional(),
  erased_at: timestamp,
});

/** An erasure record as stored (the id is the file name). */
export type ErasedFile = z.output<typeof erasedSchema>;
/** An erasure record with its id. */
export type ErasedRecord = ErasedFile & { id: string };

/** Key order of an erasure record. */
export const ERASED_KEY_ORDER = [
  'fingerprint',
  'fingerprints',
  'signed_at',
  'verified_at',
  'erased_at',
] as const;
