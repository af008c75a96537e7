/**
 * `letter withdraw <letter> <id> --reason <text> [--erase]`: records a withdrawal (the file
 * stays as a record), or with --erase removes the person's name and details from every
 * file of the letter, keeping only a fingerprint so that the name cannot come back.
 */
import path from 'node:path';
import type { Context } from '../context.js';
import { erase, getSignature, withdraw as withdrawSignature } from '../letter/signatures.js';
import { eventChanges, erasedChange, loadValidLetter, removeSignatureChange, resolveLetterDir, withLetterLock } from '../storage/letter-store.js';
import { contactsChanges, readContacts } from '../storage/private-store.js';
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
export type WithdrawResult = UpdateResult & { erased?: string; removed?: string[] };

/**
 * Withdraws one signature: status `withdrawn` with when (ISO 8601 UTC), why and who.
 * With `erase`, replaces the signature file by an erasure record and drops its contacts.
 * @throws SignatureNotFound, InvalidTransition (already withdrawn); nothing is written then.
 */
export async function withdraw(o: WithdrawOptions, ctx: Context): Promise<WithdrawResult> {
  if (!o.erase) return updateSignatures(o.letter, [o.id], (s, now) => withdrawSignature(s, o.reason, now, o.by), ctx);
  const dir = await resolveLetterDir(o.letter, ctx.cwd);
  return withLetterLock(dir, async () => {
    const loaded = await loadValidLetter(dir, ctx.cwd);
    const all = loaded.signatures.map((s) => s.signature);
    const sig = getSignature(all, o.id);
    const record = erase(loaded.letter, sig, ctx.now());
    const contacts = await readContacts(dir, ctx.cwd);
    const hadContact = contacts[sig.id] !== undefined;
    delete contacts[sig.id];
    const removal = removeSignatureChange(loaded, sig.id);
    const changes = [
      erasedChange(loaded, record),
      ...(hadContact ? await contactsChanges(dir, contacts, ctx.cwd) : []),
      removal,
      ...eventChanges(dir, loaded.letter, all.filter((s) => s.id !== sig.id), [...loaded.erased, record]),
    ];
    await writeAll(changes);
    const rel = (c: { path: string }) => path.relative(ctx.cwd, c.path);
    return { letter: loaded.shown, signatures: [], erased: record.id, written: changes.filter((c) => c !== removal).map(rel), removed: [rel(removal)] };
  });
}

/** The human view of a withdrawal. */
export function formatWithdraw(r: WithdrawResult, style: Style): string {
  const lines = r.erased
    ? [`${style.yellow('Erased:')} the signatory's name and details left every file of the letter; ${r.erased} keeps a fingerprint so the name is refused if it comes back.`]
    : r.signatures.map((s) => `${style.yellow('Withdrawn:')} ${style.bold(s.name)} (${s.id}); the record stays, out of every render.`);
  return [...lines, ...(r.removed ?? []).map((f) => `  removed ${f}`), ...r.written.map((f) => `  wrote ${f}`)].join('\n');
}
