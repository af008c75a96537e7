import { describe, expect, it } from 'vitest';
import { advance, newInvitation } from '../../src/letter/invitations.js';
import { inviteeLeaks, inviteeSearch, searchableName } from '../../src/letter/invitee-leaks.js';

const at = (iso: string) => new Date(iso);
const make = (id: string, name: string, email?: string, phone?: string) =>
  newInvitation(
    id,
    { name, email, phone, owner: 'Anna', channel: 'email', textVersion: 'sha256:0123456789ab' },
    at('2020-05-01T09:00:00Z'),
  );
const declined = advance(
  make('eva-chen', 'Eva Chen', 'eva@example.org', '+41 22 000 00 00'),
  'declined',
  at('2020-05-02T09:00:00Z'),
);
const agreed = advance(
  make('ann-lee', 'Ann Lee', 'ann@example.org'),
  'agreed',
  at('2020-05-02T09:00:00Z'),
);

describe('inviteeSearch', () => {
  it('searches the names, emails and phone digits of invitees who have not agreed, not of those who agreed', () => {
    const s = inviteeSearch([declined, agreed]);
    expect(s.words).toEqual(['eva@example.org']);
    expect(s.regexes).toEqual([
      'Eva[[:space:]]+Chen',
      [...'41220000000'].join('[^0-9A-Za-z]{0,2}'),
    ]);
  });
});

describe('searchableName', () => {
  it.each([
    ['Eva Chen', true],
    ['May', false],
    ['Chris', false],
    ['स्वक्ष', false],
    ['성대현', true],
    ['王小明', true],
    ['  Ann   Lee ', true],
  ])('%s → %s', (name, expected) => {
    expect(searchableName(name)).toBe(expected);
  });
  it('a first name alone is not searched, its email still is', () => {
    const may = make('may', 'May', 'may@example.org');
    expect(inviteeSearch([may]).words).toEqual(['may@example.org']);
    expect(
      inviteeLeaks([may], [{ file: 'letter.md', line: 29, column: 30, match: 'May' }]),
    ).toEqual([]);
  });
});

describe('inviteeSearch of names', () => {
  it('matches any run of spaces between the words, and the rest literally (POSIX ERE)', () => {
    const odd = make('j-r-r-tolkien', 'J.R.R. (Ronald)  Tolkien');
    expect(inviteeSearch([odd]).regexes).toEqual([
      'J\\.R\\.R\\.[[:space:]]+\\(Ronald\\)[[:space:]]+Tolkien',
    ]);
    expect(
      inviteeLeaks(
        [odd],
        [{ file: 'n.md', line: 1, column: 1, match: 'j.r.r. (ronald)\tTolkien' }],
      ),
    ).toHaveLength(1);
  });
});

describe('inviteeLeaks', () => {
  it('names the file, line and column, the invitee and what leaked, contacts masked', () => {
    const found = [
      { file: 'README.md', line: 3, column: 5, match: 'eva chen' },
      { file: 'README.md', line: 4, column: 1, match: 'EVA@example.org' },
      { file: 'notes.txt', line: 1, column: 2, match: '41.22.000.00.00' },
      { file: 'notes.txt', line: 2, column: 2, match: 'Ann Lee' },
    ];
    expect(
      inviteeLeaks([declined, agreed], found).map(
        (p) => `${p.file}:${p.line}:${p.column} ${p.code} ${p.message}`,
      ),
    ).toEqual([
      'README.md:3:5 invitee-in-public-file the name of invitee eva-chen (declined), who has not agreed to sign, is in a public file',
      'README.md:4:1 invitee-in-public-file the email address E***@e***.org of invitee eva-chen (declined), who has not agreed to sign, is in a public file',
      'notes.txt:1:2 invitee-in-public-file the phone number **.**.***.**.00 of invitee eva-chen (declined), who has not agreed to sign, is in a public file',
    ]);
  });
});
