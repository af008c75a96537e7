/** `letter changelog <letter>`: rebuilds CHANGELOG.md from the signature files. */
import path from 'node:path';
import type { Context } from '../context.js';
import { renderChangelog } from '../letter/changelog.js';
import { changelogChange, loadValidLetter, resolveLetterDir, withLetterLock } from '../storage/letter-store.js';
import { writeAll } from '../storage/transaction.js';
import type { Style } from '../terminal.js';

/** Options of `letter changelog`. */
export interface ChangelogOptions {
  letter: string;
}

/** Whether CHANGELOG.md changed, and its path. */
export interface ChangelogResult {
  file: string;
  changed: boolean;
  events: number;
}

/** Rewrites CHANGELOG.md when it differs from what the signatures give. @throws InvalidLetter */
export async function changelog(o: ChangelogOptions, ctx: Context): Promise<ChangelogResult> {
  const dir = await resolveLetterDir(o.letter, ctx.cwd);
  return withLetterLock(dir, async () => {
    const loaded = await loadValidLetter(dir, ctx.cwd);
    const signatures = loaded.signatures.map((s) => s.signature);
    const text = renderChangelog(loaded.letter, signatures, loaded.erased);
    const changed = text !== loaded.changelog;
    if (changed) await writeAll([changelogChange(dir, text)]);
    return { file: path.relative(ctx.cwd, path.join(dir, 'CHANGELOG.md')), changed, events: text.split('\n').filter((l) => l.startsWith('- ')).length };
  });
}

/** "wrote <file>" or "<file> is up to date". */
export function formatChangelog(r: ChangelogResult, style: Style): string {
  return r.changed ? `${style.green('Rebuilt')} ${r.file} (${r.events} events)` : `${r.file} is up to date (${r.events} events)`;
}
