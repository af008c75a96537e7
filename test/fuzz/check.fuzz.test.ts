/**
 * Fuzzing `letter check`, in-process, with what an attacker would send: valid letters
 * mutated at random in bytes and in YAML structure; nesting deep enough to exhaust a
 * parser's stack (block and flow); long runs of one character or fragment, up to past the
 * size limits; control characters (C0, C1, bidi marks, joiners, lone surrogates) in every
 * field and text; and pull requests: random adds, edits and deletes (CHANGELOG.md,
 * templates, private/, files outside the letter) in a git repository, checked with
 * `--base`. No case may end in an uncaught exception (an "internal error"), the JSON output
 * must always parse, and the exit code is 0 or 1. A fixed seed makes every run the same;
 * the tests run 600 cases, `npm run fuzz` 20,000 (FUZZ_CASES), with no time limit.
 */
import { execFileSync } from 'node:child_process';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rng } from '../../bench/generate.js';
import { main } from '../../src/cli.js';
import type { Context } from '../../src/context.js';
import { makeStyle } from '../../src/terminal.js';
import { ROOT } from '../helpers/cli.js';

const CASES = Number(process.env.FUZZ_CASES ?? 600);
const SEED = Number(process.env.FUZZ_SEED ?? 20200526);
const L = 'letters/time-to-act';

type Random = () => number;
const pick = <T>(r: Random, xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
const int = (r: Random, n: number) => Math.floor(r() * n);
/** A length between `min` and `max`, as likely in each power of ten (most runs short, some huge). */
const logLength = (r: Random, min: number, max: number) => Math.round(min * (max / min) ** r());

const SNIPPETS = [
  '&a',
  '*a',
  '<<: *a',
  '!!binary',
  '!!js/function',
  '!foo',
  '? ',
  '- ',
  '---',
  '...',
  '%YAML 1.1',
  '"',
  "'",
  '#',
  '{',
  '}',
  '[',
  ']',
  ': ',
  '\t',
  '\r\n',
  '\u0000',
  '\uFEFF',
  '\u202e',
  '__proto__: x',
  'constructor: x',
  '~',
  'null',
  '0x1F',
  '.inf',
  '2020-02-30',
  'XX',
  '|',
  '>',
  '\\',
  '\u00e9',
  '\ud83d\ude00',
  '\ud800',
];

/** One mutation of a file's text: bytes or YAML structure. */
function mutate(text: string, r: Random): string | Buffer {
  const lines = text.split('\n');
  const at = int(r, lines.length);
  switch (int(r, 9)) {
    case 0: {
      const bytes = Buffer.from(text);
      for (let i = 0; i < 1 + int(r, 4); i++) bytes[int(r, bytes.length)] = int(r, 256);
      return bytes;
    }
    case 1:
      lines.splice(at, 1);
      return lines.join('\n');
    case 2:
      lines.splice(at, 0, lines[int(r, lines.length)] ?? '');
      return lines.join('\n');
    case 3:
      lines[at] = `${'  '.repeat(int(r, 3))}${(lines[at] ?? '').trimStart()}`;
      return lines.join('\n');
    case 4: {
      const line = lines[at] ?? '';
      const pos = int(r, line.length + 1);
      lines[at] = line.slice(0, pos) + pick(r, SNIPPETS) + line.slice(pos);
      return lines.join('\n');
    }
    case 5:
      return text.slice(0, int(r, text.length));
    case 6:
      lines[at] = (lines[at] ?? '').replace(/: .*/, `: ${pick(r, SNIPPETS)}`);
      return lines.join('\n');
    case 7:
      return `${text}${pick(r, ['a: &a [1, 2]\nb: *a\n', 'name: again\n', '- x\n', 'status: [\n', `extra: ${'['.repeat(200)}\n`])}`;
    default:
      return lines.reverse().join('\n');
  }
}

/** Nesting of random depth and style (block or flow), put as a value or as a new field. */
function deepen(text: string, r: Random): string {
  const n = pick(r, [8, 31, 32, 33, 64, 500, 1000, 4000, 20_000]);
  const styles = [
    () => `\n${'- '.repeat(n)}x`,
    () =>
      `\n${Array.from({ length: Math.min(n, 400) }, (_, i) => `${' '.repeat(i + 1)}k${i}:`).join('\n')} x`,
    () =>
      `\n${Array.from({ length: Math.min(n, 400) }, (_, i) => `${'  '.repeat(i + 1)}-`).join('\n')} x`,
    () => ` ${'['.repeat(n)}${r() < 0.5 ? ']'.repeat(n) : ''}`,
    () => ` ${'{a: '.repeat(n)}x${r() < 0.5 ? '}'.repeat(n) : ''}`,
    () => ` ${'[{a: '.repeat(n)}`,
    () => ` "${'['.repeat(n)}"`,
    () => ` |\n  ${'- '.repeat(n)}`,
    () => `\n${'> '.repeat(n)}x`,
  ];
  const nested = pick(r, styles)();
  const lines = text.split('\n');
  const keyed = lines.map((l, i) => [l, i] as const).filter(([l]) => /^\s*[a-z_]+:/.test(l));
  if (keyed.length > 0 && r() < 0.6) {
    const [line, i] = pick(r, keyed);
    lines[i] = `${line.slice(0, line.indexOf(':') + 1)}${nested}`;
    return lines.join('\n');
  }
  return `${text}${text.endsWith('\n') ? '' : '\n'}extra:${nested}\n`;
}

const RUNS = [
  ' ',
  '\t',
  'a',
  '@',
  '.',
  '-',
  '/',
  '\n',
  '\r\n',
  '"',
  "'",
  '#',
  '[',
  '{',
  '- ',
  'a@a.a',
  'a.',
  '+1 ',
  '%40',
  'mailto:',
  '\u00e9',
  '\u0301',
  '\u200d',
];

/** A long run of one character or fragment somewhere in the text, up to past the file's size limit. */
function lengthen(text: string, r: Random, limit: number): string {
  const unit = pick(r, RUNS);
  const run =
    unit.repeat(Math.ceil(logLength(r, 10, limit + 1000) / unit.length)) +
    pick(r, ['', 'x', '@', '\u0000', '\n', '.', ':']);
  const at = int(r, text.length + 1);
  return text.slice(0, at) + run + text.slice(at);
}

const CONTROLS = [
  ...Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)),
  '\u007f',
  ...Array.from({ length: 32 }, (_, i) => String.fromCharCode(0x80 + i)),
  '\u202a',
  '\u202b',
  '\u202c',
  '\u202d',
  '\u202e',
  '\u2066',
  '\u2067',
  '\u2068',
  '\u2069',
  '\u200e',
  '\u200f',
  '\u061c',
  '\u200b',
  '\u200c',
  '\u200d',
  '\u2060',
  '\ufeff',
  '\u00ad',
  '\u3164',
  '\u2800',
  '\ud800',
  '\udfff',
  '\u2028',
  '\u2029',
];

/** Control characters put into one field's value (raw, or as escapes in double quotes) or one line of a text. */
function controls(text: string, r: Random): string {
  const lines = text.split('\n');
  const i = int(r, lines.length);
  const line = lines[i] ?? '';
  const chars = Array.from({ length: 1 + int(r, 6) }, () => pick(r, CONTROLS));
  const colon = line.indexOf(': ');
  if (colon > 0 && r() < 0.4) {
    const escaped = chars
      .map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
      .join('');
    const value = line
      .slice(colon + 2)
      .replace(/^"|"$/g, '')
      .replace(/["\\]/g, '');
    lines[i] = `${line.slice(0, colon + 2)}"${value.slice(0, 3)}${escaped}${value.slice(3)}"`;
  } else {
    const at = colon > 0 ? colon + 2 + int(r, line.length - colon - 1) : int(r, line.length + 1);
    lines[i] = line.slice(0, at) + chars.join('') + line.slice(at);
  }
  return lines.join('\n');
}

const CHANGELOG_LINES = [
  '- 2026-11-29T11:00:00Z verified: Barack Obama (barack-obama) by CyberPeace Institute',
  '## Urgent: sign again at [this link](https://evil.example/phish)',
  '- 2026-11-29T11:00:00Z signed: Eve (eve)',
  'contact: press@example.org or +41 22 000 00 00',
];
const TEMPLATES = [
  '{{title}}',
  '{{#each signatures}}{{name}}{{/each}}',
  '{{nope}}',
  '{{#if}}',
  '{{> missing}}',
  '{{{body}}}',
  '<script>fetch("https://evil.example")</script>',
  '{{#each x}}',
];

/** A pull request: 1 to 4 random adds, edits and deletes, inside the letter and out of it. */
function pullRequest(
  r: Random,
  letterFiles: readonly string[],
  originals: ReadonlyMap<string, string>,
): Map<string, string | Buffer | null | 'symlink'> {
  const writes = new Map<string, string | Buffer | null | 'symlink'>();
  const signature = (name: string) =>
    `name: ${name}\ncountry: FR\ngroup: industry\nsigned_at: 2026-11-29T11:00:00Z\nstatus: pending\n`;
  for (let k = 0; k < 1 + int(r, 4); k++) {
    const file = pick(r, letterFiles);
    switch (int(r, 11)) {
      case 0:
        writes.set(
          `${L}/signatures/new-${k}.yaml`,
          r() < 0.5 ? signature(`New Person ${k}`) : mutate(signature(`New Person ${k}`), r),
        );
        break;
      case 1:
        writes.set(file, mutate(originals.get(file)!, r));
        break;
      case 2:
        writes.set(file, null);
        break;
      case 3:
        writes.set(
          `${L}/CHANGELOG.md`,
          `${originals.get(`${L}/CHANGELOG.md`)}${pick(r, CHANGELOG_LINES)}\n`,
        );
        break;
      case 4:
        writes.set(
          `${L}/templates/${pick(r, ['letter.md.hbs', 'letter.html.hbs', 'partials/x.hbs'])}`,
          pick(r, TEMPLATES),
        );
        break;
      case 5:
        writes.set(
          `${L}/private/contacts.yaml`,
          pick(r, [
            'ban-ki-moon:\n  email: ban@example.org\n',
            '__proto__:\n  email: a@b.org\n',
            `x: ${'['.repeat(2000)}\n`,
          ]),
        );
        break;
      case 6:
        writes.set(
          pick(r, [
            'letters/README.md',
            'templates/letter.md.hbs',
            '.github/workflows/letter.yml',
            'letters/.hidden/x.yaml',
            'package.json',
          ]),
          'changed\n',
        );
        break;
      case 7:
        writes.set(
          `${L}/signatures/${pick(r, ['link.yaml', 'er/erased-0123456789ab.yaml', 'erased-0123456789ab.yaml'])}`,
          r() < 0.5 ? 'symlink' : 'fingerprint: sha256:00\n',
        );
        break;
      case 8:
        writes.set(file, deepen(originals.get(file)!, r));
        break;
      case 9:
        writes.set(file, controls(originals.get(file)!, r));
        break;
      default:
        writes.set(file, lengthen(originals.get(file)!, r, 70_000));
    }
  }
  return writes;
}

describe('fuzzing letter check', () => {
  let dir: string;
  let base: string;
  const originals = new Map<string, string>();
  beforeAll(() => {
    process.env.LETTER_NO_CACHE = '1';
    dir = mkdtempSync(path.join(tmpdir(), 'letter-fuzz-'));
    const letterDir = path.join(dir, L);
    cpSync(path.join(ROOT, L), letterDir, { recursive: true });
    for (const f of [
      'letter.yaml',
      'CHANGELOG.md',
      'letter.md',
      ...readdirSync(path.join(letterDir, 'signatures')).map((n) => `signatures/${n}`),
    ])
      originals.set(`${L}/${f}`, readFileSync(path.join(letterDir, f), 'utf8'));
    writeFileSync(path.join(letterDir, '.gitignore'), 'private/\n');
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=Fuzz', '-c', 'user.email=fuzz@example.org', ...args], {
        cwd: dir,
        encoding: 'utf8',
      });
    git('init', '-q');
    git('add', '-A');
    git('commit', '-qm', 'base');
    base = git('rev-parse', 'HEAD').trim();
  });
  afterAll(() => {
    delete process.env.LETTER_NO_CACHE;
    rmSync(dir, { recursive: true, force: true });
  });

  it(
    `survives ${CASES.toLocaleString('en')} hostile letters and pull requests with no uncaught exception`,
    async () => {
      const r = rng(SEED);
      const files = [...originals.keys()];
      const yamlFiles = files.filter((f) => f.endsWith('.yaml'));
      const crashes: string[] = [];
      const exitCodes = new Map<number, number>();
      const kinds = new Map<string, number>();
      // Five crashes are enough to see what is wrong: a broken run stops there.
      for (let i = 0; i < CASES && crashes.length < 5; i++) {
        const target = pick(r, files);
        const limit = target.endsWith('.md')
          ? 1_100_000
          : target.endsWith('letter.yaml')
            ? 1_050_000
            : 70_000;
        const roll = r();
        const kind =
          roll < 0.45
            ? 'mutation'
            : roll < 0.57
              ? 'nesting'
              : roll < 0.7
                ? 'long run'
                : roll < 0.88
                  ? 'controls'
                  : 'pull request';
        kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
        const args = ['check', L, '--format', 'json'];
        let writes: Map<string, string | Buffer | null | 'symlink'>;
        if (kind === 'pull request') {
          writes = pullRequest(r, files, originals);
          // As CI runs it: every letter of the repository (so that a deleted letter is reported, not a usage error).
          args.splice(
            1,
            1,
            '--base',
            base,
            ...pick(r, [[], ['--role', 'editor'], ['--author', 'dan'], ['--max-added', '3']]),
          );
        } else {
          // Nesting goes mostly into YAML files (a Markdown file gets nested quotes and lists).
          const file = kind === 'nesting' && r() < 0.85 ? pick(r, yamlFiles) : target;
          const text = originals.get(file)!;
          const changed =
            kind === 'mutation'
              ? mutate(text, r)
              : kind === 'nesting'
                ? deepen(text, r)
                : kind === 'long run'
                  ? lengthen(text, r, limit)
                  : controls(text, r);
          writes = new Map([[file, changed]]);
        }
        for (const [file, content] of writes) {
          const p = path.join(dir, file);
          rmSync(p, { force: true });
          if (content === null) continue;
          mkdirSync(path.dirname(p), { recursive: true });
          if (content === 'symlink') symlinkSync('/etc/passwd', p);
          else writeFileSync(p, content);
        }
        let out = '';
        let err = '';
        const ctx: Context = {
          cwd: dir,
          now: () => new Date('2026-11-29T12:00:00Z'),
          env: {},
          stdout: { write: (s) => void (out += s) },
          stderr: { write: (s) => void (err += s) },
          style: makeStyle(false),
          errStyle: makeStyle(false),
          interactive: false,
          prompts: async () => {
            throw new Error('no prompts in fuzzing');
          },
        };
        const code = await main(args, ctx);
        exitCodes.set(code, (exitCodes.get(code) ?? 0) + 1);
        let parsed = true;
        try {
          JSON.parse(out);
        } catch {
          parsed = false;
        }
        if (
          err.includes('internal error') ||
          /call stack/i.test(out + err) ||
          !parsed ||
          (code !== 0 && code !== 1)
        )
          crashes.push(
            `case ${i} (${kind}: ${[...writes.keys()].join(', ')}): exit ${code}\n${err.slice(0, 400)}\n${out.slice(0, 400)}`,
          );
        for (const file of writes.keys()) {
          const p = path.join(dir, file);
          rmSync(p, { force: true });
          if (originals.has(file)) writeFileSync(p, originals.get(file)!);
        }
        for (const extra of [
          'private',
          'templates',
          '.github',
          'letters/.hidden',
          `${L}/templates`,
          `${L}/private`,
          `${L}/signatures/er`,
        ])
          rmSync(path.join(dir, extra), { recursive: true, force: true });
      }
      expect(crashes.slice(0, 5)).toEqual([]);
      expect((exitCodes.get(1) ?? 0) + (exitCodes.get(0) ?? 0)).toBe(CASES);
      expect(exitCodes.get(1) ?? 0).toBeGreaterThan(CASES / 2);
      // Every generator ran.
      expect([...kinds.keys()].sort()).toEqual([
        'controls',
        'long run',
        'mutation',
        'nesting',
        'pull request',
      ]);
      // A fixed amount of work whose time varies with the machine: more than the default minute, and no limit for `npm run fuzz`.
    },
    process.env.FUZZ_CASES ? 0 : 170_000,
  );
});
