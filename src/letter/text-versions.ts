/**
 * Names for the versions of a letter's text: `v1`, `v2`, ... in the order git history first
 * holds each text, so that people can say which text a signatory agreed to and ask what
 * changed since (`letter versions`, `letter diff`, `list`, renders). A version is a
 * `textVersion` hash: re-saving the body with other line ends makes no new version.
 */
import type { LetterFile, Signature } from './schema.js';
import { textVersion } from './text-version.js';

/** One text of the body in history: the commit that made it, when (ISO 8601 UTC) and the text. */
export interface HistoryText {
  commit: string;
  at: string;
  text: string;
}

/** One version of the letter's text. */
export interface NamedVersion {
  /** `v1`, `v2`, ... for a text history or the working copy holds; the hash itself for one only recorded. */
  name: string;
  /** The text version, `sha256:` and 12 hex digits (see `textVersion`). */
  hash: string;
  /**
   * When history first holds it (its commit's date, ISO 8601 UTC); for a version only
   * recorded, the earliest signature or revision that names it; null for the working copy.
   */
  firstSeen: string | null;
  /** The commit that first holds it (full hash), or null. */
  commit: string | null;
  /** True for the working copy's text when no commit holds it yet. */
  uncommitted: boolean;
  /** False when neither history nor the working copy holds the text: it is only recorded (on a signature, a translation or a revision). */
  inHistory: boolean;
  /** True for the body's text as it is now. */
  current: boolean;
  /** Signatories (not withdrawn or rejected) whose signature records this version, by status. */
  signatories: { pending: number; verified: number };
  /** The languages whose translation was made from this version (`translations.<lang>.source`). */
  translations: string[];
  /** The last `revisions:` entry of letter.yaml for this version: why the text became it. */
  revision: { at: string; reason: string; by: string | null } | null;
}

/** The named versions of a letter's text, and their texts where known. */
export interface TextVersions {
  /** In order: history's versions oldest first, the working copy's if new, then those only recorded (by first seen). */
  versions: NamedVersion[];
  /** The current version's hash. */
  current: string;
  /** The text of each version history or the working copy holds, by hash. */
  texts: ReadonlyMap<string, string>;
}

/** What `nameTextVersions` needs: history oldest first, the body as it is now, and the letter's records. */
export interface VersionSources {
  history: readonly HistoryText[];
  body: string;
  letter: LetterFile;
  signatures: Iterable<Signature>;
}

/**
 * Names every version of the letter's text. Each distinct text of `history` (oldest first)
 * gets the next name from `v1`, in order of first appearance; the body, when history does
 * not hold it, is the next (uncommitted). A hash recorded on a signature, a translation
 * source or a `revisions:` entry that neither holds is listed too, named by its hash.
 */
export function nameTextVersions(s: VersionSources): TextVersions {
  const byHash = new Map<string, NamedVersion>();
  const texts = new Map<string, string>();
  const add = (hash: string, v: Partial<NamedVersion>) => {
    let found = byHash.get(hash);
    if (found === undefined) {
      found = {
        name: hash,
        hash,
        firstSeen: null,
        commit: null,
        uncommitted: false,
        inHistory: false,
        current: false,
        signatories: { pending: 0, verified: 0 },
        translations: [],
        revision: null,
        ...v,
      };
      byHash.set(hash, found);
    }
    return found;
  };
  let n = 0;
  for (const h of s.history) {
    const hash = textVersion(h.text);
    if (byHash.has(hash)) continue;
    texts.set(hash, h.text);
    add(hash, { name: `v${++n}`, firstSeen: h.at, commit: h.commit, inHistory: true });
  }
  const current = textVersion(s.body);
  if (!byHash.has(current)) {
    texts.set(current, s.body);
    add(current, { name: `v${++n}`, uncommitted: true, inHistory: true });
  }
  byHash.get(current)!.current = true;
  // Only recorded: seen first when the first signature or revision named it.
  const seen = (v: NamedVersion, at: string) => {
    if (!v.inHistory && (v.firstSeen === null || at < v.firstSeen)) v.firstSeen = at;
  };
  for (const sig of s.signatures) {
    if (sig.text_version === undefined) continue;
    const v = add(sig.text_version, {});
    seen(v, sig.signed_at);
    if (sig.status === 'pending' || sig.status === 'verified') v.signatories[sig.status]++;
  }
  for (const r of s.letter.revisions ?? []) {
    const v = add(r.text, {});
    seen(v, r.at);
    v.revision = { at: r.at, reason: r.reason, by: r.by ?? null };
  }
  for (const [lang, t] of Object.entries(s.letter.translations ?? {}))
    add(t.source, {}).translations.push(lang);
  const all = [...byHash.values()];
  const recorded = all
    .filter((v) => !v.inHistory)
    .sort((a, b) => (a.firstSeen ?? '').localeCompare(b.firstSeen ?? ''));
  return { versions: [...all.filter((v) => v.inHistory), ...recorded], current, texts };
}

/** The name of each version, by hash: one lookup per signatory however long the list. */
export function versionNames(v: TextVersions): Map<string, string> {
  return new Map(v.versions.map((x) => [x.hash, x.name]));
}

/**
 * The version `ref` names: `current`, a name (`v2`), or a hash (`sha256:` and 12 hex
 * digits, or the 12 hex digits alone); undefined when it names none.
 */
export function findVersion(v: TextVersions, ref: string): NamedVersion | undefined {
  const r = ref.trim();
  if (r === 'current') return v.versions.find((x) => x.current);
  const hash = /^[0-9a-f]{12}$/.test(r) ? `sha256:${r}` : r;
  return v.versions.find((x) => x.name === r || x.hash === hash);
}

/**
 * The version to compare the current one with by default: the latest other version whose
 * text is known (the one before the current, or the one the text went back from); undefined
 * when there is none.
 */
export function previousVersion(v: TextVersions): NamedVersion | undefined {
  return v.versions.filter((x) => x.inHistory && !x.current).at(-1);
}
