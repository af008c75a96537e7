/**
 * `letter sign <letter>`: adds one signature, from flags and, on a terminal, prompts
 * for what the flags left out.
 */
import { lstatSync } from 'node:fs';
import path from 'node:path';
import type { Context } from '../context.js';
import {
  AlreadySigned,
  Cancelled,
  EnvironmentError,
  LikelyDuplicate,
  UsageError,
} from '../errors.js';
import { cannotCommit, commitPaths, isRepo } from '../git.js';
import { insertEvent } from '../letter/changelog.js';
import {
  type Contact,
  contactSchema,
  emailKey,
  emailOwners,
  maskContact,
} from '../letter/contacts.js';
import { countryCodes, countryName } from '../letter/countries.js';
import { parseCountryName, unknownCountryReason } from '../letter/country-names.js';
import { parseTimestampInput, toIsoTimestamp } from '../letter/dates.js';
import {
  type DuplicateMatch,
  type IndexedName,
  type NameColumns,
  NameIndex,
} from '../letter/duplicates.js';
import { lookupGroup } from '../letter/groups.js';
import type { ErasedRecord, LetterFile, Signature } from '../letter/schema.js';
import {
  InvalidSignatureInput,
  indexOf,
  publishedStatuses,
  SIGNATURE_INPUT_FIELDS,
  type SignatureInput,
  sign as signLetter,
} from '../letter/signatures.js';
import { deriveSortKey, sortKeyToWrite } from '../letter/sort-key.js';
import { textVersion } from '../letter/text-version.js';
import type { Prompts } from '../prompts.js';
import { identityOf } from '../storage/file-stats.js';
import { CHANGELOG_FILE, readBytes, readText, SIGNATURES_DIR } from '../storage/layout.js';
import {
  type IndexOrigin,
  indexKey,
  readLetterIndex,
  writeLetterIndex,
} from '../storage/letter-index.js';
import {
  changelogChange,
  eventChanges,
  loadLetterFile,
  loadValidLetter,
  resolveLetterDir,
  signatureChange,
  signatureText,
  type ValidLetter,
  withLetterLock,
} from '../storage/letter-store.js';
import { contactsChanges, isPrivateFile, readContacts } from '../storage/private-store.js';
import { addToSum, type ScanSum, scanSignatures, scanSum } from '../storage/signature-scan.js';
import { type FileChange, writeAll } from '../storage/transaction.js';
import type { Style } from '../terminal.js';
import { trace } from '../trace.js';

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
  github?: string | undefined;
  /** Private contact details: kept in the letter's private store, never in a public file. */
  email?: string | undefined;
  phone?: string | undefined;
  yes?: boolean | undefined;
  dryRun?: boolean | undefined;
  allowSimilar?: boolean | undefined;
  commit?: boolean | undefined;
  /** How errors name a field instead of its flag (`sign --from-issue` names the issue form's labels). */
  fieldNames?: Readonly<Record<string, string>> | undefined;
}

/** What `letter sign` did: the new signature, likely duplicates a person allowed, and the files written (none on a dry run). */
export interface SignResult {
  letter: string;
  signature: Signature;
  /** False when the letter requires verification: renders leave the signature out until `letter verify`. */
  published: boolean;
  similar: DuplicateMatch[];
  /** Names on the letter that possibly match: reported, not asked about. */
  possible: DuplicateMatch[];
  dryRun: boolean;
  written: string[];
  /** The commit made with --commit. */
  commit?: string;
}

/** The flag of each field (`sort_as` → `--sort-as`): how this command names a field the domain refuses. */
const FLAG_OF: Readonly<Record<string, string>> = Object.fromEntries(
  SIGNATURE_INPUT_FIELDS.map((f) => [f, `--${f.replaceAll('_', '-')}`]),
);

/**
 * Signs a person onto a letter.
 * @throws UsageError (exit 2) for a missing or malformed flag without a terminal, naming the flag.
 * @throws AlreadySigned, ErasedSignatory (exit 1) when the name is on the letter or was erased; nothing is written.
 * @throws LikelyDuplicate (exit 1) without --allow-similar or a person's confirmation.
 * @throws Cancelled (exit 130) when the person says no or presses Ctrl-C at a prompt.
 */
export async function sign(options: SignOptions, ctx: Context): Promise<SignResult> {
  trace('sign: start');
  const dir = await resolveLetterDir(options.letter, ctx.cwd);
  const shown = path.relative(ctx.cwd, dir) || '.';
  const letter = await loadLetterFile(dir, ctx.cwd);
  const input = await gatherInput(options, letter, ctx);
  const contact = contactOf(options);
  if (options.commit) {
    if (!(await isRepo(ctx.cwd)))
      throw new UsageError('--commit: the working directory is not inside a git repository.');
    const why = await cannotCommit(ctx.cwd);
    if (why)
      throw new EnvironmentError(`--commit: cannot commit now: ${why}; nothing was written.`);
  }
  let allowSimilar = Boolean(options.allowSimilar);

  const attempt = async () => {
    const state = await letterState(dir, shown, ctx);
    const contacts = contact.email ? await readContacts(dir, ctx.cwd) : {};
    const { ids, names, statuses } = state.names;
    const owner = (i: number): IndexedName => ({
      id: ids[i]!,
      name: names[i]!,
      status: statuses[i]!,
    });
    try {
      const { signature, similar, possible } = signLetter(state.letter, [], input, ctx.now(), {
        erased: state.erased,
        textVersion: textVersion(state.body),
        index: new NameIndex(state.names),
        takenIds: new Set([...state.names.ids, ...state.erased.map((e) => e.id)]),
        allowSimilar,
        ...(contact.email
          ? { email: { key: emailKey(contact.email), owners: emailOwners(ids, contacts, owner) } }
          : {}),
      });
      return { state, signature, similar, possible, contacts };
    } catch (e) {
      if (e instanceof InvalidSignatureInput)
        throw new UsageError(
          `${options.fieldNames?.[e.field] ?? FLAG_OF[e.field] ?? e.field}: ${e.field} ${e.reason}`,
        );
      if (
        e instanceof AlreadySigned &&
        e.match.kind === 'look-alike' &&
        e.match.status !== 'withdrawn' &&
        e.match.status !== 'rejected'
      )
        e.hint = `See every signature with: letter list ${shown} --status all`;
      throw e;
    }
  };

  if (ctx.interactive) {
    const ask = await ctx.prompts();
    let preview: Awaited<ReturnType<typeof attempt>>;
    try {
      preview = await attempt();
    } catch (e) {
      if (!(e instanceof LikelyDuplicate) && !(e instanceof AlreadySigned && e.decidable)) throw e;
      ctx.stderr.write(
        `${ctx.errStyle.yellow('warning:')} ${e.message.replace('; nothing was written', '')}\n`,
      );
      if (!(await ask.confirm('Is this a different person? Sign anyway?', false)))
        throw new Cancelled();
      allowSimilar = true;
      preview = await attempt();
    }
    if (!options.yes && !options.dryRun) {
      ctx.stderr.write(`\n${formatEntry(preview.signature, letter, ctx.errStyle)}\n\n`);
      if (!(await ask.confirm('Add this signature?', true))) throw new Cancelled();
    }
  }
  if (options.dryRun) {
    const { signature, similar, possible } = await attempt();
    return {
      letter: shown,
      signature,
      published: isPublished(letter, signature),
      similar,
      possible,
      dryRun: true,
      written: [],
    };
  }
  const result = await withLetterLock(dir, async () => {
    const { state, signature, similar, possible, contacts } = await attempt();
    const target = { dir, letter: state.letter, files: new Map<string, string>() };
    const signatureFile = signatureChange(target, signature);
    const files = await writeAll([
      signatureFile,
      ...(contact.email || contact.phone
        ? await contactsChanges(dir, { ...contacts, [signature.id]: contact }, ctx.cwd)
        : []),
      ...(await changelogAfter(state, signature, ctx)),
    ]);
    trace('sign: written');
    await indexAfter(state, signature, signatureFile.path);
    trace('sign: index written');
    const written = files.map((f) => path.relative(ctx.cwd, f));
    let commit: string | undefined;
    if (options.commit) {
      // The private store never goes in a commit: git ignores it, and it is never forced in.
      const shared = files
        .filter((f) => !isPrivateFile(dir, f))
        .map((f) => path.relative(ctx.cwd, f));
      try {
        commit = await commitPaths(ctx.cwd, shared, `Sign: ${signature.name}`);
      } catch (e) {
        const why = ((e as { stderr?: string }).stderr ?? (e as Error).message)
          .trim()
          .split('\n')[0];
        throw new EnvironmentError(
          `signed ${signature.name} (${signature.id}), but the commit failed: ${why}`,
          `Commit the files yourself: git add -- ${shared.join(' ')} && git commit -- ${shared.join(' ')}`,
        );
      }
    }
    return {
      letter: shown,
      signature,
      published: isPublished(state.letter, signature),
      similar,
      possible,
      dryRun: false,
      written,
      ...(commit ? { commit } : {}),
    };
  });
  return result;
}

/** What signing needs of the letter as it is now: the letter, its body, the names on it and the erasure records. */
interface LetterState {
  dir: string;
  letter: LetterFile;
  body: string;
  names: NameColumns;
  erased: ErasedRecord[];
  /** The sum of the signature files (see signature-scan.ts), for the next index. */
  sum: ScanSum;
  /** The whole letter, when it was read (no usable index). */
  full?: ValidLetter;
  /** CHANGELOG.md's bytes, when the index says it is in step. */
  changelog?: Buffer;
  /** The index file the names came from, if they did. */
  origin?: IndexOrigin;
}

/**
 * The letter as it is now: from the letter index (letter-index.ts) when no file changed
 * since the last sign and CHANGELOG.md can take one more line; else from every file.
 * @throws InvalidLetter when a file of the letter has errors.
 */
async function letterState(dir: string, shown: string, ctx: Context): Promise<LetterState> {
  trace('sign: scan');
  const scan = await scanSignatures(dir, shown, 0.3);
  // The index is read while a worker stats most of the files; its key is then checked against them.
  const statting = scan.stats;
  trace('sign: read index');
  const stored = await readLetterIndex(dir);
  await statting;
  trace('sign: sum');
  const sum = await scanSum(scan);
  trace('sign: state known');
  if (stored && stored.key === (await indexKey(dir, sum))) {
    const letter = await loadLetterFile(dir, ctx.cwd);
    const body = await readText(path.join(dir, letter.body), path.join(shown, letter.body));
    const changelog = stored.index.changelogInStep
      ? await readBytes(
          path.join(dir, CHANGELOG_FILE),
          path.join(shown, CHANGELOG_FILE),
          Number.MAX_SAFE_INTEGER,
        )
      : undefined;
    if (body !== undefined && (letter.changelog === 'on-merge' || changelog !== undefined))
      return {
        dir,
        letter,
        body,
        names: stored.index.names,
        erased: stored.index.erased,
        sum,
        origin: stored.origin,
        ...(changelog === undefined ? {} : { changelog }),
      };
  }
  const full = await loadValidLetter(dir, ctx.cwd, scan);
  const names = indexOf(
    full.signatures.map((l) => l.signature),
    full.signatures.map((l) => l.seed),
  ).columns;
  return { dir, letter: full.letter, body: full.body, names, erased: full.erased, sum, full };
}

/** The CHANGELOG.md change of a sign: one line inserted when the index allows it, else the whole changelog rendered. */
async function changelogAfter(
  state: LetterState,
  signature: Signature,
  ctx: Context,
): Promise<FileChange[]> {
  if (state.letter.changelog === 'on-merge') return [];
  const inserted =
    state.changelog === undefined
      ? undefined
      : insertEvent(state.changelog, {
          at: signature.signed_at,
          kind: 'signed',
          id: signature.id,
          name: signature.name,
        });
  if (inserted !== undefined) return [changelogChange(state.dir, inserted)];
  state.full ??= await loadValidLetter(state.dir, ctx.cwd);
  return eventChanges(
    state.dir,
    state.letter,
    [...state.full.signatures.map((s) => s.signature), signature],
    state.erased,
  );
}

/**
 * Moves the letter index on to the state after a sign: the files as they were, plus the
 * signature file just written at `file`, and CHANGELOG.md in step (it was just written whole
 * or one line added). Nothing happens when the file cannot be stat-ed: the next sign reads
 * the whole letter.
 */
async function indexAfter(state: LetterState, signature: Signature, file: string): Promise<void> {
  const st = lstatSync(file, { throwIfNoEntry: false });
  if (!st) return;
  const sum = { ...state.sum };
  addToSum(
    sum,
    `${path.relative(path.join(state.dir, SIGNATURES_DIR), path.dirname(file))}/${path.basename(file)}`,
    identityOf(st),
  );
  // The columns the sign's name index adopted: adding to the index adds to them.
  new NameIndex(state.names).add(signature);
  await writeLetterIndex(
    state.dir,
    await indexKey(state.dir, sum),
    {
      sum,
      names: state.names,
      erased: state.erased,
      changelogInStep: state.letter.changelog === 'append',
    },
    state.origin,
  );
}

function contactOf(o: SignOptions): Contact {
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
async function gatherInput(
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

function isPublished(letter: LetterFile, s: Signature): boolean {
  return publishedStatuses(letter).includes(s.status);
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

/** The human view of a sign: what was added and which files changed. */
export function formatSign(r: SignResult, style: Style): string {
  const head = r.dryRun
    ? `${style.yellow('Dry run:')} would sign ${style.bold(r.signature.name)} as ${r.signature.id}; nothing written.\n\n` +
      signatureText(r.signature).trimEnd().replace(/^/gm, '  ')
    : `${style.green('Signed:')} ${style.bold(r.signature.name)} (${r.signature.id}, ${r.signature.status})`;
  const pending = r.published
    ? []
    : [
        style.dim(
          `  This letter requires verification: renders show it after \`${style.command(`letter verify ${r.letter} ${r.signature.id}`)}\`.`,
        ),
      ];
  const similar = r.similar.map((m) =>
    style.yellow(`  recorded as a different person from ${m.id} ("${m.name}"): ${m.reason}`),
  );
  const possible = r.possible.map((m) =>
    style.dim(`  possibly the same person as ${m.id} ("${m.name}"): ${m.reason}`),
  );
  const commit = r.commit ? [`  committed ${r.commit} "Sign: ${r.signature.name}"`] : [];
  return [
    head,
    ...similar,
    ...possible,
    ...r.written.map((f) => `  wrote ${f}`),
    ...commit,
    ...pending,
  ].join('\n');
}
