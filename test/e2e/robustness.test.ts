import { spawnSync } from 'node:child_process';
import { cpSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, letter, ROOT, TEST_CACHE, useTempLetter } from '../helpers/cli.js';

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
});

// Chromium prints the PDF of a letter with its own print template (the default is typeset by Typst).
const ownPrintTemplate = () =>
  cpSync(
    path.join(ROOT, 'templates/letter.print.html.hbs'),
    path.join(t.dir, L, 'templates/letter.print.html.hbs'),
  );

describe('PDF without a browser', () => {
  it('says how to get Chromium and exits 2, writing nothing', async () => {
    ownPrintTemplate();
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
  it('a Chromium that does not start is an environment error, not a crash', async () => {
    ownPrintTemplate();
    const r = await letter(t.dir, ['render', L, '--format', 'pdf'], {
      LETTER_CHROMIUM: '/bin/false',
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: Chromium at \/bin\/false did not start/);
    expect(r.stderr).not.toContain('internal error');
  });
});
