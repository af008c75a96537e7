/**
 * `letter sign <letter>`: adds one signature, from flags and, on a terminal, prompts
 * for what the flags left out.
 */
import path from 'node:path';
import type { Context } from '../context.js';
import { Cancelled, UsageError } from '../errors.js';
import { renderChangelog } from '../letter/changelog.js';
import { countryCodes, countryName, parseCountryInput } from '../letter/countries.js';
import { parseTimestampInput } from '../letter/dates.js';
import type { LetterFile, Signature } from '../letter/schema.js';
import { InvalidSignatureInput, publishedStatuses, type SignatureInput, sign as signLetter } from '../letter/signatures.js';
import { loadLetterFile, loadValidLetter, resolveLetterDir, signatureText, withLetterLock, writeChangelog, writeSignature } from '../storage/letter-store.js';
import type { Style } from '../terminal.js';

/** Options of `letter sign`, as the flags give them. */
export interface SignOptions {
  letter: string;
  name?: string | undefined;
  role?: string | undefined;
  organisation?: string | undefined;
  country?: string | undefined;
  group?: string | undefined;
  url?: string | undefined;
  sortAs?: string | undefined;
  signedAt?: string | undefined;
  yes?: boolean | undefined;
  dryRun?: boolean | undefined;
}

/** What `letter sign` did: the new signature and the files it wrote (none on a dry run). */
export interface SignResult {
  letter: string;
  signature: Signature;
  /** False when the letter requires verification: renders leave the signature out until `letter verify`. */
  published: boolean;
  dryRun: boolean;
  written: string[];
}

const FLAG_OF: Record<string, string> = {
  name: '--name', sort_as: '--sort-as', role: '--role', organisation: '--organisation', country: '--country',
  group: '--group', url: '--url', signed_at: '--signed-at',
};

/**
 * Signs a person onto a letter.
 * @throws UsageError (exit 2) for a missing or malformed flag without a terminal, naming the flag.
 * @throws AlreadySigned (exit 1) when the name is on the letter after normalisation; nothing is written.
 * @throws Cancelled (exit 130) when the person says no or presses Ctrl-C at a prompt.
 */
export async function sign(options: SignOptions, ctx: Context): Promise<SignResult> {
  const dir = await resolveLetterDir(options.letter, ctx.cwd);
  const letter = await loadLetterFile(dir, ctx.cwd);
  const input = await gatherInput(options, letter, ctx);

  const attempt = async () => {
    const fresh = await loadValidLetter(dir, ctx.cwd);
    const signatures = fresh.signatures.map((s) => s.signature);
    try {
      const signature = signLetter(fresh.letter, signatures, input, ctx.now());
      return { fresh, signatures, signature };
    } catch (e) {
      if (e instanceof InvalidSignatureInput) throw new UsageError(`${FLAG_OF[e.field] ?? e.field}: ${e.field} ${e.reason}`);
      throw e;
    }
  };

  if (options.dryRun) {
    const { signature } = await attempt();
    return { letter: path.relative(ctx.cwd, dir) || '.', signature, published: isPublished(letter, signature), dryRun: true, written: [] };
  }
  if (ctx.interactive && !options.yes) {
    const { signature } = await attempt();
    ctx.stderr.write(`\n${formatEntry(signature, letter, ctx.errStyle)}\n\n`);
    if (!(await (await ctx.prompts()).confirm('Add this signature?', true))) throw new Cancelled();
  }
  return withLetterLock(dir, async () => {
    const { fresh, signatures, signature } = await attempt();
    const file = await writeSignature(dir, signature);
    const changelog = await writeChangelog(dir, renderChangelog(fresh.letter, [...signatures, signature]));
    return {
      letter: path.relative(ctx.cwd, dir) || '.',
      signature,
      published: isPublished(fresh.letter, signature),
      dryRun: false,
      written: [file, changelog].map((f) => path.relative(ctx.cwd, f)),
    };
  });
}

async function gatherInput(o: SignOptions, letter: LetterFile, ctx: Context): Promise<SignatureInput> {
  const ask = ctx.interactive ? await ctx.prompts() : undefined;
  const missing = (flag: string) => new UsageError(`missing ${flag}: it is required when stdin is not a terminal`, `Run \`letter sign --help\` for every flag.`);

  let name = o.name;
  if (name === undefined || name.trim() === '') {
    if (!ask) throw missing('--name');
    name = await ask.text('Name, as it should be displayed:', { required: true });
  }

  let country = o.country === undefined ? undefined : parseCountryInput(o.country);
  if (o.country !== undefined && country === undefined)
    throw new UsageError(`--country: "${o.country}" is not an ISO 3166-1 alpha-2 code or a country name`, 'Use a code such as JO, US or KR.');
  if (country === undefined) {
    if (!ask) throw missing('--country');
    const choices = countryCodes().map((code) => ({ value: code, name: `${countryName(code, 'en')} (${code})` }));
    choices.sort((a, b) => a.name.localeCompare(b.name, 'en'));
    country = await ask.searchChoice('Country (type to search):', choices);
  }

  let group = o.group === undefined ? undefined : groupId(o.group, letter);
  if (letter.groups.length > 0 && group === undefined) {
    if (!ask) throw missing('--group');
    group = await ask.choose('Group:', letter.groups.map((g) => ({ value: g.id, name: g.name })));
  }

  const optional = async (value: string | undefined, message: string) =>
    value !== undefined || !ask ? value : (await ask.text(message)) || undefined;
  const role = await optional(o.role, 'Role (optional):');
  const organisation = await optional(o.organisation, 'Organisation (optional):');

  let signedAt: string | undefined;
  if (o.signedAt !== undefined) {
    signedAt = parseTimestampInput(o.signedAt);
    if (signedAt === undefined)
      throw new UsageError(`--signed-at: "${o.signedAt}" is not a real ISO 8601 date or UTC timestamp`, 'Use 2020-05-26 or 2020-05-26T09:00:00Z.');
  }
  return { name, sort_as: o.sortAs, role, organisation, country, group, url: o.url, signed_at: signedAt };
}

function isPublished(letter: LetterFile, s: Signature): boolean {
  return publishedStatuses(letter).includes(s.status);
}

/** Accepts a group's id or its name (any case). */
function groupId(value: string, letter: LetterFile): string {
  const v = value.trim();
  const found = letter.groups.find((g) => g.id === v || g.name.toLowerCase() === v.toLowerCase());
  if (!found)
    throw new UsageError(`--group: "${value}" is not a group of this letter`, `Use one of: ${letter.groups.map((g) => g.id).join(', ')}`);
  return found.id;
}

function formatEntry(s: Signature, letter: LetterFile, style: Style): string {
  const group = letter.groups.find((g) => g.id === s.group)?.name;
  const rows: [string, string | undefined][] = [
    ['name', s.name], ['sort as', s.sort_as], ['role', s.role], ['organisation', s.organisation],
    ['country', `${countryName(s.country, 'en')} (${s.country})`], ['group', group], ['url', s.url], ['signed at', s.signed_at],
  ];
  return rows.filter(([, v]) => v !== undefined).map(([k, v]) => `  ${style.dim(k.padEnd(13))}${v}`).join('\n');
}

/** The human view of a sign: what was added and which files changed. */
export function formatSign(r: SignResult, style: Style): string {
  const head = r.dryRun
    ? `${style.yellow('Dry run:')} would sign ${style.bold(r.signature.name)} as ${r.signature.id}; nothing written.\n\n` +
      signatureText(r.signature).trimEnd().replace(/^/gm, '  ')
    : `${style.green('Signed:')} ${style.bold(r.signature.name)} (${r.signature.id}, ${r.signature.status})`;
  const pending = r.published
    ? []
    : [style.dim(`  This letter requires verification: renders show it after \`letter verify ${r.letter} ${r.signature.id}\`.`)];
  return [head, ...r.written.map((f) => `  wrote ${f}`), ...pending].join('\n');
}
