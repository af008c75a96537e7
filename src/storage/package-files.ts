/**
 * Files shipped inside the `letter` package itself (templates), found from the running
 * module whether it runs from src/ (tests) or from dist/ (the built binary).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

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
