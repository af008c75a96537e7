// The launch of "The Time to Act is Now", replayed with the built binary on a fixed clock
// (LETTER_NOW) in a campaign's git repository: a draft under embargo, five people invited one
// by one through two channels, a reminder that falls due, three agreements (one to an earlier
// draft), a decline, a silence, one change of the text, a reconfirmation, the redline, and the
// embargo lifting. What git tracks never holds the person who declined or never answered.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { letter, ROOT, type Run } from '../helpers/cli.js';

const L = 'letters/time-to-act';
let repo: string;
let callNotes: string;
const file = (f: string) => path.join(repo, L, f);
const read = (f: string) => readFileSync(file(f), 'utf8');

/** git, as the campaign desk commits, dated by the replay's clock. */
function git(at: string, ...args: string[]): string {
  return execFileSync(
    'git',
    ['-c', 'user.name=Campaign desk', '-c', 'user.email=desk@example.org', ...args],
    {
      cwd: repo,
      encoding: 'utf8',
      env: { ...process.env, GIT_AUTHOR_DATE: at, GIT_COMMITTER_DATE: at },
    },
  );
}
/** `letter` at a moment of the replay, as staff member `by` (git user.name unset: --by/--owner say who). */
async function at(when: string, args: string[]): Promise<Run> {
  const r = await letter(repo, args, { LETTER_NOW: when });
  if (r.code !== 0 && !args.includes('--publish'))
    throw new Error(`letter ${args.join(' ')} exited ${r.code}\n${r.stderr}`);
  return r;
}
/** Every file git tracks after `git add -A`, as staff would commit: path → text. */
function publicFiles(): Map<string, string> {
  git('2020-05-26T09:00:00Z', 'add', '-A');
  const files = git('2020-05-26T09:00:00Z', 'ls-files', '-z').split('\0').filter(Boolean);
  return new Map(files.map((f) => [f, readFileSync(path.join(repo, f), 'utf8')]));
}

// The text as first sent (v1) lacks the fourth call; the text as published (v2) has it.
const FOURTH_CALL = '4. **Hold attackers to account.**\n';
const invitees = {
  ban: ['--name', 'Ban Ki-moon', '--country', 'KR', '--group', 'international-organisations'],
  albright: ['--name', 'Madeleine Albright', '--country', 'US', '--group', 'former-ministers'],
  smith: ['--name', 'Brad Smith', '--country', 'US', '--group', 'industry'],
  // Two people the replay invents: one declines, one never answers.
  halvorsen: ['--name', 'Ingrid Halvorsen', '--country', 'NO', '--group', 'former-ministers'],
  ferreira: ['--name', 'Tomás Ferreira', '--country', 'PT', '--group', 'nobel-laureates'],
};
const SECRETS = [
  'Ingrid Halvorsen',
  'Halvorsen',
  'ingrid.halvorsen@example.org',
  'Tomás Ferreira',
  'Ferreira',
  '+351 21 555 0147',
  '555 0147',
  'Prefers to stay out of politics',
];

beforeAll(() => {
  repo = mkdtempSync(path.join(tmpdir(), 'letter-launch-'));
  cpSync(path.join(ROOT, L), path.join(repo, L), { recursive: true });
  for (const f of readdirSync(file('signatures'))) rmSync(file(`signatures/${f}`));
  // A draft under embargo until the launch, that needs consent that can be shown.
  writeFileSync(
    file('letter.yaml'),
    read('letter.yaml')
      .replace('status: open', 'status: draft')
      .replace('opened: 2020-05-26', 'opened: 2020-05-26\nembargo: 2020-05-26T09:00:00Z')
      .replace('verification: required', 'verification: required\nconsent: required'),
  );
  writeFileSync(file('letter.md'), read('letter.md').replace(FOURTH_CALL, ''));
  execFileSync('git', ['init', '-q'], { cwd: repo });
  // The notes Marc took of the call in which Brad Smith agreed: evidence kept in the private store.
  callNotes = path.join(repo, '..', `${path.basename(repo)}-call-notes.txt`);
  writeFileSync(
    callNotes,
    'Call with the office of Brad Smith, 18 May 2020: yes, to the text of 15 May.\n',
  );
});
afterAll(() => {
  rmSync(repo, { recursive: true, force: true });
  rmSync(callNotes, { force: true });
});

describe('the launch of the example letter, replayed', () => {
  it('invites five, chases one, records three agreements, lifts the embargo on exactly three names', async () => {
    expect((await at('2020-05-11T08:00:00Z', ['changelog', L])).code).toBe(0);
    git('2020-05-11T08:00:00Z', 'add', '-A');
    git('2020-05-11T08:00:00Z', 'commit', '-qm', 'The first draft');

    // Staff invite five people through two channels (email, phone), each owning the contact.
    await at('2020-05-11T09:00:00Z', [
      'invite',
      L,
      ...invitees.ban,
      '--owner',
      'Klara',
      '--email',
      'office@ban-ki-moon.example.org',
    ]);
    await at('2020-05-11T09:10:00Z', [
      'invite',
      L,
      ...invitees.albright,
      '--owner',
      'Klara',
      '--email',
      'office@albright.example.org',
    ]);
    await at('2020-05-11T09:20:00Z', [
      'invite',
      L,
      ...invitees.smith,
      '--owner',
      'Marc',
      '--phone',
      '+1 425 555 0100',
    ]);
    await at('2020-05-11T09:30:00Z', [
      'invite',
      L,
      ...invitees.halvorsen,
      '--owner',
      'Marc',
      '--email',
      'ingrid.halvorsen@example.org',
    ]);
    await at('2020-05-11T09:40:00Z', [
      'invite',
      L,
      ...invitees.ferreira,
      '--owner',
      'Marc',
      '--phone',
      '+351 21 555 0147',
    ]);

    // Ban Ki-moon agrees to the draft he was sent; Ingrid Halvorsen declines.
    await at('2020-05-13T10:00:00Z', [
      'answer',
      L,
      'ban-ki-moon',
      'agreed',
      '--evidence',
      '<CAF3x9k2@mail.ban-ki-moon.example.org>',
      '--by',
      'Klara',
    ]);
    await at('2020-05-14T10:00:00Z', [
      'answer',
      L,
      'ingrid-halvorsen',
      'declined',
      '--note',
      'Prefers to stay out of politics',
      '--by',
      'Marc',
    ]);

    // The text changes once: the fourth call is added, and committed.
    writeFileSync(
      file('letter.md'),
      read('letter.md').replace(
        '   are respected and protected.\n',
        `   are respected and protected.\n${FOURTH_CALL}`,
      ),
    );
    expect(read('letter.md')).toBe(readFileSync(path.join(ROOT, L, 'letter.md'), 'utf8'));
    git('2020-05-15T09:00:00Z', 'commit', '-qam', 'Add the fourth call');

    // Two more agree, to the text as it reads now.
    await at('2020-05-16T10:00:00Z', [
      'answer',
      L,
      'madeleine-albright',
      'agreed',
      '--text',
      'v2',
      '--evidence',
      'https://mail.example.org/threads/albright-yes',
      '--by',
      'Klara',
    ]);
    await at('2020-05-18T10:00:00Z', [
      'answer',
      L,
      'brad-smith',
      'agreed',
      '--text',
      'current',
      '--channel',
      'phone',
      '--evidence',
      callNotes,
      '--by',
      'Marc',
    ]);

    // Each agreement with evidence is a signature and its verification, both in CHANGELOG.md.
    expect(read('CHANGELOG.md')).toContain(
      '- 2020-05-18T10:00:00Z verified: Brad Smith (brad-smith) by Marc\n',
    );
    expect((await at('2020-05-18T10:00:00Z', ['check', L])).code).toBe(0);
    expect(readdirSync(file('private/evidence'))).toEqual([
      expect.stringMatching(/^brad-smith-.*-call-notes\.txt$/),
    ]);

    // Eight days on, one reminder is due: Tomás Ferreira's, owned by Marc.
    const board = await at('2020-05-19T09:00:00Z', ['outreach', L, '--json']);
    const due = JSON.parse(board.stdout).due;
    expect(due).toEqual([
      {
        owner: 'Marc',
        due: [expect.objectContaining({ id: 'tomas-ferreira', days_since_contact: 7 })],
      },
    ]);
    const shown = await at('2020-05-19T09:00:00Z', ['outreach', L]);
    expect(shown.stdout).toMatch(/Marc[\s\S]*Tomás Ferreira/);
    await at('2020-05-19T09:30:00Z', [
      'remind',
      L,
      'tomas-ferreira',
      '--by',
      'Marc',
      '--note',
      'Left a message',
    ]);

    // Ban Ki-moon reconfirms on the new text; the redline shows what he reconfirmed.
    const diff = await at('2020-05-20T09:00:00Z', ['diff', L, 'v1', 'v2']);
    expect(diff.stdout).toContain('{+4. **Hold attackers to account.**+}');
    await at('2020-05-20T10:00:00Z', [
      'reconfirm',
      L,
      'ban-ki-moon',
      '--evidence',
      '<CAF3x9k7@mail.ban-ki-moon.example.org>',
      '--by',
      'Klara',
    ]);

    // The day before the launch: the letter opens, still under embargo.
    writeFileSync(
      file('letter.yaml'),
      read('letter.yaml').replace('status: draft', 'status: open'),
    );
    await at('2020-05-25T09:00:00Z', ['answer', L, 'tomas-ferreira', 'no-answer', '--by', 'Marc']);
    git('2020-05-25T09:00:00Z', 'add', '-A');
    git('2020-05-25T09:00:00Z', 'commit', '-qm', 'Open the letter, under embargo');
    await at('2020-05-25T09:00:00Z', ['render', L, '--format', 'md,html', '--out', 'preview']);
    const previewMd = readFileSync(path.join(repo, 'preview/time-to-act.md'), 'utf8');
    expect(previewMd).toContain('EMBARGOED PREVIEW');
    expect(readFileSync(path.join(repo, 'preview/time-to-act.html'), 'utf8')).toContain(
      'EMBARGOED PREVIEW',
    );
    const early = await at('2020-05-26T08:59:59Z', ['check', L, '--publish', '--format', 'json']);
    expect(early.code).toBe(1);
    expect(JSON.parse(early.stdout).errors.map((e: { code: string }) => e.code)).toEqual([
      'embargoed',
    ]);

    // At the embargo: the page is final and names exactly the three who agreed.
    const launch = await at('2020-05-26T09:00:00Z', ['check', L, '--publish']);
    expect(launch.code).toBe(0);
    await at('2020-05-26T09:00:00Z', ['render', L, '--format', 'md,html', '--out', 'site']);
    const md = readFileSync(path.join(repo, 'site/time-to-act.md'), 'utf8');
    expect(md).not.toContain('PREVIEW');
    const list = JSON.parse((await at('2020-05-26T09:00:00Z', ['list', L, '--json'])).stdout);
    expect(list.signatures.map((s: { name: string }) => s.name).sort()).toEqual([
      'Ban Ki-moon',
      'Brad Smith',
      'Madeleine Albright',
    ]);
    for (const name of ['Ban Ki-moon', 'Madeleine Albright', 'Brad Smith'])
      expect(md).toContain(name);

    // Nothing of the two who did not agree reaches a file git tracks.
    const tracked = publicFiles();
    expect([...tracked.keys()].filter((f) => f.includes('/private/'))).toEqual([]);
    for (const [f, text] of tracked)
      for (const secret of SECRETS)
        expect(text.includes(secret), `${f} holds "${secret}"`).toBe(false);
    // And check, with the private store at hand, proves it.
    expect((await at('2020-05-26T09:00:00Z', ['check', L])).code).toBe(0);
  });
});
