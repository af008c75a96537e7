/**
 * `letter schema [letter|signature] [--out DIR] [--update [letter]]`: the JSON Schemas of
 * the letter files, for editors. Printed, written to a folder (`--out`, the package's own
 * schemas/), or with `--update` written into each letter's `.schemas/` folder as this
 * version of `letter` makes them for that letter (its groups and required fields), where the
 * first line of every YAML file of the letter points (see storage/schema-files.ts).
 */
import path from 'node:path';
import pkg from '../../package.json' with { type: 'json' };
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import { jsonSchemaOf, SCHEMA_KINDS, type SchemaKind, schemaText } from '../letter/json-schema.js';
import { shownPath } from '../shown-path.js';
import { listLetters, resolveLetterDir } from '../storage/layout.js';
import { loadLetterYamlRefusingErrors, withLetterLock } from '../storage/letter-store.js';
import { schemaChanges } from '../storage/schema-files.js';
import { ensureDir, writeAll } from '../storage/transaction.js';

/** Options of `letter schema`. */
export interface SchemaOptions {
  kind?: string | undefined;
  out?: string | undefined;
  /** Refresh the schemas inside a letter folder: `true` for every letter under letters/, or the letter named. */
  update?: string | boolean | undefined;
}

/** The schemas as text by kind, the kind asked for (none: every kind), and the files written with --out or --update. */
export interface SchemaResult {
  schemas: Partial<Record<SchemaKind, string>>;
  kind?: SchemaKind | undefined;
  written: string[];
}

/**
 * Builds the JSON Schemas, and writes them with --out or --update.
 * @throws UsageError for an unknown kind, --update with --out or a kind, or a letter that does not exist;
 *   InvalidLetter when a letter.yaml to update has errors.
 */
export async function schema(o: SchemaOptions, ctx: Context): Promise<SchemaResult> {
  if (o.kind !== undefined && !(SCHEMA_KINDS as readonly string[]).includes(o.kind))
    throw new UsageError(`unknown schema "${o.kind}"; use ${SCHEMA_KINDS.join(' or ')}`);
  if (o.update !== undefined && o.update !== false) {
    if (o.out !== undefined || o.kind !== undefined)
      throw new UsageError(
        '--update writes both schemas into the letter folder: give it no kind and no --out',
        'letter schema --update letters/<slug>',
      );
    return { schemas: {}, written: await update(o.update, ctx) };
  }
  const kinds = o.kind ? [o.kind as SchemaKind] : [...SCHEMA_KINDS];
  const schemas = Object.fromEntries(
    kinds.map((k) => [k, schemaText(jsonSchemaOf(k, pkg.version))]),
  );
  const kind = o.kind as SchemaKind | undefined;
  if (o.out === undefined) return { schemas, kind, written: [] };
  const dir = path.resolve(ctx.cwd, o.out);
  await ensureDir(dir);
  const written = await writeAll(
    kinds.map((k) => ({ path: path.join(dir, `${k}.schema.json`), text: schemas[k]! })),
  );
  return { schemas, kind, written: written.map((f) => shownPath(ctx.cwd, f)) };
}

/**
 * What `letter schema` prints, as is: the files written, else the one schema asked for, else
 * every schema in one JSON object by kind.
 */
export function formatSchema(r: SchemaResult): { stdout: string } {
  if (r.written.length > 0) return { stdout: `${r.written.map((f) => `wrote ${f}`).join('\n')}\n` };
  if (r.kind !== undefined) return { stdout: r.schemas[r.kind]! };
  const all = Object.entries(r.schemas).map(([k, v]) => [k, JSON.parse(v!)]);
  return { stdout: `${JSON.stringify(Object.fromEntries(all), null, 2)}\n` };
}

/** Writes the schemas of the letter named (`true`: of every letter under letters/); returns the files changed. */
async function update(which: string | true, ctx: Context): Promise<string[]> {
  const dirs =
    which === true ? (await listLetters(ctx.cwd)).dirs : [await resolveLetterDir(which, ctx.cwd)];
  const written: string[] = [];
  for (const dir of dirs) {
    const changes = schemaChanges(dir, await loadLetterYamlRefusingErrors(dir, ctx.cwd));
    await ensureDir(path.dirname(changes[0]!.path));
    written.push(...(await withLetterLock(dir, () => writeAll(changes))));
  }
  return written.map((f) => shownPath(ctx.cwd, f));
}
