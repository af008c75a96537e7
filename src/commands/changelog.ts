/**
 * `letter changelog <letter>`: rebuilds CHANGELOG.md from the signature files, leaving out
 * (and naming on stderr) the signatures the publishing gate refuses, as render does.
 */
import path from 'node:path';
import type { Context } from '../context.js';
import { publishedChangelog } from '../letter/changelog.js';
import type { LeftOut } from '../letter/publishing.js';
import { shownPath } from '../shown-path.js';
import { changelogChanges } from '../storage/changelog-file.js';
import {
  loadLetterRefusingErrors,
  resolveLetterDir,
  withLetterLock,
} from '../storage/letter-store.js';
import { writeAll } from '../storage/transaction.js';
import type { Style } from '../terminal.js';
import { warnLeftOut } from './shared/letter-warnings.js';

/** Options of `letter changelog`. */
export interface ChangelogOptions {
  letter: string;
}

/** Whether CHANGELOG.md changed, its path, its events and the signatures left out of it. */
export interface ChangelogResult {
  file: string;
  changed: boolean;
  events: number;
  leftOut: LeftOut[];
}

/** Rewrites CHANGELOG.md when it differs from what the signatures the publishing gate lets through give. @throws InvalidLetter */
export async function changelog(o: ChangelogOptions, ctx: Context): Promise<ChangelogResult> {
  const dir = await resolveLetterDir(o.letter, ctx.cwd);
  return withLetterLock(dir, async () => {
    const loaded = await loadLetterRefusingErrors(dir, ctx.cwd);
    const signatures = loaded.signatures.map((s) => s.signature);
    const { text, leftOut } = publishedChangelog(
      loaded.letter,
      signatures,
      loaded.erased,
      loaded.signatures.map((s) => s.key),
    );
    warnLeftOut(ctx, leftOut, loaded.shown);
    const changed = text !== loaded.changelog;
    if (changed) await writeAll(changelogChanges(dir, loaded.letter, { after: 'rebuild', text }));
    return {
      file: shownPath(ctx.cwd, path.join(dir, 'CHANGELOG.md')),
      changed,
      events: text.split('\n').filter((l) => l.startsWith('- ')).length,
      leftOut,
    };
  });
}

/** "wrote <file>" or "<file> is up to date". */
export function formatChangelog(r: ChangelogResult, style: Style): string {
  return r.changed
    ? `${style.green('Rebuilt')} ${r.file} (${r.events} events)`
    : `${r.file} is up to date (${r.events} events)`;
}
