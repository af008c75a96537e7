/**
 * `letter withdraw <letter> <id> --reason <text> [--erase]`: records a withdrawal (the file
 * stays as a record), or with --erase removes the person's name and details from every
 * file of the letter, keeping only a fingerprint so that the name cannot come back.
 */
import type { Context } from '../context.js';
import { erase, getSignature, withdraw as withdrawSignature } from '../letter/signatures.js';
import { shownPath } from '../shown-path.js';
import { dropCaches } from '../storage/cache-dir.js';
import { changelogChanges } from '../storage/changelog-file.js';
import {
  erasedChange,
  loadLetterRefusingErrors,
  removeSignatureChange,
  resolveLetterDir,
  signatureChange,
  withLetterLock,
} from '../storage/letter-store.js';
import { privateRemovalsOf } from '../storage/outreach-store.js';
import { contactsChanges, readContacts } from '../storage/private-store.js';
import { defaultRenderFiles } from '../storage/render-files.js';
import { writeAll } from '../storage/transaction.js';
import type { Style } from '../terminal.js';
import { type UpdateResult, updateSignatures } from './update.js';

/** Options of `letter withdraw`. */
export interface WithdrawOptions {
  letter: string;
  id: string;
  reason: string;
  by?: string | undefined;
  erase?: boolean | undefined;
}

/** What a withdrawal did; `erased` is the erasure record's id after --erase. */
export type WithdrawResult = UpdateResult & {
  erased?: string;
  removed?: string[];
  rendersRemoved?: boolean;
};

/**
 * Withdraws one signature: status `withdrawn` with when (ISO 8601 UTC), why and who.
 * With `erase`, replaces the signature file by an erasure record, drops its contacts, its
 * invitation, consent records and evidence (the private store),
 * rewrites CHANGELOG.md (in every changelog mode), removes the renders in the default
 * `out/<slug>/` and drops the letter's caches: the name is left in no file `letter` wrote.
 * @throws SignatureNotFound, InvalidTransition (already withdrawn); nothing is written then.
 */
export async function withdraw(o: WithdrawOptions, ctx: Context): Promise<WithdrawResult> {
  if (!o.erase)
    return updateSignatures(
      o.letter,
      [o.id],
      (s, now) => withdrawSignature(s, o.reason, now, o.by),
      ctx,
    );
  const dir = await resolveLetterDir(o.letter, ctx.cwd);
  return withLetterLock(dir, async () => {
    const loaded = await loadLetterRefusingErrors(dir, ctx.cwd);
    const all = loaded.signatures.map((s) => s.signature);
    const sig = getSignature(all, o.id);
    const record = erase(loaded.letter, sig, ctx.now());
    const contacts = await readContacts(dir, ctx.cwd);
    const hadContact = contacts[sig.id] !== undefined;
    delete contacts[sig.id];
    const removal = removeSignatureChange(loaded, sig.id);
    // Renders made before hold the name: they go, to be made again (see formatWithdraw).
    const renders = await defaultRenderFiles(
      dir,
      loaded.letter.slug,
      [loaded.letter.language, ...Object.keys(loaded.letter.translations ?? {})],
      ctx.cwd,
    );
    // The private store keeps nothing of them either: invitation, consent records, evidence.
    const removals = [
      removal,
      ...(await privateRemovalsOf(dir, sig.id, ctx.cwd)),
      ...renders.map((f) => ({ path: f, text: null })),
    ];
    // Other signatures that name it as a different person name the erasure record instead: its id holds the name.
    const pointing = all
      .filter((s) => s.distinct_from?.includes(sig.id))
      .map((s) =>
        signatureChange(loaded, {
          ...s,
          distinct_from: s.distinct_from!.map((d) => (d === sig.id ? record.id : d)).sort(),
        }),
      );
    const changes = [
      erasedChange(loaded, record),
      ...(hadContact ? await contactsChanges(dir, contacts, ctx.cwd) : []),
      ...pointing,
      ...removals,
      ...changelogChanges(dir, loaded.letter, {
        after: 'erasure',
        signatures: all.filter((s) => s.id !== sig.id),
        erased: [...loaded.erased, record],
      }),
    ];
    await writeAll(changes);
    await dropCaches(dir);
    const rel = (c: { path: string }) => shownPath(ctx.cwd, c.path);
    return {
      letter: loaded.shown,
      signatures: [],
      erased: record.id,
      written: changes.filter((c) => !removals.includes(c)).map(rel),
      removed: removals.map(rel),
      ...(renders.length > 0 ? { rendersRemoved: true } : {}),
    };
  });
}

/** The human view of a withdrawal. */
export function formatWithdraw(r: WithdrawResult, style: Style): string {
  const lines = r.erased
    ? [
        `${style.yellow('Erased:')} the signatory's name and details left every file of the letter; ${r.erased} keeps a fingerprint so the name is refused if it comes back.`,
      ]
    : r.signatures.map(
        (s) =>
          `${style.yellow('Withdrawn:')} ${style.bold(s.name)} (${s.id}); the record stays, out of every render.`,
      );
  const again = r.rendersRemoved
    ? [
        `Renders made before the erasure were removed; make them again: ${style.command(`letter render ${r.letter}`)}`,
      ]
    : [];
  return [
    ...lines,
    ...(r.removed ?? []).map((f) => `  removed ${f}`),
    ...r.written.map((f) => `  wrote ${f}`),
    ...again,
  ].join('\n');
}
