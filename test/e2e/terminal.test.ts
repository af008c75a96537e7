import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { letterOnTerminal, snapshot, useTempLetter } from '../helpers/cli.js';

const t = useTempLetter();
const L = 'letters/time-to-act';

describe('letter sign on a terminal', () => {
  it('asks for the country by search and the group from the letter, shows the entry, and signs on yes', async () => {
    const r = await letterOnTerminal(
      t.dir,
      ['sign', L, '--name', 'Rania Example'],
      [
        ['Sort as', '\r'],
        ['Country', 'jorda'],
        ['Jordan (JO)', '\r'],
        ['Group', '\u001b[B\r'],
        ['Role', 'Former minister\r'],
        ['Organisation', '\r'],
        ['Add this signature?', 'y\r'],
      ],
    );
    expect(r.code).toBe(0);
    expect(r.screen).toContain('Example Rania');
    expect(r.screen).toContain('Signed: Rania Example (rania-example, pending)');
    expect(readFileSync(path.join(t.letterDir, 'signatures/rania-example.yaml'), 'utf8')).toMatch(
      /^# yaml-language-server: \$schema=\S+\nname: Rania Example\nsort_as: Example Rania\nrole: Former minister\ncountry: JO\ngroup: international-organisations\ntext_version: sha256:[0-9a-f]{12}\nsigned_at: \S+Z\nstatus: pending\n$/,
    );
  });

  it('exits 130 on Ctrl-C at a prompt and writes nothing', async () => {
    const before = snapshot(t.dir);
    const r = await letterOnTerminal(
      t.dir,
      ['sign', L, '--name', 'Rania Example'],
      [
        ['Sort as', '\r'],
        ['Country', '\u0003'],
      ],
    );
    expect(r.code).toBe(130);
    expect(r.screen).toContain('Cancelled; nothing was written.');
    expect(existsSync(path.join(t.letterDir, 'signatures/rania-example.yaml'))).toBe(false);
    expect(snapshot(t.dir)).toEqual(before);
  });
});
