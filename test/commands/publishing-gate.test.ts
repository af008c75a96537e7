import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempLetter } from '../helpers/cli.js';
import { letter } from '../helpers/in-process.js';

const t = useTempLetter();
const L = 'letters/time-to-act';
const sigFile = (id: string) => path.join(t.letterDir, 'signatures', `${id}.yaml`);

describe('one gate for publishing', () => {
  it('leaves out of render, list and export an erased name that came back, a name in look-alike letters, an undecided second "Brad Smith" and an unknown group, saying so', async () => {
    const eva = readFileSync(sigFile('eva-chen'), 'utf8');
    expect(
      (await letter(t.dir, ['withdraw', L, 'eva-chen', '--reason', 'Forget me', '--erase'])).code,
    ).toBe(0);
    // An old branch or a revert brings the file back.
    writeFileSync(sigFile('eva-chen'), eva);
    writeFileSync(
      sigFile('ban-ki-moon-2'),
      readFileSync(sigFile('ban-ki-moon'), 'utf8').replace(
        'name: Ban Ki-moon',
        'name: B\u0430n Ki-mun',
      ),
    );
    copyFileSync(sigFile('brad-smith'), sigFile('brad-smith-2'));
    writeFileSync(
      sigFile('ada-lovelace'),
      'name: Ada Lovelace\ncountry: GB\ngroup: mathematicians\nsigned_at: 2020-05-26T00:00:00Z\nstatus: verified\nverified:\n  by: Desk\n  at: 2020-05-26T00:00:00Z\n',
    );
    expect((await letter(t.dir, ['check', L])).code).toBe(1);

    const render = await letter(t.dir, ['render', L, '--format', 'md']);
    expect(render.code).toBe(0);
    expect(render.stderr).toContain(
      'warning: 4 signatures are left out, as letter check refuses them:',
    );
    expect(render.stderr).toContain("eva-chen (the name was erased at the signatory's request)");
    expect(render.stderr).toContain(
      'ban-ki-moon-2 (the name mixes scripts inside a word (look-alike letters))',
    );
    expect(render.stderr).toContain(
      'brad-smith-2 (the same name as brad-smith, and no person decided they are two people)',
    );
    expect(render.stderr).toContain(
      'ada-lovelace (group "mathematicians" is not a group of this letter)',
    );
    const md = readFileSync(path.join(t.dir, 'out/time-to-act/time-to-act.md'), 'utf8');
    expect(md).not.toContain('Eva Chen');
    expect(md).not.toContain('Ki-mun');
    expect(md).not.toContain('Ada Lovelace');
    expect(md.match(/Brad Smith/g)).toHaveLength(1);

    const list = await letter(t.dir, ['list', L, '--status', 'all', '--json']);
    const ids = JSON.parse(list.stdout).signatures.map((s: { id: string }) => s.id);
    expect(ids).not.toContain('eva-chen');
    expect(ids).not.toContain('brad-smith-2');
    expect(list.stderr).toContain('4 signatures are left out');
    const csv = await letter(t.dir, ['export', L, '--format', 'csv']);
    expect(csv.stdout).not.toContain('Eva Chen');
  });
});
