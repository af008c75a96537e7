/**
 * The schemas a letter carries in `.schemas/` and the header lines that point there: the
 * same relative path in every layout and for every install, never flipped by `fmt`;
 * `letter schema --update` refreshes them; `check` warns, naming that command, when they
 * are missing or out of date.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { schemaLine, useTempLetter } from '../helpers/cli.js';
import { letter } from '../helpers/in-process.js';

const t = useTempLetter();
const L = 'letters/time-to-act';
const read = (f: string) => readFileSync(path.join(t.dir, L, f), 'utf8');
const SIGNATURE_SCHEMA = `${L}/.schemas/signature.schema.json`;

describe('schema headers', () => {
  it('point into the letter by a relative path, one folder deeper when sharded, and fmt keeps them', async () => {
    expect(read('letter.yaml').startsWith(schemaLine('letter'))).toBe(true);
    expect(read('signatures/ban-ki-moon.yaml').startsWith(schemaLine('signature'))).toBe(true);
    expect((await letter(t.dir, ['fmt', L, '--layout', 'sharded'])).code).toBe(0);
    expect(read('signatures/ba/ban-ki-moon.yaml').split('\n')[0]).toBe(
      '# yaml-language-server: $schema=../../.schemas/signature.schema.json',
    );
    expect((await letter(t.dir, ['fmt', '--check', L])).code).toBe(0);
    expect((await letter(t.dir, ['fmt', L, '--layout', 'flat'])).code).toBe(0);
    expect(read('signatures/ban-ki-moon.yaml').startsWith(schemaLine('signature'))).toBe(true);
  });

  it('fmt rewrites the old unpkg header once, then leaves the file alone', async () => {
    const file = path.join(t.dir, L, 'signatures/ban-ki-moon.yaml');
    const good = readFileSync(file, 'utf8');
    writeFileSync(
      file,
      good.replace(
        /^.*\n/,
        '# yaml-language-server: $schema=https://unpkg.com/letter@0.1.0/schemas/signature.schema.json\n',
      ),
    );
    expect((await letter(t.dir, ['fmt', '--check', L])).code).toBe(1);
    expect((await letter(t.dir, ['fmt', L])).code).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(good);
    expect((await letter(t.dir, ['fmt', L])).stdout).toMatch(/in canonical form/);
  });
});

describe('check and letter schema --update', () => {
  it('warns when the schemas are missing, naming the command that writes them', async () => {
    rmSync(path.join(t.dir, L, '.schemas'), { recursive: true });
    const r = await letter(t.dir, ['check', L]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      `${SIGNATURE_SCHEMA}:1:1: warning: the letter has no JSON Schema here, so editors cannot check its files (run letter schema --update ${L})`,
    );
    const u = await letter(t.dir, ['schema', '--update', L]);
    expect(u.stdout).toBe(`wrote ${L}/.schemas/letter.schema.json\nwrote ${SIGNATURE_SCHEMA}\n`);
    expect((await letter(t.dir, ['check', L])).stdout).toMatch(/0 errors, 0 warnings/);
  });

  it("warns when an older letter wrote them, or the letter's groups changed", async () => {
    const schemaFile = path.join(t.dir, SIGNATURE_SCHEMA);
    writeFileSync(
      schemaFile,
      readFileSync(schemaFile, 'utf8').replace(
        /"x-letter-version": "[^"]+"/,
        '"x-letter-version": "0.0.1"',
      ),
    );
    expect((await letter(t.dir, ['check', L])).stdout).toMatch(
      /signature\.schema\.json:1:1: warning: this JSON Schema was written by an older letter \(0\.0\.1; this is \d+\.\d+\.\d+\S*\) \(run letter schema --update letters\/time-to-act\)/,
    );
    await letter(t.dir, ['schema', '--update']);
    const letterFile = path.join(t.dir, L, 'letter.yaml');
    writeFileSync(
      letterFile,
      readFileSync(letterFile, 'utf8').replace(
        'groups:\n',
        'groups:\n  - id: lawyers\n    name: Lawyers\n',
      ),
    );
    expect((await letter(t.dir, ['check', L])).stdout).toContain(
      'signature.schema.json:1:1: warning: this JSON Schema does not match letter.yaml (its groups or requires changed, or the file was edited)',
    );
    await letter(t.dir, ['schema', '--update', L]);
    expect(JSON.parse(readFileSync(schemaFile, 'utf8')).properties.group.enum).toEqual([
      'lawyers',
      'former-heads-of-state',
      'international-organisations',
      'former-ministers',
      'nobel-laureates',
      'industry',
    ]);
  });

  it('refuses --update with a kind', async () => {
    const r = await letter(t.dir, ['schema', 'signature', '--update', L]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--update writes both schemas into the letter folder');
  });
});
