/**
 * How `letter invite` reads its flags and, on a terminal, asks for what they left out: the
 * name, who owns the contact, the channel, and the fields the letter requires of a signature
 * (an invitee who agrees becomes one). Without a terminal, a missing one is a usage error.
 */
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import { countryCodes, countryName } from '../letter/countries.js';
import { parseCountryName } from '../letter/country-names.js';
import { lookupGroup } from '../letter/groups.js';
import { CHANNELS } from '../letter/invitations.js';
import type { LetterFile } from '../letter/schema.js';
import { contactOf } from './sign-questions.js';

/** What the flags of `letter invite` give. */
export interface InviteFlags {
  name?: string | undefined;
  role?: string | undefined;
  organisation?: string | undefined;
  country?: string | undefined;
  group?: string | undefined;
  owner?: string | undefined;
  channel?: string | undefined;
  email?: string | undefined;
  phone?: string | undefined;
}

/** The flags' values once asked for and checked; `owner` falls back on `defaultOwner` (git's user.name). */
export type InviteAnswers = Required<Pick<InviteFlags, 'name' | 'owner' | 'channel'>> &
  Omit<InviteFlags, 'name' | 'owner' | 'channel'>;

const missing = (flag: string, why: string) =>
  new UsageError(
    `missing ${flag}: ${why}, and stdin is not a terminal to ask`,
    'Run `letter invite --help` for every flag.',
  );

/**
 * The invitation's fields from the flags and, on a terminal, questions.
 * @throws UsageError (exit 2) for a missing or malformed flag without a terminal; contacts are shown masked.
 */
export async function askForInvitation(
  o: InviteFlags,
  letter: LetterFile,
  defaultOwner: string | undefined,
  ctx: Context,
): Promise<InviteAnswers> {
  const ask = ctx.interactive ? await ctx.prompts() : undefined;
  const required = new Set<string>(letter.requires);
  // Malformed contacts are refused as `letter sign` refuses them, shown masked.
  const contact = contactOf(o);
  const text = async (value: string | undefined, flag: string, label: string, need: boolean) => {
    if (value !== undefined && value.trim() !== '') return value.trim();
    if (!need)
      return ask && value === undefined
        ? (await ask.text(`${label} (optional):`)) || undefined
        : undefined;
    if (!ask) throw missing(flag, `${label.toLowerCase()} is required`);
    return ask.text(`${label}:`, { required: true });
  };
  const name = (await text(o.name, '--name', 'Name of the person invited', true))!;
  const role = await text(o.role, '--role', 'Role', required.has('role'));
  const organisation = await text(
    o.organisation,
    '--organisation',
    'Organisation',
    required.has('organisation'),
  );
  let country = o.country === undefined ? undefined : parseCountryName(o.country);
  if (o.country !== undefined && country === undefined)
    throw new UsageError(`--country: "${o.country}" is not an ISO 3166-1 code or a country name`);
  if (country === undefined && required.has('country')) {
    if (!ask) throw missing('--country', 'this letter requires a country of each signatory');
    const choices = countryCodes()
      .map((code) => ({ value: code, name: `${countryName(code, 'en')} (${code})` }))
      .sort((a, b) => a.name.localeCompare(b.name, 'en'));
    country = await ask.searchChoice('Country (type to search):', choices);
  }
  let group: string | undefined;
  if (o.group !== undefined) {
    const found = lookupGroup(letter.groups, o.group);
    if (!found.group) throw new UsageError(`--group: ${found.unknown.reason}`, found.unknown.hint);
    group = found.group.id;
  } else if (required.has('group') || (ask && letter.groups.length > 0)) {
    if (!ask) throw missing('--group', 'this letter requires a group of each signatory');
    const choices = letter.groups.map((g) => ({ value: g.id, name: g.name }));
    group = required.has('group')
      ? await ask.choose('Group:', choices)
      : (await ask.choose('Group (optional):', [...choices, { value: '', name: '(no group)' }])) ||
        undefined;
  }
  let owner = o.owner?.trim() || undefined;
  if (!owner && ask)
    owner = (await ask.text('Who on the staff owns this contact:', {
      required: true,
      ...(defaultOwner ? { default: defaultOwner } : {}),
    })) as string;
  owner ??= defaultOwner;
  if (!owner) throw missing('--owner', 'who owns the contact (git config user.name is not set)');
  // The channel follows the contact given, unless said.
  let channel =
    o.channel?.trim() || (contact.email ? 'email' : contact.phone ? 'phone' : undefined);
  if (!channel) {
    if (!ask)
      throw missing('--channel', 'how the person is reached (email, phone, in-person, ...)');
    channel = await ask.choose(
      'Channel:',
      CHANNELS.map((c) => ({ value: c, name: c })),
    );
  }
  return {
    name,
    owner,
    channel,
    role,
    organisation,
    country,
    group,
    email: contact.email,
    phone: contact.phone,
  };
}
