import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { schemaLine, snapshot, useTempLetter } from '../helpers/cli.js';
import { letter } from '../helpers/in-process.js';

const t = useTempLetter();
const read = (p: string) => readFileSync(path.join(t.dir, p), 'utf8');
const NEW = [
  '--title',
  'Open Letter',
  '--addressee',
  'the board',
  '--organiser',
  'Someone',
  '--yes',
];

describe('a letter signed by name alone', () => {
  it('init with defaults requires nothing; sign, list, render, stats and export take a name alone', async () => {
    expect((await letter(t.dir, ['init', 'letters/plain', ...NEW])).code).toBe(0);
    expect(read('letters/plain/letter.yaml')).toBe(
      `${schemaLine('letter')}title: Open Letter\nslug: plain\naddressee: the board\norganisers:\n  - name: Someone\nstatus: draft\nlanguage: en\ngroups: []\nbody: letter.md\nverification: optional\n`,
    );
    const signed = await letter(t.dir, ['sign', 'letters/plain', '--name', 'Molly de Blanc']);
    expect(signed.code).toBe(0);
    expect(read('letters/plain/signatures/molly-de-blanc.yaml')).toMatch(
      /^# yaml-language-server: \S+\nname: Molly de Blanc\nsort_as: de Blanc Molly\ntext_version: sha256:[0-9a-f]{12}\nsigned_at: \S+\nstatus: pending\n$/,
    );
    expect(
      (
        await letter(t.dir, [
          'sign',
          'letters/plain',
          '--name',
          'Ada Lovelace',
          '--country',
          'GB',
          '--role',
          'Analyst',
        ])
      ).code,
    ).toBe(0);
    expect((await letter(t.dir, ['check', 'letters/plain'])).code).toBe(0);

    const list = await letter(t.dir, ['list', 'letters/plain']);
    expect(list.stdout).toContain('  Molly de Blanc · molly-de-blanc [pending]\n');
    expect(list.stdout).toContain('  Ada Lovelace · Analyst · GB · ada-lovelace [pending]\n');

    expect((await letter(t.dir, ['render', 'letters/plain', '--format', 'md,html'])).code).toBe(0);
    const md = read('out/plain/plain.md');
    expect(md).toContain('- **Molly de Blanc**\n- **Ada Lovelace**, Analyst · United Kingdom\n');
    const html = read('out/plain/plain.html');
    expect(html).toContain('<span class="name">Molly de Blanc</span></li>');
    for (const text of [md, html, list.stdout])
      expect(text).not.toMatch(/undefined|null| · \n| · {2}·/);

    const stats = await letter(t.dir, ['stats', 'letters/plain']);
    expect(stats.stdout).toMatch(
      /By country\n {2}United Kingdom +\S+ 1\n {2}\(no country\) +\S+ 1\n/,
    );
    const csv = await letter(t.dir, ['export', 'letters/plain', '--status', 'all']);
    expect(csv.stdout.split('\n')[1]).toMatch(
      /^molly-de-blanc,Molly de Blanc,de Blanc Molly,,,,,,\S+,pending,$/,
    );
  });

  it('init --require writes requires, and sign then names the missing flag without a terminal', async () => {
    const r = await letter(t.dir, [
      'init',
      'letters/strict',
      ...NEW,
      '--group',
      'Doctors',
      '--require',
      'group, Country',
    ]);
    expect(r.code).toBe(0);
    expect(read('letters/strict/letter.yaml')).toContain(
      'groups:\n  - id: doctors\n    name: Doctors\nrequires:\n  - country\n  - group\nbody: letter.md\n',
    );
    const before = snapshot(t.dir);
    const missing = await letter(t.dir, [
      'sign',
      'letters/strict',
      '--name',
      'Jane Roe',
      '--group',
      'doctors',
    ]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('missing --country: this letter requires it');
    expect(snapshot(t.dir)).toEqual(before);
    expect(
      (
        await letter(t.dir, [
          'sign',
          'letters/strict',
          '--name',
          'Jane Roe',
          '--group',
          'doctors',
          '--country',
          'BE',
        ])
      ).code,
    ).toBe(0);
  });

  it.each([
    [
      ['--require', 'email'],
      '--require: "email" cannot be required; use any of country, role, organisation, group',
    ],
    [['--require', 'group'], '--require group: the letter declares no groups'],
  ])('init refuses %j (exit 2), writing nothing', async (args, message) => {
    const before = snapshot(t.dir);
    const r = await letter(t.dir, ['init', 'letters/x', ...NEW, ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(snapshot(t.dir)).toEqual(before);
  });

  it('check reports a signature that lacks a required field at its file', async () => {
    const L = 'letters/time-to-act';
    const file = `${L}/signatures/ban-ki-moon.yaml`;
    const text = read(file);
    writeFileSync(path.join(t.dir, file), text.replace(/^country: KR\n/m, ''));
    const r = await letter(t.dir, ['check', L]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      `${file}:2:1: error: missing required field "country" (letter.yaml requires it)`,
    );
  });
});
