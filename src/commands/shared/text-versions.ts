/**
 * The named versions of a letter's text for the commands that show them (`versions`,
 * `diff`, `list`, `render`): history read once, a note on stderr when history is short.
 */
import type { Context } from '../../context.js';
import { UsageError, UserError } from '../../errors.js';
import type { LetterFile, Signature, SignatureStatus } from '../../letter/schema.js';
import { textVersion } from '../../letter/text-version.js';
import {
  findVersion,
  type NamedVersion,
  type TextVersions,
  versionNames,
} from '../../letter/text-versions.js';
import { loadLetterSkippingInvalidFiles, resolveLetterDir } from '../../storage/letter-store.js';
import { type HistoryDepth, letterTextVersions } from '../../storage/text-history.js';

/** The versions of a letter's text and how much history named them (see storage `bodyHistory`). */
export type LetterVersions = TextVersions & {
  history: { depth: HistoryDepth; note: string | null };
};

/** What naming versions needs of a loaded letter: its folder, how it is shown, letter.yaml and the body. */
export interface VersionedLetter {
  dir: string;
  shown: string;
  bodyFile: string;
  letter: LetterFile;
  body: string | undefined;
}

/**
 * Names the versions of the text of a loaded letter; when history is short (not a
 * repository, a shallow clone, a body never committed) says so on stderr, once.
 * @throws UserError when the letter's body file is missing.
 */
export async function versionsOf(
  l: VersionedLetter & { signatures: Iterable<Signature> },
  ctx: Context,
): Promise<LetterVersions> {
  if (l.body === undefined)
    throw new UserError(
      `${l.bodyFile} does not exist: the letter has no text to name versions of`,
      `write it, or set body: in ${l.shown}/letter.yaml`,
    );
  const v = await letterTextVersions({ ...l, body: l.body });
  if (v.history.note !== null)
    ctx.stderr.write(`${ctx.errStyle.yellow('note:')} ${v.history.note}\n`);
  return v;
}

/**
 * Loads the letter named `letter` (tolerating broken signature files, see
 * `loadLetterSkippingInvalidFiles`) and names the versions of its text (see `versionsOf`).
 * @throws InvalidLetter when letter.yaml has errors; UserError when the body is missing.
 */
export async function loadLetterVersions(letter: string, ctx: Context) {
  const loaded = await loadLetterSkippingInvalidFiles(
    await resolveLetterDir(letter, ctx.cwd),
    ctx.cwd,
  );
  const signatures = loaded.signatures.map((s) => s.signature);
  return { loaded, versions: await versionsOf({ ...loaded, signatures }, ctx) };
}

/** The names of some versions by hash, and the current version's hash (undefined without a body). */
export type VersionNames = ReadonlyMap<string, string> & { current: string | undefined };

/**
 * The names of the versions `hashes` (recorded on signatures), and the current version.
 * History is read only when there are hashes to name, so that a letter whose signatures
 * record no version, or only the current one, costs no git call; without a body, nothing
 * is named.
 */
export async function versionNamesFor(
  l: Parameters<typeof versionsOf>[0],
  hashes: ReadonlySet<string>,
  ctx: Context,
): Promise<VersionNames> {
  const current = l.body === undefined ? undefined : textVersion(l.body);
  if (hashes.size === 0 || l.body === undefined)
    return Object.assign(new Map<string, string>(), { current });
  return Object.assign(versionNames(await versionsOf(l, ctx)), { current });
}

/**
 * The names of the versions of the text that published signatories agreed to, when any
 * agreed to another than the current one (for the mark on them); git history is read only then.
 */
export async function earlierVersionNames(
  loaded: VersionedLetter & { body: string },
  signatures: readonly Signature[],
  statuses: readonly SignatureStatus[],
  ctx: Context,
): Promise<ReadonlyMap<string, string>> {
  const current = textVersion(loaded.body);
  const earlier = new Set<string>();
  for (const s of signatures)
    if (s.text_version !== undefined && s.text_version !== current && statuses.includes(s.status))
      earlier.add(s.text_version);
  return versionNamesFor({ ...loaded, signatures }, earlier, ctx);
}

/** The version `ref` names (`v2`, `current`, `sha256:...`). @throws UsageError naming the versions there are. */
export function versionNamed(v: LetterVersions, ref: string, file: string): NamedVersion {
  const found = findVersion(v, ref);
  if (found) return found;
  const names = v.versions.filter((x) => x.inHistory).map((x) => x.name);
  throw new UsageError(
    `"${ref}" is not a version of ${file}; it has ${names.join(', ')}`,
    'Name one of them, current, or a hash (sha256:...); letter versions lists them.',
  );
}

/**
 * The hash of the version of the text `--text` names for `invite` and `answer`: a name
 * (`v1`), a hash or `current`; undefined when no `--text` was given. Reads the letter and
 * its history only then.
 * @throws UsageError (`--text: ...`) for a version the letter's text never had, so that no
 *   one is recorded as agreeing to a text nobody saw.
 */
export async function textVersionOption(
  ref: string | undefined,
  letter: string,
  ctx: Context,
): Promise<string | undefined> {
  if (ref === undefined) return undefined;
  const { loaded, versions } = await loadLetterVersions(letter, ctx);
  try {
    return versionNamed(versions, ref, loaded.bodyFile).hash;
  } catch (e) {
    if (e instanceof UsageError) throw new UsageError(`--text: ${e.message}`, e.hint);
    throw e;
  }
}
