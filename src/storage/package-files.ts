/**
 * Files shipped inside the `letter` package itself (templates), found from the running
 * module whether it runs from src/ (tests) or from dist/ (the built binary).
 */
import { existsSync } from 'node:fs';
import { lstat, readdir, readFile } from 'node:fs/promises';
import { UserError } from '../errors.js';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pkg from '../../package.json' with { type: 'json' };
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

/**
 * How a YAML file in `fileDir` names the JSON Schema of its `kind` for yaml-language-server:
 * a relative path when the package sits in the letter's own tree (this repository, or a
 * node_modules folder above the letter), so the path holds for everyone who clones it;
 * otherwise the schema of this version on unpkg.
 */
export function schemaRef(fileDir: string, kind: string): string {
  const root = packageRoot();
  const nm = `${path.sep}node_modules${path.sep}`;
  const owner = root.includes(nm) ? root.slice(0, root.lastIndexOf(nm)) : root;
  const inside = (dir: string) => fileDir === dir || fileDir.startsWith(`${dir}${path.sep}`);
  if (inside(owner)) return path.relative(fileDir, path.join(root, 'schemas', `${kind}.schema.json`)).split(path.sep).join('/');
  return `https://unpkg.com/letter@${pkg.version}/schemas/${kind}.schema.json`;
}

/** The first line of a YAML file `letter` writes: its schema, for editors. */
export function schemaHeader(fileDir: string, kind: string): string {
  return `# yaml-language-server: $schema=${schemaRef(fileDir, kind)}\n`;
}

/** The folder of the default templates. */
export function defaultTemplatesDir(): string {
  return path.join(packageRoot(), 'templates');
}

/** Reads `*.hbs` from each folder (and its partials/), later folders overriding earlier ones by name. */
export async function loadTemplates(folders: string[], cwd: string): Promise<Map<string, TemplateSource>> {
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
        if ((await lstat(file)).isSymbolicLink() || !(await lstat(path.join(folder, sub || '.'))).isDirectory())
          throw new UserError(`${path.relative(cwd, file)} is a symbolic link; templates are plain files inside the letter folder.`);
        const name = `${sub}${n.replace(/\.hbs$/, '')}`;
        found.set(sub ? name : n, { name: sub ? name : n, file: path.relative(cwd, file), text: await readFile(file, 'utf8') });
      }
    }
  }
  return found;
}

