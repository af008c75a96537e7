import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, TEST_CACHE, useTempLetter } from '../helpers/cli.js';

const t = useTempLetter();
const L = 'letters/time-to-act';
const read = (p: string) => readFileSync(path.join(t.dir, p), 'utf8');
const edit = (file: string, from: string, to: string) => {
  const p = path.join(t.letterDir, file);
  writeFileSync(p, readFileSync(p, 'utf8').replace(from, to));
};

describe('stats and --watch', () => {
  it('render --watch renders again when the letter changes', async () => {
    const child = spawn(process.execPath, [BIN, 'render', L, '--format', 'md', '--watch'], {
      cwd: t.dir,
      env: { ...process.env, NO_COLOR: '1', LETTER_CACHE_DIR: TEST_CACHE },
    });
    let out = '';
    const waitFor = (n: number) =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`timed out; output so far: ${out}`)),
          15_000,
        );
        const check = () => {
          if ((out.match(/Rendered/g) ?? []).length >= n) {
            clearTimeout(timer);
            resolve();
          }
        };
        child.stdout.on('data', (d) => {
          out += d;
          check();
        });
        check();
      });
    try {
      await waitFor(1);
      await new Promise((r) => setTimeout(r, 300));
      edit('letter.md', 'The time to act is now.', 'The time to act is now. Really.');
      await waitFor(2);
      expect(read('out/time-to-act/time-to-act.md')).toContain('The time to act is now. Really.');
    } finally {
      child.kill();
    }
  });
});
