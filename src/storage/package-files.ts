/**
 * Files shipped inside the `letter` package itself (templates), found from the running
 * module whether it runs from src/ (tests) or from dist/ (the built binary).
 */
import { existsSync } from 'node:fs';
import { lstat, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { UserError } from '../errors.js';
import type { TemplateSource } from '../render/render.js';

let root: string | undefined;

/** The package's root folder: the nearest parent of this module holding package.json and templates/. */
export function packageRoot(): string {
  if (root) return root;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!(existsSync(path.join(dir, 'package.json')) && existsSync(path.join(dir, 'templates')))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('letter: cannot find its own templates/ folder');
    dir = parent;
  }
  root = dir;
  return dir;
}

/** The folder of the default templates. */
export function defaultTemplatesDir(): string {
  return path.join(packageRoot(), 'templates');
}

/** Reads `*.hbs` from each folder (and its partials/), later folders overriding earlier ones by name. */
export async function loadTemplates(
  folders: string[],
  cwd: string,
): Promise<Map<string, TemplateSource>> {
  const found = new Map<string, TemplateSource>();
  for (const folder of folders) {
    for (const sub of ['', 'partials/']) {
      let names: string[];
      try {
        names = (await readdir(path.join(folder, sub))).filter((n) => n.endsWith('.hbs')).sort();
      } catch {
        continue;
      }
      for (const n of names) {
        const file = path.join(folder, sub, n);
        if (
          (await lstat(file)).isSymbolicLink() ||
          !(await lstat(path.join(folder, sub || '.'))).isDirectory()
        )
          throw new UserError(
            `${path.relative(cwd, file)} is a symbolic link; templates are plain files inside the letter folder.`,
          );
        const name = `${sub}${n.replace(/\.hbs$/, '')}`;
        found.set(sub ? name : n, {
          name: sub ? name : n,
          file: path.relative(cwd, file),
          text: await readFile(file, 'utf8'),
        });
      }
    }
  }
  return found;
}

/** The text of a template file named by `render --template` (absolute). @throws the read error. */
export function readTemplateFile(file: string): Promise<string> {
  return readFile(file, 'utf8');
}
