import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { snapshot, tempLetter, useTempLetter } from '../helpers/cli.js';
import { letter } from '../helpers/in-process.js';

const t = useTempLetter();
const L = 'letters/time-to-act';
const signer = (name: string) => [
  'sign',
  L,
  '--name',
  name,
  '--country',
  'GB',
  '--group',
  'industry',
  '--signed-at',
  '2026-11-29T10:00:00Z',
];
const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true })
    .flatMap((d) =>
      d.isDirectory() ? files(path.join(dir, d.name)).map((f) => `${d.name}/${f}`) : [d.name],
    )
    .sort();

describe('the sharded layout', () => {
  it('fmt --layout moves every signature into shards and back; every command reads both layouts', async () => {
    const sigs = path.join(t.letterDir, 'signatures');
    const flat = files(sigs);
    const listed = (await letter(t.dir, ['list', L, '--json'])).stdout;
    await letter(t.dir, ['render', L, '--format', 'md,html', '--out', 'out/flat']);

    const moved = await letter(t.dir, ['fmt', L, '--layout', 'sharded']);
    expect(moved.code).toBe(0);
    expect(files(sigs)).toEqual(flat.map((f) => `${f.slice(0, 2)}/${f}`).sort());
    expect(readFileSync(path.join(t.letterDir, 'letter.yaml'), 'utf8')).toMatch(
      /\nlayout: sharded\n/,
    );
    expect(await letter(t.dir, ['check', L])).toMatchObject({ code: 0 });
    expect((await letter(t.dir, ['list', L, '--json'])).stdout).toBe(listed);
    await letter(t.dir, ['render', L, '--format', 'md,html', '--out', 'out/sharded']);
    for (const f of ['time-to-act.md', 'time-to-act.html'])
      expect(readFileSync(path.join(t.dir, 'out/sharded', f), 'utf8')).toBe(
        readFileSync(path.join(t.dir, 'out/flat', f), 'utf8'),
      );

    const signed = await letter(t.dir, signer('Ada Lovelace'));
    expect(signed.stdout).toContain(`wrote ${L}/signatures/ad/ada-lovelace.yaml`);
    expect(await letter(t.dir, ['fmt', L, '--check'])).toMatchObject({ code: 0 });

    expect((await letter(t.dir, ['fmt', L, '--layout', 'flat'])).code).toBe(0);
    expect(files(sigs)).toEqual([...flat, 'ada-lovelace.yaml'].sort());
    expect(readFileSync(path.join(t.letterDir, 'letter.yaml'), 'utf8')).not.toMatch(/layout:/);
    expect(await letter(t.dir, ['check', L])).toMatchObject({ code: 0 });
  });

  it('reports a file outside the place its layout gives it, and fmt puts it back', async () => {
    const sigs = path.join(t.letterDir, 'signatures');
    await letter(t.dir, ['fmt', L, '--layout', 'sharded']);
    renameSync(path.join(sigs, 'ev/eva-chen.yaml'), path.join(sigs, 'eva-chen.yaml'));
    const r = await letter(t.dir, ['check', L]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      `${L}/signatures/eva-chen.yaml:1:1: error: the letter's layout is sharded: this file belongs at signatures/ev/eva-chen.yaml`,
    );
    expect((await letter(t.dir, ['fmt', L])).code).toBe(0);
    expect(existsSync(path.join(sigs, 'ev/eva-chen.yaml'))).toBe(true);
    expect(await letter(t.dir, ['check', L])).toMatchObject({ code: 0 });
  });

  it('reports a signatures file where the folder should be, without a stack trace', async () => {
    const sigs = path.join(t.letterDir, 'signatures');
    rmSync(sigs, { recursive: true });
    writeFileSync(sigs, 'not a folder\n');
    const r = await letter(t.dir, ['check', L]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      `${L}/signatures:1:1: error: signatures is a file; a letter keeps its signature files in a folder of that name`,
    );
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('reports only the layout when letter.yaml names one it does not know, not every file as misplaced', async () => {
    await letter(t.dir, ['fmt', L, '--layout', 'sharded']);
    const file = path.join(t.letterDir, 'letter.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('layout: sharded', 'layout: nested'));
    const r = await letter(t.dir, ['check', L]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/letter\.yaml:\d+:\d+: error: field "layout" must be flat or sharded/);
    expect(r.stdout).not.toContain('misplaced');
    expect(r.stdout).not.toContain('belongs at');
  });

  it('refuses a layout it does not know (exit 2)', async () => {
    const r = await letter(t.dir, ['fmt', L, '--layout', 'nested']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--layout: "nested" is not a layout');
  });
});

describe('what a warm run remembers', () => {
  it('sign notices a signature replaced since the last sign (written beside it and renamed, as git and most editors save)', async () => {
    expect((await letter(t.dir, signer('Ada Lovelace'))).code).toBe(0);
    const file = path.join(t.letterDir, 'signatures/eva-chen.yaml');
    writeFileSync(
      `${file}.tmp`,
      readFileSync(file, 'utf8').replace('name: Eva Chen', 'name: Grace Hopper'),
    );
    renameSync(`${file}.tmp`, file);
    const r = await letter(t.dir, signer('Grace Hopper'));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('is already on the letter as signature eva-chen ("Grace Hopper"');
  });

  it('a signature edited in place (its folder unchanged) is seen by the next check, which stats every file', async () => {
    expect((await letter(t.dir, signer('Ada Lovelace'))).code).toBe(0);
    const file = path.join(t.letterDir, 'signatures/eva-chen.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('name: Eva Chen', 'name: Grace Hopper'));
    // The sign looks names up in the index kept for the folders as they were: it does not see the edit...
    expect((await letter(t.dir, signer('Grace Hopper'))).code).toBe(0);
    // ...and check, which stats every file, reports the two.
    const r = await letter(t.dir, ['check', L]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/grace-hopper\.yaml:\d+:\d+: error: .*eva-chen/);
  });

  it('signs onto the remembered letter as onto the whole letter: the same files, the same changelog', async () => {
    for (const name of ['Ada Lovelace', 'Grace Hopper', 'Alan Turing'])
      expect((await letter(t.dir, signer(name))).code).toBe(0);
    const changelog = readFileSync(path.join(t.letterDir, 'CHANGELOG.md'), 'utf8');
    expect((await letter(t.dir, ['changelog', L])).code).toBe(0);
    expect(readFileSync(path.join(t.letterDir, 'CHANGELOG.md'), 'utf8')).toBe(changelog);
    expect(await letter(t.dir, ['check', L])).toMatchObject({ code: 0 });
  });

  it('imports onto the remembered letter as onto the whole letter: the same plan, the same files', async () => {
    const csv = [
      'name,country,group,signed_at',
      'Ban Ki Moon,KR,industry,2026-11-30T09:00:00Z', // the same name
      'Mikhail Gorbatchev,RU,industry,2026-11-30T09:00:00Z', // likely the same
      'Grace Hopper,US,industry,2026-11-30T10:00:00Z',
      'Grace B. Hopper,US,industry,2026-11-30T11:00:00Z', // likely a row above
      'Alan Turing,GB,industry,2020-05-26T00:00:00Z', // a line in the middle of CHANGELOG.md
    ].join('\n');
    const other = tempLetter();
    try {
      const runs = [];
      for (const [dir, env] of [
        [t.dir, {}],
        [other.dir, { LETTER_NO_CACHE: '1' }],
      ] as const) {
        writeFileSync(path.join(dir, 'rows.csv'), `${csv}\n`);
        // A sign first: with the index, the import then looks the names up in it.
        expect((await letter(dir, signer('Ada Lovelace'), env)).code).toBe(0);
        const r = await letter(dir, ['import', 'rows.csv', L, '--json'], env);
        runs.push({ code: r.code, stdout: r.stdout, files: snapshot(path.join(dir, L)) });
      }
      expect(runs[0]).toEqual(runs[1]);
      expect(runs[0]!.files['signatures/grace-hopper.yaml']).toContain('name: Grace Hopper');
      expect(runs[0]!.files['CHANGELOG.md']).toContain('signed: Alan Turing (alan-turing)');
      expect(runs[0]!.files['signatures/ban-ki-moon-2.yaml']).toBeUndefined();
      expect(await letter(t.dir, ['check', L])).toMatchObject({ code: 0 });
    } finally {
      other.cleanup();
    }
  });

  it('a damaged cache is ignored: well-formed JSON of the wrong shape included', async () => {
    const cache = mkdtempSync(path.join(tmpdir(), 'letter-cache-'));
    try {
      const env = { LETTER_CACHE_DIR: cache };
      expect((await letter(t.dir, ['check', L], env)).code).toBe(0);
      expect((await letter(t.dir, signer('Ada Lovelace'), env)).code).toBe(0);
      for (const f of readdirSync(cache))
        writeFileSync(
          path.join(cache, f),
          JSON.stringify({
            version: 'letter 0.1.0 index 1',
            key: 'x',
            ids: null,
            names: 5,
            problems: 'no',
            entries: {},
          }),
        );
      for (const run of [['check', L], signer('Grace Hopper'), ['list', L, '--json']]) {
        const r = await letter(t.dir, run, env);
        expect(r.code, run.join(' ')).toBe(0);
        expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
      }
    } finally {
      rmSync(cache, { recursive: true, force: true });
    }
  });

  it('check and list see a file changed after a clean run', async () => {
    expect((await letter(t.dir, ['check', L])).code).toBe(0);
    const file = path.join(t.letterDir, 'signatures/eva-chen.yaml');
    const before = readFileSync(file, 'utf8');
    writeFileSync(file, `${before}nickname: Evie\n`);
    const r = await letter(t.dir, ['check', L]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('unknown field "nickname"');
    writeFileSync(file, before.replace(/role: .*/, 'role: Chief Scientist'));
    expect((await letter(t.dir, ['check', L])).code).toBe(0);
    expect(
      JSON.parse((await letter(t.dir, ['list', L, '--json'])).stdout).signatures.find(
        (s: { id: string }) => s.id === 'eva-chen',
      ).role,
    ).toBe('Chief Scientist');
  });
});
