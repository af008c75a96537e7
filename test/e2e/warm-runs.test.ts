/**
 * What a warm run (the letter's index holds every file) does and does not do (issue 15):
 * `check` lists and stats the files, the stat worker started while they are listed, and
 * loads no parser, schema or template library; it still notices a file changed in place,
 * and still reads a deliveries.yaml. `render` loads no library it does not use.
 */
import {
  appendFileSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateLetter } from '../../bench/generate.js';
import { letter, tempLetter } from '../helpers/cli.js';

const L = 'letters/bench';
let t: { dir: string; cleanup: () => void };
let work = '';
let env: Record<string, string> = {};

/** The packages under node_modules/ whose modules a run loaded (an ESM loader hook prints each URL). */
function packagesLoaded(stderr: string): string[] {
  const names = [...stderr.matchAll(/^loaded: .*\/node_modules\/((?:@[^/]+\/)?[^/]+)\//gm)];
  return [...new Set(names.map((m) => m[1]!))].sort();
}

beforeAll(async () => {
  t = tempLetter();
  // 3,000 signatures (PARALLEL_MIN): enough for the stat worker.
  generateLetter(path.join(t.dir, L), 3000, 7, { sharded: false, extra: 0 });
  work = mkdtempSync(path.join(tmpdir(), 'letter-warm-'));
  writeFileSync(
    path.join(work, 'hooks.mjs'),
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the source of the hook module, whose template literal runs there
    'export async function load(url, context, next) {\n  process.stderr.write(`loaded: ${url}\\n`);\n  return next(url, context);\n}\n',
  );
  writeFileSync(
    path.join(work, 'register.mjs'),
    `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(path.join(work, 'hooks.mjs')).href)});\n`,
  );
  env = { LETTER_CACHE_DIR: path.join(work, 'cache') };
  expect((await letter(t.dir, ['changelog', L], env)).code).toBe(0);
  // The first check fills the index.
  expect((await letter(t.dir, ['check', L], env)).code).toBe(0);
}, 300_000);
afterAll(() => {
  t.cleanup();
  rmSync(work, { recursive: true, force: true });
});

/** `letter args` with the loader hook, tracing its phases. */
function traced(args: string[]) {
  const register = pathToFileURL(path.join(work, 'register.mjs')).href;
  return letter(t.dir, args, { ...env, LETTER_TRACE: '1', NODE_OPTIONS: `--import=${register}` });
}

describe('a warm check', () => {
  it('starts the stat worker while listing, loads no parser, and gives the same result as a run without the index', async () => {
    const run = await traced(['check', L, '--json']);
    expect(run.code).toBe(0);
    const phases = run.stderr
      .split('\n')
      .filter((l) => /^letter: \d+ ms scan: /.test(l))
      .map((l) => l.replace(/^letter: \d+ ms /, ''));
    expect(phases).toEqual([
      'scan: stat worker started early',
      'scan: listed',
      'scan: named',
      'scan: worker started',
    ]);
    // No YAML parser, schema library, templates or column widths: the index only (the ESM
    // loader hook sees the packages loaded by import, not those a CommonJS package requires).
    const loaded = packagesLoaded(run.stderr);
    expect(loaded).toContain('chalk');
    for (const unused of ['yaml', 'js-yaml', 'zod', 'handlebars', 'markdown-it', 'string-width'])
      expect(loaded).not.toContain(unused);
    const plain = await letter(t.dir, ['check', L, '--json'], { LETTER_NO_CACHE: '1' });
    expect(run.stdout).toBe(plain.stdout);
  });

  it('notices a file changed in place (its folder unchanged) and a deliveries.yaml', async () => {
    const id = readdirSync(path.join(t.dir, L, 'signatures'))
      .sort()[0]!
      .replace(/\.yaml$/, '');
    const target = path.join(t.dir, L, 'signatures', `${id}.yaml`);
    const before = readFileSync(target, 'utf8');
    writeFileSync(target, before.replace(/^status: .*$/m, 'status: maybe'));
    const changed = await letter(t.dir, ['check', L], env);
    expect(changed.code).toBe(1);
    expect(changed.stdout).toContain(`signatures/${id}.yaml:`);
    appendFileSync(path.join(t.dir, L, 'deliveries.yaml'), 'deliveries: 3\n');
    const delivered = await traced(['check', L, '--json']);
    expect(delivered.code).toBe(1);
    expect(delivered.stdout).toContain('deliveries.yaml');
    expect(packagesLoaded(delivered.stderr)).toContain('yaml');
    // As it was, for the tests that follow.
    writeFileSync(target, before);
    rmSync(path.join(t.dir, L, 'deliveries.yaml'));
    expect((await letter(t.dir, ['check', L], env)).code).toBe(0);
  });
});

describe('a warm render', () => {
  it('loads neither the atomic writer nor the column widths', async () => {
    const out = path.join(work, 'out');
    const run = await traced([
      'render',
      'letters/time-to-act',
      '--format',
      'md,html',
      '--out',
      out,
    ]);
    expect(run.code).toBe(0);
    const loaded = packagesLoaded(run.stderr);
    expect(loaded).toContain('handlebars');
    expect(loaded).not.toContain('write-file-atomic');
    expect(loaded).not.toContain('string-width');
  });

  it('of a large letter starts the stat worker while listing, and writes what a run without the index writes', async () => {
    const out = path.join(work, 'warm');
    const run = await traced(['render', L, '--format', 'md,html', '--out', out]);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/^letter: \d+ ms scan: stat worker started early$/m);
    const plain = path.join(work, 'plain');
    const again = await letter(t.dir, ['render', L, '--format', 'md,html', '--out', plain], {
      LETTER_NO_CACHE: '1',
    });
    expect(again.code).toBe(0);
    for (const f of ['bench.md', 'bench.html'])
      expect(readFileSync(path.join(out, f), 'utf8')).toBe(
        readFileSync(path.join(plain, f), 'utf8'),
      );
  });
});
