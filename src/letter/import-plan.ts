/**
 * Planning an import of rows (from a CSV export of a web form or a press list) into a
 * letter: which rows to add, which are already signed, which are likely duplicates of a
 * signature or of an earlier row, and which are invalid, with the reason. Pure.
 */
import { type DuplicateMatch, NameIndex } from './duplicates.js';
import { parseTimestampInput } from './dates.js';
import { parseCountryName } from './country-names.js';
import type { ErasedRecord, LetterFile, Signature } from './schema.js';
import { checkName, InvalidSignatureInput, sign } from './signatures.js';
import { sortKeyToWrite } from './sort-key.js';

/**
 * Fields a column can map to; `email` and `phone` go to the private store; `first_name` and
 * `last_name` make the name (when no column holds it) and its sort key.
 */
export const IMPORT_FIELDS = ['name', 'sort_as', 'role', 'organisation', 'country', 'group', 'url', 'signed_at', 'email', 'phone', 'first_name', 'last_name'] as const;
/** One of `IMPORT_FIELDS`. */
export type ImportField = (typeof IMPORT_FIELDS)[number];

const HEADER_ALIASES: Record<ImportField, string[]> = {
  name: ['name', 'full name', 'fullname', 'signatory', 'signer', 'your name'],
  sort_as: ['sort as', 'sort_as', 'sort key', 'sort'],
  role: ['role', 'position', 'title', 'job title', 'function'],
  organisation: ['organisation', 'organization', 'company', 'affiliation', 'institution', 'employer'],
  country: ['country', 'nation', 'country code'],
  group: ['group', 'category'],
  url: ['url', 'website', 'web', 'link', 'homepage'],
  signed_at: ['signed at', 'signed_at', 'date', 'timestamp', 'submitted at', 'signed on'],
  email: ['email', 'e-mail', 'email address', 'e-mail address', 'mail'],
  phone: ['phone', 'telephone', 'mobile', 'phone number'],
  first_name: ['first name', 'firstname', 'given name', 'given names', 'forename'],
  last_name: ['last name', 'lastname', 'surname', 'family name'],
};

/**
 * Maps CSV headers to fields: first the explicit `map` ("Full name=name,Position=role"),
 * then well-known header names in English (case and spacing ignored).
 * @returns header → field for mapped headers, and the headers left unmapped.
 * @throws Error naming a mapping entry that is malformed or names an unknown field.
 */
export function mapHeaders(headers: readonly string[], map?: string): { mapping: Map<string, ImportField>; unmapped: string[] } {
  const mapping = new Map<string, ImportField>();
  const explicit = new Map<string, ImportField>();
  for (const part of (map ?? '').split(',').map((p) => p.trim()).filter(Boolean)) {
    const eq = part.lastIndexOf('=');
    const header = part.slice(0, eq).trim();
    const field = part.slice(eq + 1).trim() as ImportField;
    if (eq <= 0 || !IMPORT_FIELDS.includes(field)) throw new Error(`"${part}" is not HEADER=FIELD with FIELD one of ${IMPORT_FIELDS.join(', ')}`);
    if (!headers.includes(header)) throw new Error(`"${header}" is not a column of the file; columns: ${headers.join(', ')}`);
    explicit.set(header, field);
  }
  const fold = (s: string) => s.trim().toLowerCase().replace(/[\s_]+/g, ' ');
  const unmapped: string[] = [];
  for (const h of headers) {
    const field = explicit.get(h) ?? IMPORT_FIELDS.find((f) => HEADER_ALIASES[f].includes(fold(h)));
    if (field && ![...mapping.values()].includes(field)) mapping.set(h, field);
    else unmapped.push(h);
  }
  return { mapping, unmapped };
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

/** A row that cannot be imported, and why (naming the field). */
export interface InvalidRow {
  line: number;
  field: string;
  reason: string;
}

/** What an import would do. */
export interface ImportPlan {
  toAdd: RowToAdd[];
  alreadySigned: DuplicateRow[];
  likely: DuplicateRow[];
  invalid: InvalidRow[];
}

/** Inputs of `planImport` besides the rows. */
export interface PlanContext {
  letter: LetterFile;
  signatures: readonly Signature[];
  erased: readonly ErasedRecord[];
  /** Emails on the letter (normalised) → their signature. */
  emailOwners: ReadonlyMap<string, Signature>;
  mapping: ReadonlyMap<string, ImportField>;
  /** Group for rows without one (id or name). */
  defaultGroup?: string | undefined;
  now: Date;
  /** Decides for a likely duplicate: true adds the row. Without it, likely duplicates are left out. */
  confirm?: (row: DuplicateRow) => boolean;
  onProgress?: (done: number) => void;
  /** The version of the letter's text, recorded on each new signature. */
  textVersion?: string;
  /** An index of `signatures` built by the caller (with cached keys); built here when absent. */
  index?: NameIndex;
}

/**
 * Plans an import: each row is checked against the letter and against the rows before it.
 * Rows are added in file order; an id taken by an earlier row gets the next suffix. A row
 * without a sort_as value gets the key derived from its name (sort-key.ts), or from its
 * first and last names when columns hold them.
 */
export function planImport(rows: readonly ImportRow[], c: PlanContext): ImportPlan {
  const plan: ImportPlan = { toAdd: [], alreadySigned: [], likely: [], invalid: [] };
  const index = c.index ?? NameIndex.of(c.signatures);
  const owners = new Map(c.emailOwners);
  const signatures = [...c.signatures];
  const taken = new Set([...c.signatures.map((s) => s.id), ...c.erased.map((e) => e.id)]);
  const fieldOf = new Map([...c.mapping].map(([h, f]) => [f, h]));
  const cell = (row: ImportRow, f: ImportField) => {
    const h = fieldOf.get(f);
    const v = h === undefined ? undefined : row.cells[h]?.trim();
    return v === '' ? undefined : v;
  };

  rows.forEach((row, i) => {
    c.onProgress?.(i + 1);
    const [first, last] = [cell(row, 'first_name'), cell(row, 'last_name')];
    const name = cell(row, 'name') ?? ([first, last].filter(Boolean).join(' ') || undefined);
    if (name === undefined) return void plan.invalid.push({ line: row.line, field: 'name', reason: 'is empty' });
    const email = cell(row, 'email');
    const emailCheck = email ? { key: email.toLowerCase(), owners } : undefined;
    const found = checkName(index, c.erased, c.letter.slug, name, emailCheck);
    if (found.certain || found.erased) {
      const matches = found.certain ? [found.certain] : [];
      const dup: DuplicateRow = { line: row.line, name, matches, confirmable: false };
      if (found.erased) return void plan.likely.push({ ...dup, matches: [{ id: found.erased.id, name: '(name erased)', status: 'erased', kind: 'exact', reason: 'erased at the signatory\'s request' }] });
      return void (found.certain?.name.normalize('NFC').replace(/\s+/g, ' ').trim() === name.normalize('NFC').replace(/\s+/g, ' ')
        ? plan.alreadySigned.push(dup)
        : plan.likely.push(dup));
    }
    let similar: DuplicateMatch[] = [];
    if (found.likely.length > 0) {
      const dup: DuplicateRow = { line: row.line, name, matches: found.likely, confirmable: true };
      if (!c.confirm?.(dup)) return void plan.likely.push(dup);
      similar = found.likely;
    }

    const country = cell(row, 'country');
    const signedAt = cell(row, 'signed_at');
    const signedAtValue = signedAt === undefined ? undefined : parseTimestampInput(signedAt);
    if (signedAt !== undefined && signedAtValue === undefined)
      return void plan.invalid.push({ line: row.line, field: 'signed_at', reason: `"${signedAt}" is not a real ISO 8601 date or UTC timestamp` });
    const countryCode = country === undefined ? undefined : parseCountryName(country);
    if (country === undefined) return void plan.invalid.push({ line: row.line, field: 'country', reason: 'is empty' });
    if (countryCode === undefined) return void plan.invalid.push({ line: row.line, field: 'country', reason: `"${country}" is not a country name or ISO 3166-1 code` });
    const groupValue = cell(row, 'group') ?? c.defaultGroup;
    const group = groupValue === undefined ? undefined : (c.letter.groups.find((g) => g.id === groupValue || g.name.toLowerCase() === groupValue.toLowerCase())?.id ?? groupValue);
    if (group === undefined && c.letter.groups.length > 0)
      return void plan.invalid.push({ line: row.line, field: 'group', reason: 'is empty; add a group column or pass --group' });
    const phone = cell(row, 'phone');
    if (email !== undefined && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) return void plan.invalid.push({ line: row.line, field: 'email', reason: `"${email}" is not an email address` });
    if (phone !== undefined && !/^\+?[0-9 ()./-]{6,30}$/.test(phone)) return void plan.invalid.push({ line: row.line, field: 'phone', reason: `"${phone}" is not a phone number` });
    try {
      const { signature } = sign(
        c.letter,
        signatures,
        { name, sort_as: cell(row, 'sort_as') ?? sortKeyToWrite(name, { language: c.letter.language, first, last }), role: cell(row, 'role'), organisation: cell(row, 'organisation'), country: countryCode, group, url: cell(row, 'url'), signed_at: signedAtValue },
        c.now,
        { erased: c.erased, index, allowSimilar: true, takenIds: taken, ...(c.textVersion ? { textVersion: c.textVersion } : {}) },
      );
      signatures.push(signature);
      taken.add(signature.id);
      index.add(signature);
      if (email) owners.set(email.toLowerCase(), signature);
      plan.toAdd.push({ line: row.line, signature, contact: { ...(email ? { email } : {}), ...(phone ? { phone } : {}) }, similar });
    } catch (e) {
      if (e instanceof InvalidSignatureInput) plan.invalid.push({ line: row.line, field: e.field, reason: e.reason });
      else throw e;
    }
  });
  return plan;
}
