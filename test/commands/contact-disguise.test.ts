import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { snapshot, useTempLetter } from '../helpers/cli.js';
import { letter } from '../helpers/in-process.js';

const t = useTempLetter();
const L = 'letters/time-to-act';

describe('contact details in disguise', () => {
  it('check fails on a percent-encoded address in a url and a fullwidth one in a role; sign refuses them, writing nothing', async () => {
    const file = path.join(t.letterDir, 'signatures/brad-smith.yaml');
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace(
        'status:',
        'url: https://example.org/?c=brad%40example.org\nstatus:',
      ),
    );
    const r = JSON.parse((await letter(t.dir, ['check', L, '--format', 'json'])).stdout);
    expect(
      r.errors.map(
        (p: { code: string; file: string; line: number; message: string }) =>
          `${p.code} ${path.basename(p.file)}:${p.line} ${p.message}`,
      ),
    ).toEqual([
      'contact-details brad-smith.yaml:9 an email address (written with encoded or fullwidth characters) in a public file of the letter',
    ]);
    const before = snapshot(t.dir);
    const signed = await letter(t.dir, [
      'sign',
      L,
      '--name',
      'Ada Lovelace',
      '--country',
      'GB',
      '--group',
      'industry',
      '--role',
      'write to ａｄａ＠ｅｘａｍｐｌｅ．ｏｒｇ',
      '--yes',
    ]);
    expect(signed.code).toBe(2);
    expect(signed.stderr).toContain('--role: role holds an email address or phone number');
    expect(snapshot(t.dir)).toEqual(before);
  });
});
