import { execFileSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, snapshot, useTempLetter } from '../helpers/cli.js';
import { letter } from '../helpers/in-process.js';

// Private means never tracked: whatever writes contact details first makes git ignore them,
// and check fails on a tracked file of the private store or a contact in any file of a letter.
const t = useTempLetter();
const L = 'letters/time-to-act';
const SIGN = ['--country', 'FR', '--group', 'industry'];
const git = (...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=T', '-c', 'user.email=t@example.org', ...args], {
    cwd: t.dir,
    encoding: 'utf8',
  });
const write = (p: string, text: string) => writeFileSync(path.join(t.dir, p), text);
/** Files git tracks or would add with `git add -A`, under the private store. */
const privateInGit = () =>
  git('ls-files', '--cached', '--others', '--exclude-standard', '--', `${L}/private`);
/** Signs Zoe Zimmer with an email (a contact for the private store); the sign must succeed. */
const signZoe = async () =>
  expect(
    (
      await letter(t.dir, [
        'sign',
        L,
        '--name',
        'Zoe Zimmer',
        ...SIGN,
        '--email',
        'zoe@example.org',
      ])
    ).code,
  ).toBe(0);
/** A letter made by hand: the example letter without its .gitignore. */
const withoutGitignore = () => {
  git('rm', '-q', `${L}/.gitignore`);
  git('commit', '-qm', 'a letter made by hand');
};

describe('commands that write contact details make git ignore them first', () => {
  it('sign --email --commit on a letter made by hand commits the signature and the new .gitignore, never the contacts', async () => {
    withoutGitignore();
    const r = await letter(t.dir, [
      'sign',
      L,
      '--name',
      'Zoe Zimmer',
      ...SIGN,
      '--email',
      'zoe@example.org',
      '--commit',
    ]);
    expect(r.code).toBe(0);
    expect(git('show', '--name-only', '--format=', 'HEAD').trim().split('\n').sort()).toEqual([
      `${L}/.gitignore`,
      `${L}/CHANGELOG.md`,
      `${L}/signatures/zoe-zimmer.yaml`,
    ]);
    expect(readFileSync(path.join(t.dir, L, '.gitignore'), 'utf8')).toBe(
      '# Contact details of signatories: never in git.\nprivate/\n',
    );
    expect(privateInGit()).toBe('');
    expect(readFileSync(path.join(t.dir, L, 'private/contacts.yaml'), 'utf8')).toBe(
      'zoe-zimmer:\n  email: zoe@example.org\n',
    );
  });

  it('sign --email --commit with the .gitignore in place commits in one go', async () => {
    const r = await letter(t.dir, [
      'sign',
      L,
      '--name',
      'Zoe Zimmer',
      ...SIGN,
      '--email',
      'zoe@example.org',
      '--commit',
    ]);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toContain('committed');
    expect(git('show', '--name-only', '--format=', 'HEAD').trim().split('\n').sort()).toEqual([
      `${L}/CHANGELOG.md`,
      `${L}/signatures/zoe-zimmer.yaml`,
    ]);
    expect(git('status', '--porcelain', '--untracked-files=all')).toBe('');
  });

  it('an .gitignore that lets private/ back in (!private/) is extended, not trusted', async () => {
    write(`${L}/.gitignore`, 'private/\n!private/\n');
    git('commit', '-qam', 'unignore');
    expect(
      (
        await letter(t.dir, [
          'sign',
          L,
          '--name',
          'Zoe Zimmer',
          ...SIGN,
          '--phone',
          '020 7946 0958',
        ])
      ).code,
    ).toBe(0);
    expect(readFileSync(path.join(t.dir, L, '.gitignore'), 'utf8')).toBe(
      'private/\n!private/\n# Contact details of signatories: never in git.\nprivate/\n',
    );
    expect(privateInGit()).toBe('');
  });

  it('import with an email column on a letter made by hand keeps the contacts out of git', async () => {
    withoutGitignore();
    write('form.csv', 'Name,Email,Country,Group\nGrace Hopper,grace@example.org,US,industry\n');
    expect((await letter(t.dir, ['import', 'form.csv', L])).code).toBe(0);
    expect(existsSync(path.join(t.dir, L, 'private/contacts.yaml'))).toBe(true);
    expect(privateInGit()).toBe('');
  });

  it('withdraw --erase on a letter made by hand keeps the remaining contacts out of git', async () => {
    await signZoe();
    expect(
      (
        await letter(t.dir, [
          'sign',
          L,
          '--name',
          'Yann Yvon',
          ...SIGN,
          '--email',
          'yann@example.org',
        ])
      ).code,
    ).toBe(0);
    git('add', '-A');
    git('commit', '-qm', 'signed');
    withoutGitignore();
    expect(
      (
        await letter(t.dir, [
          'withdraw',
          L,
          'zoe-zimmer',
          '--reason',
          'Asked to be forgotten',
          '--erase',
        ])
      ).code,
    ).toBe(0);
    expect(readFileSync(path.join(t.dir, L, 'private/contacts.yaml'), 'utf8')).toBe(
      'yann-yvon:\n  email: yann@example.org\n',
    );
    expect(privateInGit()).toBe('');
  });

  it('refuses to write contacts while git tracks the private store, and changes nothing', async () => {
    mkdirSync(path.join(t.dir, L, 'private'));
    write(`${L}/private/contacts.yaml`, 'eva-chen:\n  email: eva@example.org\n');
    git('add', '-f', `${L}/private/contacts.yaml`);
    git('commit', '-qm', 'oops');
    const before = snapshot(t.dir);
    const r = await letter(t.dir, [
      'sign',
      L,
      '--name',
      'Zoe Zimmer',
      ...SIGN,
      '--email',
      'zoe@example.org',
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      `error: ${L}/private/contacts.yaml is tracked by git, and contact details must never be in git; nothing was written.`,
    );
    expect(r.stderr).toContain(`git rm --cached -- ${L}/private/contacts.yaml`);
    expect(snapshot(t.dir)).toEqual(before);
  });

  it('check fails while git would add the private store (its .gitignore rule gone)', async () => {
    await signZoe();
    expect((await letter(t.dir, ['check', L])).code).toBe(0);
    withoutGitignore();
    expect(privateInGit()).toBe(`${L}/private/contacts.yaml\n`);
    const r = await letter(t.dir, ['check', L, '--json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).errors).toContainEqual(
      expect.objectContaining({
        code: 'private-not-ignored',
        file: `${L}/private`,
        message: `git does not ignore the private store: \`git add -A\` would commit ${L}/private/`,
      }),
    );
  });

  it('shows a malformed contact masked, never whole', async () => {
    const r = await letter(t.dir, [
      'sign',
      L,
      '--name',
      'Zoe Zimmer',
      ...SIGN,
      '--email',
      'zoé@localhost',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--email: "z***@l***" must be an email address');
    expect(r.stderr).not.toContain('zoé@localhost');
  });
});

describe('check fails on private data in git', () => {
  it('names a tracked file of the private store and how to untrack it, and passes once it is untracked', async () => {
    mkdirSync(path.join(t.dir, L, 'private'));
    write(`${L}/private/contacts.yaml`, 'eva-chen:\n  email: eva@example.org\n');
    git('add', '-f', `${L}/private/contacts.yaml`);
    git('commit', '-qm', 'oops');
    const r = await letter(t.dir, ['check', L]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      `${L}/private/contacts.yaml:1:1: error: git tracks this file of the private store: contact details must never be in git (untrack it: git rm --cached -- ${L}/private/contacts.yaml`,
    );
    git('rm', '-q', '--cached', `${L}/private/contacts.yaml`);
    expect((await letter(t.dir, ['check', L])).code).toBe(0);
  });

  it('outside a git repository, a private store is no problem', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'letter-nogit-'));
    try {
      cpSync(path.join(ROOT, L), path.join(dir, L), { recursive: true });
      mkdirSync(path.join(dir, L, 'private'));
      writeFileSync(
        path.join(dir, L, 'private/contacts.yaml'),
        'eva-chen:\n  email: eva@example.org\n',
      );
      expect(await letter(dir, ['check', L])).toMatchObject({ code: 0, stderr: '' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('finds contact details in every file of the letter, in the forms the scanner missed, and lets public_contacts through', async () => {
    const yaml = path.join(t.dir, L, 'letter.yaml');
    writeFileSync(yaml, `${readFileSync(yaml, 'utf8')}public_contacts:\n  - press@example.org\n`);
    mkdirSync(path.join(t.dir, L, 'templates'));
    write(
      `${L}/templates/letter.md.hbs`,
      '{{title}}\n\nQuestions: press@example.org or (555) 123-4567\n',
    );
    write(`${L}/README.md`, 'Notes for the team.\n\nCall Eva on 06 12 34 56 78.\n');
    const body = path.join(t.dir, L, 'letter.md');
    writeFileSync(body, `${readFileSync(body, 'utf8')}\nCall 020 7946 0958 to join.\n`);
    const fr = path.join(t.dir, L, 'letter.fr.md');
    writeFileSync(fr, `${readFileSync(fr, 'utf8')}\nÉcrire à josé@exämple.org.\n`);
    const r = await letter(t.dir, ['check', L, '--format', 'json']);
    expect(r.code).toBe(1);
    const found = JSON.parse(r.stdout)
      .errors.filter((p: { code: string }) => p.code === 'contact-details')
      .map((p: { file: string; message: string }) => `${p.file} ${p.message}`);
    expect(found.sort()).toEqual([
      `${L}/README.md a phone number in a public file of the letter`,
      `${L}/letter.fr.md an email address in a public file of the letter`,
      `${L}/letter.md a phone number in a public file of the letter`,
      `${L}/templates/letter.md.hbs a phone number in a public file of the letter`,
    ]);
    expect(r.stdout).not.toMatch(/7946|josé|12 34 56/);
  });
});

describe('check --base fails on private data in a change', () => {
  it('a change that adds the private store (forced past the .gitignore) fails, for an editor too', async () => {
    const base = git('branch', '--show-current').trim();
    git('checkout', '-q', '-b', 'pr');
    mkdirSync(path.join(t.dir, L, 'private'));
    write(`${L}/private/contacts.yaml`, 'eva-chen:\n  phone: "+41 22 000 00 00"\n');
    git('add', '-f', `${L}/private/contacts.yaml`);
    git('commit', '-qm', 'add contacts');
    const r = await letter(t.dir, ['check', L, '--base', base, '--role', 'editor']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      `${L}/private/contacts.yaml:1:1: error: the change adds private/contacts.yaml, in the private store: contact details never go in git`,
    );
  });
});
