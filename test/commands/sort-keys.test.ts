import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempLetter } from '../helpers/cli.js';
import { letter } from '../helpers/in-process.js';

const t = useTempLetter();
const L = 'letters/time-to-act';
const signatureFile = (id: string) =>
  readFileSync(path.join(t.letterDir, 'signatures', `${id}.yaml`), 'utf8');

describe('sort keys without typing them', () => {
  it('sign derives sort_as, so renders sort by family name: Arias before Tutu in the same group', async () => {
    // Desmond Tutu leaves the copy of the example letter, to sign again without --sort-as.
    rmSync(path.join(t.letterDir, 'signatures/desmond-tutu.yaml'));
    expect((await letter(t.dir, ['changelog', L])).code).toBe(0);
    for (const name of ['Óscar Arias Sánchez', 'Desmond Tutu']) {
      const r = await letter(t.dir, [
        'sign',
        L,
        '--name',
        name,
        '--country',
        'CR',
        '--group',
        'nobel-laureates',
        '--yes',
      ]);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
    }
    expect(signatureFile('oscar-arias-sanchez')).toContain(
      'name: Óscar Arias Sánchez\nsort_as: Arias Sánchez Óscar\n',
    );
    expect(signatureFile('desmond-tutu')).toContain('name: Desmond Tutu\nsort_as: Tutu Desmond\n');
    const list = await letter(t.dir, ['list', L, '--status', 'all']);
    expect(list.code).toBe(0);
    const group = list.stdout.split('\n\n').find((g) => g.startsWith('Nobel laureates'))!;
    expect(
      group
        .split('\n')
        .slice(1)
        .map((l) => l.trim().split(' · ')[0]),
    ).toEqual(['Óscar Arias Sánchez', 'Desmond Tutu']);
    for (const id of ['oscar-arias-sanchez', 'desmond-tutu'])
      expect((await letter(t.dir, ['verify', L, id, '--by', 'Test'])).code).toBe(0);
    expect((await letter(t.dir, ['render', L, '--format', 'md', '--out', 'out'])).code).toBe(0);
    const text = readFileSync(path.join(t.dir, 'out/time-to-act.md'), 'utf8');
    expect(text.indexOf('Óscar Arias Sánchez')).toBeGreaterThan(0);
    expect(text.indexOf('Óscar Arias Sánchez')).toBeLessThan(text.indexOf('Desmond Tutu'));
    const check = await letter(t.dir, ['check', L]);
    expect(check.code).toBe(0);
    expect(check.stdout).toContain('0 errors, 0 warnings');
  });

  it('--sort-as overrides the derived key; a single word writes none', async () => {
    await letter(t.dir, [
      'sign',
      L,
      '--name',
      'Óscar Arias Sánchez',
      '--sort-as',
      'Arias Óscar',
      '--country',
      'CR',
      '--group',
      'industry',
    ]);
    expect(signatureFile('oscar-arias-sanchez')).toContain('sort_as: Arias Óscar\n');
    await letter(t.dir, ['sign', L, '--name', 'Madonna', '--country', 'US', '--group', 'industry']);
    expect(signatureFile('madonna')).not.toContain('sort_as');
  });

  it('import gives rows without a sort_as value the derived key, and uses First name / Last name columns', async () => {
    writeFileSync(
      path.join(t.dir, 'a.csv'),
      'Name,Sort as,Country,Group\nÓscar Arias Sánchez,,CR,industry\nLudwig van Beethoven,Beethoven Ludwig van,DE,industry\n',
    );
    const a = await letter(t.dir, ['import', 'a.csv', L]);
    expect(a.code).toBe(0);
    expect(signatureFile('oscar-arias-sanchez')).toContain('sort_as: Arias Sánchez Óscar\n');
    expect(signatureFile('ludwig-van-beethoven')).toContain('sort_as: Beethoven Ludwig van\n');
    writeFileSync(
      path.join(t.dir, 'b.csv'),
      'First name,Last name,Country,Group\nEllen,Johnson Sirleaf,LR,industry\n',
    );
    const b = await letter(t.dir, ['import', 'b.csv', L]);
    expect(b.code).toBe(0);
    expect(signatureFile('ellen-johnson-sirleaf')).toContain(
      'name: Ellen Johnson Sirleaf\nsort_as: Johnson Sirleaf Ellen\n',
    );
  });

  it('check warns where a signature lacks sort_as, with the line to add; fmt --sort-keys writes it', async () => {
    const file = path.join(t.letterDir, 'signatures/desmond-tutu.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('sort_as: Tutu Desmond\n', ''));
    const check = await letter(t.dir, ['check', L]);
    expect(check.code).toBe(0);
    expect(check.stdout + check.stderr).toContain(
      `${L}/signatures/desmond-tutu.yaml:2:7: warning: "Desmond Tutu" has no sort_as: renders sort it by the name as displayed, given name first (add the line: sort_as: Tutu Desmond)`,
    );
    const fmt = await letter(t.dir, ['fmt', L, '--sort-keys']);
    expect(fmt.code).toBe(0);
    expect(readFileSync(file, 'utf8')).toContain('name: Desmond Tutu\nsort_as: Tutu Desmond\n');
    expect((await letter(t.dir, ['check', L])).stdout).toContain('0 errors, 0 warnings');
  });
});
