import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { snapshot, useTempLetter } from '../helpers/cli.js';
import { letter } from '../helpers/in-process.js';

const t = useTempLetter();
const L = 'letters/time-to-act';

describe('output and exit codes', () => {
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
      `${L}/letter.yaml:16:5: error: the de translation has no text: letter.de.md does not exist`,
    );
  });
});
