import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { letter, useTempLetter } from '../helpers/cli.js';

// A campaign from invitation to reconfirmation, with the binary and a fixed clock (LETTER_NOW),
// in a git repository: what git tracks never holds an invitee who did not agree.
const t = useTempLetter();
const L = 'letters/time-to-act';
const git = (...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=Staff', '-c', 'user.email=s@example.org', ...args], {
    cwd: t.dir,
    encoding: 'utf8',
  });
const at = (iso: string, args: string[]) => letter(t.dir, args, { LETTER_NOW: iso });
/** The text of every file git tracks, after `git add -A` as staff would run it. */
const tracked = () => {
  git('add', '-A');
  return git('ls-files', '-z')
    .split('\0')
    .filter(Boolean)
    .map((f) => readFileSync(path.join(t.dir, f), 'utf8'))
    .join('\n');
};

describe('outreach with the binary', () => {
  it('invites, reminds, answers and reconfirms; a declined invitee never reaches git; check finds consent missing and a leak', async () => {
    const letterYaml = path.join(t.dir, L, 'letter.yaml');
    writeFileSync(
      letterYaml,
      readFileSync(letterYaml, 'utf8').replace(
        'verification: required',
        'verification: required\nconsent: required',
      ),
    );
    const invite = ['invite', L, '--group', 'former-heads-of-state', '--owner', 'Ben'];
    expect(
      (
        await at('2020-05-01T09:00:00Z', [
          ...invite,
          '--name',
          'Jacinda Ardern',
          '--country',
          'NZ',
          '--email',
          'jacinda@example.org',
          '--phone',
          '+64 21 555 0199',
        ])
      ).code,
    ).toBe(0);
    expect(
      (
        await at('2020-05-01T10:00:00Z', [
          ...invite,
          '--name',
          'Helen Clark',
          '--country',
          'NZ',
          '--channel',
          'in-person',
        ])
      ).code,
    ).toBe(0);
    expect(
      (
        await at('2020-05-09T09:00:00Z', [
          'remind',
          L,
          'jacinda-ardern',
          '--note',
          'Called her office',
        ])
      ).code,
    ).toBe(0);
    const board = await at('2020-05-10T09:00:00Z', ['outreach', L, '--json']);
    expect(JSON.parse(board.stdout).due).toEqual([
      {
        owner: 'Ben',
        due: [expect.objectContaining({ id: 'helen-clark', days_since_contact: 8 })],
      },
    ]);
    expect(
      (
        await at('2020-05-11T09:00:00Z', [
          'answer',
          L,
          'jacinda-ardern',
          'declined',
          '--note',
          'Not while in office',
        ])
      ).code,
    ).toBe(0);
    const agreed = await at('2020-05-12T09:00:00Z', [
      'answer',
      L,
      'helen-clark',
      'agreed',
      '--evidence',
      'https://example.org/mail/1',
      '--by',
      'Ben',
    ]);
    expect(agreed.code).toBe(0);
    expect(agreed.stdout).toContain(
      'Agreed: Helen Clark (helen-clark) signed as helen-clark (verified by Ben)',
    );

    writeFileSync(
      path.join(t.dir, L, 'letter.md'),
      `${readFileSync(path.join(t.dir, L, 'letter.md'), 'utf8')}\nOne more sentence.\n`,
    );
    const re = await at('2020-05-20T09:00:00Z', [
      'reconfirm',
      L,
      'helen-clark',
      '--evidence',
      '<r1@example.org>',
      '--by',
      'Ben',
    ]);
    expect(re.code).toBe(0);
    expect(readFileSync(path.join(t.dir, L, 'CHANGELOG.md'), 'utf8')).toMatch(
      /2020-05-20T09:00:00Z reconfirmed: Helen Clark \(helen-clark\) to sha256:[0-9a-f]{12} by Ben/,
    );

    const publicText = tracked();
    expect(publicText).toContain('Helen Clark');
    for (const secret of [
      'Jacinda',
      'jacinda@example.org',
      '555 0199',
      'Called her office',
      'r1@example.org',
    ])
      expect(publicText).not.toContain(secret);

    // A staff member adds a name by hand, without consent; another writes a declined invitee into a note.
    expect(
      (
        await at('2020-05-21T09:00:00Z', [
          'sign',
          L,
          '--name',
          'Added By Staff',
          '--country',
          'GB',
          '--group',
          'industry',
        ])
      ).code,
    ).toBe(0);
    writeFileSync(path.join(t.dir, 'NOTES.md'), 'Ask Jacinda  Ardern again in June.\n');
    const check = await at('2020-05-21T09:00:00Z', ['check', L, '--format', 'json']);
    expect(check.code).toBe(1);
    const errors = JSON.parse(check.stdout).errors as {
      code: string;
      file: string;
      line: number;
      column: number;
    }[];
    expect(errors).toContainEqual(
      expect.objectContaining({
        code: 'consent-missing',
        file: `${L}/signatures/added-by-staff.yaml`,
      }),
    );
    expect(errors).toContainEqual(
      expect.objectContaining({
        code: 'invitee-in-public-file',
        file: 'NOTES.md',
        line: 1,
        column: 5,
      }),
    );
    expect(errors.filter((e) => e.file.includes('helen-clark'))).toEqual([]);
  });
});
