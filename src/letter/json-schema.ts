/**
 * The JSON Schemas (draft-07) of `letter.yaml` and of a signature file, for editors
 * (yaml-language-server, behind the YAML extensions of VS Code, Neovim, Helix...) to
 * autocomplete, describe and underline mistakes with no network: `letter init` and
 * `letter schema --update` write them into the letter's `.schemas/` folder.
 *
 * Built from the zod schemas the code validates with (schema.ts, whose `.meta()` adds the
 * descriptions and the patterns of rules zod checks in code), then given what zod cannot
 * emit: the ISO 3166-1 list, the rules between `status` and its blocks (`if`/`then`), and,
 * for one letter, its group ids and the fields it requires. What JSON Schema cannot say is
 * left to `letter check` (duplicates, contact details inside a field, mixed scripts, the
 * order of dates: see the README's "The letter on disk").
 */
import { z } from 'zod';
import { countryCodes } from './countries.js';
import { type LetterFile, letterSchema, signatureSchema } from './schema.js';

/** The files of a letter that have a JSON Schema. */
export const SCHEMA_KINDS = ['letter', 'signature'] as const;
/** One of `SCHEMA_KINDS`. */
export type SchemaKind = (typeof SCHEMA_KINDS)[number];

/** The key of a schema that names the version of `letter` that wrote it (`check` compares it with its own). */
export const VERSION_KEY = 'x-letter-version';

type Json = Record<string, unknown>;

/**
 * The JSON Schema of `kind`. `version` is the running `letter`'s (recorded under
 * `VERSION_KEY`); with `letter`, the signature schema lists that letter's group ids and
 * makes the fields it `requires` required of pending and verified signatures, as check does.
 */
export function jsonSchemaOf(
  kind: SchemaKind,
  version: string,
  letter?: Pick<LetterFile, 'groups' | 'requires'>,
): Json {
  const json = z.toJSONSchema(kind === 'letter' ? letterSchema : signatureSchema, {
    target: 'draft-7',
    io: 'input',
  }) as Json;
  const { $schema, ...rest } = json;
  const head = {
    $schema,
    title:
      kind === 'letter'
        ? 'letter.yaml of an open letter'
        : 'A signature of an open letter (signatures/<id>.yaml)',
    description: `Written by letter ${version} (refresh: letter schema --update). letter check also checks what JSON Schema cannot say: duplicates, contact details, links in normal form.`,
    [VERSION_KEY]: version,
  };
  if (kind === 'letter') return { ...head, ...rest };
  const properties = rest.properties as Record<string, Json>;
  // The list, not a pattern: "XX" has the form of a code and is none.
  const { pattern: _, ...country } = properties.country!;
  properties.country = { ...country, enum: countryCodes() };
  if (letter)
    properties.group = groupProperty(
      properties.group!,
      letter.groups.map((g) => g.id),
    );
  return { ...head, ...rest, allOf: [...STATUS_BLOCKS, ...requiredFields(letter?.requires ?? [])] };
}

const statusIs = (...statuses: string[]): Json => ({
  properties: { status: { enum: statuses } },
  required: ['status'],
});

/** schema.ts `signatureSchema.superRefine`: each status has its block, and a block its status. */
const STATUS_BLOCKS: Json[] = [
  { if: statusIs('verified'), then: { required: ['verified'] } },
  { if: statusIs('pending'), then: { properties: { verified: false } } },
  {
    if: statusIs('withdrawn'),
    then: { required: ['withdrawn'] },
    else: { properties: { withdrawn: false } },
  },
  {
    if: statusIs('rejected'),
    then: { required: ['rejected'] },
    else: { properties: { rejected: false } },
  },
];

/** check.ts: a pending or verified signature gives every field the letter requires. */
function requiredFields(requires: readonly string[]): Json[] {
  return requires.length === 0
    ? []
    : [{ if: statusIs('pending', 'verified'), then: { required: [...requires] } }];
}

/** The letter's group ids as the only values of `group:` (none when it declares no groups, as check says). */
function groupProperty(group: Json, ids: string[]): Json {
  const { pattern: _, patternErrorMessage: __, ...rest } = group;
  if (ids.length === 0)
    return {
      ...rest,
      not: {},
      errorMessage:
        'this letter declares no groups: remove group, or declare groups in letter.yaml',
    };
  return { ...rest, enum: ids, errorMessage: `must be a group of this letter: ${ids.join(', ')}` };
}

/** A schema as written to a file: two-space JSON and a final newline. */
export function schemaText(schema: Json): string {
  return `${JSON.stringify(schema, null, 2)}\n`;
}
