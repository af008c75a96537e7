// A campaign adopts `letter` in a repository of its own, as the README's "Adopting letter in
// your campaign's repository" shows, command for command: the package is packed, and only the
// tarball is copied to a new git repository, which installs it and runs it there with npx.
// Then, as the campaign lives: CI files, two staff signing on two branches, a pull request
// checked in a clone made as the workflow makes it after the base branch moved, a signature
// from a GitHub issue, and pre-commit blocking a broken file.
import { type ExecFileSyncOptions, execFileSync, spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, TEST_CACHE } from '../helpers/cli.js';

const version: string = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version;
const name: string = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).name;
let work: string;
let campaign: string;

// The campaign's shell: no npm settings of the run that started the tests, no colour.
const env = Object.fromEntries(
  Object.entries(process.env).filter(
    ([k]) => !k.toLowerCase().startsWith('npm_') && k !== 'LETTER_COMMAND',
  ),
);
function sh(cmd: string, args: string[], options: ExecFileSyncOptions = {}): string {
  return execFileSync(cmd, args, {
    cwd: campaign,
    encoding: 'utf8',
    stdio: 'pipe',
    env: { ...env, NO_COLOR: '1', LETTER_CACHE_DIR: TEST_CACHE },
    ...options,
  }) as string;
}
const git = (...args: string[]) =>
  sh('git', ['-c', 'user.name=Campaign desk', '-c', 'user.email=desk@example.org', ...args]);
const npx = (...args: string[]) => sh('npx', args);

beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), 'letter-adoption-'));
  // The package as npm would publish it. --ignore-scripts: `prepack` would build dist/ again
  // under the other tests running from it (`npm test` has just built it).
  const packed = execFileSync('npm', ['pack', '--ignore-scripts', '--pack-destination', work], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env,
  }).trim();
  expect(packed).toBe(`${name}-${version}.tgz`); // npm pack prints the tarball's name and nothing else on stdout (pre-commit reads it)
  campaign = path.join(work, 'clean-air-campaign');
  execFileSync('mkdir', [campaign]);
  // No access to this repository: only the tarball goes over.
  copyFileSync(path.join(work, packed), path.join(campaign, '..', 'letter.tgz'));
  rmSync(path.join(work, packed));
}, 120_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('a campaign adopts letter in its own repository', () => {
  it('installs the tarball in a new git repository and runs there with npx', () => {
    git('init', '-q', '-b', 'main');
    sh('npm', ['init', '-y']);
    writeFileSync(path.join(campaign, '.gitignore'), 'node_modules/\n');
    // The README installs from the registry (npm install --save-dev openletter-cli); here, the packed tarball.
    sh('npm', [
      'install',
      '--save-dev',
      '--prefer-offline',
      '--no-audit',
      '--no-fund',
      '../letter.tgz',
    ]);
    expect(npx('letter', '--version')).toBe(`${version}\n`);
    // The installed package, not a clone: no source, no install script (npm 11 warns about those).
    const installed = JSON.parse(
      readFileSync(path.join(campaign, 'node_modules', name, 'package.json'), 'utf8'),
    );
    expect(installed.scripts?.prepare).toBeUndefined();
    expect(existsSync(path.join(campaign, 'node_modules', name, 'src'))).toBe(false);
    // What CI runs: a clean install of the lockfile without dev tools of its own.
    sh('npm', ['ci', '--prefer-offline', '--no-audit', '--no-fund']);
    expect(npx('letter', '--version')).toBe(`${version}\n`);
    // Each install builds better-sqlite3 from source where no prebuilt binary can be downloaded (about 80 s).
  }, 600_000);

  it('starts a letter, signs it, checks it and renders it', () => {
    npx(
      'letter',
      'init',
      'letters/clean-air',
      '--title',
      'Clean Air Now',
      '--addressee',
      'the European Commission',
      '--organiser',
      'Clean Air Network',
      '--group',
      'Doctors',
      '--group',
      'Researchers',
      '--github',
      '--yes',
    );
    // The CI files: the pull-request check at this very version, the publish workflow, the
    // pull-request template; git settings for clean merges and a .gitignore for renders.
    const check = readFileSync(path.join(campaign, '.github/workflows/letter-check.yml'), 'utf8');
    expect(check).toContain(`${name}@${version}`);
    expect(check).not.toContain('@latest');
    expect(existsSync(path.join(campaign, '.github/workflows/letter-publish.yml'))).toBe(true);
    expect(existsSync(path.join(campaign, '.github/pull_request_template.md'))).toBe(true);
    expect(readFileSync(path.join(campaign, '.gitattributes'), 'utf8')).toContain(
      'letters/*/CHANGELOG.md merge=union',
    );
    expect(readFileSync(path.join(campaign, '.gitignore'), 'utf8')).toMatch(
      /^node_modules\/\n[\s\S]*^out\/$/m,
    );
    const letterYaml = path.join(campaign, 'letters/clean-air/letter.yaml');
    writeFileSync(
      letterYaml,
      readFileSync(letterYaml, 'utf8').replace(/^status: draft$/m, 'status: open'),
    );
    git('add', '-A');
    git('commit', '-qm', 'Start the letter');

    const signed = npx(
      'letter',
      'sign',
      'letters/clean-air',
      '--name',
      'Ada Lovelace',
      '--country',
      'GB',
      '--group',
      'doctors',
      '--yes',
    );
    expect(signed).toContain('Signed: Ada Lovelace (ada-lovelace, pending)');
    git('add', '-A');
    git('commit', '-qm', 'Sign: Ada Lovelace');

    // Two staff sign on two branches; plain `git merge` merges both (CHANGELOG.md: a union merge).
    for (const [branch, person] of [
      ['bea', 'Bea Brandt'],
      ['carl', 'Carl Cruz'],
    ] as const) {
      git('checkout', '-q', '-b', branch, 'main');
      npx(
        'letter',
        'sign',
        'letters/clean-air',
        '--name',
        person,
        '--country',
        'DE',
        '--group',
        'researchers',
        '--yes',
      );
      git('add', '-A');
      git('commit', '-qm', `Sign: ${person}`);
    }
    git('checkout', '-q', 'main');
    git('merge', '-q', '--no-edit', 'bea');
    git('merge', '-q', '--no-edit', 'carl');
    npx('letter', 'changelog', 'letters/clean-air');
    if (git('status', '--porcelain') !== '') git('commit', '-qam', 'Changelog in order');
    expect(npx('letter', 'check')).toContain(
      'letters/clean-air: 3 signatures, 0 errors, 0 warnings',
    );
    // From a folder inside the repository, as git runs.
    expect(
      sh('npx', ['letter', 'check', '.'], {
        cwd: path.join(campaign, 'letters/clean-air/signatures'),
      }),
    ).toContain('3 signatures, 0 errors');

    expect(npx('letter', 'render', 'letters/clean-air')).toContain('out/clean-air/clean-air.html');
    expect(readFileSync(path.join(campaign, 'out/clean-air/clean-air.html'), 'utf8')).toContain(
      'Ada Lovelace',
    );
  }, 300_000);

  it('checks a pull request in a clone made as the workflow makes it, after the base branch moved', () => {
    const origin = path.join(work, 'origin.git');
    sh('git', ['init', '-q', '--bare', '-b', 'main', origin]);
    git('remote', 'add', 'origin', origin);
    git('push', '-q', 'origin', 'main');
    // A contributor's pull request signs Dan; one more edits Ada's signature.
    const pullRequest = (branch: string, change: () => void) => {
      git('checkout', '-q', '-b', branch, 'main');
      change();
      git('add', '-A');
      git('commit', '-qm', branch);
      git('push', '-q', 'origin', branch);
      git('checkout', '-q', 'main');
    };
    pullRequest('sign-dan', () =>
      npx(
        'letter',
        'sign',
        'letters/clean-air',
        '--name',
        'Dan Dreyer',
        '--country',
        'FR',
        '--group',
        'doctors',
        '--github',
        'dan',
        '--yes',
      ),
    );
    pullRequest('edit-ada', () => {
      const ada = path.join(campaign, 'letters/clean-air/signatures/ada-lovelace.yaml');
      writeFileSync(ada, readFileSync(ada, 'utf8').replace('country: GB', 'country: FR'));
    });
    // Meanwhile the base branch moves: Eve signs on main.
    npx(
      'letter',
      'sign',
      'letters/clean-air',
      '--name',
      'Eve Ekdahl',
      '--country',
      'SE',
      '--group',
      'doctors',
      '--yes',
    );
    git('add', '-A');
    git('commit', '-qm', 'Sign: Eve Ekdahl');
    git('push', '-q', 'origin', 'main');
    // The check workflow's checkout: the whole history (fetch-depth: 0), the pull request's head.
    const clone = (branch: string, depth?: number) => {
      const dir = path.join(work, `clone-${branch}-${depth ?? 'full'}`);
      sh('git', [
        'clone',
        '-q',
        ...(depth ? ['--depth', String(depth), '--no-single-branch'] : []),
        '--branch',
        branch,
        `file://${origin}`,
        dir,
      ]);
      return dir;
    };
    const checkBase = (cwd: string, author: string) =>
      spawnSync(
        'npx',
        [
          'letter',
          'check',
          '--base',
          'origin/main',
          '--role',
          'contributor',
          '--max-added',
          '1',
          '--author',
          author,
        ],
        {
          cwd,
          encoding: 'utf8',
          env: {
            ...env,
            NO_COLOR: '1',
            LETTER_CACHE_DIR: TEST_CACHE,
            NODE_PATH: path.join(campaign, 'node_modules'),
          },
        },
      );
    // The clone runs the campaign's installed letter (as the workflow runs the pinned one).
    const run = (branch: string, author: string, depth?: number) => {
      const dir = clone(branch, depth);
      sh('ln', ['-s', path.join(campaign, 'node_modules'), path.join(dir, 'node_modules')]);
      return checkBase(dir, author);
    };
    expect(run('sign-dan', 'dan')).toMatchObject({ status: 0 });
    const edit = run('edit-ada', 'mallory');
    expect(edit.status).toBe(1);
    expect(edit.stdout).toContain('letters/clean-air/signatures/ada-lovelace.yaml');
    const shallow = run('sign-dan', 'dan', 1);
    expect(shallow.status).toBe(2);
    expect(shallow.stderr).toContain('no merge base');
  }, 300_000);

  it("adds a signature from a GitHub issue made with the letter's issue form", () => {
    npx('letter', 'github', 'issue-form', 'letters/clean-air', '--write');
    expect(
      readFileSync(path.join(campaign, '.github/ISSUE_TEMPLATE/sign-clean-air.yml'), 'utf8'),
    ).toMatch(/^labels:\n {2}- sign-clean-air$/m);
    expect(existsSync(path.join(campaign, '.github/workflows/sign-clean-air.yml'))).toBe(true);
    const version = /text_version: (sha256:[0-9a-f]{12})/.exec(
      readFileSync(path.join(campaign, 'letters/clean-air/signatures/ada-lovelace.yaml'), 'utf8'),
    )![1];
    // A real "issues opened" event of GitHub (octokit/webhooks), its body as the form writes it.
    const event = JSON.parse(
      readFileSync(path.join(ROOT, 'test/fixtures/github/opened.payload.json'), 'utf8'),
    );
    event.issue.body = `### Name\n\nFay Fontaine\n\n### Role\n\nPaediatrician\n\n### Organisation\n\n_No response_\n\n### Country\n\nFrance\n\n### Group\n\nDoctors\n\n### Web page\n\n_No response_\n\n### Consent\n\n- [X] I agree to the text of this letter as it reads at version ${version}; my name will be public.`;
    const file = path.join(work, 'event.json');
    writeFileSync(file, JSON.stringify(event));
    const signed = JSON.parse(
      npx('letter', 'sign', 'letters/clean-air', '--from-issue', file, '--json'),
    );
    expect(signed).toMatchObject({ login: event.issue.user.login });
    const text = readFileSync(path.join(campaign, signed.file), 'utf8');
    expect(text).toContain('name: Fay Fontaine\n');
    expect(text).toContain(`github: ${event.issue.user.login}\n`);
    expect(npx('letter', 'check')).toContain('0 errors');
    git('add', '-A');
    git('commit', '-qm', 'Sign: Fay Fontaine (from an issue)');
  }, 120_000);

  it("pre-commit, with the hooks of letter's repository, blocks a commit of a broken signature file", () => {
    // pre-commit fetches the hook repository as git does; here, a clone of this one.
    const hooks = path.join(work, 'letter-hooks');
    execFileSync('git', ['clone', '-q', ROOT, hooks]);
    writeFileSync(
      path.join(campaign, 'letters/clean-air/signatures/gus-grey.yaml'),
      'name: Gus Grey\ncountry: XX\nsigned_at: 2025-01-02T00:00:00Z\nstatus: pending\n',
    );
    git('add', '-A');
    mkdirSync(path.join(work, 'pre-commit-home'));
    const r = spawnSync('pre-commit', ['try-repo', hooks, 'letter-check'], {
      cwd: campaign,
      encoding: 'utf8',
      env: {
        ...env,
        PRE_COMMIT_HOME: path.join(work, 'pre-commit-home'),
        npm_config_prefer_offline: 'true',
        NO_COLOR: '1',
        GIT_AUTHOR_NAME: 'T',
        GIT_AUTHOR_EMAIL: 't@example.org',
        GIT_COMMITTER_NAME: 'T',
        GIT_COMMITTER_EMAIL: 't@example.org',
      },
    });
    if (r.error)
      throw new Error(
        `pre-commit could not run (${r.error.message}): apt-get install pre-commit (see .ci/run)`,
      );
    expect(r.status).toBe(1);
    expect(`${r.stdout}${r.stderr}`).toContain(
      'letters/clean-air/signatures/gus-grey.yaml:2:10: error:',
    );
    git('rm', '-q', '-f', 'letters/clean-air/signatures/gus-grey.yaml');
  }, 600_000);

  it('prints hints the campaign can run: npx letter', () => {
    let stderr = '';
    try {
      npx('letter', 'distinct', 'letters/clean-air', 'ada-lovelace', 'no-such-id');
    } catch (e) {
      stderr = String((e as { stderr: string }).stderr);
    }
    expect(stderr).toContain('npx letter list letters/clean-air --status all');
  }, 60_000);
});
