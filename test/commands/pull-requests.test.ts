import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ROOT, snapshot, tempLetter } from '../helpers/cli.js';
import { letter } from '../helpers/in-process.js';

const env = {
  GIT_AUTHOR_NAME: 'T',
  GIT_AUTHOR_EMAIL: 't@example.org',
  GIT_COMMITTER_NAME: 'T',
  GIT_COMMITTER_EMAIL: 't@example.org',
};
let dir: string;
const git = (...args: string[]) =>
  execFileSync('git', args, { cwd: dir, encoding: 'utf8', env: { ...process.env, ...env } });
const L = 'letters/open-pr';
const commitAll = (msg: string) => {
  git('add', '-A');
  git('commit', '-qm', msg);
};

beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'letter-pr-'));
  git('init', '-q', '-b', 'main');
  const r = await letter(dir, [
    'init',
    L,
    '--title',
    'Signed by pull request',
    '--addressee',
    'the council',
    '--organiser',
    'Us',
    '--group',
    'People',
    '--changelog',
    'on-merge',
  ]);
  expect(r.code).toBe(0);
  const p = path.join(dir, L, 'letter.yaml');
  writeFileSync(p, readFileSync(p, 'utf8').replace('status: draft', 'status: open'));
  await letter(dir, [
    'sign',
    L,
    '--name',
    'Carol First',
    '--country',
    'FR',
    '--group',
    'people',
    '--github',
    'carol',
    '--signed-at',
    '2025-01-01',
  ]);
  await letter(dir, ['changelog', L]);
  commitAll('letter');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const signOnBranch = async (branch: string, name: string, login: string, signedAt: string) => {
  git('checkout', '-q', '-b', branch, 'main');
  expect(
    (
      await letter(dir, [
        'sign',
        L,
        '--name',
        name,
        '--country',
        'DE',
        '--group',
        'people',
        '--github',
        login,
        '--signed-at',
        signedAt,
      ])
    ).code,
  ).toBe(0);
  commitAll(`Sign: ${name}`);
  git('checkout', '-q', 'main');
};

describe('letters signed through pull requests', () => {
  it('two branches that each sign someone merge without a conflict, and the changelog is refreshed after', async () => {
    await signOnBranch('alice', 'Alice Ames', 'alice', '2025-01-02');
    await signOnBranch('bob', 'Bob Brown', 'bob', '2025-01-03');
    git('merge', '-q', '--no-edit', 'alice');
    git('merge', '-q', '--no-edit', 'bob');
    expect(git('status', '--porcelain')).toBe('');
    const stale = await letter(dir, ['check', L, '--format', 'json']);
    expect(JSON.parse(stale.stdout)).toMatchObject({
      ok: true,
      warnings: [
        {
          code: 'changelog-behind',
          message: 'CHANGELOG.md lacks 2 events (this letter refreshes it after merges)',
        },
      ],
    });
    expect((await letter(dir, ['check', L, '--strict'])).code).toBe(1);
    await letter(dir, ['changelog', L]);
    const fresh = JSON.parse(
      (await letter(dir, ['check', L, '--format', 'json', '--strict'])).stdout,
    );
    expect(fresh).toMatchObject({ ok: true, errors: [], warnings: [] });
    const changelog = readFileSync(path.join(dir, L, 'CHANGELOG.md'), 'utf8');
    expect(changelog).toMatch(
      /signed: Carol First \(carol-first\)\n- \S+ signed: Alice Ames \(alice-ames\)\n- \S+ signed: Bob Brown \(bob-brown\)\n$/,
    );
  });

  it('a branch from a stale copy that deletes a signature fails check --base, naming it', async () => {
    git('checkout', '-q', '-b', 'stale', 'main');
    rmSync(path.join(dir, L, 'signatures/carol-first.yaml'));
    await letter(dir, [
      'sign',
      L,
      '--name',
      'Dan Late',
      '--country',
      'ES',
      '--group',
      'people',
      '--github',
      'dan',
    ]);
    commitAll('sign from a stale copy');
    const r = await letter(dir, ['check', L, '--base', 'main', '--author', 'dan']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      `${L}/signatures/carol-first.yaml:1:1: error: the change removes the signature carol-first (present at main)`,
    );
    const editor = await letter(dir, ['check', L, '--base', 'main', '--role', 'editor']);
    expect(editor.code).toBe(1);
    expect(editor.stdout).toContain('the change removes the signature carol-first');
  });

  it('a contributor may add one signature of their own, and nothing else', async () => {
    git('checkout', '-q', '-b', 'pr', 'main');
    await letter(dir, [
      'sign',
      L,
      '--name',
      'Eve Own',
      '--country',
      'ES',
      '--group',
      'people',
      '--github',
      'Eve',
    ]);
    const ok = await letter(dir, [
      'check',
      L,
      '--base',
      'main',
      '--author',
      'eve',
      '--format',
      'json',
    ]);
    expect(JSON.parse(ok.stdout)).toMatchObject({
      ok: true,
      letters: [{ change: { base: 'main', added: ['eve-own'], changed: [], removed: [] } }],
    });

    await letter(dir, [
      'sign',
      L,
      '--name',
      'Frank Other',
      '--country',
      'ES',
      '--group',
      'people',
      '--github',
      'frank',
      '--allow-similar',
    ]);
    const body = path.join(dir, L, 'letter.md');
    writeFileSync(body, `${readFileSync(body, 'utf8')}An extra sentence.\n`);
    const carol = path.join(dir, L, 'signatures/carol-first.yaml');
    writeFileSync(carol, readFileSync(carol, 'utf8').replace('country: FR', 'country: BE'));
    const r = await letter(dir, ['check', L, '--base', 'main', '--author', 'eve']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      `${L}/letter.md:1:1: error: the change modifies letter.md; a contributor may not touch the letter's text, settings or templates`,
    );
    expect(r.stdout).toContain(
      `${L}/signatures/carol-first.yaml:1:1: error: the change modifies the signature carol-first; a contributor may only add their own`,
    );
    expect(r.stdout).toContain(
      `${L}/signatures/frank-other.yaml:1:1: error: the change adds 2 signatures; a contributor's change may add at most 1`,
    );
    expect(r.stdout).toMatch(
      /signatures\/frank-other\.yaml:\d+:\d+: error: the added signature is for GitHub user frank, but the pull request is by eve: nobody signs for someone else/,
    );
    // An editor may make all of it, but a text changed after people signed needs its reason.
    const editor = await letter(dir, ['check', L, '--base', 'main', '--role', 'editor']);
    expect(editor.code).toBe(1);
    const hash =
      /record why: no entry of revisions: is for the current text (sha256:[0-9a-f]{12})/.exec(
        editor.stdout,
      )?.[1];
    const yaml = path.join(dir, L, 'letter.yaml');
    writeFileSync(
      yaml,
      `${readFileSync(yaml, 'utf8')}revisions: [{ text: "${hash}", at: "2026-11-29T12:00:00Z", reason: "A sentence added" }]\n`,
    );
    expect((await letter(dir, ['check', L, '--base', 'main', '--role', 'editor'])).code).toBe(0);
  });

  it('reports files that are not part of the format, and merge-conflict markers', async () => {
    writeFileSync(path.join(dir, L, 'signatures/signature.yml'), 'name: X\n');
    writeFileSync(path.join(dir, L, 'notes.txt'), 'todo\n');
    const carol = path.join(dir, L, 'signatures/carol-first.yaml');
    writeFileSync(
      carol,
      readFileSync(carol, 'utf8').replace(
        'country: FR\n',
        '<<<<<<< HEAD\ncountry: FR\n=======\ncountry: BE\n>>>>>>> other\n',
      ),
    );
    const r = await letter(dir, ['check', L]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      `${L}/signatures/signature.yml:1:1: error: "signature.yml" is not a signature file name`,
    );
    expect(r.stdout).toContain(
      `${L}/notes.txt:1:1: error: "notes.txt" is not part of a letter folder`,
    );
    expect(r.stdout).toMatch(
      new RegExp(
        `${L}/signatures/carol-first.yaml:\\d+:1: error: the file holds merge-conflict markers`,
      ),
    );
  });

  it('--format github prints workflow annotations with file, line and column', async () => {
    const carol = path.join(dir, L, 'signatures/carol-first.yaml');
    writeFileSync(carol, readFileSync(carol, 'utf8').replace('country: FR', 'country: XX'));
    const r = await letter(dir, ['check', L, '--format', 'github']);
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n')[0]).toBe(
      `::error file=${L}/signatures/carol-first.yaml,line=4,col=10,title=letter check%3A invalid-field::field "country" must be an ISO 3166-1 alpha-2 country code in upper case, such as JO or US`,
    );
  });
});

describe('letter fmt', () => {
  let t: ReturnType<typeof tempLetter>;
  beforeEach(() => {
    t = tempLetter();
  });
  afterEach(() => t.cleanup());

  it('is idempotent, and rewrites only form: key order, quoting, line endings, final newline', async () => {
    const first = await letter(t.dir, ['fmt', 'letters/time-to-act']);
    expect(first.code).toBe(0);
    const once = snapshot(t.dir);
    expect((await letter(t.dir, ['fmt', 'letters/time-to-act'])).stdout).toBe(
      '✔ the letter is in canonical form\n',
    );
    expect(snapshot(t.dir)).toEqual(once);
    const list = (await letter(t.dir, ['list', 'letters/time-to-act', '--json'])).stdout;

    const ban = path.join(t.letterDir, 'signatures/ban-ki-moon.yaml');
    const text = readFileSync(ban, 'utf8');
    const messy =
      `${text.replace('country: KR\n', '').replace('name: Ban Ki-moon', "name: 'Ban Ki-moon'")}country: "KR"`.replace(
        /\n/g,
        '\r\n',
      );
    writeFileSync(ban, `\uFEFF${messy}`);
    const check = await letter(t.dir, ['fmt', '--check', 'letters/time-to-act']);
    expect(check).toMatchObject({
      code: 1,
      stdout: expect.stringContaining(
        'letters/time-to-act/signatures/ban-ki-moon.yaml: not in canonical form',
      ),
    });
    expect((await letter(t.dir, ['fmt', 'letters/time-to-act'])).code).toBe(0);
    expect(snapshot(t.dir)).toEqual(once);
    expect((await letter(t.dir, ['list', 'letters/time-to-act', '--json'])).stdout).toBe(list);
  });

  it('the example letter in the repository is in canonical form', async () => {
    expect((await letter(ROOT, ['fmt', '--check', 'letters/time-to-act'])).code).toBe(0);
  });

  it('the shipped JSON Schemas are those of the code', async () => {
    const r = await letter(t.dir, ['schema', 'signature']);
    expect(r.stdout).toBe(readFileSync(path.join(ROOT, 'schemas/signature.schema.json'), 'utf8'));
    expect((await letter(t.dir, ['schema', 'letter'])).stdout).toBe(
      readFileSync(path.join(ROOT, 'schemas/letter.schema.json'), 'utf8'),
    );
  });
});

describe('what a contributor cannot slip in', () => {
  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'letter-pr-'));
    git('init', '-q', '-b', 'main');
    await letter(dir, [
      'init',
      L,
      '--title',
      'T',
      '--addressee',
      'A',
      '--organiser',
      'O',
      '--group',
      'People',
      '--changelog',
      'on-merge',
    ]);
    const p = path.join(dir, L, 'letter.yaml');
    writeFileSync(p, readFileSync(p, 'utf8').replace('status: draft', 'status: open'));
    await letter(dir, [
      'init',
      'letters/second',
      '--title',
      'Second',
      '--addressee',
      'A',
      '--organiser',
      'O',
    ]);
    commitAll('letters');
    git('checkout', '-q', '-b', 'pr');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('a signature already verified, or backdated, an erasure record, or a deleted letter fail', async () => {
    writeFileSync(
      path.join(dir, L, 'signatures/eve-evans.yaml'),
      'name: Eve Evans\ncountry: FR\ngroup: people\ngithub: eve\nsigned_at: 2020-01-01T00:00:00Z\nstatus: verified\nverified:\n  by: Someone\n  at: 2020-01-01T00:00:00Z\n',
    );
    writeFileSync(
      path.join(dir, L, 'signatures/erased-087e70180ca4.yaml'),
      `fingerprint: sha256:${'0'.repeat(64)}\nsigned_at: 2020-01-01T00:00:00Z\nerased_at: 2020-01-02T00:00:00Z\n`,
    );
    rmSync(path.join(dir, 'letters/second'), { recursive: true });
    const r = await letter(dir, ['check', '--base', 'main', '--author', 'eve']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      `${L}/signatures/eve-evans.yaml:6:9: error: an added signature must be pending; this one is verified`,
    );
    expect(r.stdout).toContain(
      `${L}/signatures/eve-evans.yaml:5:12: error: signed_at 2020-01-01T00:00:00Z is not the time of this change`,
    );
    expect(r.stdout).toContain(
      `${L}/signatures/erased-087e70180ca4.yaml:1:1: error: the change adds the erasure record erased-087e70180ca4; only an editor erases a signature`,
    );
    expect(r.stdout).toContain(
      'letters/second:1:1: error: the change deletes the letter letters/second (present at main)',
    );
  });

  it('a closed letter takes no signature through a pull request', async () => {
    const p = path.join(dir, L, 'letter.yaml');
    git('checkout', '-q', 'main');
    writeFileSync(p, readFileSync(p, 'utf8').replace('status: open', 'status: closed'));
    commitAll('close');
    git('checkout', '-q', '-b', 'late');
    writeFileSync(
      path.join(dir, L, 'signatures/late-person.yaml'),
      `name: Late Person\ncountry: FR\ngroup: people\ngithub: late\nsigned_at: ${new Date().toISOString().replace(/\.\d+Z$/, 'Z')}\nstatus: pending\n`,
    );
    const r = await letter(dir, ['check', L, '--base', 'main', '--author', 'late']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      `${L}/signatures/late-person.yaml:1:1: error: the letter is closed to new signatures`,
    );
  });

  it('--author without --base is a usage error', async () => {
    const r = await letter(dir, ['check', '--author', 'eve']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--author, --role and --max-added judge a change: give --base too');
  });
});
