/**
 * The questions `letter sign` asks on a terminal, and how it reads its flags: the fields the
 * flags left out, whether a likely duplicate is a different person, and the entry to confirm.
 */
import type { Context } from '../context.js';
import { AlreadySigned, Cancelled, LikelyDuplicate, UsageError } from '../errors.js';
import { type Contact, contactSchema, maskContact } from '../letter/contacts.js';
import { countryCodes, countryName } from '../letter/countries.js';
import { parseCountryName, unknownCountryReason } from '../letter/country-names.js';
import { parseTimestampInput, toIsoTimestamp } from '../letter/dates.js';
import { lookupGroup } from '../letter/groups.js';
import type { LetterFile, Signature } from '../letter/schema.js';
import { SIGNATURE_INPUT_FIELDS, type SignatureInput } from '../letter/signatures.js';
import { deriveSortKey, sortKeyToWrite } from '../letter/sort-key.js';
import type { Prompts } from '../prompts.js';
import type { Style } from '../terminal.js';
import type { SignOptions } from './sign.js';

/** The flag of each signature field, for messages. */
export const FLAG_OF: Readonly<Record<string, string>> = Object.fromEntries(
  SIGNATURE_INPUT_FIELDS.map((f) => [f, `--${f.replaceAll('_', '-')}`]),
);

/** The private contact details of the flags. @throws UsageError for a malformed one, shown masked. */
export function contactOf(o: Pick<SignOptions, 'email' | 'phone'>): Contact {
  const contact: Contact = {};
  if (o.email !== undefined) contact.email = o.email.trim();
  if (o.phone !== undefined) contact.phone = o.phone.trim();
  const checked = contactSchema.safeParse(contact);
  if (!checked.success) {
    const issue = checked.error.issues[0]!;
    // Even a malformed contact is private: the message shows it masked.
    throw new UsageError(
      `--${String(issue.path[0])}: "${maskContact(String(contact[issue.path[0] as keyof Contact]))}" ${issue.message}`,
    );
  }
  return checked.data;
}

/**
 * The signature's fields from the flags and, on a terminal, from questions: a field the
 * letter requires (`requires:` in letter.yaml) is asked for; one it does not is offered
 * and may be skipped. Without a terminal, a missing required flag is a usage error naming
 * it, and a field that is not required is left out.
 * @throws UsageError (exit 2) for a missing required flag without a terminal, or a malformed one.
 */
export async function askForInput(
  o: SignOptions,
  letter: LetterFile,
  ctx: Context,
): Promise<SignatureInput> {
  const ask = ctx.interactive ? await ctx.prompts() : undefined;
  const required = new Set<string>(letter.requires);
  const missing = (flag: string) =>
    new UsageError(
      `missing ${flag}: this letter requires it, and stdin is not a terminal to ask`,
      `Run \`letter sign --help\` for every flag.`,
    );

  let name = o.name;
  if (name === undefined || name.trim() === '') {
    if (!ask)
      throw new UsageError(
        'missing --name: it is required when stdin is not a terminal',
        `Run \`letter sign --help\` for every flag.`,
      );
    name = await ask.text('Name, as it should be displayed:', { required: true });
  }
  const sortAs = await sortKeyFor(o.sortAs, name, letter, ask);

  let country = o.country === undefined ? undefined : parseCountryName(o.country);
  if (o.country !== undefined && country === undefined)
    throw new UsageError(
      `--country: "${o.country}" is not an ISO 3166-1 alpha-2 code or a country name`,
      unknownCountryHint(o.country),
    );
  if (country === undefined && (ask || required.has('country'))) {
    if (!ask) throw missing('--country');
    const choices = countryCodes().map((code) => ({
      value: code,
      name: `${countryName(code, 'en')} (${code})`,
    }));
    choices.sort((a, b) => a.name.localeCompare(b.name, 'en'));
    if (required.has('country'))
      country = await ask.searchChoice('Country (type to search):', choices);
    else
      country =
        (await ask.searchChoice('Country (optional; type to search):', [
          { value: '', name: '(no country)' },
          ...choices,
        ])) || undefined;
  }

  let group = o.group === undefined ? undefined : groupId(o.group, letter);
  if (group === undefined && (required.has('group') || (ask && letter.groups.length > 0))) {
    if (!ask) throw missing('--group');
    const choices = letter.groups.map((g) => ({ value: g.id, name: g.name }));
    if (required.has('group')) group = await ask.choose('Group:', choices);
    else
      group =
        (await ask.choose('Group (optional):', [...choices, { value: '', name: '(no group)' }])) ||
        undefined;
  }

  const field = async (value: string | undefined, key: 'role' | 'organisation', label: string) => {
    if (value !== undefined && value.trim() !== '') return value;
    if (required.has(key)) {
      if (!ask) throw missing(FLAG_OF[key]!);
      return ask.text(`${label}:`, { required: true });
    }
    return value !== undefined || !ask
      ? value
      : (await ask.text(`${label} (optional):`)) || undefined;
  };
  const role = await field(o.role, 'role', 'Role');
  const organisation = await field(o.organisation, 'organisation', 'Organisation');

  let signedAt: string | undefined;
  if (o.signedAt !== undefined) {
    signedAt = parseTimestampInput(o.signedAt);
    if (signedAt === undefined)
      throw new UsageError(
        `--signed-at: "${o.signedAt}" is not a real ISO 8601 date or time`,
        'Use 2020-05-26, 2020-05-26T09:00:00Z or 2020-05-26T11:00+02:00.',
      );
    if (signedAt > toIsoTimestamp(new Date(ctx.now().getTime() + 60_000)))
      throw new UsageError(`--signed-at: ${signedAt} is in the future`);
  }
  return {
    name,
    sort_as: sortAs,
    role,
    organisation,
    country,
    group,
    url: o.url,
    github: o.github,
    signed_at: signedAt,
  };
}

/**
 * The sort key of a new signature: --sort-as; else on a terminal the person's answer, with
 * the key derived from the name (sort-key.ts) as the default; else the derived key. None
 * when it would equal the name.
 */
async function sortKeyFor(
  given: string | undefined,
  name: string,
  letter: LetterFile,
  ask: Prompts | undefined,
): Promise<string | undefined> {
  if (given !== undefined) return given;
  const hints = { language: letter.language };
  if (!ask) return sortKeyToWrite(name, hints);
  const derived = deriveSortKey(name, hints);
  // Enter takes the default (prompt libraries answer it; a scripted empty answer means the same).
  const answer =
    (
      await ask.text(
        'Sort as (family name first):',
        derived === undefined ? {} : { default: derived },
      )
    ).trim() || derived;
  return answer === undefined ||
    answer.normalize('NFC') === name.normalize('NFC').trim().replace(/\s+/g, ' ')
    ? undefined
    : answer;
}

/** The hint for an unknown --country: a suggestion when there is one ("England" → GB), else how codes look. */
function unknownCountryHint(value: string): string {
  const reason = unknownCountryReason(value);
  return reason === `"${value.trim()}" is not a country name or ISO 3166-1 code`
    ? 'Use a code such as JO, US or KR.'
    : reason;
}

/** Accepts a group's id or its name (any case): see groups.ts. */
function groupId(value: string, letter: LetterFile): string {
  const found = lookupGroup(letter.groups, value);
  if (!found.group) throw new UsageError(`--group: ${found.unknown.reason}`, found.unknown.hint);
  return found.group.id;
}

function formatEntry(s: Signature, letter: LetterFile, style: Style): string {
  const group = letter.groups.find((g) => g.id === s.group)?.name;
  const rows: [string, string | undefined][] = [
    ['name', s.name],
    ['sort as', s.sort_as],
    ['role', s.role],
    ['organisation', s.organisation],
    [
      'country',
      s.country === undefined ? undefined : `${countryName(s.country, 'en')} (${s.country})`,
    ],
    ['group', group],
    ['url', s.url],
    ['signed at', s.signed_at],
  ];
  return rows
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `  ${style.dim(k.padEnd(13))}${v}`)
    .join('\n');
}

/**
 * On a terminal, whether a likely duplicate (or a decidable same name) `e` is a different
 * person: warns on stderr and asks.
 * @returns true to sign anyway; rethrows `e` when it is not a question for a person.
 * @throws Cancelled (exit 130) when the person says no.
 */
export async function confirmDifferentPerson(e: unknown, ctx: Context): Promise<true> {
  if (!(e instanceof LikelyDuplicate) && !(e instanceof AlreadySigned && e.decidable)) throw e;
  ctx.stderr.write(
    `${ctx.errStyle.yellow('warning:')} ${e.message.replace('; nothing was written', '')}\n`,
  );
  const ask = await ctx.prompts();
  if (!(await ask.confirm('Is this a different person? Sign anyway?', false)))
    throw new Cancelled();
  return true;
}

/**
 * On a terminal, shows the entry on stderr and asks to add it.
 * @throws Cancelled (exit 130) when the person says no.
 */
export async function confirmEntry(s: Signature, letter: LetterFile, ctx: Context): Promise<void> {
  ctx.stderr.write(`\n${formatEntry(s, letter, ctx.errStyle)}\n\n`);
  const ask = await ctx.prompts();
  if (!(await ask.confirm('Add this signature?', true))) throw new Cancelled();
}
