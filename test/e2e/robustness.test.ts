import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, letter, snapshot, TEST_CACHE, useTempLetter } from '../helpers/cli.js';

const t = useTempLetter();
const L = 'letters/time-to-act';

describe('output and exit codes', () => {
  it('stops quietly when the reader closes the pipe (letter log | head -1)', () => {
    const r = spawnSync('bash', ['-c', `node ${BIN} log ${L} | head -1`], {
      cwd: t.dir,
      encoding: 'utf8',
      env: { ...process.env, LETTER_CACHE_DIR: TEST_CACHE },
    });
    expect(r.stdout.split('\n')).toHaveLength(2);
    expect(r.stderr).toBe('');
  });

  it('prints a JSON error on stdout with --json, so the output always parses', async () => {
    const r = await letter(t.dir, [
      'sign',
      L,
      '--name',
      'Ban Ki-moon',
      '--country',
      'KR',
      '--group',
      'industry',
      '--json',
    ]);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({
      ok: false,
      exitCode: 1,
      error: { type: 'AlreadySigned' },
    });
    const usage = await letter(t.dir, ['check', 'nope', '--format', 'json']);
    expect(usage.code).toBe(2);
    expect(JSON.parse(usage.stdout)).toMatchObject({
      ok: false,
      exitCode: 2,
      error: {
        type: 'UsageError',
        message: 'No letter at "nope": expected a folder holding letter.yaml.',
      },
    });
  });

  it('`letter help sign` prints help on stdout and exits 0', async () => {
    const r = await letter(t.dir, ['help', 'sign']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: letter sign [options] <letter>');
  });

  it('refuses an --out that cannot be a folder, quickly (exit 2)', async () => {
    for (const out of [
      '/proc/letter/x',
      path.join(t.dir, 'letters/time-to-act/letter.md'),
      'letters/time-to-act/out',
      '',
    ]) {
      const r = await letter(t.dir, ['render', L, '--out', out]);
      expect(r.code, out).toBe(2);
      expect(r.stderr).toMatch(/^error: --out: /);
    }
  });
});

describe('input the tool refuses', () => {
  it.each([
    [['verify', L, 'eva-chen', '--by', '  '], 2, '--by: name who verified these signatures'],
    [
      ['withdraw', L, 'eva-chen', '--reason', 'two\nlines'],
      2,
      '--reason: must be one line, without tabs or control characters',
    ],
    [
      ['sign', L, '--name', '!!!', '--country', 'FR', '--group', 'industry'],
      2,
      '--name: name must contain a letter or digit',
    ],
    [
      [
        'sign',
        L,
        '--name',
        'Future Person',
        '--country',
        'FR',
        '--group',
        'industry',
        '--signed-at',
        '2099-01-01',
      ],
      2,
      '--signed-at: 2099-01-01T00:00:00Z is in the future',
    ],
  ])('%j exits %i', async (args, code, message) => {
    const before = snapshot(t.dir);
    const r = await letter(t.dir, args);
    expect(r.code).toBe(code);
    expect(r.stderr).toContain(message);
    expect(snapshot(t.dir)).toEqual(before);
  });

  it('accepts other ISO 8601 forms and alpha-3 country codes', async () => {
    const r = await letter(t.dir, [
      'sign',
      L,
      '--name',
      'Offset Person',
      '--country',
      'GBR',
      '--group',
      'industry',
      '--signed-at',
      '2021-03-04T11:30+02:00',
      '--json',
    ]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).signature).toMatchObject({
      country: 'GB',
      signed_at: '2021-03-04T09:30:00Z',
    });
  });

  it('reports a signature file that is not UTF-8 at the byte that is not', async () => {
    writeFileSync(
      path.join(t.letterDir, 'signatures/latin.yaml'),
      Buffer.from(
        'name: Jos\xe9 Mart\xed\ncountry: ES\ngroup: industry\nsigned_at: 2020-05-26T00:00:00Z\nstatus: pending\n',
        'latin1',
      ),
    );
    const r = await letter(t.dir, ['check', L]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      `${L}/signatures/latin.yaml:1:10: error: the file is not UTF-8 text`,
    );
  });

  it('checks clean straight after a sign (no "in the future" warning) and with CRLF line endings in CHANGELOG.md', async () => {
    await letter(t.dir, [
      'sign',
      L,
      '--name',
      'Just Now',
      '--country',
      'FR',
      '--group',
      'industry',
    ]);
    const p = path.join(t.letterDir, 'CHANGELOG.md');
    writeFileSync(p, readFileSync(p, 'utf8').replace(/\n/g, '\r\n'));
    const r = await letter(t.dir, ['check', L, '--format', 'json']);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: true, errors: [], warnings: [] });
  });

  it('names the duplicated field of a bad merge', async () => {
    const p = path.join(t.letterDir, 'signatures/eva-chen.yaml');
    writeFileSync(p, `${readFileSync(p, 'utf8')}country: CN\n`);
    const r = await letter(t.dir, ['check', L]);
    expect(r.stdout).toContain(
      `${L}/signatures/eva-chen.yaml:13:1: error: invalid YAML: the field "country" appears twice in the same mapping`,
    );
    expect(execFileSync('git', ['status', '--porcelain'], { cwd: t.dir, encoding: 'utf8' })).toBe(
      ` M ${L}/signatures/eva-chen.yaml\n`,
    );
  });
});

describe('PDF without a browser', () => {
  it('says how to get Chromium and exits 2, writing nothing', async () => {
    const r = await letter(t.dir, ['render', L, '--format', 'pdf'], {
      LETTER_CHROMIUM: '/nonexistent/chromium',
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      'error: LETTER_CHROMIUM names /nonexistent/chromium, which does not exist.',
    );
  });
});

describe('found by a second trial', () => {
  it('refuses contact details in a public field at sign time (exit 2)', async () => {
    const r = await letter(t.dir, [
      'sign',
      L,
      '--name',
      'Mail Role',
      '--role',
      'reach me: me@example.org',
      '--country',
      'FR',
      '--group',
      'industry',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      '--role: role holds an email address or phone number; contact details go in --email or --phone, never in a public field',
    );
  });

  it('refuses to render a translation whose text is missing, and reports conflict markers in the body', async () => {
    const p = path.join(t.letterDir, 'letter.yaml');
    writeFileSync(
      p,
      readFileSync(p, 'utf8').replace(
        'translations:\n',
        'translations:\n  de:\n    title: Jetzt handeln\n    source: sha256:000000000000\n',
      ),
    );
    const r = await letter(t.dir, ['render', L, '--lang', 'de']);
    expect(r.code).toBe(1);
    const body = path.join(t.letterDir, 'letter.md');
    writeFileSync(body, `<<<<<<< HEAD\n${readFileSync(body, 'utf8')}=======\nother\n>>>>>>> b\n`);
    const c = await letter(t.dir, ['check', L]);
    expect(c.stdout).toContain(`${L}/letter.md:1:1: error: the file holds merge-conflict markers`);
    expect(c.stdout).toContain(
      `${L}/letter.yaml:15:5: error: the de translation has no text: letter.de.md does not exist`,
    );
  });

  it('a Chromium that does not start is an environment error, not a crash', async () => {
    const r = await letter(t.dir, ['render', L, '--format', 'pdf'], {
      LETTER_CHROMIUM: '/bin/false',
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: Chromium at \/bin\/false did not start/);
    expect(r.stderr).not.toContain('internal error');
  });
});
