/**
 * The shared step of `withdraw` and `verify`: under the letter's lock, change some
 * signatures with a pure function, then write them and the changelog. Every change is
 * computed before anything is written, so a refused id leaves every file as it was.
 */
import type { Context } from '../context.js';
import { UsageError, UserError } from '../errors.js';
import { type Signature, signatureSchema } from '../letter/schema.js';
import { getSignature } from '../letter/signatures.js';
import { shownPath } from '../shown-path.js';
import { changelogChanges } from '../storage/changelog-file.js';
import {
  loadLetterRefusingErrors,
  resolveLetterDir,
  signatureChange,
  type ValidLetter,
  withLetterLock,
} from '../storage/letter-store.js';
import { type FileChange, writeAll } from '../storage/transaction.js';

// The flag that set each field a command changes, to name in errors.
const FLAG_OF: Record<string, string> = {
  'verified.by': '--by',
  'verified.evidence': '--evidence',
  'withdrawn.by': '--by',
  'withdrawn.reason': '--reason',
  'rejected.by': '--by',
  'rejected.reason': '--reason',
};

/** Signatures changed by a command and the files written (relative to the working directory). */
export interface UpdateResult {
  letter: string;
  signatures: Signature[];
  written: string[];
}

/**
 * Applies `change` to the signatures with `ids` in the letter `letterArg`.
 * @throws SignatureNotFound or whatever `change` throws, before anything is written.
 */
export async function updateSignatures(
  letterArg: string,
  ids: readonly string[],
  /** The change of one signature; `loaded` is the letter as read under its lock. */
  change: (s: Signature, now: Date, loaded: ValidLetter) => Signature,
  ctx: Context,
  /** Runs on the loaded letter before any change; throws to refuse (nothing is written). */
  guard?: (all: readonly Signature[], shown: string) => void,
  /** Like `change`, for a change that needs the other signatures of the letter. */
  changeWithAll?: (s: Signature, all: readonly Signature[]) => Signature,
  /** Files to write in the same change (the private store's consent records), from the changed signatures; throws to refuse. */
  alsoWrite?: (changed: Signature[], loaded: ValidLetter) => Promise<FileChange[]>,
): Promise<UpdateResult> {
  const dir = await resolveLetterDir(letterArg, ctx.cwd);
  return withLetterLock(dir, async () => {
    const loaded = await loadLetterRefusingErrors(dir, ctx.cwd);
    const all = loaded.signatures.map((s) => s.signature);
    guard?.(all, loaded.shown);
    const now = ctx.now();
    const changed = new Map<string, Signature>();
    for (const id of ids) {
      let current: Signature;
      try {
        current = changed.get(id) ?? getSignature(all, id);
      } catch (e) {
        if (e instanceof UserError)
          e.hint = `List the ids with: letter list ${loaded.shown} --status all`;
        throw e;
      }
      const once = change(current, now, loaded);
      const next = changeWithAll ? changeWithAll(once, all) : once;
      const { id: _id, ...fields } = next;
      const check = signatureSchema.safeParse(fields);
      if (!check.success) {
        const issue = check.error.issues[0]!;
        const field = issue.path.join('.');
        throw new UsageError(`${FLAG_OF[field] ?? field}: ${issue.message}`);
      }
      changed.set(id, next);
    }
    const extra = alsoWrite ? await alsoWrite([...changed.values()], loaded) : [];
    const written = await writeAll([
      ...[...changed.values()].map((s) => signatureChange(loaded, s)),
      ...extra,
      ...changelogChanges(dir, loaded.letter, {
        after: 'events',
        signatures: all.map((s) => changed.get(s.id) ?? s),
        erased: loaded.erased,
      }),
    ]);
    return {
      letter: shownPath(ctx.cwd, dir) || '.',
      signatures: [...changed.values()],
      written: written.map((f) => shownPath(ctx.cwd, f)),
    };
  });
}
