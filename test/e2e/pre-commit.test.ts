// The hooks of .pre-commit-hooks.yaml as a campaign gets them: Debian's `pre-commit`
// (installed by .ci/run) installs this repository as its node hook (npm install, npm pack,
// npm install -g of the tarball) and runs it in a campaign's repository.
// npm reads its cache first (prefer-offline): the registry is asked only for what the cache
// lacks (`npm install -g <tarball>` needs each dependency's registry metadata, which
// `npm ci` does not cache; once any install cached it, this runs offline).
import { execFileSync, spawnSync } from 'node:child_process';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

const gitEnv = {
  GIT_AUTHOR_NAME: 'T',
  GIT_AUTHOR_EMAIL: 't@example.org',
  GIT_COMMITTER_NAME: 'T',
  GIT_COMMITTER_EMAIL: 't@example.org',
};
let top: string;
let campaign: string;
const git = (...args: string[]) =>
  execFileSync('git', args, {
    cwd: campaign,
    encoding: 'utf8',
    env: { ...process.env, ...gitEnv },
  });
const L = 'letters/clean-air';

/** `pre-commit try-repo` of this repository in the campaign's repository: its exit code and what it printed. */
function tryRepo(...args: string[]): { code: number; out: string } {
  const r = spawnSync('pre-commit', ['try-repo', ROOT, ...args], {
    cwd: campaign,
    encoding: 'utf8',
    env: {
      ...process.env,
      ...gitEnv,
      PRE_COMMIT_HOME: path.join(top, 'pre-commit-home'),
      npm_config_prefer_offline: 'true',
      NO_COLOR: '1',
    },
  });
  if (r.error)
    throw new Error(
      `pre-commit could not run (${r.error.message}): apt-get install pre-commit (see .ci/run)`,
    );
  return { code: r.status ?? -1, out: `${r.stdout}${r.stderr}` };
}

beforeAll(() => {
  top = mkdtempSync(path.join(tmpdir(), 'letter-pre-commit-'));
  campaign = path.join(top, 'campaign');
  // letter as a campaign's dev dependency (node_modules/letter); the hook runs its own install,
  // and both write the same schema lines: paths into the letter's own .schemas/.
  const installed = path.join(campaign, 'node_modules/letter');
  mkdirSync(installed, { recursive: true });
  for (const part of ['bin', 'dist', 'templates', 'schemas', 'package.json'])
    cpSync(path.join(ROOT, part), path.join(installed, part), { recursive: true });
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(installed, 'node_modules'));
  git('init', '-q', '-b', 'main');
  const letter = (...args: string[]) =>
    execFileSync(process.execPath, [path.join(installed, 'bin/letter.js'), ...args], {
      cwd: campaign,
      encoding: 'utf8',
      env: { ...process.env, LETTER_NO_CACHE: '1' },
    });
  letter(
    'init',
    L,
    '--title',
    'Clean Air Now',
    '--addressee',
    'the council',
    '--organiser',
    'Us',
    '--yes',
  );
  const file = path.join(campaign, L, 'letter.yaml');
  writeFileSync(file, readFileSync(file, 'utf8').replace('status: draft', 'status: open'));
  letter('sign', L, '--name', 'Alice Ames', '--country', 'FR', '--signed-at', '2025-01-01');
  expect(readFileSync(file, 'utf8')).toMatch(
    /^# yaml-language-server: \$schema=\.schemas\/letter\.schema\.json\n/,
  );
  git('add', '-A');
  git('commit', '-qm', 'letter');
});
afterAll(() => rmSync(top, { recursive: true, force: true }));

// pre-commit installs the hook's package (npm pack, npm install) in an environment of its own,
// building better-sqlite3 from source where no prebuilt binary can be downloaded: minutes.
describe('pre-commit hooks', () => {
  it('install, and pass a clean repository without rewriting it', () => {
    const r = tryRepo('--all-files');
    expect(r.out).toMatch(/letter check\.+Passed/);
    expect(r.out).toMatch(/letter fmt\.+Passed/);
    expect(r.code).toBe(0);
    expect(git('status', '--porcelain')).toBe('');
  }, 600_000);

  it('block a commit that adds a broken signature', () => {
    writeFileSync(
      path.join(campaign, L, 'signatures/bob-brown.yaml'),
      'name: Bob Brown\ncountry: XX\nsigned_at: 2025-01-02T00:00:00Z\nstatus: pending\n',
    );
    git('add', '-A');
    const r = tryRepo();
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/letter check\.+Failed/);
    expect(r.out).toContain(`${L}/signatures/bob-brown.yaml:2:10: error:`);
  }, 600_000);
});
