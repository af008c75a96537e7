/**
 * The renders of a letter where `letter render` writes them by default (`out/<slug>/`), so
 * that an erasure can take the erased name out of them too. Renders written elsewhere with
 * `--out` are not known to `letter`.
 */
import { watch } from 'node:fs';
import { access } from 'node:fs/promises';
import path from 'node:path';

/**
 * Where `letter render` writes the letter `slug` in `dir` without --out: `out/<slug>/` in the
 * folder that holds `letters/` (two above a folder of letters/), so that the same renders are
 * made from any folder of the repository; under `cwd` for a letter kept elsewhere.
 */
export function defaultOutDir(dir: string, slug: string, cwd: string): string {
  return path.basename(path.dirname(dir)) === 'letters'
    ? path.resolve(dir, '..', '..', 'out', slug)
    : path.resolve(cwd, 'out', slug);
}

/**
 * The render files of the letter `slug` in `dir` (languages `langs`, the first its own, and
 * the files written beside its page: feed, count, badge, share image) that
 * exist in `out/<slug>/` under `cwd` or under the folder that holds `letters/` (two above
 * the letter's folder): absolute paths, each once.
 */
export async function defaultRenderFiles(
  dir: string,
  slug: string,
  langs: readonly string[],
  cwd: string,
): Promise<string[]> {
  const folders = [
    ...new Set([path.resolve(cwd, 'out', slug), path.resolve(dir, '..', '..', 'out', slug)]),
  ];
  // Loaded here: Handlebars is only needed by an erasure that looks for renders.
  const { FORMAT_SPECS } = await import('../render/render.js');
  const suffixes = [...Object.values(FORMAT_SPECS).map((f) => f.suffix), '.pdf'];
  const { PAGE_FILE_SUFFIXES } = await import('../render/count-files.js');
  const names = [
    ...langs.flatMap((lang, i) => suffixes.map((s) => `${i === 0 ? slug : `${slug}.${lang}`}${s}`)),
    // The feed names signatories; the count, badge and image give a count the erasure changed.
    ...Object.values(PAGE_FILE_SUFFIXES).map((s) => `${slug}${s}`),
  ];
  const candidates = folders.flatMap((f) => names.map((n) => path.join(f, n)));
  const found = await Promise.all(
    candidates.map((f) =>
      access(f).then(
        () => f,
        () => undefined,
      ),
    ),
  );
  return found.filter((f): f is string => f !== undefined);
}

/** Calls `changed` on every change under each of `folders` (recursively), for `render --watch`, until the process ends. */
export function watchFolders(folders: readonly string[], changed: () => void): void {
  for (const folder of folders) watch(folder, { recursive: true }, changed);
}
