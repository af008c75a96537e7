import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { gitState, useTempLetter } from '../helpers/cli.js';
import { letter } from '../helpers/in-process.js';

// Invitations and consent live in the private store; an agreement becomes a signature through
// the sign path; the board counts them; nothing of an invitee reaches a file git would commit.
const t = useTempLetter();
const L = 'letters/time-to-act';
const clock = (iso: string) => ({ now: () => new Date(iso) });
const read = (p: string) => readFileSync(path.join(t.dir, L, p), 'utf8');
/** Sets consent: required in letter.yaml. */
const requireConsent = () =>
  writeFileSync(
    path.join(t.dir, L, 'letter.yaml'),
    read('letter.yaml').replace(
      'verification: required',
      'verification: required\nconsent: required',
    ),
  );
const run = (args: string[], at: string) => letter(t.dir, args, {}, clock(at));
const INVITE = [
  'invite',
  L,
  '--country',
  'NZ',
  '--group',
  'former-heads-of-state',
  '--owner',
  'Ben',
];

describe('evidence', () => {
  it('refuses evidence that looks like a file and is none, or is not a regular file; nothing is written', async () => {
    requireConsent();
    await run(
      [...INVITE, '--name', 'Helen Clark', '--channel', 'in-person'],
      '2020-05-01T09:00:00Z',
    );
    const before = gitState(t.dir);
    const invitation = read('private/invitations/helen-clark.yaml');
    for (const evidence of ['reply.eml', 'mail/', '/dev/null', L]) {
      const r = await run(
        ['answer', L, 'helen-clark', 'agreed', '--evidence', evidence, '--by', 'Ben'],
        '2020-05-02T09:00:00Z',
      );
      expect(r.code, evidence).toBe(2);
      expect(r.stderr).toContain(`--evidence: ${evidence} `);
      expect(r.stderr).toContain('nothing was written');
    }
    expect(gitState(t.dir)).toEqual(before);
    expect(read('private/invitations/helen-clark.yaml')).toBe(invitation);
    expect(existsSync(path.join(t.dir, L, 'signatures/helen-clark.yaml'))).toBe(false);
  });
});

describe('--text', () => {
  it('refuses a version the text never had (exit 2), and names the versions there are', async () => {
    const before = gitState(t.dir);
    const r = await run(
      [...INVITE, '--name', 'Helen Clark', '--channel', 'email', '--text', 'sha256:000000000000'],
      '2020-05-01T09:00:00Z',
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      `error: --text: "sha256:000000000000" is not a version of ${L}/letter.md; it has v1`,
    );
    expect(gitState(t.dir)).toEqual(before);
    expect(existsSync(path.join(t.dir, L, 'private'))).toBe(false);
    const named = await run(
      [...INVITE, '--name', 'Helen Clark', '--channel', 'email', '--text', 'v1', '--json'],
      '2020-05-01T09:00:00Z',
    );
    expect(named.code).toBe(0);
    expect(JSON.parse(named.stdout).invitation.text_version).toBe('sha256:5b9d2dc95291');
  });
});

describe('letter invite --allow-similar', () => {
  it('invites another person of the same name when a person decided so; look-alike letters stay refused', async () => {
    const david = ['--name', 'David', '--channel', 'email'];
    expect((await run([...INVITE, ...david], '2020-05-01T09:00:00Z')).code).toBe(0);
    const again = await run(
      [...INVITE, ...david, '--organisation', 'GNOME'],
      '2020-05-01T09:05:00Z',
    );
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('invite again with --allow-similar');
    const other = await run(
      [...INVITE, ...david, '--organisation', 'GNOME', '--allow-similar', '--json'],
      '2020-05-01T09:10:00Z',
    );
    expect(other.code).toBe(0);
    expect(JSON.parse(other.stdout).invitation.id).toBe('david-2');
    // A signatory's name in look-alike letters (Cyrillic а) is never another person.
    const lookAlike = await run(
      [...INVITE, '--name', 'Bаn Ki-moon', '--channel', 'email', '--allow-similar'],
      '2020-05-01T09:15:00Z',
    );
    expect(lookAlike.code).toBe(1);
    expect(lookAlike.stderr).toContain('is already on the letter as signature ban-ki-moon');
  });
});

describe('letter answer --as', () => {
  it('records the agreement of an invitee already signed another way on that signature', async () => {
    requireConsent();
    await run([...INVITE, '--name', 'Helen Clark', '--channel', 'email'], '2020-05-01T09:00:00Z');
    const SIGN = ['sign', L, '--name', 'Helen Clark', '--country', 'NZ'];
    expect(
      (await run([...SIGN, '--group', 'former-heads-of-state'], '2020-05-02T09:00:00Z')).code,
    ).toBe(0);
    const refused = await run(
      ['answer', L, 'helen-clark', 'agreed', '--evidence', '<a@mail.example.org>', '--by', 'Ben'],
      '2020-05-03T09:00:00Z',
    );
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      `If helen-clark is this invitee: letter answer ${L} helen-clark agreed --as helen-clark --evidence ...`,
    );
    const r = await run(
      [
        'answer',
        L,
        'helen-clark',
        'agreed',
        '--as',
        'helen-clark',
        '--evidence',
        '<a@mail.example.org>',
        '--by',
        'Ben',
        '--json',
      ],
      '2020-05-03T09:00:00Z',
    );
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      consent: 'helen-clark-20200503t090000z',
      signature: { id: 'helen-clark', status: 'verified', verified: { by: 'Ben' } },
      invitation: { signature: 'helen-clark' },
    });
    expect(read('private/consent/helen-clark.yaml')).toContain('invitation: helen-clark');
    expect(read('CHANGELOG.md')).toContain(
      '- 2020-05-03T09:00:00Z verified: Helen Clark (helen-clark) by Ben\n',
    );
    const check = await run(['check', L, '--json'], '2020-05-03T09:00:00Z');
    const errors = JSON.parse(check.stdout).errors as { code: string; file: string }[];
    expect(errors.filter((e) => e.file.includes('helen-clark'))).toEqual([]);
    expect(errors.filter((e) => e.code === 'invitee-in-public-file')).toEqual([]);
  });
});

describe('letter invite', () => {
  it('writes the invitation in the private store only, with the current text version', async () => {
    const r = await run(
      [...INVITE, '--name', 'Jacinda Ardern', '--email', 'j@example.org', '--json'],
      '2020-05-01T09:00:00Z',
    );
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.invitation).toMatchObject({
      id: 'jacinda-ardern',
      owner: 'Ben',
      channel: 'email',
      history: [{ state: 'invited', at: '2020-05-01T09:00:00Z' }],
    });
    expect(out.written).toEqual([`${L}/private/invitations/jacinda-ardern.yaml`]);
    expect(read('private/invitations/jacinda-ardern.yaml')).toContain('email: j@example.org');
    expect(gitState(t.dir).status).toBe('');
  });
  it('without a terminal, a missing --name is a usage error (exit 2)', async () => {
    const r = await run(
      ['invite', L, '--country', 'NZ', '--group', 'industry', '--owner', 'Ben'],
      '2020-05-01T09:00:00Z',
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('missing --name');
  });
  it('refuses to invite someone already on the letter or already invited (exit 1)', async () => {
    const on = await run(
      [...INVITE, '--name', 'Ban Ki-moon', '--channel', 'email'],
      '2020-05-01T09:00:00Z',
    );
    expect(on.code).toBe(1);
    expect(on.stderr).toContain('already on the letter as signature ban-ki-moon');
    await run([...INVITE, '--name', 'Ada Lovelace', '--channel', 'email'], '2020-05-01T09:00:00Z');
    const twice = await run(
      [...INVITE, '--name', 'ada  lovelace', '--channel', 'phone'],
      '2020-05-01T09:00:00Z',
    );
    expect(twice.code).toBe(1);
    expect(twice.stderr).toContain('already invited as ada-lovelace');
  });
});

describe('letter answer', () => {
  it('agreed with a file as evidence: consent record, evidence copied, a verified signature pointing to it, CHANGELOG.md', async () => {
    await run(
      [...INVITE, '--name', 'Jacinda Ardern', '--channel', 'email'],
      '2020-05-01T09:00:00Z',
    );
    writeFileSync(path.join(t.dir, 'reply.eml'), 'Yes, I sign.\n');
    const r = await run(
      ['answer', L, 'jacinda-ardern', 'agreed', '--evidence', 'reply.eml', '--by', 'Ben'],
      '2020-05-03T09:00:00Z',
    );
    expect(r.code).toBe(0);
    const sig = read('signatures/jacinda-ardern.yaml');
    expect(sig).toContain('consent: jacinda-ardern-20200503t090000z');
    expect(sig).toContain('status: verified');
    expect(sig).toContain('by: Ben');
    expect(sig).not.toContain('evidence');
    expect(read('private/consent/jacinda-ardern.yaml')).toContain(
      'file: evidence/jacinda-ardern-20200503t090000z-reply.eml',
    );
    expect(read('private/evidence/jacinda-ardern-20200503t090000z-reply.eml')).toBe(
      'Yes, I sign.\n',
    );
    expect(read('CHANGELOG.md')).toContain(
      '- 2020-05-03T09:00:00Z signed: Jacinda Ardern (jacinda-ardern)',
    );
    expect(read('private/invitations/jacinda-ardern.yaml')).toContain('signature: jacinda-ardern');
    const status = gitState(t.dir).status;
    expect(status).not.toContain('private');

    // Erased at her request: nothing of her stays in the private store either, and nothing of
    // another signatory whose id starts with hers.
    const other = path.join(t.dir, L, 'private/evidence/jacinda-ardern-lee-20200503t090000z-a.eml');
    writeFileSync(other, 'Yes.\n');
    const erased = await run(
      ['withdraw', L, 'jacinda-ardern', '--reason', 'Asked to be forgotten', '--erase'],
      '2020-05-04T09:00:00Z',
    );
    expect(erased.code).toBe(0);
    for (const f of [
      'private/consent/jacinda-ardern.yaml',
      'private/evidence/jacinda-ardern-20200503t090000z-reply.eml',
      'private/invitations/jacinda-ardern.yaml',
    ])
      expect(existsSync(path.join(t.dir, L, f)), f).toBe(false);
    expect(readdirSync(path.join(t.dir, L, 'private/evidence'))).toEqual([
      'jacinda-ardern-lee-20200503t090000z-a.eml',
    ]);
  });
  it('declined writes only the private file; agreeing afterwards needs --reopen', async () => {
    await run(
      [...INVITE, '--name', 'Jacinda Ardern', '--channel', 'email'],
      '2020-05-01T09:00:00Z',
    );
    expect(
      (await run(['answer', L, 'jacinda-ardern', 'declined'], '2020-05-02T09:00:00Z')).code,
    ).toBe(0);
    expect(gitState(t.dir).status).toBe('');
    const again = await run(['answer', L, 'jacinda-ardern', 'agreed'], '2020-05-03T09:00:00Z');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('add --reopen');
    expect(existsSync(path.join(t.dir, L, 'signatures/jacinda-ardern.yaml'))).toBe(false);
    const reopened = await run(
      ['answer', L, 'jacinda-ardern', 'agreed', '--reopen'],
      '2020-05-03T09:00:00Z',
    );
    expect(reopened.code).toBe(0);
    expect(read('signatures/jacinda-ardern.yaml')).toContain('status: pending');
  });
  it('refuses an agreement without evidence on a letter with consent: required', async () => {
    requireConsent();
    await run(
      [...INVITE, '--name', 'Jacinda Ardern', '--channel', 'email'],
      '2020-05-01T09:00:00Z',
    );
    const r = await run(['answer', L, 'jacinda-ardern', 'agreed'], '2020-05-03T09:00:00Z');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('consent: required');
    expect(existsSync(path.join(t.dir, L, 'signatures/jacinda-ardern.yaml'))).toBe(false);
  });
});

describe('letter outreach', () => {
  it('gives the board as JSON: waiting, reminders due by owner, the funnel', async () => {
    await run(
      [...INVITE, '--name', 'Jacinda Ardern', '--channel', 'email'],
      '2020-05-01T09:00:00Z',
    );
    await run(
      [...INVITE, '--name', 'Helen Clark', '--channel', 'email', '--owner', 'Anna'],
      '2020-05-05T09:00:00Z',
    );
    await run(['remind', L, 'helen-clark'], '2020-05-06T09:00:00Z');
    const r = await run(['outreach', L, '--json'], '2020-05-10T09:00:00Z');
    const board = JSON.parse(r.stdout);
    expect(
      board.waiting.map((w: { id: string; days_since_contact: number; reminder_due: boolean }) => [
        w.id,
        w.days_since_contact,
        w.reminder_due,
      ]),
    ).toEqual([
      ['jacinda-ardern', 9, true],
      ['helen-clark', 4, false],
    ]);
    expect(board.due.map((d: { owner: string }) => d.owner)).toEqual(['Ben']);
    expect(board.funnel[0]).toMatchObject({
      group: 'former-heads-of-state',
      invited: 2,
      waiting: 2,
    });
    const text = await run(['outreach', L], '2020-05-10T09:00:00Z');
    expect(text.stdout).toContain(
      'Reminders due (last contact 7 or more days ago)\n  Ben: 1\n    Jacinda Ardern (jacinda-ardern), last contact 9 days ago',
    );
  });
});

describe('letter reconfirm and check', () => {
  it('records a new consent on the current text and a reconfirmed event; check flags a signature without consent', async () => {
    requireConsent();
    const before = await run(['check', L, '--format', 'json'], '2020-06-01T09:00:00Z');
    expect(before.code).toBe(1);
    const codes = JSON.parse(before.stdout).errors.map(
      (p: { code: string; file: string }) => `${p.code} ${p.file}`,
    );
    expect(codes).toContain(`consent-missing ${L}/signatures/ban-ki-moon.yaml`);
    const r = await run(
      [
        'reconfirm',
        L,
        'ban-ki-moon',
        '--evidence',
        '<m1@example.org>',
        '--channel',
        'email',
        '--by',
        'Ben',
      ],
      '2020-06-01T09:00:00Z',
    );
    expect(r.code).toBe(0);
    const sig = read('signatures/ban-ki-moon.yaml');
    expect(sig).toContain('consent: ban-ki-moon-20200601t090000z');
    expect(sig).toContain('reconfirmed:\n  - at: 2020-06-01T09:00:00Z');
    expect(read('CHANGELOG.md')).toMatch(
      /- 2020-06-01T09:00:00Z reconfirmed: Ban Ki\\?-moon \(ban-ki-moon\) to sha256:[0-9a-f]{12} by Ben/,
    );
    expect(read('private/consent/ban-ki-moon.yaml')).toContain('message_id: <m1@example.org>');
    const after = await run(['check', L, '--format', 'json'], '2020-06-01T09:00:00Z');
    const left = JSON.parse(after.stdout).errors.map((p: { file: string }) => p.file);
    expect(left).not.toContain(`${L}/signatures/ban-ki-moon.yaml`);
  });
});
