import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { snapshot, useTempLetter } from '../helpers/cli.js';
import { letter } from '../helpers/in-process.js';

const t = useTempLetter();

const L = 'letters/time-to-act';
const read = (p: string) => readFileSync(path.join(t.letterDir, p), 'utf8');

describe('withdraw, verify, log, list, changelog', () => {
  it('withdraws with a reason, keeps the file, and appends the event', async () => {
    const before = read('CHANGELOG.md');
    const r = await letter(t.dir, [
      'withdraw',
      L,
      'eva-chen',
      '--reason',
      'Asked by email',
      '--by',
      'Campaign desk',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      'Withdrawn: Eva Chen (eva-chen); the record stays, out of every render.',
    );
    expect(read('signatures/eva-chen.yaml')).toMatch(
      /status: withdrawn\nverified:\n {2}by: CyberPeace Institute\n {2}at: 2020-05-26T00:00:00Z\nwithdrawn:\n {2}by: Campaign desk\n {2}at: \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\n {2}reason: Asked by email\n$/,
    );
    const after = read('CHANGELOG.md');
    expect(after.startsWith(before)).toBe(true);
    expect(after.slice(before.length)).toMatch(
      /^- \S+Z withdrawn: Eva Chen \(eva-chen\) by Campaign desk; reason: Asked by email\n$/,
    );
    expect((await letter(t.dir, ['check', L])).code).toBe(0);

    const again = await letter(t.dir, ['withdraw', L, 'eva-chen', '--reason', 'again']);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('Signature eva-chen is already withdrawn');
  });

  it('needs --reason, and refuses an unknown id without writing', async () => {
    const before = snapshot(t.dir);
    const noReason = await letter(t.dir, ['withdraw', L, 'eva-chen']);
    expect(noReason.code).toBe(2);
    expect(noReason.stderr).toContain("error: required option '--reason <text>' not specified");
    const unknown = await letter(t.dir, ['withdraw', L, 'nobody', '--reason', 'x']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('No signature with id "nobody"; nothing was written.');
    expect(snapshot(t.dir)).toEqual(before);
  });

  it('verifies several pending signatures at once, or none when one id is wrong', async () => {
    for (const name of ['Ada Lovelace', 'Grace Hopper'])
      expect(
        (
          await letter(t.dir, [
            'sign',
            L,
            '--name',
            name,
            '--country',
            'US',
            '--group',
            'industry',
            '--signed-at',
            '2026-01-01',
          ])
        ).code,
      ).toBe(0);
    const pending = JSON.parse(
      (await letter(t.dir, ['list', L, '--status', 'pending', '--json'])).stdout,
    );
    // Sorted by the derived sort keys: Hopper Grace before Lovelace Ada.
    expect(pending.signatures.map((s: { id: string }) => s.id)).toEqual([
      'grace-hopper',
      'ada-lovelace',
    ]);

    const before = snapshot(t.dir);
    const bad = await letter(t.dir, ['verify', L, 'ada-lovelace', 'nobody', '--by', 'Desk']);
    expect(bad.code).toBe(1);
    expect(snapshot(t.dir)).toEqual(before);

    const ok = await letter(t.dir, [
      'verify',
      L,
      'ada-lovelace',
      'grace-hopper',
      '--by',
      'Desk',
      '--evidence',
      'https://example.org/call-notes',
    ]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('Verified: Ada Lovelace (ada-lovelace) by Desk');
    expect(read('signatures/ada-lovelace.yaml')).toContain(
      '  evidence: https://example.org/call-notes\n',
    );
    const list = JSON.parse((await letter(t.dir, ['list', L, '--json'])).stdout);
    expect(list.count).toBe(14);

    const log = JSON.parse((await letter(t.dir, ['log', L, '--json', '-n', '3'])).stdout);
    expect(log.events.map((e: { kind: string; id: string }) => `${e.kind} ${e.id}`)).toEqual([
      'verified grace-hopper',
      'verified ada-lovelace',
      'signed grace-hopper',
    ]);
  });

  it('lists signatories in render order, as text and JSON', async () => {
    const text = await letter(t.dir, ['list', L]);
    expect(text.code).toBe(0);
    expect(text.stdout.split('\n').slice(0, 4)).toEqual([
      'Former heads of state and government',
      '  Mikhail Gorbachev · Former President of the Soviet Union; Nobel Peace Prize laureate (1990) · RU · mikhail-gorbachev',
      '  Ernesto Zedillo · Former President of Mexico · MX · ernesto-zedillo',
      '',
    ]);
    expect(text.stdout).toMatch(/12 signatories \(verified\)\n$/);
    const json = JSON.parse((await letter(t.dir, ['list', L, '--json'])).stdout);
    expect(json.signatures.slice(2, 4).map((s: { name: string }) => s.name)).toEqual([
      'Ban Ki-moon',
      'Margaret Chan',
    ]);
    const bad = await letter(t.dir, ['list', L, '--status', 'gone']);
    expect(bad.code).toBe(2);
  });

  it('rebuilds a stale changelog', async () => {
    const { writeFileSync } = await import('node:fs');
    const good = read('CHANGELOG.md');
    writeFileSync(path.join(t.letterDir, 'CHANGELOG.md'), good.split('\n').slice(0, 8).join('\n'));
    expect((await letter(t.dir, ['check', L])).code).toBe(1);
    const r = await letter(t.dir, ['changelog', L]);
    expect(r.stdout).toBe(`Rebuilt ${L}/CHANGELOG.md (24 events)\n`);
    expect(read('CHANGELOG.md')).toBe(good);
    expect((await letter(t.dir, ['changelog', L])).stdout).toBe(
      `${L}/CHANGELOG.md is up to date (24 events)\n`,
    );
  });
});
