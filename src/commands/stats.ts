/** `letter stats <letter>`: totals by status, group, country and day, with bar charts in the terminal. */
import type { Context } from '../context.js';
import { type EmbargoFields, embargoFields, publication } from '../letter/embargo.js';
import { computeStats, type LetterStats, type Tally } from '../letter/stats.js';
import {
  loadLetterSkippingInvalidFiles,
  resolveLetterDir,
  type SkippedFile,
} from '../storage/letter-store.js';
import type { Style } from '../terminal.js';
import { columnsOf, fitColumns } from '../terminal-columns.js';
import { warnEmbargo } from './shared/letter-warnings.js';

/** Options of `letter stats`. */
export interface StatsOptions {
  letter: string;
}

/** The totals, and the letter they are of; `embargoed` while it is a draft or before its embargo (stderr says so). */
export type StatsResult = LetterStats &
  EmbargoFields & {
    letter: string;
    /** Files left out because they have errors (see `loadLetterSkippingInvalidFiles`); a warning on stderr names them. */
    skipped: SkippedFile[];
  };

/** Computes the totals of a letter. @throws InvalidLetter when letter.yaml is invalid. */
export async function stats(o: StatsOptions, ctx: Context): Promise<StatsResult> {
  const loaded = await loadLetterSkippingInvalidFiles(
    await resolveLetterDir(o.letter, ctx.cwd),
    ctx.cwd,
  );
  const now = ctx.now();
  warnEmbargo(ctx, publication(loaded.letter, now), loaded.shown, 'these totals are');
  return {
    letter: loaded.shown,
    ...embargoFields(loaded.letter, now),
    skipped: loaded.skipped,
    ...computeStats(
      loaded.letter,
      loaded.signatures.map((s) => s.signature),
    ),
  };
}

const WIDTH = 40;

/** Horizontal bars scaled to the largest count, one line per key; at most `limit` lines. */
export function bars(rows: readonly Tally[], style: Style, limit = 20): string[] {
  const shown = rows.slice(0, limit);
  const max = Math.max(1, ...shown.map((r) => r.count));
  const labelWidth = Math.min(36, Math.max(...shown.map((r) => columnsOf(r.label)), 4));
  const lines = shown.map((r) => {
    const eighths = Math.round((r.count / max) * WIDTH * 8);
    const bar = '█'.repeat(Math.floor(eighths / 8)) + (eighths % 8 ? ' ▏▎▍▌▋▊▉'[eighths % 8] : '');
    const label = fitColumns(r.label, labelWidth);
    return `  ${label} ${style.cyan(bar || '▏')} ${r.count}`;
  });
  if (rows.length > limit) lines.push(style.dim(`  … and ${rows.length - limit} more`));
  return lines;
}

/** The human view: a heading and bars for each tally. */
export function formatStats(r: StatsResult, style: Style): string {
  const section = (title: string, rows: Tally[], limit?: number) => [
    style.bold(title),
    ...(rows.length ? bars(rows, style, limit) : [style.dim('  (none)')]),
    '',
  ];
  return [
    `${style.bold(r.letter)}: ${r.total} ${r.total === 1 ? 'signature' : 'signatures'}`,
    '',
    ...section('By status', r.byStatus),
    ...section('By group', r.byGroup),
    ...section('By country', r.byCountry, 15),
    ...section('By day (UTC)', r.byDay.slice(-30), 30),
  ]
    .join('\n')
    .trimEnd();
}
