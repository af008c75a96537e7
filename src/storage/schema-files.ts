/**
 * The JSON Schemas a letter carries for editors, in `<letter>/.schemas/` (letter.schema.json,
 * signature.schema.json), and the first line of each YAML file that points there.
 *
 * Inside the letter folder, because the folder is what `letter` knows and what travels: a
 * header is a path relative to its own file (`.schemas/letter.schema.json` from letter.yaml,
 * `../.schemas/signature.schema.json` from a signature, one `../` more in the sharded layout),
 * the same whoever installed `letter` and however, and valid in every clone with no network.
 * Being the letter's own, the signature schema can also list the letter's groups and the
 * fields it requires.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import pkg from '../../package.json' with { type: 'json' };
import { at, type Problem, problem } from '../errors.js';
import {
  jsonSchemaOf,
  SCHEMA_KINDS,
  type SchemaKind,
  schemaText,
  VERSION_KEY,
} from '../letter/json-schema.js';
import type { LetterFile } from '../letter/schema.js';
import { SCHEMAS_DIR } from './layout.js';
import type { FileChange } from './transaction.js';

/** The path of the schema of `kind` inside a letter folder: `.schemas/signature.schema.json`. */
export function schemaFile(kind: SchemaKind): string {
  return `${SCHEMAS_DIR}/${kind}.schema.json`;
}

/**
 * The first line of the YAML file `file` (absolute) of the letter in `dir`: its schema for
 * yaml-language-server, by a path relative to the file's folder, with `/` on every system.
 */
export function schemaHeader(dir: string, file: string, kind: SchemaKind): string {
  const relative = path
    .relative(path.dirname(file), path.join(dir, schemaFile(kind)))
    .split(path.sep)
    .join('/');
  return `# yaml-language-server: $schema=${relative}\n`;
}

/** The changes that write the letter's schemas as this version of `letter` makes them for `letter` (its groups and requires). */
export function schemaChanges(
  dir: string,
  letter: Pick<LetterFile, 'groups' | 'requires'>,
): FileChange[] {
  return SCHEMA_KINDS.map((kind) => ({
    path: path.join(dir, schemaFile(kind)),
    text: schemaText(jsonSchemaOf(kind, pkg.version, letter)),
  }));
}

/**
 * Warnings for the letter's schemas that are missing, written by an older `letter`, or
 * different from what this one writes for the letter (its groups or requires changed, or the
 * file was edited); each names `letter schema --update <shown>`. Schemas that a newer
 * `letter` wrote are left alone.
 */
export async function schemaProblems(
  dir: string,
  shown: string,
  letter: Pick<LetterFile, 'groups' | 'requires'>,
): Promise<Problem[]> {
  const hint = `run letter schema --update ${shown}`;
  const problems: Problem[] = [];
  for (const change of schemaChanges(dir, letter)) {
    const file = path.join(shown, path.relative(dir, change.path));
    const text = await readFile(change.path, 'utf8').catch(() => undefined);
    if (text === change.text) continue;
    if (text === undefined) {
      problems.push(
        problem(
          'schema-missing',
          at(file),
          'the letter has no JSON Schema here, so editors cannot check its files',
          hint,
        ),
      );
      continue;
    }
    const written = versionOf(text);
    if (written !== undefined && compareVersions(written, pkg.version) > 0) continue;
    const why =
      written === undefined || compareVersions(written, pkg.version) < 0
        ? `was written by an older letter (${written ?? 'unknown'}; this is ${pkg.version})`
        : 'does not match letter.yaml (its groups or requires changed, or the file was edited)';
    problems.push(problem('schema-outdated', at(file), `this JSON Schema ${why}`, hint));
  }
  return problems;
}

/** The version a schema file records under `VERSION_KEY`, if it is JSON and records one. */
function versionOf(text: string): string | undefined {
  try {
    const v = (JSON.parse(text) as Record<string, unknown>)[VERSION_KEY];
    return typeof v === 'string' ? v : undefined;
  } catch {
    return undefined;
  }
}

/** Compares two versions `major.minor.patch` by number (a pre-release suffix is ignored): negative, 0 or positive. */
export function compareVersions(a: string, b: string): number {
  const parts = (v: string) =>
    v
      .split(/[-+]/)[0]!
      .split('.')
      .map((n) => Number.parseInt(n, 10) || 0);
  const [x, y] = [parts(a), parts(b)];
  for (let i = 0; i < Math.max(x.length, y.length); i++)
    if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) - (y[i] ?? 0);
  return 0;
}
