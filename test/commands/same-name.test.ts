import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { snapshot, tempLetter } from '../helpers/cli.js';
import { letter } from '../helpers/in-process.js';

const env = {
  GIT_AUTHOR_NAME: 'T',
  GIT_AUTHOR_EMAIL: 't@example.org',
  GIT_COMMITTER_NAME: 'T',
  GIT_COMMITTER_EMAIL: 't@example.org',
};
const L = 'letters/time-to-act';
let t: ReturnType<typeof tempLetter>;
const git = (...args: string[]) =>
  execFileSync('git', args, { cwd: t.dir, encoding: 'utf8', env: { ...process.env, ...env } });
const sigFile = (id: string) => path.join(t.letterDir, 'signatures', `${id}.yaml`);
const now = () => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');

beforeEach(() => {
  t = tempLetter();
});
afterEach(() => t.cleanup());

describe('the same name, different people: decided once, recorded in git', () => {
  it('signs "Alexander" twice with two links and a person\'s confirmation, and check stays green', async () => {
    const one = await letter(t.dir, [
      'sign',
      L,
      '--name',
      'Alexander',
      '--country',
      'DE',
      '--group',
      'industry',
      '--url',
      'https://a.example/alexander',
      '--yes',
    ]);
    expect(one.code).toBe(0);

    // Without a confirmation the second is refused and nothing changes on disk.
    const before = snapshot(t.dir);
    const refused = await letter(t.dir, [
      'sign',
      L,
      '--name',
      'Alexander',
      '--country',
      'DE',
      '--group',
      'industry',
      '--url',
      'https://b.example/alex',
      '--yes',
    ]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      '"Alexander" is already on the letter as signature alexander ("Alexander", pending): the same name; different url',
    );
    expect(refused.stderr).toContain('sign again with --allow-similar');
    expect(snapshot(t.dir)).toEqual(before);

    const two = await letter(t.dir, [
      'sign',
      L,
      '--name',
      'Alexander',
      '--country',
      'DE',
      '--group',
      'industry',
      '--url',
      'https://b.example/alex',
      '--yes',
      '--allow-similar',
    ]);
    expect(two.code).toBe(0);
    expect(two.stdout).toContain('recorded as a different person from alexander ("Alexander")');
    expect(readFileSync(sigFile('alexander-2'), 'utf8')).toContain(
      'distinct_from:\n  - alexander\n',
    );

    const check = await letter(t.dir, ['check', L, '--format', 'json']);
    expect(check.code).toBe(0);
    expect(JSON.parse(check.stdout)).toMatchObject({ ok: true, errors: [], warnings: [] });
  });

  it('refuses the same name again with nothing to tell the two apart, even with --allow-similar', async () => {
    expect(
      (
        await letter(t.dir, [
          'sign',
          L,
          '--name',
          'Alexander',
          '--country',
          'DE',
          '--group',
          'industry',
          '--url',
          'https://a.example/1',
          '--yes',
        ])
      ).code,
    ).toBe(0);
    for (const url of [[], ['--url', 'https://a.example/1']]) {
      const r = await letter(t.dir, [
        'sign',
        L,
        '--name',
        'Alexander',
        '--country',
        'DE',
        '--group',
        'industry',
        ...url,
        '--yes',
        '--allow-similar',
      ]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('Nothing tells the two apart.');
    }
    expect(existsSync(sigFile('alexander-2'))).toBe(false);
  });

  it('fails check on the same name twice until an editor records the decision with letter distinct, and only when something tells them apart', async () => {
    writeFileSync(sigFile('brad-smith-2'), readFileSync(sigFile('brad-smith'), 'utf8'));
    await letter(t.dir, ['changelog', L]);
    const same = await letter(t.dir, ['distinct', L, 'brad-smith-2', 'brad-smith']);
    expect(same.code).toBe(1);
    expect(same.stderr).toContain(
      'brad-smith-2 and brad-smith are both "Brad Smith" and nothing tells them apart: give each a url or github login of their own first.',
    );
    // Something that tells them apart: each their own url.
    writeFileSync(
      sigFile('brad-smith-2'),
      readFileSync(sigFile('brad-smith'), 'utf8').replace(
        'status:',
        'url: https://example.org/another-brad\nstatus:',
      ),
    );
    writeFileSync(
      sigFile('brad-smith'),
      readFileSync(sigFile('brad-smith'), 'utf8').replace(
        'status:',
        'url: https://example.org/brad\nstatus:',
      ),
    );
    const failed = JSON.parse((await letter(t.dir, ['check', L, '--format', 'json'])).stdout);
    expect(
      failed.errors.map(
        (p: { code: string; file: string }) => `${p.code} ${path.basename(p.file)}`,
      ),
    ).toEqual(['duplicate-name brad-smith-2.yaml']);
    expect(failed.errors[0].hint).toContain(`letter distinct ${L} brad-smith-2 brad-smith`);
    // A decision written by hand for a pair that nothing tells apart does not count.
    const noUrl = readFileSync(sigFile('brad-smith-2'), 'utf8');
    writeFileSync(
      sigFile('brad-smith-2'),
      noUrl.replace(
        'url: https://example.org/another-brad\n',
        'distinct_from:\n  - brad-smith\n  - nobody\n',
      ),
    );
    const handWritten = JSON.parse((await letter(t.dir, ['check', L, '--format', 'json'])).stdout);
    expect(
      handWritten.errors
        .map((p: { code: string; message: string }) => `${p.code}: ${p.message}`)
        .sort(),
    ).toEqual([
      'distinct-from-invalid: distinct_from: "nobody" is not a signature of this letter',
      'duplicate-name: "Brad Smith" is the same name as signature brad-smith ("Brad Smith") after normalisation, and nothing tells the two apart',
    ]);
    writeFileSync(sigFile('brad-smith-2'), noUrl);

    const decided = await letter(t.dir, ['distinct', L, 'brad-smith-2', 'brad-smith']);
    expect(decided.code).toBe(0);
    expect(decided.stdout).toContain(
      'Recorded: Brad Smith (brad-smith-2) is a different person from brad-smith',
    );
    expect((await letter(t.dir, ['check', L])).code).toBe(0);
  });

  it('refuses to record a decision about a name in look-alike letters', async () => {
    const ban = readFileSync(sigFile('ban-ki-moon'), 'utf8');
    writeFileSync(
      sigFile('ban-ki-moon-2'),
      ban.replace('name: Ban Ki-moon', 'name: B\u0430n Ki-moon'),
    );
    const r = await letter(t.dir, ['distinct', L, 'ban-ki-moon-2', 'ban-ki-moon']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('look-alike characters');
    expect(readFileSync(sigFile('ban-ki-moon-2'), 'utf8')).not.toContain('distinct_from');
  });
});

describe('likely duplicates on every path', () => {
  it('verify refuses a likely duplicate until a person decides', async () => {
    const signed = await letter(t.dir, [
      'sign',
      L,
      '--name',
      'Madeline Albright',
      '--country',
      'CZ',
      '--group',
      'former-ministers',
      '--yes',
      '--allow-similar',
    ]);
    expect(signed.code).toBe(0);
    // What --allow-similar records can be taken back by hand; verify then refuses.
    const file = sigFile('madeline-albright');
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace(/distinct_from:\n {2}- madeleine-albright\n/, ''),
    );
    const warned = JSON.parse((await letter(t.dir, ['check', L, '--format', 'json'])).stdout);
    expect(warned.ok).toBe(true);
    expect(warned.warnings.map((p: { code: string }) => p.code)).toEqual(['likely-duplicate']);
    expect(warned.warnings[0].message).toContain(
      '"Madeline Albright" is likely the same person as madeleine-albright ("Madeleine Albright")',
    );

    const refused = await letter(t.dir, ['verify', L, 'madeline-albright', '--by', 'Desk']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      'madeline-albright ("Madeline Albright") is likely the same person as madeleine-albright',
    );
    expect(refused.stderr).toContain(`letter distinct ${L} madeline-albright madeleine-albright`);
    expect(readFileSync(file, 'utf8')).toContain('status: pending');

    expect(
      (await letter(t.dir, ['distinct', L, 'madeline-albright', 'madeleine-albright'])).code,
    ).toBe(0);
    expect((await letter(t.dir, ['verify', L, 'madeline-albright', '--by', 'Desk'])).code).toBe(0);
  });

  it('a pull request adding a hand-written "Madeline Albright" or a mixed-script name fails check --base, naming the signature or the character', async () => {
    git('checkout', '-q', '-b', 'pr');
    writeFileSync(
      sigFile('madeline-albright'),
      `name: Madeline Albright\ncountry: US\ngroup: former-ministers\ngithub: madeline\nsigned_at: ${now()}\nstatus: pending\n`,
    );
    writeFileSync(
      sigFile('ban-ki-mun'),
      `name: B\u0430n Ki-mun\ncountry: KR\ngroup: former-ministers\ngithub: madeline\nsigned_at: ${now()}\nstatus: pending\n`,
    );
    await letter(t.dir, ['changelog', L]);
    git('add', '-A');
    git('commit', '-qm', 'sign');
    const base = git('rev-parse', 'HEAD~1').trim();
    const r = await letter(t.dir, [
      'check',
      L,
      '--base',
      base,
      '--max-added',
      '2',
      '--role',
      'editor',
      '--format',
      'json',
    ]);
    expect(r.code).toBe(1);
    const errors = JSON.parse(r.stdout).errors as {
      code: string;
      file: string;
      message: string;
      line: number;
      column: number;
    }[];
    const added = errors.find(
      (p) => p.code === 'likely-duplicate-added' && p.file.endsWith('madeline-albright.yaml'),
    )!;
    expect(added.message).toContain(
      'the change adds "Madeline Albright", likely the same person as madeleine-albright ("Madeleine Albright", verified) already on the letter',
    );
    expect([added.line, added.column]).toEqual([1, 7]);
    const mixed = errors.find((p) => p.code === 'mixed-script')!;
    expect(mixed.message).toBe(
      '"B\u0430n Ki-mun" mixes scripts in one word: "\u0430" (U+0430, Cyrillic) inside "B\u0430n"',
    );
    expect(existsSync(sigFile('madeline-albright'))).toBe(true);
  });
});
