// What a fresh user found wrong with delivery, each fixed: free text with a line break
// refused before anything is written, deliveries.yaml refused on the errors check reports,
// a manifest whose count was edited, a folder that is no bundle, a name changed by an
// invisible character, a bundle page linking to files it lacks, and the smaller ones.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { editFile, snapshot, useTempLetter } from '../helpers/cli.js';
import { letter } from '../helpers/in-process.js';

const L = 'letters/time-to-act';
const ID = '2020-06-01-the-united-nations';
const BUNDLE = `out/time-to-act/delivery-${ID}`;
const at = (iso: string) => ({ now: () => new Date(iso) });
const JUNE = at('2020-06-01T09:00:00Z');
const LATER = at('2020-07-10T09:00:00Z');

const t = useTempLetter();
const run = (args: string[], clock = JUNE) => letter(t.dir, args, {}, clock);
const deliver = (...args: string[]) =>
  run([
    'deliver',
    L,
    '--no-pdf',
    ...(args.includes('--to') ? [] : ['--to', 'the United Nations']),
    ...args,
  ]);
const commit = () => {
  execFileSync('git', ['add', '-A'], { cwd: t.dir });
  execFileSync(
    'git',
    ['-c', 'user.name=T', '-c', 'user.email=t@example.org', 'commit', '-qm', 'x'],
    {
      cwd: t.dir,
    },
  );
};
const deliveries = () => path.join(t.letterDir, 'deliveries.yaml');

describe('free text of deliver and delivery respond', () => {
  it('a line break, a tab or a control character is a usage error before anything is written', async () => {
    const before = snapshot(t.dir);
    const refused: [string[], string][] = [
      [
        ['deliver', L, '--to', 'A\nB'],
        '--to: must be one line, without tabs or control characters',
      ],
      [['deliver', L, '--to', 'the UN\u0007'], '--to: must be one line'],
      [['deliver', L, '--to', 'the UN', '--channel', 'by\thand'], '--channel: must be one line'],
      [['deliver', L, '--to', 'the UN', '--channel', ' '], '--channel: say how it is delivered'],
      [
        ['deliver', L, '--to', 'the UN', '--sign-key', ''],
        '--sign-key: name the SSH private key file',
      ],
      [['deliver', L, '--to', 'the UN', '--out', '/dev/null'], '--out: /dev/null is not a folder'],
    ];
    for (const [args, message] of refused) {
      const r = await run(args);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain(message);
    }
    expect(snapshot(t.dir)).toEqual(before);
    expect((await deliver()).code).toBe(0);
    commit();
    const delivered = snapshot(t.dir);
    for (const [args, message] of [
      [[ID, 'responded', '--note', 'line one\nline two'], '--note: must be one line'],
      [[ID, 'responded', '--link', 'https://un.org/\nx'], '--link: '],
      [[ID, 'follow-up'], 'follow-up: give the day it is due with --on'],
    ] as [string[], string][]) {
      const r = await run(['delivery', 'respond', L, ...args], LATER);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toContain(message);
    }
    expect(snapshot(t.dir)).toEqual(delivered);
    // The file as written stays one the schema accepts: render and check go on.
    expect((await run(['check', L], LATER)).code).toBe(0);
  });

  it('an addressee in another script gets a Latin slug, as signature ids do', async () => {
    const r = await deliver('--to', 'Министерство иностранных дел', '--json');
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      id: '2020-06-01-ministerstvo-inostrannykh-del',
      bundle: 'out/time-to-act/delivery-2020-06-01-ministerstvo-inostrannykh-del',
    });
  });
});

describe('deliveries.yaml with errors check reports', () => {
  const twice = async () => {
    expect((await deliver()).code).toBe(0);
    const text = readFileSync(deliveries(), 'utf8');
    // The same delivery twice: the id used twice, at lines 2 and 9.
    writeFileSync(deliveries(), `${text}${text.replace('deliveries:\n', '')}`);
    commit();
  };

  it('render, deliver and respond refuse on an id used twice, naming both lines; log warns with the position', async () => {
    await twice();
    const check = await run(['check', L], LATER);
    expect(check.code).toBe(1);
    const where = `${L}/deliveries.yaml:9:9`;
    const message = `delivery id "${ID}" is used twice: here and on line 2`;
    expect(check.stdout + check.stderr).toContain(`${where}: error: ${message}`);
    const before = snapshot(t.dir);
    const render = await run(['render', L, '--format', 'md'], LATER);
    expect(render.code).toBe(1);
    expect(render.stderr).toContain(`${where}: ${message}`);
    const respond = await run(['delivery', 'respond', L, ID, 'acknowledged'], LATER);
    expect(respond.code).toBe(1);
    expect(respond.stderr).toContain(`${where}: ${message}`);
    const again = await deliver('--out', 'out/again');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`${where}: ${message}`);
    expect(snapshot(t.dir)).toEqual(before);
    const log = await run(['log', L, '--json'], LATER);
    expect(log.code).toBe(0);
    expect(log.stderr).toContain(`warning: ${where}: ${message}; the deliveries are left out`);
    expect(
      JSON.parse(log.stdout).events.some((e: { kind: string }) => e.kind === 'delivered'),
    ).toBe(false);
  });

  it('render refuses a response dated before its delivery, as check does', async () => {
    expect((await deliver()).code).toBe(0);
    writeFileSync(
      deliveries(),
      readFileSync(deliveries(), 'utf8').replace(
        'responses: []',
        'responses:\n      - kind: acknowledged\n        on: 2020-05-02',
      ),
    );
    const render = await run(['render', L, '--format', 'md'], LATER);
    expect(render.code).toBe(1);
    expect(render.stderr).toContain(
      `${L}/deliveries.yaml:10:13: acknowledged on 2020-05-02, before the delivery of 2020-06-01`,
    );
    expect(existsSync(path.join(t.dir, 'out/time-to-act/time-to-act.md'))).toBe(false);
  });
});

describe('verify-delivery', () => {
  const verify = (bundle = BUNDLE, ...args: string[]) => run(['verify-delivery', bundle, ...args]);

  it('a manifest whose count was edited fails, unsigned as it is', async () => {
    expect((await deliver()).code).toBe(0);
    editFile(path.join(t.dir, BUNDLE, 'manifest.json'), '"count": 12,', '"count": 11,');
    const r = await verify();
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('✗ manifest.json: says count 11, but lists 12 entries');
    expect(JSON.parse((await verify(BUNDLE, '--json')).stdout).findings).toEqual([
      {
        kind: 'count-mismatch',
        file: 'manifest.json',
        count: 11,
        entries: 12,
        message: 'manifest.json: says count 11, but lists 12 entries',
      },
    ]);
  });

  it('a folder without manifest.json, or none named, is not a delivery bundle (exit 2)', async () => {
    const none = await verify('letters');
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('letters: not a delivery bundle (it holds no manifest.json)');
    expect(none.stderr).toContain('the one that holds manifest.json');
    const empty = await verify('');
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('name the bundle folder');
    const missing = await verify('out/nowhere');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(
      'Give the folder of the delivery as the campaign sent it: the one that holds manifest.json.',
    );
  });

  it('a name changed by an invisible or look-alike character shows the difference', async () => {
    expect((await deliver()).code).toBe(0);
    const csv = path.join(t.dir, BUNDLE, 'signatures.csv');
    editFile(csv, 'Ernesto Zedillo', 'Ernesto\u200b Zedillo');
    editFile(csv, 'Ban Ki-moon', 'B\u0430n Ki-moon');
    const r = await verify();
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      '(ernesto-zedillo) changed since delivery: the manifest says "Ernesto Zedillo"',
    );
    expect(r.stdout).toContain('Ernesto\\u{200B} Zedillo (ernesto-zedillo)');
    expect(r.stdout).toContain(
      'B\\u{430}n Ki-moon (ban-ki-moon) changed since delivery: the manifest says "Ban Ki-moon"',
    );
  });
});

describe('the page in a bundle', () => {
  it('links to no file the bundle lacks (no feed, count.json or badge)', async () => {
    expect((await deliver()).code).toBe(0);
    const files = new Set(readdirSync(path.join(t.dir, BUNDLE)));
    const html = readFileSync(path.join(t.dir, BUNDLE, 'time-to-act.html'), 'utf8');
    const local = [...html.matchAll(/(?:href|src)="([^"#:]+)"/g)].map((m) => m[1]!);
    expect(local.filter((f) => !files.has(f))).toEqual([]);
    expect(html).not.toContain('.atom');
    // The page of a render still links to its feed.
    expect((await run(['render', L, '--format', 'html'])).code).toBe(0);
    expect(readFileSync(path.join(t.dir, 'out/time-to-act/time-to-act.html'), 'utf8')).toContain(
      'href="time-to-act.atom"',
    );
  });
});
