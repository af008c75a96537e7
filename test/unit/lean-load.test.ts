// Lean loads (list, export, render, log, stats): what only checks and writes need is not
// kept, and what is kept is the same as a full load's.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InvalidLetter } from '../../src/errors.js';
import { withRunEnv } from '../../src/run-env.js';
import {
  loadLetterAllowingErrors,
  loadLetterRefusingErrors,
  loadLetterSkippingInvalidFiles,
} from '../../src/storage/letter-store.js';
import { ROOT } from '../helpers/cli.js';

let work: string;
let dir: string;
beforeEach(() => {
  work = mkdtempSync(path.join(tmpdir(), 'letter-lean-'));
  dir = path.join(work, 'time-to-act');
  cpSync(path.join(ROOT, 'letters/time-to-act'), dir, { recursive: true });
});
afterEach(() => {
  rmSync(work, { recursive: true, force: true });
});

/** Runs `fn` with the letter's index in the test's own folder. */
const inRun = <T>(fn: () => Promise<T>): Promise<T> =>
  withRunEnv(
    { env: { LETTER_CACHE_DIR: path.join(work, 'cache') }, stderr: process.stderr },
    undefined,
    fn,
  );

describe('a lean load', () => {
  it('gives the signatures, keys and name keys a full load gives, with the index or without', async () => {
    // The first load makes the index (files parsed), the second reads it (files from the index).
    for (let run = 0; run < 2; run++) {
      const lean = await inRun(() => loadLetterSkippingInvalidFiles(dir, work));
      const full = await inRun(() => loadLetterAllowingErrors(dir, work));
      expect(lean.signatures.length).toBe(full.signatures.length);
      expect(lean.signatures.map((s) => s.signature)).toEqual(
        full.signatures.map((s) => s.signature),
      );
      expect(lean.signatures.map((s) => s.key)).toEqual(full.signatures.map((s) => s.key));
      // Not kept, made again when asked for: the same keys.
      expect(lean.signatures.map((s) => s.seed)).toEqual(full.signatures.map((s) => s.seed));
      expect(lean.files.get('ban-ki-moon')).toBe(path.join(dir, 'signatures', 'ban-ki-moon.yaml'));
    }
  });

  it('does not keep CHANGELOG.md: it is read again, as it is then, when asked for', async () => {
    const lean = await inRun(() => loadLetterSkippingInvalidFiles(dir, work));
    expect(lean.texts.map((t) => path.basename(t.file))).not.toContain('CHANGELOG.md');
    const file = path.join(dir, 'CHANGELOG.md');
    const before = readFileSync(file, 'utf8');
    expect(lean.changelog).toBe(before);
    writeFileSync(file, `${before}- 2020-06-01: a line added after the load\n`);
    expect(lean.changelog).toBe(`${before}- 2020-06-01: a line added after the load\n`);
    expect(lean.changelogBytes?.toString('utf8')).toBe(lean.changelog);
    rmSync(file);
    expect(lean.changelog).toBeUndefined();
    expect(lean.changelogBytes).toBeUndefined();
  });

  it('still refuses a CHANGELOG.md with merge-conflict markers, as a full load does', async () => {
    const file = path.join(dir, 'CHANGELOG.md');
    writeFileSync(
      file,
      `${readFileSync(file, 'utf8')}<<<<<<< HEAD\n- ours\n=======\n- theirs\n>>>>>>> branch\n`,
    );
    const err = await inRun(() =>
      loadLetterRefusingErrors(dir, work, undefined, { lean: true }),
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidLetter);
    expect((err as InvalidLetter).problems.map((p) => p.code)).toEqual(['merge-conflict']);
  });

  it('knows a letter without CHANGELOG.md', async () => {
    rmSync(path.join(dir, 'CHANGELOG.md'));
    const lean = await inRun(() => loadLetterSkippingInvalidFiles(dir, work));
    expect(lean.changelog).toBeUndefined();
    expect(lean.changelogBytes).toBeUndefined();
  });
});

describe('a signature parsed on the main thread', () => {
  it('keeps every text value exactly, copied out of its file', async () => {
    const file = path.join(dir, 'signatures', 'zoe-bianchi.yaml');
    writeFileSync(
      file,
      [
        'name: "Zoë Łukasz-Żuraw Bianchi 🎉"',
        'organisation: "Institut de recherche \\ud83c\\udf89 sur la paix"',
        'role: A very long role that is longer than thirteen characters',
        'country: FR',
        'group: industry',
        'signed_at: 2020-05-27T10:00:00Z',
        'status: verified',
        'verified:',
        '  by: Campaign staff member',
        '  at: 2020-05-28T10:00:00Z',
        '',
      ].join('\n'),
    );
    const loaded = await inRun(() => loadLetterAllowingErrors(dir, work));
    const s = loaded.signatures.find((x) => x.signature.id === 'zoe-bianchi')?.signature;
    expect(s).toEqual({
      id: 'zoe-bianchi',
      name: 'Zoë Łukasz-Żuraw Bianchi 🎉',
      organisation: 'Institut de recherche 🎉 sur la paix',
      role: 'A very long role that is longer than thirteen characters',
      country: 'FR',
      group: 'industry',
      signed_at: '2020-05-27T10:00:00Z',
      status: 'verified',
      verified: { by: 'Campaign staff member', at: '2020-05-28T10:00:00Z' },
    });
  });
});
