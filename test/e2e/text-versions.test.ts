// Versions of a letter's text in a real git repository, through the built binary: v1
// committed, a signature made on it, v2 committed, v3 in the working copy; then a shallow
// clone and a folder outside git, where history is short and letter says so.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { letter, ROOT } from '../helpers/cli.js';

const L = 'letters/time-to-act';
const V1 = 'sha256:5b9d2dc95291';
let top: string;
let repo: string;
const git = (cwd: string, date: string, ...args: string[]) =>
  execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 'T',
      GIT_AUTHOR_EMAIL: 't@example.org',
      GIT_COMMITTER_NAME: 'T',
      GIT_COMMITTER_EMAIL: 't@example.org',
      GIT_AUTHOR_DATE: date,
      GIT_COMMITTER_DATE: date,
    },
  });
const body = () => path.join(repo, L, 'letter.md');
const edit = (from: string, to: string) =>
  writeFileSync(body(), readFileSync(body(), 'utf8').replace(from, to));
const noCommits = (s: string) => s.replace(/\b[0-9a-f]{7}\b(?= {2})/g, '<commit>');

beforeAll(async () => {
  top = mkdtempSync(path.join(tmpdir(), 'letter-versions-'));
  repo = path.join(top, 'repo');
  cpSync(path.join(ROOT, L), path.join(repo, L), { recursive: true });
  git(repo, '2020-05-20T10:00:00Z', 'init', '-q', '-b', 'main');
  git(repo, '2020-05-20T10:00:00Z', 'add', '-A');
  git(repo, '2020-05-20T10:00:00Z', 'commit', '-qm', 'v1');
  const now = { LETTER_NOW: '2020-05-21T09:00:00Z' };
  const who = ['--name', 'Ada Lovelace', '--country', 'GB', '--group', 'industry'];
  expect((await letter(repo, ['sign', L, ...who], now)).code).toBe(0);
  expect((await letter(repo, ['verify', L, 'ada-lovelace', '--by', 'Desk'], now)).code).toBe(0);
  edit('The time to act is now.', 'The time to act is now, not tomorrow.');
  git(repo, '2020-05-22T10:00:00Z', 'add', '-A');
  git(repo, '2020-05-22T10:00:00Z', 'commit', '-qm', 'v2');
  edit('We therefore call on you to:', 'We therefore urge you to:');
});
afterAll(() => rmSync(top, { recursive: true, force: true }));

describe('letter versions', () => {
  it('names the committed texts and the working copy, and who agreed to each', async () => {
    const r = await letter(repo, ['versions', L]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(noCommits(r.stdout)).toBe(
      `${L}/letter.md: 3 versions, now v3
  v1  ${V1}  2020-05-20T10:00:00Z  <commit>  1 signatory (1 verified) · translated to fr, es
  v2  sha256:0b3f39889e30  2020-05-22T10:00:00Z  <commit>  no signatory
* v3  sha256:4c535e2fc9f7  not committed yet              no signatory
`,
    );
    const json = JSON.parse((await letter(repo, ['versions', L, '--json'])).stdout);
    expect(json.current).toBe('v3');
    expect(json.history).toEqual({ depth: 'full', note: null });
    expect(json.versions.map((v: { name: string; uncommitted: boolean }) => v.uncommitted)).toEqual(
      [false, false, true],
    );
  });
});

describe('letter diff', () => {
  it('shows the change from the version before the current one, with git word-diff marks in a pipe', async () => {
    const r = await letter(repo, ['diff', L]);
    expect(r.code).toBe(0);
    const [heading, blank, ...text] = r.stdout.split('\n');
    expect(heading).toBe(
      `${L}/letter.md: v2 (2020-05-22T10:00:00Z) → v3 (current, not committed): 2 words removed, 1 word added`,
    );
    expect(blank).toBe('');
    expect(text).toContain('We therefore [-call on-]{+urge+} you to:');
    expect(text).toContain('The time to act is now, not tomorrow.');
  });

  it('compares any two versions; --json gives the parts', async () => {
    const r = await letter(repo, ['diff', L, 'v1', 'v2', '--json']);
    const json = JSON.parse(r.stdout);
    expect([json.from.name, json.to.name, json.from.hash]).toEqual(['v1', 'v2', V1]);
    expect(json.parts.filter((p: { kind: string }) => p.kind !== 'same')).toEqual([
      { kind: 'added', text: ', not tomorrow' },
    ]);
    expect(json.counts).toEqual({ removed: 0, added: 2 });
    const byHash = await letter(repo, ['diff', L, V1, 'current']);
    expect(byHash.stdout.split('\n')[0]).toBe(
      `${L}/letter.md: v1 (2020-05-20T10:00:00Z) → v3 (current, not committed): 2 words removed, 3 words added`,
    );
  });

  it('colours removals red and struck through, additions green and underlined, on request', async () => {
    const r = await letter(repo, ['diff', L], { FORCE_COLOR: '1', NO_COLOR: '' });
    expect(r.stdout).toContain(
      'We therefore \x1b[31m\x1b[9mcall on\x1b[29m\x1b[39m\x1b[32m\x1b[4murge\x1b[24m\x1b[39m you to:',
    );
  });

  it('refuses a version that does not exist, naming those there are (exit 2)', async () => {
    const r = await letter(repo, ['diff', L, 'v9']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `error: "v9" is not a version of ${L}/letter.md; it has v1, v2, v3\nName one of them, current, or a hash (sha256:...); letter versions lists them.\n`,
    );
  });

  it('writes a standalone HTML redline, every piece of text escaped', async () => {
    const r = await letter(repo, ['diff', L, 'v1', '--format', 'html', '--out', 'redline.html']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      `${L}/letter.md: v1 (2020-05-20T10:00:00Z) → v3 (current, not committed): 2 words removed, 3 words added\n  wrote redline.html\n`,
    );
    const html = readFileSync(path.join(repo, 'redline.html'), 'utf8');
    expect(html).toMatch(/^<!doctype html>\n<html lang="en" dir="ltr">/);
    expect(html).toContain(
      `We therefore <del><span class="hidden">[removed: </span>call on<span class="hidden">]</span></del><ins><span class="hidden">[added: </span>urge<span class="hidden">]</span></ins> you to:`,
    );
    expect(html).toContain(
      '<meta http-equiv="Content-Security-Policy" content="default-src \'none\';',
    );
    expect(html).not.toContain('<script');
    const inside = await letter(repo, ['diff', L, '--format', 'html', '--out', `${L}/r.html`]);
    expect(inside.code).toBe(2);
    expect(inside.stderr).toContain('is inside the letter folder');
    const itself = await letter(repo, ['diff', L, '--format', 'html', '--out', L]);
    expect(itself.code).toBe(2);
    expect(itself.stderr).toContain('is inside the letter folder');
    const folder = await letter(repo, ['diff', L, '--format', 'html', '--out', 'letters']);
    expect(folder.code).toBe(2);
    expect(folder.stderr).toContain('--out: letters is a folder; name the file to write');
    const stdout = await letter(repo, ['diff', L, '--format', 'html']);
    expect(stdout.stdout).toMatch(/^<!doctype html>[\s\S]*<\/html>\n$/);
  });

  it('keeps the terminal safe from control characters in the text', async () => {
    const before = readFileSync(body(), 'utf8');
    writeFileSync(body(), `${before}\x1b]0;owned\x07\x1b[2J\n`);
    try {
      const r = await letter(repo, ['diff', L]);
      expect(r.stdout).toContain('{+\\x1b]0;owned\\x07\\x1b[2J+}');
      expect(r.stdout).not.toContain('\x1b');
    } finally {
      writeFileSync(body(), before);
    }
  });
});

describe('short history', () => {
  it('in a shallow clone: says so, lists a recorded version by its hash, and diff says how to fetch it', async () => {
    const clone = path.join(top, 'shallow');
    git(top, '2020-05-23T00:00:00Z', 'clone', '-q', '--depth', '1', `file://${repo}`, clone);
    const r = await letter(clone, ['versions', L]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(
      'note: a shallow clone: texts of letter.md before 2020-05-22T10:00:00Z are not known (git fetch --unshallow fetches them)\n',
    );
    expect(noCommits(r.stdout)).toBe(
      `${L}/letter.md: 1 version, now v1
* v1  sha256:0b3f39889e30  2020-05-22T10:00:00Z  <commit>  no signatory

Recorded, but the text is not found in history:
  ${V1}  first recorded 2020-05-21T09:00:00Z  1 signatory (1 verified) · translated to fr, es
`,
    );
    const d = await letter(clone, ['diff', L, V1]);
    expect(d.code).toBe(1);
    expect(d.stderr).toContain('Fetch the whole history (git fetch --unshallow)');
    const list = await letter(clone, ['list', L]);
    expect(list.stdout).toContain(`ada-lovelace [agreed to ${V1}]`);
  });

  it('outside git: names the working copy alone and still renders, marking by hash', async () => {
    const plain = path.join(top, 'plain');
    cpSync(path.join(repo, L), path.join(plain, L), { recursive: true });
    const v = await letter(plain, ['versions', L, '--json']);
    expect(JSON.parse(v.stdout).versions.map((x: { name: string }) => x.name)).toEqual(['v1', V1]);
    expect(v.stderr).toBe(
      'note: not in a git repository: only the text of letter.md as it is now is known\n',
    );
    const r = await letter(plain, ['render', L, '--format', 'md']);
    expect(r.code).toBe(0);
    expect(readFileSync(path.join(plain, 'out/time-to-act/time-to-act.md'), 'utf8')).toContain(
      `† agreed to an earlier version of the text (${V1}).`,
    );
  });
});
