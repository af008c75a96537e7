/**
 * Fuzzing `letter check`: valid letters mutated at random, in bytes and in YAML structure,
 * checked in-process. No case may end in an uncaught exception (an "internal error"), and
 * the JSON output must always parse. A fixed seed makes every run the same; the tests run
 * 2,000 cases, `npm run fuzz` 20,000 (FUZZ_CASES).
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import type { Context } from '../../src/context.js';
import { makeStyle } from '../../src/terminal.js';
import { rng } from '../../bench/generate.js';
import { ROOT } from '../helpers/cli.js';

const CASES = Number(process.env.FUZZ_CASES ?? 2000);
const SEED = Number(process.env.FUZZ_SEED ?? 20200526);

const SNIPPETS = ['&a', '*a', '<<: *a', '!!binary', '!!js/function', '? ', '- ', '---', '...', '%YAML 1.1', '"', "'", '#', '{', '}', '[', ']', ': ', '\t', '\r\n', '\u0000', '\uFEFF', '\u202e', '__proto__: x', 'constructor: x', '~', 'null', '0x1F', '.inf', '2020-02-30', 'XX', '|', '>', '\\', '\u00e9', '\ud83d\ude00', '\ud800'];

/** One mutation of a file's text: bytes or YAML structure. */
function mutate(text: string, r: () => number): string | Buffer {
  const lines = text.split('\n');
  const at = Math.floor(r() * lines.length);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  switch (Math.floor(r() * 9)) {
    case 0: {
      const bytes = Buffer.from(text);
      for (let i = 0; i < 1 + Math.floor(r() * 4); i++) bytes[Math.floor(r() * bytes.length)] = Math.floor(r() * 256);
      return bytes;
    }
    case 1:
      lines.splice(at, 1);
      return lines.join('\n');
    case 2:
      lines.splice(at, 0, lines[Math.floor(r() * lines.length)] ?? '');
      return lines.join('\n');
    case 3:
      lines[at] = `${'  '.repeat(Math.floor(r() * 3))}${(lines[at] ?? '').trimStart()}`;
      return lines.join('\n');
    case 4: {
      const line = lines[at] ?? '';
      const pos = Math.floor(r() * (line.length + 1));
      lines[at] = line.slice(0, pos) + pick(SNIPPETS) + line.slice(pos);
      return lines.join('\n');
    }
    case 5:
      return text.slice(0, Math.floor(r() * text.length));
    case 6:
      lines[at] = (lines[at] ?? '').replace(/: .*/, `: ${pick(SNIPPETS)}`);
      return lines.join('\n');
    case 7:
      return `${text}${pick(['a: &a [1, 2]\nb: *a\n', 'name: again\n', '- x\n', 'status: [\n', `extra: ${'['.repeat(200)}\n`])}`;
    default:
      return lines.reverse().join('\n');
  }
}

describe('fuzzing letter check', () => {
  let dir: string;
  let letterDir: string;
  const originals = new Map<string, string>();
  beforeAll(() => {
    process.env.LETTER_NO_CACHE = '1';
    dir = mkdtempSync(path.join(tmpdir(), 'letter-fuzz-'));
    letterDir = path.join(dir, 'letters/time-to-act');
    cpSync(path.join(ROOT, 'letters/time-to-act'), letterDir, { recursive: true });
    for (const f of ['letter.yaml', 'CHANGELOG.md', ...readdirSync(path.join(letterDir, 'signatures')).map((n) => `signatures/${n}`)])
      originals.set(f, readFileSync(path.join(letterDir, f), 'utf8'));
  });
  afterAll(() => {
    delete process.env.LETTER_NO_CACHE;
    rmSync(dir, { recursive: true, force: true });
  });

  it(`survives ${CASES.toLocaleString('en')} mutated letters with no uncaught exception`, async () => {
    const r = rng(SEED);
    const files = [...originals.keys()];
    const crashes: string[] = [];
    const exitCodes = new Map<number, number>();
    for (let i = 0; i < CASES; i++) {
      const target = files[Math.floor(r() * files.length)]!;
      const mutated = mutate(originals.get(target)!, r);
      writeFileSync(path.join(letterDir, target), mutated);
      let out = '';
      let err = '';
      const ctx: Context = {
        cwd: dir, now: () => new Date('2026-11-29T12:00:00Z'), env: {},
        stdout: { write: (s) => void (out += s) }, stderr: { write: (s) => void (err += s) },
        style: makeStyle(false), errStyle: makeStyle(false), interactive: false,
        prompts: async () => {
          throw new Error('no prompts in fuzzing');
        },
      };
      const code = await main(['check', 'letters/time-to-act', '--format', 'json'], ctx);
      exitCodes.set(code, (exitCodes.get(code) ?? 0) + 1);
      let parsed = true;
      try {
        JSON.parse(out);
      } catch {
        parsed = false;
      }
      if (err.includes('internal error') || !parsed || (code !== 0 && code !== 1))
        crashes.push(`case ${i} (${target}): exit ${code}\n${err.slice(0, 400)}\n${JSON.stringify(typeof mutated === 'string' ? mutated.slice(0, 300) : mutated.toString('latin1').slice(0, 300))}`);
      writeFileSync(path.join(letterDir, target), originals.get(target)!);
    }
    expect(crashes.slice(0, 5)).toEqual([]);
    expect((exitCodes.get(1) ?? 0) + (exitCodes.get(0) ?? 0)).toBe(CASES);
    expect(exitCodes.get(1) ?? 0).toBeGreaterThan(CASES / 2);
  // A fixed amount of work whose time varies with the machine's disk: more than the default minute.
  }, 180_000);
});
