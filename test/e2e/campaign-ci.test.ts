// A campaign's repository as GitHub Actions sees it: a bare "origin", a base branch that
// moves after the pull request was made, and clones made as actions/checkout makes them,
// then the scripts of action.yml and of the workflow `letter init --github` writes, run
// as they are written (no runner here: bash with the environment the runner gives).
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { BIN, letter, ROOT } from '../helpers/cli.js';

const gitEnv = {
  GIT_AUTHOR_NAME: 'T',
  GIT_AUTHOR_EMAIL: 't@example.org',
  GIT_COMMITTER_NAME: 'T',
  GIT_COMMITTER_EMAIL: 't@example.org',
};
const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, ...gitEnv } });
const L = 'letters/clean-air';
let top: string;
let work: string;
let origin: string;

/** The `run:` script of the step named `name` in a workflow or action file. */
function stepScript(file: string, name: string): string {
  const doc = parse(readFileSync(file, 'utf8'));
  const steps: { name?: string; run?: string }[] =
    doc.runs?.steps ??
    Object.values(doc.jobs as Record<string, { steps: { name?: string; run?: string }[] }>).flatMap(
      (j) => j.steps,
    );
  const step = steps.find((s) => s.name === name);
  if (!step?.run) throw new Error(`no step "${name}" in ${file}`);
  return step.run;
}

/** Runs a workflow script as the runner does (bash -e -o pipefail) in `cwd`. */
function runScript(
  script: string,
  cwd: string,
  env: Record<string, string>,
): { code: number; out: string } {
  try {
    return {
      code: 0,
      out: execFileSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script], {
        cwd,
        encoding: 'utf8',
        stdio: 'pipe',
        env: { ...process.env, ...gitEnv, ...env },
      }),
    };
  } catch (e) {
    const err = e as { status: number; stdout: string; stderr: string };
    return { code: err.status, out: `${err.stdout}${err.stderr}` };
  }
}

/** A clone of pull request 1 made as actions/checkout makes it: `ref` fetched at `depth` (0: everything), checked out detached. */
function checkoutClone(name: string, ref: 'merge' | 'head', depth: number): string {
  const dir = path.join(top, name);
  mkdirSync(dir);
  git(dir, 'init', '-q');
  git(dir, 'remote', 'add', 'origin', origin);
  const refspecs = [
    `+refs/pull/1/${ref}:refs/remotes/pull/1/${ref}`,
    ...(depth === 0 ? ['+refs/heads/*:refs/remotes/origin/*'] : []),
  ];
  git(
    dir,
    'fetch',
    '-q',
    '--no-tags',
    ...(depth > 0 ? [`--depth=${depth}`] : []),
    'origin',
    ...refspecs,
  );
  git(dir, 'checkout', '-q', '--detach', `refs/remotes/pull/1/${ref}`);
  return dir;
}

/** Pull request 1: `change` made on a branch from main as it is now, pushed as refs/pull/1/head, and its merge with main as refs/pull/1/merge (after `moveBase`). */
async function pullRequest(
  change: () => Promise<void>,
  moveBase: () => Promise<void>,
): Promise<void> {
  git(work, 'checkout', '-q', '-B', 'pr', 'main');
  await change();
  git(work, 'add', '-A');
  git(work, 'commit', '-qm', 'pull request');
  git(work, 'push', '-q', '-f', 'origin', 'pr:refs/pull/1/head');
  git(work, 'checkout', '-q', 'main');
  await moveBase();
  git(work, 'push', '-q', 'origin', 'main');
  git(work, 'checkout', '-q', '-B', 'merge', 'main');
  git(work, 'merge', '-q', '--no-ff', '-m', 'merge pull request', 'pr');
  git(work, 'push', '-q', '-f', 'origin', 'merge:refs/pull/1/merge');
  git(work, 'checkout', '-q', 'main');
}

/** $RUNNER_TEMP as the workflows leave it after their install step: the pinned letter, stood in for by this build (no registry here). */
function pinnedLetter(): string {
  const runner = path.join(top, 'runner');
  mkdirSync(path.join(runner, 'letter/node_modules/.bin'), { recursive: true });
  const bin = path.join(runner, 'letter/node_modules/.bin/letter');
  writeFileSync(bin, `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
  chmodSync(bin, 0o755);
  return runner;
}

/** `letter init` of a letter to the council by Us, accepting the defaults. */
const initLetter = (cwd: string, dir: string, title: string, ...more: string[]) =>
  letter(cwd, [
    'init',
    dir,
    '--title',
    title,
    '--addressee',
    'the council',
    '--organiser',
    'Us',
    '--yes',
    ...more,
  ]);

const sign = async (name: string, login: string, signedAt?: string) => {
  const r = await letter(work, [
    'sign',
    L,
    '--name',
    name,
    '--country',
    'FR',
    '--github',
    login,
    ...(signedAt ? ['--signed-at', signedAt] : []),
  ]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
};

beforeAll(async () => {
  top = mkdtempSync(path.join(tmpdir(), 'letter-ci-'));
  origin = path.join(top, 'origin.git');
  work = path.join(top, 'work');
  git(top, 'init', '-q', '--bare', '-b', 'main', origin);
  mkdirSync(work);
  git(work, 'init', '-q', '-b', 'main');
  const r = await initLetter(work, L, 'Clean Air Now', '--github');
  expect(r.code).toBe(0);
  const file = path.join(work, L, 'letter.yaml');
  writeFileSync(file, readFileSync(file, 'utf8').replace('status: draft', 'status: open'));
  await sign('Alice Ames', 'alice', '2025-01-01');
  git(work, 'add', '-A');
  git(work, 'commit', '-qm', 'letter');
  git(work, 'remote', 'add', 'origin', origin);
  git(work, 'push', '-q', 'origin', 'main');
});
afterAll(() => rmSync(top, { recursive: true, force: true }));

describe('check --base in a clone made as the workflow makes it, after the base branch moved', () => {
  const fetchStep = () =>
    stepScript(path.join(ROOT, 'action.yml'), 'Fetch the history of the pull request and its base');
  const check = (cwd: string, author = 'dan') =>
    letter(cwd, ['check', '--base', 'origin/main', '--role', 'contributor', '--author', author]);

  it('passes a clean pull request (exit 0) once the action fetched the history; stops with exit 2 in a clone without it', async () => {
    // Dan signs on a branch; meanwhile Bob's signature lands on main.
    await pullRequest(
      () => sign('Dan Doe', 'dan'),
      async () => {
        await sign('Bob Brown', 'bob');
        git(work, 'add', '-A');
        git(work, 'commit', '-qm', 'Sign: Bob Brown');
      },
    );
    // actions/checkout's default: depth 1 of the pull request's head (or merge commit); then the action's fetch.
    for (const ref of ['head', 'merge'] as const) {
      const clone = checkoutClone(`action-${ref}`, ref, 1);
      expect(runScript(fetchStep(), clone, { BASE_REF: 'main' }).code).toBe(0);
      const r = await check(clone);
      expect(r.stdout).toContain(' 0 errors');
      expect(r.code).toBe(0);
    }
    // As the old action left it: one commit of each, no merge base. Never a guess (Bob "removed" by the pull request).
    const bare = checkoutClone('no-history', 'head', 1);
    git(
      bare,
      'fetch',
      '-q',
      '--no-tags',
      '--depth=1',
      'origin',
      '+refs/heads/main:refs/remotes/origin/main',
    );
    const r = await check(bare);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      '--base: "origin/main" and HEAD have no merge base in this shallow clone',
    );
    expect(r.stderr).toContain('git fetch --unshallow');
    expect(r.stdout).not.toContain('bob-brown');
    // The workflow `init --github` writes: the whole history at checkout.
    const full = checkoutClone('workflow', 'merge', 0);
    expect((await check(full)).code).toBe(0);
  });

  it("fails a pull request that edits someone else's signature (exit 1)", async () => {
    await pullRequest(
      async () => {
        const alice = path.join(work, L, 'signatures/alice-ames.yaml');
        writeFileSync(alice, readFileSync(alice, 'utf8').replace('country: FR', 'country: DE'));
      },
      async () => {
        await sign('Eve Evans', 'eve');
        git(work, 'add', '-A');
        git(work, 'commit', '-qm', 'Sign: Eve Evans');
      },
    );
    const clone = checkoutClone('edit-action', 'head', 1);
    expect(runScript(fetchStep(), clone, { BASE_REF: 'main' }).code).toBe(0);
    const r = await check(clone, 'mallory');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`${L}/signatures/alice-ames.yaml`);
    expect(r.stdout).not.toContain('eve-evans');
  });

  it('the check workflow init --github writes runs the pinned letter, contributors as contributors and maintainers as editors', async () => {
    const workflow = path.join(work, '.github/workflows/letter-check.yml');
    const text = readFileSync(workflow, 'utf8');
    const { name, version } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    expect(text).toContain(`--ignore-scripts --prefix "$RUNNER_TEMP/letter" ${name}@${version}\n`);
    expect(text).not.toContain('@latest');
    expect(text).not.toMatch(/run:[^\n]*\$\{\{/);
    expect(text).toContain('fetch-depth: 0');
    const runner = pinnedLetter();
    // Pull request 1 now edits Alice's signature: an error for a contributor, allowed to a maintainer.
    const clone = checkoutClone('edit-workflow', 'merge', 0);
    const script = stepScript(workflow, 'Check the letters and the change');
    const env = { RUNNER_TEMP: runner, BASE_REF: 'main', AUTHOR: 'mallory', NO_COLOR: '1' };
    const contributor = runScript(script, clone, { ...env, ASSOCIATION: 'CONTRIBUTOR' });
    expect(contributor.code).toBe(1);
    expect(contributor.out).toContain(`::error file=${L}/signatures/alice-ames.yaml`);
    for (const association of ['OWNER', 'MEMBER', 'COLLABORATOR'])
      expect(runScript(script, clone, { ...env, ASSOCIATION: association })).toMatchObject({
        code: 0,
      });
  });

  it("a pull request the sign workflow opened (author github-actions[bot]) is checked as a contributor, with the signer's login taken from the issue", async () => {
    await pullRequest(
      () => sign('Erin Earl', 'erin'),
      async () => {},
    );
    const workflow = path.join(work, '.github/workflows/letter-check.yml');
    const script = stepScript(workflow, 'Check the letters and the change');
    const clone = checkoutClone('bot-workflow', 'merge', 0);
    const env = {
      RUNNER_TEMP: pinnedLetter(),
      BASE_REF: 'main',
      ASSOCIATION: 'NONE',
      NO_COLOR: '1',
    };
    expect(runScript(script, clone, { ...env, AUTHOR: 'github-actions[bot]' })).toMatchObject({
      code: 0,
    });
    const other = runScript(script, clone, { ...env, AUTHOR: 'mallory' });
    expect(other.code).toBe(1);
    expect(other.out).toContain('github');
  });
});

describe('two signs on two branches', () => {
  it('merge with plain git merge (union-merged changelog), pass check, and letter changelog puts the order back', async () => {
    git(work, 'checkout', '-q', '-B', 'amy', 'main');
    await sign('Amy Adams', 'amy');
    git(work, 'add', '-A');
    git(work, 'commit', '-qm', 'Sign: Amy Adams');
    git(work, 'checkout', '-q', '-B', 'zed', 'main');
    await sign('Zed Zola', 'zed');
    git(work, 'add', '-A');
    git(work, 'commit', '-qm', 'Sign: Zed Zola');
    // Zed signed after Amy (or in the same second: then amy-adams comes first by id), but the union keeps ours first.
    git(work, 'merge', '-q', '--no-edit', 'amy');
    expect(git(work, 'status', '--porcelain')).toBe('');
    const log = readFileSync(path.join(work, L, 'CHANGELOG.md'), 'utf8');
    expect(log.indexOf('(zed-zola)')).toBeLessThan(log.indexOf('(amy-adams)'));
    const checked = await letter(work, ['check', L]);
    expect(checked.code).toBe(0);
    expect(checked.stdout).toContain(`${L}/CHANGELOG.md:`);
    expect(checked.stdout).toContain(
      'warning: CHANGELOG.md lists the right events out of time order (as a union merge of two branches leaves it) (run: letter changelog letters/clean-air)',
    );
    expect(await letter(work, ['changelog', L])).toMatchObject({ code: 0 });
    const ordered = readFileSync(path.join(work, L, 'CHANGELOG.md'), 'utf8');
    expect(ordered.indexOf('(amy-adams)')).toBeLessThan(ordered.indexOf('(zed-zola)'));
    const again = await letter(work, ['check', L]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('0 errors, 0 warnings');
  });
});

describe('the publish workflow init --github writes', () => {
  it('refreshes CHANGELOG.md after a merge, commits and pushes it, then renders every letter for Pages', () => {
    const workflow = path.join(work, '.github/workflows/letter-publish.yml');
    const clone = path.join(top, 'publish');
    git(top, 'clone', '-q', origin, clone);
    // A union merge left two events out of order on main.
    const log = path.join(clone, L, 'CHANGELOG.md');
    const lines = readFileSync(log, 'utf8').split('\n');
    const events = lines.filter((l) => l.startsWith('- '));
    expect(events.length).toBeGreaterThan(2);
    // The header is four lines (title, blank, note, blank), the events follow.
    writeFileSync(
      log,
      [...lines.slice(0, 4), events[1], events[0], ...events.slice(2), ''].join('\n'),
    );
    git(clone, 'commit', '-qam', 'merge');
    git(clone, 'push', '-q', 'origin', 'HEAD:main');
    const output = path.join(top, 'github-output');
    writeFileSync(output, '');
    const env = {
      RUNNER_TEMP: pinnedLetter(),
      GITHUB_OUTPUT: output,
      GITHUB_REF_NAME: 'main',
      NO_COLOR: '1',
    };
    expect(runScript(stepScript(workflow, 'Refresh CHANGELOG.md'), clone, env)).toMatchObject({
      code: 0,
    });
    const head = git(clone, 'rev-parse', 'HEAD').trim();
    expect(readFileSync(output, 'utf8')).toBe(`commit=${head}\n`);
    expect(git(origin, 'log', '-1', '--format=%s %H', 'main')).toBe(
      `Refresh CHANGELOG.md after merge ${head}\n`,
    );
    expect(
      git(origin, 'show', `main:${L}/CHANGELOG.md`)
        .split('\n')
        .filter((l) => l.startsWith('- ')),
    ).toEqual(events);
    expect(runScript(stepScript(workflow, 'Render every letter'), clone, env)).toMatchObject({
      code: 0,
    });
    expect(readFileSync(path.join(clone, 'site/index.html'), 'utf8')).toContain(
      '<li><a href="clean-air/clean-air.html">clean-air</a></li>',
    );
    expect(readFileSync(path.join(clone, 'site/clean-air/clean-air.html'), 'utf8')).toContain(
      'Clean Air Now',
    );
  });

  it('runs letter check --publish first: leaves out a draft or an embargoed letter, stops on any other error', async () => {
    const workflow = path.join(work, '.github/workflows/letter-publish.yml');
    const clone = path.join(top, 'publish-embargo');
    git(top, 'clone', '-q', origin, clone);
    const env = { RUNNER_TEMP: pinnedLetter(), NO_COLOR: '1' };
    expect((await initLetter(clone, 'letters/later', 'Later')).code).toBe(0);
    const file = path.join(clone, L, 'letter.yaml');
    const yaml = readFileSync(file, 'utf8');
    writeFileSync(
      file,
      yaml.replace('status: open\n', 'status: open\nembargo: 2999-01-01T00:00:00Z\n'),
    );
    const render = () => runScript(stepScript(workflow, 'Render every letter'), clone, env);
    const skipped = render();
    expect(skipped.code).toBe(0);
    expect(skipped.out).toContain('::error file=letters/later/letter.yaml,line=');
    expect(skipped.out).toContain(
      '::notice::later is not published yet: a draft, or under embargo',
    );
    expect(skipped.out).toContain(
      '::notice::clean-air is not published yet: a draft, or under embargo',
    );
    expect(readFileSync(path.join(clone, 'site/index.html'), 'utf8')).not.toContain('<li>');
    // An error other than the embargo stops the publishing: the page stays as it was.
    writeFileSync(file, yaml.replace('status: open\n', 'status: open\norganisaton: Us\n'));
    const stopped = render();
    expect(stopped.code).not.toBe(0);
    expect(stopped.out).toContain('unknown field "organisaton"');
  });
});
