/**
 * `letter sign <letter>`: adds one signature, from flags and, on a terminal, prompts
 * for what the flags left out (sign-questions.ts). What the sign reads of the letter and
 * writes to it is storage's (storage/sign-state.ts).
 */
import type { Context } from '../context.js';
import { AlreadySigned, UsageError } from '../errors.js';
import type { Contact } from '../letter/contacts.js';
import type { DuplicateMatch } from '../letter/duplicates.js';
import type { LetterFile, Signature } from '../letter/schema.js';
import {
  InvalidSignatureInput,
  publishedStatuses,
  type SignatureInput,
  sign as signLetter,
} from '../letter/signatures.js';
import { shownPath } from '../shown-path.js';
import { loadLetterYamlRefusingErrors, resolveLetterDir } from '../storage/letter-store.js';
import { readSignView, type SignView, withSignState } from '../storage/sign-state.js';
import { trace } from '../trace.js';
import { commitWritten, refuseUncommittable } from './shared/commit.js';
import {
  askForInput,
  confirmDifferentPerson,
  confirmEntry,
  contactOf,
  FLAG_OF,
} from './sign-questions.js';

export { formatSign } from './sign-format.js';

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
  const shown = shownPath(ctx.cwd, dir) || '.';
  const letter = await loadLetterYamlRefusingErrors(dir, ctx.cwd);
  const input = await askForInput(options, letter, ctx);
  const contact = contactOf(options);
  if (options.commit) await refuseUncommittable(ctx.cwd);
  let allowSimilar = Boolean(options.allowSimilar);
  const attempt = async (state: SignView) =>
    signOrExplain(state, input, contact, allowSimilar, options, shown, ctx);
  const result = (l: LetterFile, s: Attempt, written: string[]): SignResult => ({
    letter: shown,
    signature: s.signature,
    published: isPublished(l, s.signature),
    similar: s.similar,
    possible: s.possible,
    dryRun: Boolean(options.dryRun),
    written: written.map((f) => shownPath(ctx.cwd, f)),
  });

  if (ctx.interactive) {
    const view = await readSignView(dir, ctx);
    const preview = await attempt(view).catch(async (e: unknown) => {
      allowSimilar = await confirmDifferentPerson(e, ctx);
      return attempt(await readSignView(dir, ctx));
    });
    if (!options.yes && !options.dryRun) await confirmEntry(preview.signature, letter, ctx);
  }
  if (options.dryRun) {
    return result(letter, await attempt(await readSignView(dir, ctx)), []);
  }
  return withSignState(dir, ctx, async (state) => {
    const signed = await attempt(state);
    const files = await state.record(signed.signature, contact);
    const name = signed.signature.name;
    const commit = options.commit
      ? await commitWritten(
          ctx.cwd,
          dir,
          files,
          `Sign: ${name}`,
          `signed ${name} (${signed.signature.id})`,
        )
      : undefined;
    return { ...result(state.letter, signed, files), ...(commit ? { commit } : {}) };
  });
}

type Attempt = ReturnType<typeof signLetter>;

/**
 * Calls the domain's sign with what the letter knows; a field error becomes a usage error
 * naming its flag, and a look-alike already signed gets the hint to list every signature.
 */
async function signOrExplain(
  state: SignView,
  input: SignatureInput,
  contact: Contact,
  allowSimilar: boolean,
  options: SignOptions,
  shown: string,
  ctx: Context,
): Promise<Attempt> {
  const rules = await state.rules(contact);
  try {
    return signLetter(state.letter, [], input, ctx.now(), { ...rules, allowSimilar });
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
}

function isPublished(letter: LetterFile, s: Signature): boolean {
  return publishedStatuses(letter).includes(s.status);
}
