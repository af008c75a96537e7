/**
 * Planning an import of rows (from a CSV export of a web form or a press list) into a
 * letter: which rows to add, which are already signed, which are likely duplicates of a
 * signature or of an earlier row, and which are invalid, with the reason. Pure.
 */
import { emailKey, isEmail, isPhone, maskContact } from './contacts.js';
import { parseCountryName, unknownCountryReason } from './country-names.js';
import { dayMonthOrder, parseSpreadsheetTimestamp } from './dates.js';
import {
  type DuplicateMatch,
  type IndexedName,
  type NameFinder,
  type NameIndex,
  packContext,
} from './duplicates.js';
import { lookupGroup } from './groups.js';
import { type ErasedRecord, type LetterFile, SIGNATORY_FIELDS, type Signature } from './schema.js';
import { checkName, InvalidSignatureInput, indexedName, indexOf, sign } from './signatures.js';
import { sortKeyToWrite } from './sort-key.js';

/**
 * Fields a column can map to; `email` and `phone` go to the private store; `first_name` and
 * `last_name` make the name ("First Last") and the sort key ("Last First").
 */
export const IMPORT_FIELDS = [
  'name',
  'first_name',
  'last_name',
  ...SIGNATORY_FIELDS.filter((f) => f !== 'name'),
  'signed_at',
  'email',
  'phone',
] as const;
/** One of `IMPORT_FIELDS`. */
export type ImportField = (typeof IMPORT_FIELDS)[number];

// Header names (folded: lower case, one space) that map to a field without --map. Only names
// that say what the column holds: a "Timestamp" or "Date" column is when a form was sent, which
// is not always when the person signed, so it is never taken as signed_at by itself.
const HEADER_ALIASES: Record<ImportField, string[]> = {
  name: ['name', 'full name', 'fullname', 'signatory', 'signer', 'your name'],
  first_name: ['first name', 'firstname', 'first', 'given name', 'given names', 'forename'],
  last_name: ['last name', 'lastname', 'last', 'family name', 'surname'],
  sort_as: ['sort as', 'sort_as', 'sort key', 'sort'],
  role: ['role', 'position', 'title', 'job title', 'function'],
  organisation: [
    'organisation',
    'organization',
    'company',
    'affiliation',
    'institution',
    'employer',
  ],
  country: ['country', 'nation', 'country code'],
  group: ['group', 'category'],
  url: ['url', 'website', 'web', 'link', 'homepage'],
  signed_at: ['signed at', 'signed on'],
  email: ['email', 'e-mail', 'email address', 'e-mail address', 'mail'],
  phone: ['phone', 'telephone', 'mobile', 'phone number'],
};

/**
 * Maps CSV headers to fields: first the explicit `map` ("Full name=name,Position=role"; an
 * empty field, "Group=", leaves a column out), then well-known header names in English (case,
 * spacing and underscores ignored). A column that maps to nothing is ignored, never guessed.
 * @returns header → field for mapped headers, the headers left unmapped (ignored), and among
 *   them those the map left out on purpose (`excluded`).
 * @throws Error naming a mapping entry that is malformed or names an unknown field or column.
 */
export function mapHeaders(
  headers: readonly string[],
  map?: string,
): { mapping: Map<string, ImportField>; unmapped: string[]; excluded: string[] } {
  const mapping = new Map<string, ImportField>();
  const explicit = new Map<string, ImportField>();
  const ignored = new Set<string>();
  for (const part of (map ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const eq = part.lastIndexOf('=');
    const header = part.slice(0, eq).trim();
    const field = part.slice(eq + 1).trim() as ImportField | '';
    if (eq <= 0 || (field !== '' && !IMPORT_FIELDS.includes(field)))
      throw new Error(
        `"${part}" is not HEADER=FIELD with FIELD one of ${IMPORT_FIELDS.join(', ')} (or empty, to leave the column out)`,
      );
    if (!headers.includes(header))
      throw new Error(`"${header}" is not a column of the file; columns: ${headers.join(', ')}`);
    if (field === '') ignored.add(header);
    else explicit.set(header, field);
  }
  const fold = (s: string) =>
    s
      .trim()
      .toLowerCase()
      .replace(/[\s_]+/g, ' ');
  const unmapped: string[] = [];
  for (const h of headers) {
    const field = ignored.has(h)
      ? undefined
      : (explicit.get(h) ?? IMPORT_FIELDS.find((f) => HEADER_ALIASES[f].includes(fold(h))));
    if (field && ![...mapping.values()].includes(field)) mapping.set(h, field);
    else unmapped.push(h);
  }
  return { mapping, unmapped, excluded: [...ignored] };
}

/** One row of the file: its line number in the file and its cells by header. */
export interface ImportRow {
  line: number;
  cells: Record<string, string>;
}

/** A row that will be added, with its signature and private contact. */
export interface RowToAdd {
  line: number;
  signature: Signature;
  contact: { email?: string; phone?: string };
  /** Likely duplicates a person allowed. */
  similar: DuplicateMatch[];
}

/** A row refused as a duplicate: already signed (the same name as written), or a likely duplicate. */
export interface DuplicateRow {
  line: number;
  name: string;
  matches: DuplicateMatch[];
  /** False when the match is certain (same normal form, look-alike, erased): no confirmation can add it. */
  confirmable: boolean;
}

/** A row that cannot be imported, and why (naming the field); `hint`, when there is one, says how to import it. */
export interface InvalidRow {
  line: number;
  field: string;
  reason: string;
  hint?: string;
}

/** Something done to a row that is added, to tell the person: e.g. an email found in the url column, kept private. */
export interface RowNote {
  line: number;
  field: string;
  note: string;
}

/** What an import would do. */
export interface ImportPlan {
  toAdd: RowToAdd[];
  alreadySigned: DuplicateRow[];
  likely: DuplicateRow[];
  /** Rows added although they possibly match a signature: reported for a person to look at. */
  possible: DuplicateRow[];
  invalid: InvalidRow[];
  notes: RowNote[];
  /** Columns mapped to a field that this letter does not use, left out whole, and why. */
  columnsLeftOut: { column: string; reason: string }[];
}

/** Inputs of `planImport` besides the rows. */
export interface PlanContext {
  letter: LetterFile;
  /** The signatures of the letter; empty when `index` and `takenIds` hold them instead (a letter looked up in its index). */
  signatures: readonly Signature[];
  erased: readonly ErasedRecord[];
  /** Emails on the letter (normalised) → their signature. */
  emailOwners: ReadonlyMap<string, IndexedName>;
  mapping: ReadonlyMap<string, ImportField>;
  /** Group for rows without one (id or name). */
  defaultGroup?: string | undefined;
  /** Country (ISO code, upper case), role and organisation for rows without one. */
  defaultCountry?: string | undefined;
  defaultRole?: string | undefined;
  defaultOrganisation?: string | undefined;
  now: Date;
  /** Decides for a likely duplicate: true adds the row. Without it, likely duplicates are left out. */
  confirm?: (row: DuplicateRow) => boolean;
  onProgress?: (done: number) => void;
  /** The version of the letter's text, recorded on each new signature. */
  textVersion?: string;
  /** An index of the letter's names built by the caller (with cached keys, or in the letter's index); built from `signatures` when absent. The rows added are added to it. */
  index?: NameFinder & Pick<NameIndex, 'add' | 'expect'>;
  /** Ids the letter holds besides those of `signatures` and `erased`. */
  takenIds?: { has(id: string): boolean };
}

// An email address as a whole cell, and a mailto: link (its address before any ?subject=).
const EMAIL_CELL = /^[^\s@/:?#]+@(?=[^\s@/?#]+$)[^\s@/?#]+\.[^\s@/?#]+$/;
const MAILTO = /^mailto:([^?#]*)/i;

/**
 * Plans an import: each row is checked against the letter and against the rows before it.
 * Rows are added in file order; an id taken by an earlier row gets the next suffix.
 * A row is invalid (with the field and the reason) when it has no name, a field the letter
 * requires is empty (`requires:`), a country, date, group, email or phone cannot be read, or
 * a field fails the signature schema. A country or group that a row leaves out comes from
 * the defaults; a `mailto:` link or an email address in the url column becomes the row's
 * private email (never its public url), noted in `notes`.
 * A row without a sort_as value gets the key derived from its name (sort-key.ts), or from
 * its first and last names when columns hold them.
 */
export function planImport(rows: readonly ImportRow[], c: PlanContext): ImportPlan {
  const plan: ImportPlan = {
    toAdd: [],
    alreadySigned: [],
    likely: [],
    possible: [],
    invalid: [],
    notes: [],
    columnsLeftOut: [],
  };
  const index = lastLookupKept(c.index ?? indexOf(c.signatures));
  const owners = new Map(c.emailOwners);
  const signatures = [...c.signatures];
  const known = new Set([...c.signatures.map((s) => s.id), ...c.erased.map((e) => e.id)]);
  const taken = {
    has: (id: string) => known.has(id) || (c.takenIds?.has(id) ?? false),
    add: (id: string) => known.add(id),
  };
  const fieldOf = new Map([...c.mapping].map(([h, f]) => [f, h]));
  const cell = (row: ImportRow, f: ImportField) => {
    const h = fieldOf.get(f);
    const v = h === undefined ? undefined : row.cells[h]?.trim().replace(/\s+/g, ' ');
    return v === '' ? undefined : v;
  };
  const requires = new Set<string>(c.letter.requires);
  const signedAtColumn = fieldOf.get('signed_at');
  const order =
    signedAtColumn === undefined
      ? undefined
      : dayMonthOrder(rows.map((r) => r.cells[signedAtColumn] ?? ''));
  let groupColumn = fieldOf.get('group');
  // A letter without groups has nothing to put a group column's values in: the column is left out, once, not every row.
  if (groupColumn !== undefined && c.letter.groups.length === 0) {
    plan.columnsLeftOut.push({
      column: groupColumn,
      reason:
        'the letter declares no groups (declare them under groups: in letter.yaml to import this column)',
    });
    fieldOf.delete('group');
    groupColumn = undefined;
  }

  index.expect([
    ...c.signatures.map((s) => s.name),
    ...rows
      .map((r) => nameOf(cell(r, 'name'), cell(r, 'first_name'), cell(r, 'last_name')))
      .filter((n): n is string => n !== undefined),
  ]);

  // biome-ignore lint/suspicious/useIterableCallbackReturn: each row returns early with `return void plan.x.push(...)`; the value is discarded.
  rows.forEach((row, i) => {
    c.onProgress?.(i + 1);
    const invalid = (field: string, reason: string, hint?: string) =>
      void plan.invalid.push({ line: row.line, field, reason, ...(hint ? { hint } : {}) });
    const first = cell(row, 'first_name');
    const last = cell(row, 'last_name');
    const given = cell(row, 'name');
    const written = nameOf(given, first, last);
    if (written === undefined) return invalid('name', 'is empty');
    // "Ada Lovelace <ada@example.org>": the name, and an address that belongs in the private store.
    const inName = NAME_WITH_EMAIL.exec(written);
    const name = inName ? inName[1]!.trimEnd() : written;
    const email = cell(row, 'email') ?? inName?.[2];
    if (inName)
      plan.notes.push({
        line: row.line,
        field: 'name',
        note: `held an email address; the name is "${name}" and the address is kept in the private store${cell(row, 'email') ? ' (the email column wins)' : ''}`,
      });
    const emailCheck = email ? { key: emailKey(email), owners } : undefined;
    const found = checkName(index, c.erased, c.letter.slug, name, emailCheck, {
      url: cell(row, 'url'),
      role: cell(row, 'role'),
      organisation: cell(row, 'organisation'),
      country: parseCountryName(cell(row, 'country') ?? ''),
    });
    // The same name with nothing that tells the two apart, look-alike letters, or a fake's name: never added.
    const same = found.certain;
    if (same || found.erased) {
      const matches = same ? [same] : [];
      const dup: DuplicateRow = { line: row.line, name, matches, confirmable: false };
      if (found.erased)
        return void plan.likely.push({
          ...dup,
          matches: [
            {
              id: found.erased.id,
              name: '(name erased)',
              status: 'erased',
              kind: 'exact',
              score: 1,
              reason: "erased at the signatory's request",
            },
          ],
        });
      return void (same?.name.normalize('NFC').replace(/\s+/g, ' ').trim() ===
      name.normalize('NFC').replace(/\s+/g, ' ')
        ? plan.alreadySigned.push(dup)
        : plan.likely.push(dup));
    }
    if (found.possible.length > 0)
      plan.possible.push({ line: row.line, name, matches: found.possible, confirmable: true });
    let similar: DuplicateMatch[] = [];
    if (found.likely.length > 0) {
      const dup: DuplicateRow = { line: row.line, name, matches: found.likely, confirmable: true };
      if (!c.confirm?.(dup)) return void plan.likely.push(dup);
      similar = found.likely;
    }

    const signedAt = cell(row, 'signed_at');
    let signedAtValue: string | undefined;
    if (signedAt !== undefined) {
      const read = parseSpreadsheetTimestamp(signedAt, order === 'mixed' ? undefined : order);
      if ('reason' in read) return invalid('signed_at', read.reason);
      signedAtValue = read.value;
    }
    const country = cell(row, 'country');
    let countryCode = c.defaultCountry;
    if (country !== undefined) {
      countryCode = parseCountryName(country);
      if (countryCode === undefined) return invalid('country', unknownCountryReason(country));
    }
    if (countryCode === undefined && requires.has('country'))
      return invalid(
        'country',
        'is empty; the letter requires a country: add a country column or pass --country',
      );
    const groupValue = cell(row, 'group') ?? c.defaultGroup;
    let group: string | undefined;
    if (groupValue !== undefined) {
      const found = lookupGroup(c.letter.groups, groupValue);
      if (!found.group) {
        const declared = c.letter.groups.map((g) => g.id).join(', ');
        const away =
          groupColumn === undefined ? '' : `, or leave the column out with --map "${groupColumn}="`;
        return invalid(
          'group',
          `${found.unknown.reason} (${declared ? `its groups: ${declared}` : 'it declares none'})`,
          `declare the groups under groups: in letter.yaml${away}`,
        );
      }
      group = found.group.id;
    }
    if (group === undefined && requires.has('group'))
      return invalid(
        'group',
        'is empty; the letter requires a group: add a group column or pass --group',
      );
    let url = cell(row, 'url');
    let privateEmail = email;
    const urlEmail = url === undefined ? undefined : emailInUrl(url);
    if (urlEmail !== undefined) {
      url = undefined;
      if (urlEmail !== '' && !email) {
        privateEmail = urlEmail;
        plan.notes.push({
          line: row.line,
          field: 'url',
          note: 'held an email address; kept in the private store as the email, not published',
        });
      } else
        plan.notes.push({
          line: row.line,
          field: 'url',
          note: 'held an email address; left out, not published',
        });
    }
    const phone = cell(row, 'phone');
    if (privateEmail !== undefined && !isEmail(privateEmail))
      return invalid(
        privateEmail === email ? 'email' : 'url',
        `"${maskContact(privateEmail)}" is not an email address`,
      );
    if (phone !== undefined && !isPhone(phone))
      return invalid('phone', `"${maskContact(phone)}" is not a phone number`);
    try {
      const { signature } = sign(
        c.letter,
        signatures,
        {
          name,
          sort_as:
            cell(row, 'sort_as') ??
            sortKeyToWrite(name, { language: c.letter.language, first, last }),
          role: cell(row, 'role') ?? c.defaultRole,
          organisation: cell(row, 'organisation') ?? c.defaultOrganisation,
          country: countryCode,
          group,
          url,
          signed_at: signedAtValue,
        },
        c.now,
        {
          erased: c.erased,
          index,
          allowSimilar: true,
          takenIds: taken,
          ...(c.textVersion ? { textVersion: c.textVersion } : {}),
        },
      );
      signatures.push(signature);
      taken.add(signature.id);
      index.add(indexedName(signature));
      if (privateEmail) owners.set(emailKey(privateEmail), signature);
      plan.toAdd.push({
        line: row.line,
        signature,
        contact: { ...(privateEmail ? { email: privateEmail } : {}), ...(phone ? { phone } : {}) },
        similar,
      });
    } catch (e) {
      if (e instanceof InvalidSignatureInput) invalid(e.field, e.reason);
      else throw e;
    }
  });
  // A note is only news for a row that is added.
  const added = new Set(plan.toAdd.map((r) => r.line));
  plan.notes = plan.notes.filter((n) => added.has(n.line));
  return plan;
}

/**
 * `index`, keeping its last lookup: a row's name is looked up once to plan it and again by
 * `sign` as it builds the signature, with the same context unless a default (--country,
 * --role) or a cleaned url changes it; the second lookup gets the first one's matches (in a
 * new list) instead of scoring every candidate again. Adding a name forgets the lookup.
 */
function lastLookupKept(
  index: NameFinder & Pick<NameIndex, 'add' | 'expect'>,
): NameFinder & Pick<NameIndex, 'add' | 'expect'> {
  let last: { name: string; ctx: string | 0; matches: DuplicateMatch[] } | undefined;
  return {
    find(name, ctx = {}) {
      // The context as the index keeps it (packContext): what a lookup depends on besides the name.
      const packed = packContext(ctx);
      if (last?.name === name && last.ctx === packed) return [...last.matches];
      const matches = index.find(name, ctx);
      last = { name, ctx: packed, matches: [...matches] };
      return matches;
    },
    add(n, seed) {
      last = undefined;
      index.add(n, seed);
    },
    expect(names) {
      last = undefined;
      index.expect(names);
    },
  };
}

// A name followed by an address in angle brackets or brackets, as mail programs write it. The
// name (trimmed by the caller) holds a letter or digit, the domain a dot with text on both sides:
// both said in lookaheads, so that no part of the text can be read two ways (linear time).
const NAME_WITH_EMAIL =
  /^(?=[^<>()@]*[\p{L}\p{N}])([^<>()@]*)[<(]\s*(?:mailto:)?([^\s<>()@]+@(?=[^\s<>()@]+\.[^\s<>()@])[^\s<>()@]+)\s*[>)]\s*$/u;

/**
 * The email address a url cell holds: a `mailto:` link's address ('' when it names none), or
 * an address written where the link should be; undefined when the cell holds no address.
 */
function emailInUrl(url: string): string | undefined {
  const mailto = MAILTO.exec(url);
  if (!mailto) return EMAIL_CELL.test(url) ? url : undefined;
  try {
    return decodeURIComponent(mailto[1]!).trim();
  } catch {
    return mailto[1]!.trim();
  }
}

/** Whether `word` is a whole word of `name`, case ignored. */
function hasWord(name: string, word: string): boolean {
  const n = ` ${name.toLowerCase()} `;
  return n.includes(` ${word.toLowerCase()} `);
}

/**
 * The displayed name of a row: the name column; else first and last name ("Ada Lovelace").
 * A last name the name column lacks is added after it ("Ada" and "Lovelace": "Ada Lovelace").
 */
export function nameOf(
  name: string | undefined,
  first: string | undefined,
  last: string | undefined,
): string | undefined {
  if (name !== undefined)
    return last !== undefined && !hasWord(name, last) ? `${name} ${last}` : name;
  const parts = [first, last].filter((p) => p !== undefined);
  return parts.length > 0 ? parts.join(' ') : undefined;
}
