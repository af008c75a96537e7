// `npm run bench`: times `letter` as a whole process on synthetic letters of growing size.
// Writes the table to bench/results.md. Sizes: BENCH_SIZES=1000,10000,100000 (default).
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateLetter } from './generate.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(root, 'bin/letter.js');
const sizes = (process.env.BENCH_SIZES ?? '1000,10000,100000').split(',').map(Number);
const work = path.join(tmpdir(), 'letter-bench');
const cache = path.join(work, 'cache');
mkdirSync(work, { recursive: true });

/** Runs `letter` once; returns wall seconds and peak resident memory in MB (from GNU time when present). */
function time(args) {
  const hasTime = spawnSync('/usr/bin/time', ['--version']).status === 0;
  const started = process.hrtime.bigint();
  const cmd = hasTime ? '/usr/bin/time' : process.execPath;
  const argv = hasTime ? ['-f', '%M', process.execPath, bin, ...args] : [bin, ...args];
  const r = spawnSync(cmd, argv, { cwd: work, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', LETTER_CACHE_DIR: cache } });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (r.status !== 0) throw new Error(`letter ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  const kb = hasTime ? Number(r.stderr.trim().split('\n').at(-1)) : NaN;
  return { seconds, mb: kb / 1024 };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rows = [];
for (const n of sizes) {
  const slug = `bench-${n}`;
  const dir = generateLetter(path.join(work, 'letters', slug), n);
  // The first command on a new letter parses every file and fills the parse cache.
  const cold = time(['changelog', path.join('letters', slug)]);
  const signArgs = ['sign', path.join('letters', slug), '--country', 'FR', '--group', 'industry', '--allow-similar', '--signed-at', '2021-06-01'];
  const runs = [1, 2, 3].map((i) => time([...signArgs, '--name', `Bench Signer Number ${n} ${'ABC'[i - 1]}`]));
  const s = median(runs.map((r) => r.seconds));
  rows.push({ n, s, cold: cold.seconds, mb: Math.max(...runs.map((r) => r.mb)) });
  console.error(`sign onto ${n.toLocaleString('en')} signatures: ${s.toFixed(3)} s (cold cache ${cold.seconds.toFixed(3)} s)`);
}

const base = rows[0];
const table = [
  '| signatures | `letter sign` one more (median of 3) | peak memory | time / smallest | size / smallest | first command on the letter (`letter changelog`, cold parse cache) |',
  '|---:|---:|---:|---:|---:|---:|',
  ...rows.map((r) => `| ${r.n.toLocaleString('en')} | ${r.s.toFixed(3)} s | ${Number.isNaN(r.mb) ? 'n/a' : `${r.mb.toFixed(0)} MB`} | ${(r.s / base.s).toFixed(1)}x | ${(r.n / base.n).toFixed(0)}x | ${r.cold.toFixed(3)} s |`),
];
const report = `# Benchmarks\n\nMeasured by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${(await import('node:os')).cpus().length} cores.\nEach figure is a whole \`letter\` process, start-up included, on a synthetic letter (bench/generate.js, fixed seed).\nThe first run on a letter parses every file and fills the parse cache; later runs only stat the files and parse what changed.\n\n${table.join('\n')}\n`;
writeFileSync(path.join(root, 'bench/results.md'), report);
console.log(table.join('\n'));
