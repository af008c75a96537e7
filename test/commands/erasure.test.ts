import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useTempLetter } from '../helpers/cli.js';
import { letter } from '../helpers/in-process.js';

const t = useTempLetter();
const L = 'letters/time-to-act';
const sigFile = (id: string) => path.join(t.letterDir, 'signatures', `${id}.yaml`);
const changelog = () => readFileSync(path.join(t.letterDir, 'CHANGELOG.md'), 'utf8');
const git = (...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.org', ...args], {
    cwd: t.dir,
    encoding: 'utf8',
  });

// A cache folder of each test's own, so that every file `letter` keeps outside the letter can be read.
let cache = '';
beforeEach(() => {
  cache = mkdtempSync(path.join(tmpdir(), 'letter-erasure-cache-'));
});
afterEach(() => rmSync(cache, { recursive: true, force: true }));
const run = (args: string[]) => letter(t.dir, args, { LETTER_CACHE_DIR: cache });

/** The files under `dirs` (not .git) whose bytes hold any of `needles`, as paths relative to the test folder or the cache. */
function filesHolding(dirs: string[], needles: string[]): string[] {
  const hits: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      if (name === '.git') continue;
      const p = path.join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (needles.some((n) => readFileSync(p).includes(n)))
        hits.push(
          p.startsWith(cache) ? `<cache>/${path.relative(cache, p)}` : path.relative(t.dir, p),
        );
    }
  };
  for (const d of dirs) walk(d);
  return hits.sort();
}

describe('an erased signatory does not come back', () => {
  it('letter changelog, and every command that writes CHANGELOG.md, leave out an erased name whose file came back, saying so', async () => {
    const eva = readFileSync(sigFile('eva-chen'), 'utf8');
    expect((await run(['withdraw', L, 'eva-chen', '--reason', 'Forget me', '--erase'])).code).toBe(
      0,
    );
    expect(changelog()).not.toContain('Eva Chen');
    // A revert or an old branch brings the file back.
    writeFileSync(sigFile('eva-chen'), eva);
    const rebuilt = await run(['changelog', L]);
    expect(rebuilt.code).toBe(0);
    expect(rebuilt.stderr).toContain(
      "warning: 1 signature is left out, as letter check refuses it: eva-chen (the name was erased at the signatory's request); run: letter check letters/time-to-act",
    );
    expect(changelog()).not.toContain('Eva Chen');
    expect(JSON.parse((await run(['changelog', L, '--json'])).stdout).leftOut).toEqual([
      { id: 'eva-chen', reason: "the name was erased at the signatory's request" },
    ]);
    // Commands that record an event write CHANGELOG.md whole: the name stays out of it too.
    expect(
      (await run(['sign', L, '--name', 'Zoe Quill', '--country', 'FR', '--group', 'industry']))
        .code,
    ).toBe(0);
    expect((await run(['verify', L, 'zoe-quill', '--by', 'Desk'])).code).toBe(0);
    expect((await run(['fmt', L])).code).toBe(0);
    expect(changelog()).toContain('verified: Zoe Quill (zoe-quill) by Desk');
    expect(changelog()).not.toContain('Eva Chen');
  }, 60_000);

  it('erasure on an on-merge letter leaves the name in no file: CHANGELOG.md, other signatures, renders, the parse cache, the sign index, the check memo', async () => {
    const yaml = path.join(t.letterDir, 'letter.yaml');
    writeFileSync(yaml, `${readFileSync(yaml, 'utf8')}changelog: on-merge\n`);
    // Another signatory recorded as a different person from her.
    const margaret = sigFile('margaret-chan');
    writeFileSync(
      margaret,
      readFileSync(margaret, 'utf8').replace(
        'signed_at:',
        'distinct_from:\n  - eva-chen\nsigned_at:',
      ),
    );
    expect((await run(['check', L])).code).toBe(0);
    expect((await run(['render', L, '--format', 'md,html'])).code).toBe(0);
    expect(
      (await run(['sign', L, '--name', 'Zoe Quill', '--country', 'FR', '--group', 'industry']))
        .code,
    ).toBe(0);
    expect((await run(['check', L])).code).toBe(0);
    const needles = ['Eva Chen', 'eva-chen', 'Trend Micro'];
    expect(filesHolding([t.dir, cache], needles)).toEqual(
      expect.arrayContaining([
        'letters/time-to-act/CHANGELOG.md',
        'out/time-to-act/time-to-act.md',
        'out/time-to-act/time-to-act.html',
      ]),
    );
    expect(filesHolding([cache], needles).length).toBeGreaterThan(0);

    const erased = await run(['withdraw', L, 'eva-chen', '--reason', 'Forget me', '--erase']);
    expect(erased.code).toBe(0);
    expect(erased.stdout).toContain('removed out/time-to-act/time-to-act.md');
    expect(erased.stdout).toContain('wrote letters/time-to-act/CHANGELOG.md');
    expect(erased.stdout).toContain('make them again: letter render letters/time-to-act');
    expect(filesHolding([t.dir, cache], needles)).toEqual([]);
    expect(changelog()).toContain('signed: (name erased) (erased-738005918f7d)');
    expect(readFileSync(margaret, 'utf8')).toContain('distinct_from:\n  - erased-738005918f7d\n');
    // The letter is whole, and the caches are made again without her.
    expect((await run(['check', L])).code).toBe(0);
    expect(
      (await run(['sign', L, '--name', 'Yann Ro', '--country', 'FR', '--group', 'industry'])).code,
    ).toBe(0);
    expect((await run(['render', L, '--format', 'md'])).code).toBe(0);
    expect(filesHolding([t.dir, cache], needles)).toEqual([]);
  }, 60_000);

  it('refuses the name in look-alike letters, without a space, in fullwidth letters or with a combining mark, in sign, import, check and check --base', async () => {
    const names = [
      'Eva \u0421hen',
      '\u0415v\u0430 Ch\u0435n',
      'EvaChen',
      '\uff25\uff56\uff41 \uff23\uff48\uff45\uff4e',
      'Eva Che\u0301n',
      'Chen, Eva',
      'Dr. Eva Chen',
    ];
    expect((await run(['withdraw', L, 'eva-chen', '--reason', 'Forget me', '--erase'])).code).toBe(
      0,
    );
    git('add', '-A');
    git('commit', '-qm', 'erase');
    const base = git('rev-parse', 'HEAD').trim();

    for (const name of names) {
      const signed = await run([
        'sign',
        L,
        '--name',
        name,
        '--country',
        'TW',
        '--group',
        'industry',
      ]);
      expect(signed.code, name).toBe(1);
      expect(signed.stderr).toContain(
        "erased from the letter at the signatory's request (erased-738005918f7d)",
      );
    }
    writeFileSync(
      path.join(t.dir, 'rows.csv'),
      `name,country,group\n${names.map((n) => `"${n}",TW,industry`).join('\n')}\n`,
    );
    const imported = JSON.parse((await run(['import', 'rows.csv', L, '--json'])).stdout);
    expect(imported.toAdd).toEqual([]);
    expect(imported.written).toEqual([]);
    expect(git('status', '--porcelain')).toBe('?? rows.csv\n');

    // A pull request that writes the files by hand.
    git('checkout', '-qb', 'pr');
    names.forEach((name, i) => {
      writeFileSync(
        sigFile(`back-${i}`),
        `name: ${name}\ncountry: TW\ngroup: industry\nsigned_at: 2026-11-01T00:00:00Z\nstatus: pending\n`,
      );
    });
    git('add', '-A');
    git('commit', '-qm', 'sign');
    const checked = await run(['check', L]);
    expect(checked.code).toBe(1);
    for (const name of names)
      expect(checked.stdout).toContain(
        `error: "${name}" was erased from this letter at the signatory's request (erased-738005918f7d) and must not come back`,
      );
    const review = await run(['check', L, '--base', base, '--role', 'editor']);
    expect(review.code).toBe(1);
    expect(review.stdout.match(/\(erased-738005918f7d\) and must not come back/g)).toHaveLength(
      names.length,
    );
    expect((await run(['render', L, '--format', 'md'])).stderr).toContain(
      "back-2 (the name was erased at the signatory's request)",
    );
  }, 60_000);
});

describe('an erasure is final in review, and a journal from a commit is never undone', () => {
  it('a revert of the erasure fails check --base, for an editor too', async () => {
    expect((await run(['withdraw', L, 'eva-chen', '--reason', 'asked', '--erase'])).code).toBe(0);
    git('add', '-A');
    git('commit', '-qm', 'erase');
    const base = git('rev-parse', 'HEAD').trim();
    git('checkout', '-q', '-b', 'revert');
    git('revert', '--no-edit', 'HEAD');
    for (const role of ['editor', 'contributor']) {
      const r = JSON.parse(
        (await run(['check', L, '--base', base, '--role', role, '--format', 'json'])).stdout,
      );
      expect(r.errors.map((p: { code: string }) => p.code)).toContain('erasure-record-removed');
    }
  });

  it('a journal committed in a pull request is refused, not rolled back by the command CI names', async () => {
    expect((await run(['withdraw', L, 'eva-chen', '--reason', 'asked', '--erase'])).code).toBe(0);
    git('add', '-A');
    git('commit', '-qm', 'erase');
    const erased = readdirSync(path.join(t.letterDir, 'signatures')).find((f) =>
      f.startsWith('erased-'),
    )!;
    const journal = path.join(t.dir, 'letters/time-to-act.journal.lock');
    execFileSync('mkdir', [journal]);
    writeFileSync(
      path.join(journal, 'b0'),
      git('show', 'HEAD~1:letters/time-to-act/signatures/eva-chen.yaml'),
    );
    writeFileSync(
      path.join(journal, 'intent.json'),
      JSON.stringify({
        version: 1,
        files: [
          { path: 'signatures/eva-chen.yaml', backup: 'b0' },
          { path: `signatures/${erased}`, backup: null },
        ],
        dirs: [],
      }),
    );
    git('add', '-f', 'letters/time-to-act.journal.lock');
    git('commit', '-qm', 'forged journal');
    for (const args of [
      ['check', L],
      ['changelog', L],
      ['sign', L, '--name', 'Ada Lovelace', '--country', 'GB', '--group', 'industry', '--yes'],
    ]) {
      const r = await run(args);
      expect(r.code, args[0]).toBe(1);
      expect(r.stderr).toContain('time-to-act.journal.lock/ beside the letter is tracked by git');
    }
    expect(readdirSync(path.join(t.letterDir, 'signatures'))).toContain(erased);
    expect(readdirSync(path.join(t.letterDir, 'signatures'))).not.toContain('eva-chen.yaml');
  });

  it('letter log leaves a restored erased name out, and says so', async () => {
    expect((await run(['withdraw', L, 'eva-chen', '--reason', 'asked', '--erase'])).code).toBe(0);
    git('add', '-A');
    git('commit', '-qm', 'erase');
    git('checkout', 'HEAD~1', '--', 'letters/time-to-act/signatures/eva-chen.yaml');
    const r = await run(['log', L]);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('Eva Chen');
    expect(r.stderr).toContain('eva-chen');
  });
});
