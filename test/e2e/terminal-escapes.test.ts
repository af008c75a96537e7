import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { terminalSafe, visible } from '../../src/terminal.js';
import { letter, useTempLetter } from '../helpers/cli.js';

const t = useTempLetter();
const L = 'letters/time-to-act';

describe('text from files cannot drive the terminal', () => {
  it('shows escape sequences in keys and file names as text, in check, list and errors, with or without colour', async () => {
    const dir = path.join(t.letterDir, 'signatures');
    writeFileSync(
      path.join(dir, 'esc-ape.yaml'),
      'name: Esc Ape\ncountry: FR\ngroup: industry\nsigned_at: 2020-05-26T00:00:00Z\nstatus: pending\n"\x1b[2K\x1b[32m\u2714 ok": 1\n',
    );
    writeFileSync(path.join(dir, 'a\x1b]0;pwned\x07b.yaml'), 'x');
    for (const env of [{}, { NO_COLOR: '', FORCE_COLOR: '1' }] as Record<string, string>[]) {
      const check = await letter(t.dir, ['check', L], env);
      expect(check.code).toBe(1);
      // Only letter's own colour sequences (ESC [ ... m) may remain; the file's ESC [2K, ESC ] 0; and BEL may not.
      expect(check.stdout.replace(/\x1b\[[0-9;]*m/g, '')).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f]/);
      expect(check.stdout).toContain('unknown field "\\x1b[2K\\x1b[32m\u2714 ok"');
      expect(check.stdout).toContain('"a\\x1b]0;pwned\\x07b.yaml" is not a signature file name');
      const list = await letter(t.dir, ['list', L], env);
      expect(list.stderr.replace(/\x1b\[[0-9;]*m/g, '')).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f]/);
      expect(list.stderr).toContain('a\\x1b]0;pwned\\x07b.yaml');
      const render = await letter(t.dir, ['render', L], env);
      expect(render.code).toBe(1);
      expect(render.stderr.replace(/\x1b\[[0-9;]*m/g, '')).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f]/);
    }
    // JSON keeps the text exactly, escaped as JSON escapes it.
    const json = JSON.parse((await letter(t.dir, ['check', L, '--format', 'json'])).stdout);
    expect(json.errors.map((p: { message: string }) => p.message)).toContain(
      '"a\x1b]0;pwned\x07b.yaml" is not a signature file name',
    );
  });
});

describe('a signature file named to hide text', () => {
  it('list names the broken file with its conceal sequence shown as text', async () => {
    writeFileSync(path.join(t.letterDir, 'signatures', 'x\x1b[8m.yaml'), 'name: [broken\n');
    const r = await letter(t.dir, ['list', L]);
    expect(r.stderr).toContain('x\\x1b[8m.yaml');
    expect(r.stderr).not.toContain('\x1b[8m');
  });
});

describe('a CSV header made to colour the terminal', () => {
  it('import names the column with its escape sequences shown as text', async () => {
    writeFileSync(
      path.join(t.dir, 'esc.csv'),
      'Name,Country,Group,\x1b[32mCol\x1b[8m\nAda Lovelace,GB,industry,x\n',
    );
    const r = await letter(t.dir, ['import', 'esc.csv', L, '--dry-run']);
    expect(r.stderr).toContain('column "\\x1b[32mCol\\x1b[8m" is not imported');
    expect(r.stderr).not.toContain('\x1b[32m');
  });
});

describe('visible and terminalSafe', () => {
  it('write control characters as escapes, keeping newlines, tabs and colour sequences', () => {
    expect(visible('a\x1b[2Kb\u202ec\td\n')).toBe('a\\x1b[2Kb\\u202ec\td\n');
    let out = '';
    terminalSafe({ write: (s: string) => void (out += s) }).write(
      '\x1b[31mred\x1b[39m \x1b]0;title\x07 \r\x9b',
    );
    expect(out).toBe('\x1b[31mred\x1b[39m \\x1b]0;title\\x07 \\x0d\\x9b');
  });

  it("pass only the colour sequences letter itself writes: a file's conceal, background or 256-colour sequences show as text", () => {
    let out = '';
    terminalSafe({ write: (s: string) => void (out += s) }).write(
      '\x1b[1mb\x1b[22m \x1b[8mhidden\x1b[30;40m\x1b[38;5;46m',
    );
    expect(out).toBe('\x1b[1mb\x1b[22m \\x1b[8mhidden\\x1b[30;40m\\x1b[38;5;46m');
  });
});
