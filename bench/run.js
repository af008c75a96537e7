// `npm run bench`: times `letter` as whole processes on synthetic letters of 1,000 to
// 1,000,000 signatures (bench/generate.js, fixed seed), next to the floor of reading the
// same files and parsing them with the fastest parser (bench/floor.js) and, for imports, the
// floor of writing the same files and syncing once (bench/floor-write.js), and checks the
// targets of issues 7 and 15 (issue 15's where they replace issue 7's). Prints the table and writes it to bench/results.md.
//
// BENCH_SIZES=1000,10000 runs fewer sizes (default: 1000,10000,100000,1000000).
// BENCH_DIR sets the work folder (default: a folder in the system's temporary folder).
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateLetter, writeCsv } from './generate.js';
import { hostileCases } from './hostile.js';
import { pageWeight, searchTimes } from './page.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(root, 'bin/letter.js');
const sizes = (process.env.BENCH_SIZES ?? '1000,10000,100000,1000000').split(',').map(Number);
const work = process.env.BENCH_DIR ?? path.join(tmpdir(), 'letter-bench');
const cache = path.join(work, 'cache');
const hasTime = spawnSync('/usr/bin/time', ['--version']).status === 0;
// Past this size a letter keeps its files in shards (see the layout field of letter.yaml).
const SHARDED_FROM = 100_001;
const IMPORT_ROWS = 10_000;
const IMPORT = `import ${IMPORT_ROWS.toLocaleString('en')}-row CSV`;
const WRITE_FLOOR = `floor: write ${IMPORT_ROWS.toLocaleString('en')} files + sync`;

/** Runs a command; returns wall seconds and peak resident memory in MB (GNU time), or throws with its stderr. */
function run(cmd, args, { ok = [0] } = {}) {
  const started = process.hrtime.bigint();
  const argv = hasTime ? ['-f', '%M', cmd, ...args] : args;
  const r = spawnSync(hasTime ? '/usr/bin/time' : cmd, argv, {
    cwd: work,
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    env: { ...process.env, NO_COLOR: '1', LETTER_CACHE_DIR: cache },
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (!ok.includes(r.status))
    throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr.slice(-2000)}`);
  const kb = hasTime ? Number(r.stderr.trim().split('\n').at(-1)) : Number.NaN;
  return { seconds, mb: kb / 1024 };
}
const letter = (args, opts) => run(process.execPath, [bin, ...args], opts);

/**
 * Renders the PDF of a letter: wall seconds, the peak of the whole process tree's resident
 * memory in MB (letter and its PDF worker, summed from /proc every 100 ms), and the pages.
 */
async function pdfRun(rel, out) {
  const { spawn } = await import('node:child_process');
  const { readFileSync, readdirSync } = await import('node:fs');
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, [bin, 'render', rel, '--format', 'pdf', '--out', out], {
    cwd: work,
    env: { ...process.env, NO_COLOR: '1', LETTER_CACHE_DIR: cache },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (b) => {
    stderr += b;
  });
  const rss = (pid) => {
    try {
      const kb = Number(
        /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0,
      );
      const kids = readdirSync(`/proc/${pid}/task`).flatMap((t) =>
        readFileSync(`/proc/${pid}/task/${t}/children`, 'utf8').split(' ').filter(Boolean),
      );
      return kb + kids.reduce((sum, k) => sum + rss(k), 0);
    } catch {
      return 0;
    }
  };
  let peak = 0;
  const timer = setInterval(() => {
    peak = Math.max(peak, rss(child.pid));
  }, 100);
  const code = await new Promise((resolve) => child.on('exit', resolve));
  clearInterval(timer);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (code !== 0) throw new Error(`render --format pdf exited ${code}: ${stderr.slice(-2000)}`);
  const pdf = readdirSync(out).find((f) => f.endsWith('.pdf'));
  const info = spawnSync('pdfinfo', [path.join(out, pdf)], { encoding: 'utf8' }).stdout ?? '';
  return {
    seconds,
    mb: peak / 1024,
    pages: Number(/Pages:\s+(\d+)/.exec(info)?.[1] ?? Number.NaN),
  };
}
const median = (rs) => [...rs].sort((a, b) => a.seconds - b.seconds)[Math.floor(rs.length / 2)];
const times = (n, f) => median(Array.from({ length: n }, (_, i) => f(i)));

mkdirSync(work, { recursive: true });
const rows = [];
// The rendered page of each size: weight and search speed in headless Chromium (bench/page.js).
const pages = [];
const add = (n, command, r, floor) => {
  rows.push({ n, command, ...r, floor });
  console.error(
    `${n.toLocaleString('en').padStart(9)}  ${command.padEnd(32)} ${r.seconds.toFixed(3)} s  ${Number.isNaN(r.mb) ? '' : `${r.mb.toFixed(0)} MB`}`,
  );
};

const nodeStart = times(5, () => run(process.execPath, ['-e', '0']));
const version = times(5, () => letter(['--version']));
add(0, 'node -e 0', nodeStart);
add(0, 'letter --version', version);

// Inputs chosen to be slow (issue 12), on the example letter.
hostileCases(root, work, letter, (command, r) => add(0, command, r));

for (const n of sizes) {
  const slug = `bench-${n}`;
  const rel = path.join('letters', slug);
  console.error(`generating ${n.toLocaleString('en')} signatures...`);
  const { extra } = generateLetter(path.join(work, rel), n, 42, {
    sharded: n >= SHARDED_FROM,
    extra: IMPORT_ROWS,
  });
  const csv = path.join(work, `import-${n}.csv`);
  writeCsv(csv, extra);
  rmSync(cache, { recursive: true, force: true });
  // The generated letter has no CHANGELOG.md yet: write it (this also fills the parse cache, which is then emptied).
  letter(['changelog', rel]);
  rmSync(cache, { recursive: true, force: true });

  const floor = times(n >= 1_000_000 ? 1 : 3, () =>
    run(process.execPath, [path.join(root, 'bench/floor.js'), rel]),
  );
  add(n, 'floor: read + js-yaml', floor);
  add(n, 'check (cold)', letter(['check', rel]), floor);
  add(
    n,
    'check (warm)',
    times(3, () => letter(['check', rel])),
    floor,
  );
  const out = path.join(work, 'out', slug);
  add(
    n,
    'render --format md,html',
    times(n >= 1_000_000 ? 1 : 3, () =>
      letter(['render', rel, '--format', 'md,html', '--out', out]),
    ),
    floor,
  );
  // The print edition, once, up to 100,000 (1,000,000 would take about ten minutes).
  if (n >= 10_000 && n <= 100_000) {
    const r = await pdfRun(rel, path.join(work, 'out', `${slug}-pdf`));
    add(n, `render --format pdf (${r.pages} pages)`, r, floor);
  }
  const page = path.join(out, `${slug}.html`);
  pages.push({ n, ...pageWeight(page), ...(await searchTimes(page)) });
  add(
    n,
    'list --json',
    times(n >= 1_000_000 ? 1 : 3, () =>
      run('/bin/sh', ['-c', `"${process.execPath}" "${bin}" list ${rel} --json > list.json`]),
    ),
    floor,
  );
  const signer = (who) => [
    'sign',
    rel,
    '--name',
    `Bench Signer ${who} ${n}`,
    '--country',
    'FR',
    '--group',
    'industry',
    '--allow-similar',
  ];
  // The first sign after a check reads the whole letter and writes the index later signs use.
  add(n, 'sign one more (first)', letter(signer('First')), floor);
  add(
    n,
    'sign one more (warm)',
    times(3, (i) => letter(signer('ABC'[i]))),
    floor,
  );
  // The floor of an import: the same files written the plain way, then one sync.
  const floorOut = path.join(work, 'floor-write');
  const writeFloor = times(3, () => {
    rmSync(floorOut, { recursive: true, force: true });
    return run(process.execPath, [
      path.join(root, 'bench/floor-write.js'),
      csv,
      path.join(floorOut, 'signatures'),
    ]);
  });
  rmSync(floorOut, { recursive: true, force: true });
  add(n, WRITE_FLOOR, writeFloor);
  add(n, IMPORT, letter(['import', csv, rel, '--allow-similar']), writeFloor);
  rmSync(path.join(work, 'out'), { recursive: true, force: true });
  if (!process.env.BENCH_KEEP) rmSync(path.join(work, rel), { recursive: true, force: true });
  // The report so far: a run cut short still leaves the sizes it measured.
  report(sizes.slice(0, sizes.indexOf(n) + 1));
}

/** Writes bench/results.md with the figures so far and the targets of the sizes `done`. */
function report(done) {
  // The targets of issue 7, from the figures of this run.
  const get = (n, command) => rows.find((r) => r.n === n && r.command === command);
  const targets = [];
  const target = (what, value, limit, pass) => targets.push({ what, value, limit, pass });
  const at = (n) => done.includes(n);
  const pdfAt = (n) => rows.find((r) => r.n === n && r.command.startsWith('render --format pdf'));
  if (at(100_000) && pdfAt(100_000)) {
    const pdf = pdfAt(100_000);
    target(
      'PDF of 100,000 (issue 17)',
      `${pdf.seconds.toFixed(1)} s`,
      '< 180 s',
      pdf.seconds < 180,
    );
    target(
      'PDF of 100,000, peak memory of the process tree',
      `${pdf.mb.toFixed(0)} MB`,
      '< 2048 MB',
      pdf.mb < 2048,
    );
    if (pdfAt(10_000)) {
      const ratio = pdf.seconds / 100_000 / (pdfAt(10_000).seconds / 10_000);
      target(
        'PDF time per signature, 100,000 ÷ 10,000',
        `${ratio.toFixed(2)}×`,
        '≤ 1.5× (linear)',
        ratio <= 1.5,
      );
    }
  }
  if (at(100_000)) {
    const cold = get(100_000, 'check (cold)');
    target(
      '`check` on 100,000, cold, ÷ floor',
      `${(cold.seconds / cold.floor.seconds).toFixed(2)}×`,
      '≤ 1.5×',
      cold.seconds <= 1.5 * cold.floor.seconds,
    );
    const warm = get(100_000, 'check (warm)');
    target(
      '`check` on 100,000, warm',
      `${warm.seconds.toFixed(2)} s`,
      '< 0.5 s',
      warm.seconds < 0.5,
    );
    const render = get(100_000, 'render --format md,html');
    target(
      '`render` md,html on 100,000 ÷ `check` cold',
      `${(render.seconds / cold.seconds).toFixed(2)}×`,
      '≤ 2×',
      render.seconds <= 2 * cold.seconds,
    );
  }
  for (const n of done.filter((s) => s >= 100_000)) {
    const sign = get(n, 'sign one more (warm)');
    target(
      `\`sign\` onto ${n.toLocaleString('en')}, warm`,
      `${sign.seconds.toFixed(2)} s`,
      '< 0.5 s',
      sign.seconds < 0.5,
    );
  }
  for (const n of done.filter((s) => s >= 10_000)) {
    const render = get(n, 'render --format md,html');
    const us = (render.seconds / n) * 1e6;
    target(
      `\`render\` md,html on ${n.toLocaleString('en')}, per signature`,
      `${us.toFixed(1)} µs`,
      '≤ 50 µs',
      us <= 50,
    );
  }
  for (const n of done) {
    const ratio = get(n, IMPORT).seconds / get(n, WRITE_FLOOR).seconds;
    target(
      `import ${IMPORT_ROWS.toLocaleString('en')} rows onto ${n.toLocaleString('en')} ÷ write floor`,
      `${ratio.toFixed(2)}×`,
      '≤ 3×',
      ratio <= 3,
    );
  }
  if (at(1_000_000)) {
    // Issue 15: every command under 1 GB at 1,000,000, and growing slower than the list from 100,000.
    for (const r of rows.filter((x) => x.n === 1_000_000 && !x.command.startsWith('floor'))) {
      target(
        `\`${r.command}\` on 1,000,000, peak memory`,
        `${r.mb.toFixed(0)} MB`,
        '< 1,024 MB',
        r.mb < 1024,
      );
      const small = get(100_000, r.command);
      if (small)
        target(
          `\`${r.command}\` peak memory, 1,000,000 ÷ 100,000`,
          `${(r.mb / small.mb).toFixed(2)}×`,
          '< 10×',
          r.mb / small.mb < 10,
        );
    }
    if (at(100_000)) {
      const ratio = get(1_000_000, 'check (cold)').seconds / get(100_000, 'check (cold)').seconds;
      target('`check` cold, 1,000,000 ÷ 100,000', `${ratio.toFixed(2)}×`, '≤ 11×', ratio <= 11);
    }
  }
  // Issue 17 asks for a page still usable at 100,000 names; larger pages are in the page table only.
  for (const p of pages.filter((x) => x.n === 100_000 && x.keystrokes)) {
    const slowest = Math.max(...p.keystrokes.slice(0, -1));
    target(
      `page of ${p.n.toLocaleString('en')}: search keystroke, slowest of "m", "ma", "mar" (issue 17)`,
      `${slowest.toFixed(0)} ms`,
      '< 1,000 ms',
      slowest < 1000,
    );
  }
  for (const r of rows.filter(
    (x) => x.n === 0 && x.command !== 'node -e 0' && x.command !== 'letter --version',
  ))
    target(`${r.command}`, `${r.seconds.toFixed(2)} s`, '< 10 s', r.seconds < 10);
  target(
    '`letter --version` ÷ `node -e 0`',
    `${(version.seconds / nodeStart.seconds).toFixed(2)}×`,
    '≤ 1.5×',
    version.seconds <= 1.5 * nodeStart.seconds,
  );

  const fmtN = (n) => (n === 0 ? '' : n.toLocaleString('en'));
  const table = [
    '| signatures | command | wall time | peak memory | per signature | ÷ floor |',
    '|---:|---|---:|---:|---:|---:|',
    ...rows.map(
      (r) =>
        `| ${fmtN(r.n)} | ${r.command} | ${r.seconds.toFixed(3)} s | ${Number.isNaN(r.mb) ? 'n/a' : `${r.mb.toFixed(0)} MB`} | ${r.n ? `${((r.seconds / r.n) * 1e6).toFixed(1)} µs` : ''} | ${r.floor ? `${(r.seconds / r.floor.seconds).toFixed(2)}×` : ''} |`,
    ),
  ];
  const kb = (b) => `${(b / 1024).toLocaleString('en', { maximumFractionDigits: 0 })} KB`;
  const ms = (t) => (t === undefined ? 'n/a' : `${t.toFixed(0)} ms`);
  const pageTable = [
    '| signatures | page | gzip | load | keystroke "m" | "ma" | "mar" | clear |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...pages.map(
      (p) =>
        `| ${fmtN(p.n)} | ${kb(p.bytes)} | ${kb(p.gzip)} | ${ms(p.load)} | ${(p.keystrokes ?? []).map(ms).join(' | ') || 'n/a | n/a | n/a | n/a'} |`,
    ),
  ];
  const goals = [
    '| target | this run | limit | met |',
    '|---|---:|---:|:-:|',
    ...targets.map((t) => `| ${t.what} | ${t.value} | ${t.limit} | ${t.pass ? 'yes' : '**no**'} |`),
  ];
  const text = `# Benchmarks

Measured by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: Node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), ${(totalmem() / 2 ** 30).toFixed(0)} GB of memory.

Each figure is one whole process, start-up included, on a synthetic letter made by
bench/generate.js from a fixed seed: realistic names (a tenth in Cyrillic, Chinese or
Arabic script, many with accents), six groups, 34 countries, a year of dates; 60% verified,
2% withdrawn. Letters past 100,000 signatures use the sharded layout. Wall times of
repeated commands are the median of three (five for start-up); peak memory is the
maximum resident set (GNU time).

- **floor**: a bare script that reads every signature file and parses it with js-yaml
  (bench/floor.js), doing nothing else; "÷ floor" divides by it.
- **write floor**: a bare script that writes the ${IMPORT_ROWS.toLocaleString('en')} signature files of the import's CSV
  the plain way, then syncs the file system once (bench/floor-write.js); an import's
  "÷ floor" divides by it.
- **cold**: no index (the first run on a letter, or CI on a fresh clone); **warm**: the
  letter's index (~/.cache/letter, see the README's *Speed*) holds every file from an earlier run.
- **sign one more** signs one person now (the line goes at the end of CHANGELOG.md, as for
  any sign of the day), likely-duplicate check included: *first* right after a check (it
  reads every file and keeps the names in the index), *warm* after a sign; **import** adds
  ${IMPORT_ROWS.toLocaleString('en')} new rows from a CSV file.

## Targets

${goals.join('\n')}

## The page

\`letter render --format html\`'s page of each size (bench/page.js): its bytes, and gzip bytes as
a server would send it; in headless Chromium at 1280 wide, the time to load it and, for each
search keystroke (typing "mar", then clearing the box), the time from the input event to the
frame drawn with the list filtered, the search's 150 ms pause after typing included.

${pageTable.join('\n')}

## Every figure

${table.join('\n')}
`;
  writeFileSync(path.join(root, 'bench/results.md'), text);
  return { goals, table };
}

const { goals, table } = report(sizes);
console.log(goals.join('\n'));
console.log();
console.log(table.join('\n'));
