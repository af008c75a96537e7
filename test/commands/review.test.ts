import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { letter } from '../helpers/in-process.js';

// Review covers the whole change: what lies outside the letters, every line CHANGELOG.md
// gains, and an editor's erasure (allowed) against a contributor's (refused as one).
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
const write = (p: string, text: string) => {
  mkdirSync(path.dirname(path.join(dir, p)), { recursive: true });
  writeFileSync(path.join(dir, p), text);
};
const append = (p: string, text: string) =>
  writeFileSync(path.join(dir, p), `${readFileSync(path.join(dir, p), 'utf8')}${text}`);
const commitAll = (msg: string) => {
  git('add', '-A');
  git('commit', '-qm', msg);
};
const check = async (...args: string[]) => {
  const r = await letter(dir, ['check', '--base', 'main', '--format', 'json', ...args]);
  const out = JSON.parse(r.stdout) as {
    ok: boolean;
    errors: { file: string; line: number; code: string; message: string }[];
    warnings: { file: string; code: string; message: string }[];
    letters: { change?: { added: string[]; removed: string[]; erased: string[] } }[];
  };
  return {
    code: r.code,
    ...out,
    found: (list: { file: string; code: string; line?: number }[]) =>
      list.map((p) => `${p.file}:${p.line ?? 1} ${p.code}`).sort(),
  };
};

/** A repository with one letter signed through pull requests, beside shared templates, a workflow and a README. */
async function repository(
  changelog: 'on-merge' | 'append',
  layout: 'flat' | 'sharded',
): Promise<void> {
  dir = mkdtempSync(path.join(tmpdir(), 'letter-review-'));
  git('init', '-q', '-b', 'main');
  await letter(dir, [
    'init',
    L,
    '--title',
    'Reviewed',
    '--addressee',
    'the council',
    '--organiser',
    'Us',
    '--group',
    'People',
    '--changelog',
    changelog,
  ]);
  const p = path.join(dir, L, 'letter.yaml');
  writeFileSync(p, readFileSync(p, 'utf8').replace('status: draft', 'status: open'));
  if (layout === 'sharded')
    expect((await letter(dir, ['fmt', L, '--layout', 'sharded'])).code).toBe(0);
  for (const [name, login] of [
    ['Carol First', 'carol'],
    ['Dave Second', 'dave'],
  ])
    expect(
      (
        await letter(dir, [
          'sign',
          L,
          '--name',
          name!,
          '--country',
          'FR',
          '--group',
          'people',
          '--github',
          login!,
          '--signed-at',
          '2025-01-01',
        ])
      ).code,
    ).toBe(0);
  await letter(dir, ['changelog', L]);
  write('templates/letter.html.hbs', '<h1>{{title}}</h1>\n');
  write('.github/workflows/letter-check.yml', 'on: pull_request\n');
  write('letters/README.md', 'Our letters.\n');
  commitAll('letter');
  git('checkout', '-q', '-b', 'pr');
}
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('changes outside the letters', () => {
  beforeEach(() => repository('on-merge', 'flat'));

  it("are errors for a contributor, and named for a maintainer in an editor's change", async () => {
    expect(
      (
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
          'eve',
        ])
      ).code,
    ).toBe(0);
    append('templates/letter.html.hbs', '<script src="https://evil.example/x.js"></script>\n');
    append('.github/workflows/letter-check.yml', 'permissions: write-all\n');
    append('letters/README.md', 'More.\n');
    write('letters/.hidden/notes.md', 'x\n');
    write('.config/tool.yml', 'x: 1\n');
    symlinkSync('../../etc/passwd', path.join(dir, L, 'signatures/link.yaml'));
    symlinkSync('/etc', path.join(dir, 'docs'));
    commitAll('sign, and more');
    const contributor = await check('--author', 'eve');
    expect(contributor.code).toBe(1);
    expect(
      contributor.found(
        contributor.errors.filter(
          (p) => p.code === 'outside-letters' || p.code === 'symbolic-link-in-change',
        ),
      ),
    ).toEqual([
      '.config/tool.yml:1 outside-letters',
      '.github/workflows/letter-check.yml:1 outside-letters',
      'docs:1 symbolic-link-in-change',
      'letters/.hidden/notes.md:1 outside-letters',
      'letters/README.md:1 outside-letters',
      `${L}/signatures/link.yaml:1 symbolic-link-in-change`,
      'templates/letter.html.hbs:1 outside-letters',
    ]);
    expect(contributor.errors.find((p) => p.file === 'templates/letter.html.hbs')!.message).toBe(
      "the change modifies a shared template; a contributor's change may only add their own signature",
    );
    expect(contributor.errors.find((p) => p.file === 'letters/README.md')!.message).toBe(
      "the change modifies a file beside the letters; a contributor's change may only add their own signature",
    );

    rmSync(path.join(dir, L, 'signatures/link.yaml'));
    commitAll('no link in the letter');
    const editor = await check('--role', 'editor');
    expect(editor.ok).toBe(true);
    expect(editor.found(editor.warnings.filter((p) => p.code !== 'changelog-behind'))).toEqual([
      '.config/tool.yml:1 outside-letters',
      '.github/workflows/letter-check.yml:1 outside-letters',
      'docs:1 symbolic-link-in-change',
      'letters/.hidden/notes.md:1 outside-letters',
      'letters/README.md:1 outside-letters',
      'templates/letter.html.hbs:1 outside-letters',
    ]);
    expect(
      editor.warnings.find((p) => p.file === '.github/workflows/letter-check.yml')!.message,
    ).toBe('the change modifies a GitHub workflow or setting; for a maintainer to review');
  });
});

describe('what is no part of the change', () => {
  beforeEach(() => repository('on-merge', 'flat'));

  it('an untracked checkout of the checker beside the letters (as the workflow makes it) is not reported', async () => {
    expect(
      (
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
          'eve',
        ])
      ).code,
    ).toBe(0);
    commitAll('sign');
    write('.letter-tool/bin/letter.js', '// the checker, from the base branch\n');
    expect(await check('--author', 'eve')).toMatchObject({ code: 0, errors: [] });
  });
});

describe('CHANGELOG.md gains only the lines the signature files give', () => {
  it('refuses a fake verification, a link and a heading appended by a contributor (on-merge letter)', async () => {
    await repository('on-merge', 'flat');
    expect(
      (
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
          'eve',
        ])
      ).code,
    ).toBe(0);
    append(
      `${L}/CHANGELOG.md`,
      'verified: Barack Obama\n[Sign the real letter](https://phish.example/sign)\n## Verified by the United Nations\n',
    );
    commitAll('sign');
    const r = await check('--author', 'eve');
    expect(r.code).toBe(1);
    expect(r.found(r.errors)).toEqual([
      `${L}/CHANGELOG.md:7 changelog-line-unexplained`,
      `${L}/CHANGELOG.md:8 changelog-line-unexplained`,
      `${L}/CHANGELOG.md:9 changelog-line-unexplained`,
    ]);
    expect(r.errors[0]!.message).toBe(
      'CHANGELOG.md gains a line that no signature the change adds gives',
    );
  });

  it("takes the line a contributor's sign adds (append letter), and not one line more", async () => {
    await repository('append', 'flat');
    expect(
      (
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
          'eve',
        ])
      ).code,
    ).toBe(0);
    commitAll('sign');
    expect(await check('--author', 'eve')).toMatchObject({ code: 0, errors: [] });
    append(
      `${L}/CHANGELOG.md`,
      '- 2025-01-02T00:00:00Z verified: Eve Own (eve-own) by the United Nations\n',
    );
    commitAll('and a fake verification');
    const r = await check('--author', 'eve');
    expect(r.found(r.errors.filter((p) => p.code === 'changelog-line-unexplained'))).toEqual([
      `${L}/CHANGELOG.md:8 changelog-line-unexplained`,
    ]);
  });
});

describe.each(['flat', 'sharded'] as const)(
  'erasure through a pull request, %s layout',
  (layout) => {
    beforeEach(() => repository('append', layout));
    const file =
      layout === 'flat'
        ? `${L}/signatures/dave-second.yaml`
        : `${L}/signatures/da/dave-second.yaml`;

    it("an editor's erasure passes review, with the id read by the layout", async () => {
      expect(
        (
          await letter(dir, [
            'withdraw',
            L,
            'dave-second',
            '--reason',
            'Asked to be forgotten',
            '--erase',
          ])
        ).code,
      ).toBe(0);
      commitAll('erase');
      const r = await check('--role', 'editor');
      expect(r).toMatchObject({ code: 0, errors: [], warnings: [] });
      expect(r.letters[0]!.change).toMatchObject({
        added: [],
        removed: [],
        erased: ['dave-second'],
      });
    });

    it("a contributor's erasure is refused as an erasure, not reported as a removal", async () => {
      expect(
        (
          await letter(dir, [
            'withdraw',
            L,
            'dave-second',
            '--reason',
            'Asked to be forgotten',
            '--erase',
          ])
        ).code,
      ).toBe(0);
      commitAll('erase');
      const r = await check('--author', 'dave');
      expect(r.code).toBe(1);
      expect(r.errors.filter((p) => p.code === 'signature-removed')).toEqual([]);
      expect(r.errors.find((p) => p.file === file)).toMatchObject({
        code: 'erasure-by-contributor',
        message: expect.stringMatching(
          /^the change erases the signature dave-second \(replaced by the erasure record erased-[0-9a-f]{12}\); only an editor erases a signature$/,
        ),
      });
      expect(r.letters[0]!.change).toMatchObject({
        added: [],
        removed: [],
        erased: ['dave-second'],
      });
    });

    it('a removal without its erasure record still fails, for an editor too', async () => {
      rmSync(path.join(dir, file));
      await letter(dir, ['changelog', L]);
      commitAll('remove');
      const r = await check('--role', 'editor');
      expect(r.code).toBe(1);
      expect(r.found(r.errors)).toEqual([`${file}:1 signature-removed`]);
      expect(r.errors[0]!.message).toBe(
        'the change removes the signature dave-second (present at main)',
      );
    });
  },
);
