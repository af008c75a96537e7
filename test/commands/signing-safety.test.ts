import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { schemaLine, snapshot, useTempLetter } from '../helpers/cli.js';
import { letter } from '../helpers/in-process.js';

const t = useTempLetter();

const L = 'letters/time-to-act';
const read = (p: string) => readFileSync(path.join(t.dir, p), 'utf8');
const allText = () =>
  Object.entries(snapshot(t.dir))
    .map(([f, text]) => `${f}\n${text}`)
    .join('\n');

describe('likely duplicates', () => {
  it('refuses a likely duplicate without a terminal unless --allow-similar', async () => {
    const args = [
      'sign',
      L,
      '--name',
      'Micheal Gorbachev',
      '--country',
      'RU',
      '--group',
      'former-heads-of-state',
    ];
    const before = snapshot(t.dir);
    const r = await letter(t.dir, args);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      '"Micheal Gorbachev" is likely already on the letter; nothing was written:\n  mikhail-gorbachev ("Mikhail Gorbachev", verified): score 0.99: gorbachev, micheal ~ mikhail (forms of one given name); same country',
    );
    expect(r.stderr).toContain('If this is a different person, sign again with --allow-similar.');
    expect(snapshot(t.dir)).toEqual(before);
    const ok = await letter(t.dir, [...args, '--allow-similar']);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain(
      'recorded as a different person from mikhail-gorbachev ("Mikhail Gorbachev")',
    );
    expect(
      readFileSync(path.join(t.letterDir, 'signatures/micheal-gorbachev.yaml'), 'utf8'),
    ).toContain('distinct_from:\n  - mikhail-gorbachev\n');
  });

  it('refuses a Latin name written with a Cyrillic look-alike letter, even with --allow-similar', async () => {
    const r = await letter(t.dir, [
      'sign',
      L,
      '--name',
      'B\u0430n Ki-moon',
      '--country',
      'KR',
      '--group',
      'industry',
      '--allow-similar',
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      'look-alike characters from another script (Unicode TR39 confusables)',
    );
  });

  it('finds the same email address in the private store', async () => {
    expect(
      (
        await letter(t.dir, [
          'sign',
          L,
          '--name',
          'Ada Lovelace',
          '--country',
          'GB',
          '--group',
          'industry',
          '--email',
          'ada@example.org',
        ])
      ).code,
    ).toBe(0);
    const r = await letter(t.dir, [
      'sign',
      L,
      '--name',
      'Augusta King',
      '--country',
      'GB',
      '--group',
      'industry',
      '--email',
      'ADA@example.org',
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('ada-lovelace ("Ada Lovelace", pending): the same email address');
  });
});

describe('verification and rejection', () => {
  it('keeps a rejected fake out for good', async () => {
    await letter(t.dir, [
      'sign',
      L,
      '--name',
      'Fake Dignitary',
      '--country',
      'FR',
      '--group',
      'industry',
    ]);
    const r = await letter(t.dir, [
      'reject',
      L,
      'fake-dignitary',
      '--reason',
      'Their office denies signing',
      '--by',
      'Desk',
    ]);
    expect(r.code).toBe(0);
    expect(read(`${L}/signatures/fake-dignitary.yaml`)).toMatch(
      /status: rejected\nrejected:\n {2}by: Desk\n {2}at: \S+Z\n {2}reason: Their office denies signing\n$/,
    );
    expect(read(`${L}/CHANGELOG.md`)).toMatch(
      /rejected: Fake Dignitary \(fake-dignitary\) by Desk; reason: Their office denies signing\n$/,
    );
    const again = await letter(t.dir, [
      'sign',
      L,
      '--name',
      'FAKE DIGNITARY',
      '--country',
      'FR',
      '--group',
      'industry',
      '--allow-similar',
    ]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(
      '"FAKE DIGNITARY" is the name of a signature rejected as fake (fake-dignitary, "Fake Dignitary"), which stays out for good',
    );
    // A close variant of a fake's name is refused too, whatever a person says.
    const variant = await letter(t.dir, [
      'sign',
      L,
      '--name',
      'Fake Dignittary',
      '--country',
      'FR',
      '--group',
      'industry',
      '--allow-similar',
    ]);
    expect(variant.code).toBe(1);
    expect(variant.stderr).toContain(
      '"Fake Dignittary" is likely the name of a signature rejected as fake (fake-dignitary, "Fake Dignitary")',
    );
    expect((await letter(t.dir, ['verify', L, 'fake-dignitary', '--by', 'x'])).code).toBe(1);
    const listed = JSON.parse(
      (await letter(t.dir, ['list', L, '--status', 'rejected', '--json'])).stdout,
    );
    expect(listed.signatures.map((s: { id: string }) => s.id)).toEqual(['fake-dignitary']);
    await letter(t.dir, ['render', L]);
    expect(read('out/time-to-act/time-to-act.html')).not.toContain('Fake Dignitary');
    expect((await letter(t.dir, ['check', L])).code).toBe(0);
  });
});

describe('private contacts', () => {
  it('keeps --email out of every public file and the letter ignores its private folder in git', async () => {
    const r = await letter(t.dir, [
      'sign',
      L,
      '--name',
      'Ada Lovelace',
      '--country',
      'GB',
      '--group',
      'industry',
      '--email',
      'ada@example.org',
      '--phone',
      '+44 20 7946 0958',
    ]);
    expect(r.code).toBe(0);
    expect(read(`${L}/private/contacts.yaml`)).toBe(
      'ada-lovelace:\n  email: ada@example.org\n  phone: +44 20 7946 0958\n',
    );
    const tracked = execFileSync('git', ['status', '--porcelain', '--untracked-files=all'], {
      cwd: t.dir,
      encoding: 'utf8',
    });
    expect(tracked).not.toContain('private');
    for (const f of [`${L}/signatures/ada-lovelace.yaml`, `${L}/CHANGELOG.md`])
      expect(read(f)).not.toMatch(/ada@|7946/);
  });

  it.each([
    [
      'signatures/ban-ki-moon.yaml',
      'role: Former Secretary-General',
      'role: Former Secretary-General, ban@example.org',
      4,
      33,
      'an email address',
    ],
    [
      'letter.md',
      'The time to act is now.',
      'The time to act is now. Call +41 22 555 01 23.',
      26,
      30,
      'a phone number',
    ],
  ])('fails check on contact details in %s', async (file, from, to, line, column, what) => {
    const p = path.join(t.letterDir, file);
    writeFileSync(p, readFileSync(p, 'utf8').replace(from, to));
    const r = await letter(t.dir, ['check', L]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      `${L}/${file}:${line}:${column}: error: ${what} in a public file of the letter`,
    );
  });
});

describe('erasure', () => {
  it('removes the name and details from every file of the letter, and refuses the name if it comes back', async () => {
    await letter(t.dir, [
      'sign',
      L,
      '--name',
      'Ada Lovelace',
      '--role',
      'Analyst',
      '--country',
      'GB',
      '--group',
      'industry',
      '--email',
      'ada@example.org',
    ]);
    const r = await letter(t.dir, [
      'withdraw',
      L,
      'ada-lovelace',
      '--reason',
      'Asked to be forgotten',
      '--erase',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`removed ${L}/signatures/ada-lovelace.yaml`);
    expect(allText()).not.toMatch(/\bAda\b|Lovelace|ada-lovelace|ada@example/i);
    const record = readdirSync(path.join(t.letterDir, 'signatures')).find((f) =>
      f.startsWith('erased-'),
    )!;
    expect(read(`${L}/signatures/${record}`)).toMatch(
      /^fingerprint: sha256:[0-9a-f]{64}\nfingerprints:\n(?: {2}- sha256:[0-9a-f]{64}\n)+signed_at: \S+Z\nerased_at: \S+Z\n$/,
    );
    expect(read(`${L}/CHANGELOG.md`)).toMatch(
      /signed: \(name erased\) \(erased-[0-9a-f]{12}\)\n- \S+Z erased: \(name erased\) \(erased-[0-9a-f]{12}\)\n$/,
    );
    expect((await letter(t.dir, ['check', L])).code).toBe(0);

    const again = await letter(t.dir, [
      'sign',
      L,
      '--name',
      'ADA LOVELACE',
      '--country',
      'GB',
      '--group',
      'industry',
    ]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("was erased from the letter at the signatory's request");

    // An old branch brings the file back: check refuses it.
    writeFileSync(
      path.join(t.letterDir, 'signatures/ada-lovelace.yaml'),
      'name: Ada Lovelace\ncountry: GB\ngroup: industry\nsigned_at: 2026-11-29T10:00:00Z\nstatus: pending\n',
    );
    const check = await letter(t.dir, ['check', L]);
    expect(check.code).toBe(1);
    expect(check.stdout).toContain(
      `${L}/signatures/ada-lovelace.yaml:1:7: error: "Ada Lovelace" was erased from this letter`,
    );
  });
});

describe('a new letter', () => {
  it('init writes a letter that passes check, with a .gitignore for private data', async () => {
    const r = await letter(t.dir, [
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
      '--verification',
      'required',
    ]);
    expect(r.code).toBe(0);
    expect(read('letters/clean-air/letter.yaml')).toBe(
      schemaLine('letter') +
        'title: Clean Air Now\nslug: clean-air\naddressee: the European Commission\norganisers:\n  - name: Clean Air Network\nstatus: draft\nlanguage: en\ngroups:\n  - id: doctors\n    name: Doctors\n  - id: researchers\n    name: Researchers\nbody: letter.md\nverification: required\n',
    );
    expect(read('letters/clean-air/.gitignore')).toContain('private/\n');
    expect(await letter(t.dir, ['check', 'letters/clean-air'])).toMatchObject({ code: 0 });
    const signed = await letter(t.dir, [
      'sign',
      'letters/clean-air',
      '--name',
      'Dr Jane Roe',
      '--country',
      'BE',
      '--group',
      'Doctors',
    ]);
    expect(signed.code).toBe(0);
  });

  it('init without a terminal names the missing flag (exit 2) and never overwrites (exit 1)', async () => {
    const missing = await letter(t.dir, ['init', 'letters/x-y', '--title', 'T']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('missing --addressee');
    expect(existsSync(path.join(t.dir, 'letters/x-y'))).toBe(false);
    const before = snapshot(t.dir);
    const exists = await letter(t.dir, [
      'init',
      L,
      '--title',
      'T',
      '--addressee',
      'A',
      '--organiser',
      'O',
    ]);
    expect(exists.code).toBe(1);
    expect(snapshot(t.dir)).toEqual(before);
  });

  it('init that fails part-way leaves nothing: no letter, no letters/ folder, no .github/ folders', async () => {
    // A new repository whose .github is a link to nowhere: the workflows cannot be written,
    // which is found only while the letter's own files are being written.
    const repo = mkdtempSync(path.join(tmpdir(), 'letter-init-fail-'));
    execFileSync('git', ['init', '-q'], { cwd: repo });
    symlinkSync('/nonexistent-letter-test/x', path.join(repo, '.github'));
    writeFileSync(path.join(repo, '.gitignore'), 'node_modules/\n');
    const gitignore = readFileSync(path.join(repo, '.gitignore'), 'utf8');
    const r = await letter(repo, [
      'init',
      'letters/new-letter',
      '--title',
      'T',
      '--addressee',
      'A',
      '--organiser',
      'O',
      '--github',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('ENOENT');
    expect(existsSync(path.join(repo, 'letters'))).toBe(false);
    expect(readdirSync(repo).sort()).toEqual(['.git', '.github', '.gitignore']);
    expect(readFileSync(path.join(repo, '.gitignore'), 'utf8')).toBe(gitignore);
    rmSync(repo, { recursive: true, force: true });
  });
});

describe('nothing lost', () => {
  it('--commit makes one commit with only the letter files it wrote', async () => {
    writeFileSync(path.join(t.dir, 'unrelated.txt'), 'staged elsewhere\n');
    execFileSync('git', ['add', 'unrelated.txt'], { cwd: t.dir });
    const r = await letter(
      t.dir,
      [
        'sign',
        L,
        '--name',
        'Ban Ki-moon Jr',
        '--country',
        'KR',
        '--group',
        'industry',
        '--commit',
        '--allow-similar',
      ],
      {
        GIT_AUTHOR_NAME: 'T',
        GIT_AUTHOR_EMAIL: 't@example.org',
        GIT_COMMITTER_NAME: 'T',
        GIT_COMMITTER_EMAIL: 't@example.org',
      },
    );
    expect(r.code).toBe(0);
    const git = (...a: string[]) => execFileSync('git', a, { cwd: t.dir, encoding: 'utf8' });
    expect(git('log', '-1', '--format=%s')).toBe('Sign: Ban Ki-moon Jr\n');
    expect(git('show', '--name-only', '--format=', 'HEAD').trim().split('\n').sort()).toEqual([
      `${L}/CHANGELOG.md`,
      `${L}/signatures/ban-ki-moon-jr.yaml`,
    ]);
    expect(git('status', '--porcelain')).toBe('A  unrelated.txt\n');
  });
});
