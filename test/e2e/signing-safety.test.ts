import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { BIN, letter, snapshot, useTempLetter } from '../helpers/cli.js';

const t = useTempLetter();

const L = 'letters/time-to-act';

describe('nothing lost', () => {
  it('a sign killed at any moment leaves every file whole, and the letter checks clean once the changelog is rebuilt', async () => {
    for (let i = 0; i < 12; i++) {
      const child = spawn(
        process.execPath,
        [BIN, 'sign', L, '--name', `Killed Person ${i}`, '--country', 'FR', '--group', 'industry'],
        { cwd: t.dir, stdio: 'ignore' },
      );
      await new Promise((r) => setTimeout(r, 60 + i * 15));
      child.kill('SIGKILL');
      await new Promise((r) => child.on('close', r));
    }
    for (const [file, text] of Object.entries(snapshot(t.dir))) {
      if (file.endsWith('.yaml')) expect(text, file).toMatch(/\n$/);
    }
    const check = JSON.parse((await letter(t.dir, ['check', L, '--format', 'json'])).stdout);
    expect(check.errors.filter((e: { code: string }) => e.code !== 'changelog-stale')).toEqual([]);
    expect((await letter(t.dir, ['changelog', L])).code).toBe(0);
    expect((await letter(t.dir, ['check', L])).code).toBe(0);
  });
});
