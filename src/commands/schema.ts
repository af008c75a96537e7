/** `letter schema [letter|signature] [--out DIR]`: the JSON Schemas of the letter files, for editors. */
import path from 'node:path';
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import { jsonSchemaOf, SCHEMA_KINDS, type SchemaKind } from '../letter/schema.js';
import { ensureDir, writeAll } from '../storage/transaction.js';

/** Options of `letter schema`. */
export interface SchemaOptions {
  kind?: string | undefined;
  out?: string | undefined;
}

/** The schemas as text by kind, and the files written with --out. */
export interface SchemaResult {
  schemas: Partial<Record<SchemaKind, string>>;
  written: string[];
}

/** Builds the JSON Schemas. @throws UsageError for an unknown kind. */
export async function schema(o: SchemaOptions, ctx: Context): Promise<SchemaResult> {
  if (o.kind !== undefined && !(SCHEMA_KINDS as readonly string[]).includes(o.kind))
    throw new UsageError(`unknown schema "${o.kind}"; use ${SCHEMA_KINDS.join(' or ')}`);
  const kinds = o.kind ? [o.kind as SchemaKind] : [...SCHEMA_KINDS];
  const schemas = Object.fromEntries(kinds.map((k) => [k, `${JSON.stringify(jsonSchemaOf(k), null, 2)}\n`]));
  if (o.out === undefined) return { schemas, written: [] };
  const dir = path.resolve(ctx.cwd, o.out);
  await ensureDir(dir);
  const written = await writeAll(kinds.map((k) => ({ path: path.join(dir, `${k}.schema.json`), text: schemas[k]! })));
  return { schemas, written: written.map((f) => path.relative(ctx.cwd, f)) };
}
