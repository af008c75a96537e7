/**
 * `letter init <dir>`: starts a new letter: letter.yaml, the body, an empty changelog and a
 * .gitignore that keeps the private store out of git; at the top of the repository, the
 * lines `letter` needs in .gitattributes and .gitignore, and with --github the workflows
 * and pull-request template (storage/repo-files.ts). On a terminal it asks for what the
 * flags left out; without one, the flags must give the title, addressee and organisers.
 */
import path from 'node:path';
import type { Context } from '../context.js';
import { UsageError, UserError } from '../errors.js';
import { idForName } from '../letter/names.js';
import {
  type LetterFile,
  letterSchema,
  REQUIRABLE_FIELDS,
  SLUG_PATTERN,
} from '../letter/schema.js';
import { shownPath } from '../shown-path.js';
import { isEmptyFolder, writeNewLetter } from '../storage/new-letter.js';
import type { Style } from '../terminal.js';
import { letterFields, parseRequire } from './init-questions.js';

/** Options of `letter init`. */
export interface InitOptions {
  dir: string;
  title?: string | undefined;
  addressee?: string | undefined;
  organiser?: string[] | undefined;
  language?: string | undefined;
  group?: string[] | undefined;
  verification?: string | undefined;
  /** `append` (default) or `on-merge` (letters signed through pull requests). */
  changelog?: string | undefined;
  /** Fields every signature must give besides the name, comma-separated: country, role, organisation, group (default none). */
  require?: string | undefined;
  yes?: boolean | undefined;
  /** Also write the GitHub workflows and pull-request template at the top of the repository. */
  github?: boolean | undefined;
}

/** The new letter and the files written. */
export interface InitResult {
  letter: string;
  slug: string;
  written: string[];
  /** Files at the top of the repository left as they were: they already say what `letter` needs, or are the campaign's own. */
  kept: string[];
}

/**
 * Creates a letter folder.
 * @throws UsageError (exit 2) for a missing flag without a terminal, a folder name that is not a slug,
 *   or a --require that names a field other than country, role, organisation and group (or group without --group).
 * @throws UserError (exit 1) when the folder exists and is not empty.
 */
export async function init(o: InitOptions, ctx: Context): Promise<InitResult> {
  const dir = path.resolve(ctx.cwd, o.dir);
  const slug = path.basename(dir);
  if (!SLUG_PATTERN.test(slug))
    throw new UsageError(
      `"${slug}" cannot be a letter's slug: use lower-case letters, digits and hyphens, e.g. letters/my-letter`,
    );
  const required = o.require === undefined ? undefined : parseRequire(o.require);
  if (!(await isEmptyFolder(dir)))
    throw new UserError(`${shownPath(ctx.cwd, dir)} exists and is not empty; nothing was written.`);

  const { title, addressee, organisers, language, groupNames, requires, verification } =
    await letterFields(o, required, ctx);

  const taken = new Set<string>();
  const groups = groupNames.map((name) => {
    const id = idForName(name, taken);
    taken.add(id);
    return { id, name };
  });
  const candidate = {
    title,
    slug,
    addressee,
    organisers: organisers.map((name) => ({ name })),
    status: 'draft',
    language,
    groups,
    ...(requires.length > 0
      ? { requires: REQUIRABLE_FIELDS.filter((f) => requires.includes(f)) }
      : {}),
    body: 'letter.md',
    verification,
    ...(o.changelog ? { changelog: o.changelog } : {}),
  };
  const parsed = letterSchema.safeParse(candidate);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const flag =
      {
        title: '--title',
        addressee: '--addressee',
        organisers: '--organiser',
        language: '--language',
        groups: '--group',
        verification: '--verification',
        requires: '--require',
      }[String(issue.path[0])] ?? String(issue.path[0]);
    throw new UsageError(`${flag}: ${issue.path.join('.')} ${issue.message}`);
  }
  const letter: LetterFile = parsed.data;

  const files = await writeNewLetter(
    dir,
    candidate,
    letter,
    `To ${addressee},\n`,
    ctx.cwd,
    Boolean(o.github),
  );
  const shown = (f: string) => shownPath(ctx.cwd, f) || '.';
  return {
    letter: shownPath(ctx.cwd, dir),
    slug,
    written: files.written.map(shown),
    kept: files.kept.map(shown),
  };
}

/** The human view: what was written and what to do next. */
export function formatInit(r: InitResult, style: Style): string {
  return [
    `${style.green('Created')} ${r.letter} (status: draft)`,
    ...r.written.map((f) => `  wrote ${f}`),
    ...r.kept.map((f) => style.dim(`  kept ${f} (already there)`)),
    style.dim(
      `Next: write the text in ${r.letter}/letter.md, set status: open in letter.yaml, then: ${style.command(`letter sign ${r.letter}`)}`,
    ),
  ].join('\n');
}
