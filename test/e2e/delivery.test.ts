// Delivery with proof, as a campaign and an addressee meet it: the built binary delivers the
// example letter from a temporary git repository, the addressee verifies the bundle offline,
// and a changed byte or a removed name is named.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { editFile, gitState, letter, snapshot, useTempLetter } from '../helpers/cli.js';

// CI installs Debian's chromium (.ci/run); there the bundle always holds the PDF.
const CHROMIUM = process.env.LETTER_CHROMIUM ?? '/usr/bin/chromium';
const pdf = existsSync(CHROMIUM) ? [] : ['--no-pdf'];
const L = 'letters/time-to-act';
const NOW = { LETTER_NOW: '2020-06-01T09:00:00Z' };
const ID = '2020-06-01-the-united-nations';
const BUNDLE = `out/time-to-act/delivery-${ID}`;

const t = useTempLetter();
const verify = (...args: string[]) => letter(t.dir, ['verify-delivery', BUNDLE, ...args]);
const deliver = (...args: string[]) =>
  letter(t.dir, ['deliver', L, '--to', 'the United Nations', ...pdf, ...args], NOW);

describe('letter deliver and verify-delivery', () => {
  it('a bundle verifies; one byte of the CSV changed and one name removed from the JSON are each named', async () => {
    const made = await deliver('--channel', 'email', '--json');
    expect(made.code, made.stderr).toBe(0);
    const result = JSON.parse(made.stdout);
    expect(result).toMatchObject({ id: ID, bundle: BUNDLE, count: 12, uncommitted_changes: false });
    expect(result.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(result.files.map((f: { path: string }) => f.path)).toEqual([
      'signatures.csv',
      'signatures.json',
      'time-to-act.html',
      'time-to-act.md',
      ...(pdf.length ? [] : ['time-to-act.pdf']),
      'manifest.json',
    ]);
    // Recorded in the letter, and nothing else of the letter changed.
    const status = gitState(t.dir).status.split('\n');
    expect(status.filter((l) => l && !l.startsWith(`?? ${BUNDLE}/`))).toEqual([
      `?? ${L}/deliveries.yaml`,
    ]);
    expect(readFileSync(path.join(t.letterDir, 'deliveries.yaml'), 'utf8')).toContain(
      `  - id: ${ID}\n    to: the United Nations\n    delivered_at: 2020-06-01T09:00:00Z\n    channel: email\n    manifest: sha256:${result.manifest_sha256}\n`,
    );
    const ok = await verify();
    expect(ok.code, ok.stdout).toBe(0);
    expect(ok.stdout).toContain('Valid: ');

    const csv = path.join(t.dir, BUNDLE, 'signatures.csv');
    const bytes = readFileSync(csv);
    bytes[bytes.indexOf('Ernesto Zedillo') + 1] = 'R'.charCodeAt(0);
    writeFileSync(csv, bytes);
    const json = path.join(t.dir, BUNDLE, 'signatures.json');
    const rows = JSON.parse(readFileSync(json, 'utf8')) as { id: string; name: string }[];
    const removed = rows.splice(3, 1)[0]!;
    writeFileSync(json, `${JSON.stringify(rows, null, 2)}\n`);

    const bad = await verify();
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('✗ signatures.csv: changed (');
    expect(bad.stdout).toContain(
      '✗ signatures.csv:3: ERnesto Zedillo (ernesto-zedillo) changed since delivery',
    );
    expect(bad.stdout).toContain(
      `✗ signatures.json: ${removed.name} (${removed.id}) removed (the manifest lists it)`,
    );
    const asJson = JSON.parse((await verify('--json')).stdout);
    expect(asJson.ok).toBe(false);
    expect(
      asJson.findings.map((f: { kind: string; file: string }) => `${f.kind} ${f.file}`),
    ).toEqual([
      'file-changed signatures.csv',
      'file-changed signatures.json',
      'entry-changed signatures.csv',
      'entry-removed signatures.json',
    ]);
  });

  it('a signed bundle verifies against the right allowed signers and fails against a wrong key', async () => {
    const key = (name: string) => {
      const file = path.join(t.dir, name);
      execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', name, '-f', file]);
      const pub = readFileSync(`${file}.pub`, 'utf8').split(' ').slice(0, 2).join(' ');
      writeFileSync(`${file}.allowed`, `press@campaign.example ${pub}\n`);
      return file;
    };
    const right = key('campaign');
    key('stranger');
    // The keys sit outside the letter's folder: it stays clean.
    const made = await deliver('--sign-key', right);
    expect(made.code, made.stderr).toBe(0);
    expect(existsSync(path.join(t.dir, BUNDLE, 'manifest.json.sig'))).toBe(true);
    const good = await verify('--allowed-signers', 'campaign.allowed');
    expect(good.code, good.stdout).toBe(0);
    expect(good.stdout).toContain(
      'signature: good, by press@campaign.example (ssh-keygen -Y verify',
    );
    const wrong = await verify('--allowed-signers', 'stranger.allowed');
    expect(wrong.code).toBe(1);
    expect(wrong.stdout).toContain(
      'signature: the key that signed is not in the allowed signers file',
    );
    // Without allowed signers: sound, signer unchecked (check-novalidate), said so.
    const loose = await verify('--json');
    expect(JSON.parse(loose.stdout).signature).toMatchObject({
      method: 'check-novalidate',
      ok: true,
    });
    // A manifest changed after signing fails even when its digests were made to agree.
    const manifest = path.join(t.dir, BUNDLE, 'manifest.json');
    editFile(manifest, 'the United Nations', 'the UN');
    const forged = await verify('--allowed-signers', 'campaign.allowed');
    expect(forged.code).toBe(1);
  });

  it('a response is recorded and shown by log --json; check names a bad deliveries.yaml by line and column', async () => {
    expect((await deliver()).code).toBe(0);
    const later = { LETTER_NOW: '2020-07-10T09:00:00Z' };
    const ack = await letter(
      t.dir,
      [
        'delivery',
        'respond',
        L,
        ID,
        'acknowledged',
        '--on',
        '2020-06-02',
        '--note',
        'Receipt confirmed',
      ],
      later,
    );
    expect(ack.code, ack.stderr).toBe(0);
    expect(ack.stdout).toBe(
      `Recorded acknowledged on 2020-06-02 for ${ID} (to the United Nations) in ${L}/deliveries.yaml; commit it.\n`,
    );
    expect(
      (
        await letter(
          t.dir,
          ['delivery', 'respond', L, ID, 'follow-up', '--on', '2020-07-01'],
          later,
        )
      ).code,
    ).toBe(0);
    const log = JSON.parse((await letter(t.dir, ['log', L, '-n', '4', '--json'], later)).stdout);
    expect(log.events.slice(0, 3)).toEqual([
      { at: '2020-07-01T00:00:00Z', kind: 'follow-up', id: ID, to: 'the United Nations' },
      {
        at: '2020-06-02T00:00:00Z',
        kind: 'acknowledged',
        id: ID,
        to: 'the United Nations',
        note: 'Receipt confirmed',
      },
      {
        at: '2020-06-01T09:00:00Z',
        kind: 'delivered',
        id: ID,
        to: 'the United Nations',
        count: 12,
      },
    ]);
    expect(log.events[3].kind).toBe('verified');
    // The page says it too, in a "Delivered" section.
    expect((await letter(t.dir, ['render', L, '--format', 'html'], later)).code).toBe(0);
    expect(readFileSync(path.join(t.dir, 'out/time-to-act/time-to-act.html'), 'utf8')).toContain(
      '<h2 id="deliveries-heading">Delivered</h2>\n<ul>\n<li>To the United Nations on 1 June 2020, with 12 signatures.\n<ul>\n<li>Acknowledged on 2 June 2020: Receipt confirmed</li>\n<li>Follow-up due on 1 July 2020.</li>\n</ul>\n</li>\n</ul>\n</section>',
    );
    const check = await letter(t.dir, ['check', L], later);
    expect(check.code).toBe(0);
    expect(check.stdout + check.stderr).toContain(
      `${L}/deliveries.yaml:13:13: warning: the follow-up of ${ID} was due on 2020-07-01`,
    );
    const file = path.join(t.letterDir, 'deliveries.yaml');
    editFile(file, 'on: 2020-06-02', 'on: 2020-05-02');
    const before = await letter(t.dir, ['check', L], later);
    expect(before.code).toBe(1);
    expect(before.stdout + before.stderr).toContain(
      `${L}/deliveries.yaml:10:13: error: acknowledged on 2020-05-02, before the delivery of 2020-06-01`,
    );
    editFile(file, 'on: 2020-05-02', 'on: 2020-02-30');
    const invalid = await letter(t.dir, ['check', L], later);
    expect(invalid.code).toBe(1);
    expect(invalid.stdout + invalid.stderr).toMatch(
      new RegExp(`${L}/deliveries.yaml:10:13: error: .*2020-05-26`),
    );
  });

  it('bad input changes nothing: unknown delivery, bad date, missing bundle, draft, uncommitted changes', async () => {
    expect((await deliver()).code).toBe(0);
    const before = snapshot(t.dir);
    const refused: [string[], string][] = [
      [['nope', 'acknowledged'], `no delivery "nope" in ${L}/deliveries.yaml`],
      [[ID, 'responded', '--on', '2020-13-01'], '--on: "2020-13-01" is not a date'],
      [[ID, 'thanked'], 'unknown response "thanked"'],
      [
        [ID, 'responded', '--note', 'Reply from jane.doe@un.org'],
        '--note: it holds an email address or phone number',
      ],
    ];
    for (const [args, message] of refused) {
      const r = await letter(t.dir, ['delivery', 'respond', L, ...args], NOW);
      expect(r).toMatchObject({ code: 2, stdout: '' });
      expect(r.stderr).toContain(message);
    }
    const missing = await letter(t.dir, ['verify-delivery', 'out/nowhere']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('out/nowhere: no such bundle folder');
    // A folder outside the working directory is named as given, never as ../../nowhere.
    const outside = await letter(t.dir, ['verify-delivery', '/nowhere-letter-bundle']);
    expect(outside.stderr).toContain('error: /nowhere-letter-bundle: no such bundle folder');
    // With the record not yet committed: refused; into the same bundle folder: refused.
    expect((await deliver()).stderr).toContain('has changes not committed to git');
    const again = await deliver('--allow-dirty', '--out', BUNDLE);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain(`--out: ${BUNDLE} already holds files`);
    expect(snapshot(t.dir)).toEqual(before);

    execFileSync('git', ['add', '-A'], { cwd: t.dir });
    execFileSync(
      'git',
      ['-c', 'user.name=T', '-c', 'user.email=t@example.org', 'commit', '-qm', 'delivered'],
      { cwd: t.dir },
    );
    const yaml = path.join(t.letterDir, 'letter.yaml');
    editFile(yaml, 'status: open', 'status: draft');
    const drafted = snapshot(t.dir);
    const draft = await deliver('--allow-dirty', '--out', 'out/draft');
    expect(draft.code).toBe(1);
    expect(draft.stderr).toContain('Not delivered: letters/time-to-act is a draft');
    const dirty = await deliver('--force', '--out', 'out/dirty');
    expect(dirty.code).toBe(1);
    expect(dirty.stderr).toContain('has changes not committed to git');
    expect(snapshot(t.dir)).toEqual(drafted);
  });
});
