/**
 * The questions of `letter init`: on a terminal, what the flags left out; without one, the
 * flags must give the title, addressee and organisers.
 */
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import { REQUIRABLE_FIELDS, type RequirableField } from '../letter/schema.js';
import type { InitOptions } from './init.js';

/** What a new letter says, from the flags and the answers (before the schema checks it). */
export interface LetterFields {
  title: string;
  addressee: string;
  organisers: string[];
  /** A BCP 47 tag. */
  language: string;
  groupNames: string[];
  requires: RequirableField[];
  verification: string;
}

/**
 * The fields of a new letter: from the flags, then (on a terminal, without --yes for the
 * optional ones) from questions. @throws UsageError for a required flag missing without a
 * terminal, or `--require group` without groups.
 */
export async function letterFields(
  o: InitOptions,
  required: RequirableField[] | undefined,
  ctx: Context,
): Promise<LetterFields> {
  const ask = ctx.interactive ? await ctx.prompts() : undefined;
  const need = async (value: string | undefined, flag: string, message: string) => {
    if (value !== undefined && value.trim() !== '') return value.trim();
    if (!ask) throw new UsageError(`missing ${flag}: it is required when stdin is not a terminal`);
    return ask.text(message, { required: true });
  };
  const split = (s: string) =>
    s
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean);
  const title = await need(o.title, '--title', 'Title of the letter:');
  const addressee = await need(
    o.addressee,
    '--addressee',
    'Addressed to (e.g. the governments of the world):',
  );
  const organisers = o.organiser?.length
    ? o.organiser
    : split(await need(undefined, '--organiser', 'Organisers (comma-separated):'));
  const interactiveDefaults = ask && !o.yes;
  const language =
    o.language ??
    (interactiveDefaults ? await ask.text('Language (BCP 47 tag):', { default: 'en' }) : 'en');
  const groupNames =
    o.group ??
    (interactiveDefaults
      ? split(
          await ask.text('Groups of signatories, in display order (comma-separated, optional):'),
        )
      : []);
  const requires =
    required ??
    (interactiveDefaults
      ? ((await ask.chooseMany(
          'Which fields must every signature give besides the name? (none: a letter signed by name alone)',
          REQUIRABLE_FIELDS.filter((f) => f !== 'group' || groupNames.length > 0).map((f) => ({
            value: f,
            name: f,
          })),
        )) as RequirableField[])
      : []);
  if (requires.includes('group') && groupNames.length === 0)
    throw new UsageError(
      '--require group: the letter declares no groups',
      'Add the groups with --group, or leave group out of --require.',
    );
  let verification = o.verification;
  if (verification === undefined)
    verification =
      interactiveDefaults &&
      (await ask.confirm('Require verification before a signature is published?', true))
        ? 'required'
        : 'optional';

  return { title, addressee, organisers, language, groupNames, requires, verification };
}

/**
 * The fields of `--require`: comma-separated names from REQUIRABLE_FIELDS, any case, each once.
 * @throws UsageError naming a field that cannot be required.
 */
export function parseRequire(value: string): RequirableField[] {
  const fields = value
    .split(',')
    .map((x) => x.trim().toLowerCase())
    .filter(Boolean);
  for (const f of fields)
    if (!(REQUIRABLE_FIELDS as readonly string[]).includes(f))
      throw new UsageError(
        `--require: "${f}" cannot be required; use any of ${REQUIRABLE_FIELDS.join(', ')} (comma-separated), or none`,
      );
  return [...new Set(fields)] as RequirableField[];
}
