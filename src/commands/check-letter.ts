/**
 * The checks of one letter's files for `letter check` (see letter/check.ts for the rules),
 * the contact details in any of its public files, and the files of its private store that
 * git tracks.
 */
import path from 'node:path';
import type { Context } from '../context.js';
import { type Problem, problem } from '../errors.js';
import type { LoadedLetter } from '../storage/letter-store.js';
import { defaultTemplatesDir, loadTemplates } from '../storage/package-files.js';
import type { SignatureScan } from '../storage/signature-scan.js';
import { trace } from '../trace.js';

/** The problems of one letter's files, and the number of signature files. */
export interface LetterCheck {
  problems: Problem[];
  signatures: number;
  shown: string;
  /** The letter as loaded (absent when the result came from the memo). */
  loaded?: LoadedLetter;
}

/** True when `v` has the shape of a remembered `LetterCheck` (problems with file, line and column). */
export function isLetterCheck(v: unknown): v is LetterCheck {
  const c = v as LetterCheck | null;
  return (
    c !== null &&
    typeof c === 'object' &&
    typeof c.signatures === 'number' &&
    typeof c.shown === 'string' &&
    Array.isArray(c.problems) &&
    c.problems.every(
      (p) =>
        p !== null &&
        typeof p === 'object' &&
        typeof p.file === 'string' &&
        typeof p.line === 'number' &&
        typeof p.column === 'number' &&
        typeof p.message === 'string' &&
        (p.severity === 'error' || p.severity === 'warning'),
    )
  );
}

/** Loads the letter in `dir` (its signatures just scanned) and checks its files and rules. */
export async function checkFiles(
  dir: string,
  scan: SignatureScan,
  ctx: Context,
): Promise<LetterCheck> {
  // Loaded here, not above: a check answered from the memo needs no parser.
  const [
    { loadLetterAllowingErrors },
    { checkLetter },
    { allowedContactKey, findContactDetails, mayHoldContactDetails },
    { otherLetterTexts },
  ] = await Promise.all([
    import('../storage/letter-store.js'),
    import('../letter/check.js'),
    import('../letter/contact-details.js'),
    import('../storage/letter-texts.js'),
  ]);
  const loaded = await loadLetterAllowingErrors(dir, ctx.cwd, scan, { checking: true });
  // The private store's consent records, where the store is present (a staff member's clone).
  const { consentRecordIds } = await import('../storage/outreach-store.js');
  const consent = await consentRecordIds(dir, ctx.cwd);
  trace('check: loaded');
  // The organisers' public addresses may appear in the letter's own texts and templates, never in a signature or the changelog.
  const allowed = new Set((loaded.letter?.public_contacts ?? []).map(allowedContactKey));
  // Every other file of the folder (templates, a README, a stray file) is public too once committed.
  const others = await otherLetterTexts(
    dir,
    loaded.shown,
    new Set(loaded.texts.map((t) => t.file)),
  );
  const problems = [
    ...loaded.problems,
    ...loaded.contacts,
    ...(consent?.problems ?? []),
    ...[...loaded.texts, ...others].flatMap(
      (t: { file: string; text: string; bytes?: Uint8Array | undefined }) =>
        t.bytes && !mayHoldContactDetails(t.bytes)
          ? []
          : findContactDetails(t.text, t.file, {
              allowed: t.file === loaded.changelogFile ? undefined : allowed,
            }),
    ),
  ];
  if (loaded.letter) {
    problems.push(
      ...checkLetter({
        ...loaded,
        letter: loaded.letter,
        folderName: path.basename(dir),
        now: ctx.now(),
        unreadSignatures: loaded.unreadSignatures,
        consentRecords: consent?.records,
      }),
    );
    const { schemaProblems } = await import('../storage/schema-files.js');
    problems.push(...(await schemaProblems(dir, loaded.shown, loaded.letter)));
  }
  const custom = await loadTemplates([path.join(dir, 'templates')], ctx.cwd);
  if (custom.size > 0) {
    const { templateProblems } = await import('../render/render.js');
    const syntax = [...custom.values()].flatMap((t) => templateProblems(t));
    problems.push(...syntax);
    if (loaded.letter && loaded.body !== undefined && !syntax.some((p) => p.severity === 'error'))
      problems.push(...(await tryTemplates(dir, loaded, ctx)));
  }
  trace('check: checked');
  return {
    problems,
    signatures: loaded.signatures.length + loaded.erased.length + loaded.unreadSignatures,
    shown: loaded.shown,
    loaded,
  };
}

/**
 * Renders the letter with its custom templates, without writing anything, so that a template
 * that `render` would refuse (a field that does not exist) fails `check` too: as a final
 * render and as an embargoed preview, whichever the letter is now, since the result is kept
 * past the embargo (see letter-db.ts).
 */
async function tryTemplates(dir: string, loaded: LoadedLetter, ctx: Context): Promise<Problem[]> {
  const { FORMAT_SPECS, RENDER_FORMATS, renderDocument, TemplateError } = await import(
    '../render/render.js'
  );
  const { letterView } = await import('../render/view.js');
  const templates = await loadTemplates(
    [defaultTemplatesDir(), path.join(dir, 'templates')],
    ctx.cwd,
  );
  const partials = [...templates.values()]
    .filter((t) => t.name.startsWith('partials/'))
    .map((t) => ({ ...t, name: t.name.slice('partials/'.length) }));
  const signatures = loaded.signatures.map((s) => s.signature);
  const until = loaded.letter!.embargo ?? `${loaded.letter!.opened ?? '2000-01-01'}T00:00:00Z`;
  const views = [
    letterView(loaded.letter!, loaded.body!, signatures),
    letterView(loaded.letter!, loaded.body!, signatures, {
      publication: { state: 'preview', reason: 'embargo', until },
    }),
  ];
  const problems: Problem[] = [];
  for (const format of RENDER_FORMATS) {
    const template = templates.get(FORMAT_SPECS[format].template);
    if (!template) continue;
    try {
      for (const view of views) renderDocument(view, format, template, partials);
    } catch (e) {
      if (!(e instanceof TemplateError)) throw e;
      const m = /^(.+?):(\d+):(\d+): ([\s\S]*)$/.exec(e.message);
      problems.push(
        problem(
          'template-render',
          { file: m?.[1] ?? template.file, line: Number(m?.[2] ?? 1), column: Number(m?.[3] ?? 1) },
          m?.[4] ?? e.message,
        ),
      );
    }
  }
  return problems;
}
