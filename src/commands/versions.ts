/** `letter versions <letter>`: the versions of the letter's text, named v1, v2, ... from git history. */
import type { Context } from '../context.js';
import type { NamedVersion } from '../letter/text-versions.js';
import type { SkippedFile } from '../storage/letter-store.js';
import type { HistoryDepth } from '../storage/text-history.js';
import type { Style } from '../terminal.js';
import { loadLetterVersions } from './shared/text-versions.js';

/** Options of `letter versions`. */
export interface VersionsOptions {
  letter: string;
}

/** The versions of the text (see `nameTextVersions`), the current one marked. */
export interface VersionsResult {
  letter: string;
  /** The body file, as shown (letters/x/letter.md). */
  file: string;
  /** The current version's name. */
  current: string;
  /** How much git history there was: full, shallow, untracked (never committed) or none; `note` says what is missing. */
  history: { depth: HistoryDepth; note: string | null };
  versions: NamedVersion[];
  /** Signature files left out because they have errors (their versions are not counted). */
  skipped: SkippedFile[];
}

/** Lists the versions of a letter's text. @throws InvalidLetter; UserError when the body is missing. */
export async function versions(o: VersionsOptions, ctx: Context): Promise<VersionsResult> {
  const { loaded, versions: v } = await loadLetterVersions(o.letter, ctx);
  return {
    letter: loaded.shown,
    file: loaded.bodyFile,
    current: v.versions.find((x) => x.current)!.name,
    history: v.history,
    versions: v.versions,
    skipped: loaded.skipped,
  };
}

/** What a version is to people: when, which commit, who agreed to it, why it was made. */
function details(v: NamedVersion, style: Style): string {
  const { pending, verified } = v.signatories;
  const people = pending + verified;
  const parts = [
    people === 0
      ? 'no signatory'
      : `${people} ${people === 1 ? 'signatory' : 'signatories'} (${[
          verified ? `${verified} verified` : '',
          pending ? `${pending} pending` : '',
        ]
          .filter(Boolean)
          .join(', ')})`,
    ...(v.translations.length ? [`translated to ${v.translations.join(', ')}`] : []),
    ...(v.revision ? [`revised: ${v.revision.reason}`] : []),
  ];
  return parts.map((p) => style.dim(p)).join(style.dim(' · '));
}

/** One line per version, oldest first, `*` on the current; versions history lacks after them. */
export function formatVersions(r: VersionsResult, style: Style): string {
  const known = r.versions.filter((v) => v.inHistory);
  const recorded = r.versions.filter((v) => !v.inHistory);
  const width = Math.max(...known.map((v) => v.name.length));
  const lines = [
    `${style.bold(r.file)}: ${known.length} ${known.length === 1 ? 'version' : 'versions'}, now ${r.current}`,
    ...known.map((v) => {
      // As wide as a timestamp, two spaces and a short commit hash.
      const when = v.uncommitted
        ? 'not committed yet'.padEnd(29)
        : `${v.firstSeen}  ${v.commit!.slice(0, 7)}`;
      const name = v.current
        ? style.bold(`* ${v.name.padEnd(width)}`)
        : `  ${v.name.padEnd(width)}`;
      return `${name}  ${style.dim(v.hash)}  ${when}  ${details(v, style)}`;
    }),
  ];
  if (recorded.length > 0)
    lines.push(
      '',
      `Recorded, but the text is not found in history:`,
      ...recorded.map(
        (v) => `  ${v.hash}  first recorded ${v.firstSeen ?? '-'}  ${details(v, style)}`,
      ),
    );
  return lines.join('\n');
}
