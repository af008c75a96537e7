import { describe, expect, it } from 'vitest';
import { findContactDetails } from '../../src/letter/contact-details.js';
import { parseCountryName, unknownCountryReason } from '../../src/letter/country-names.js';
import { detectDelimiter } from '../../src/letter/csv.js';
import { dayMonthOrder, parseSpreadsheetTimestamp } from '../../src/letter/dates.js';
import { NameIndex } from '../../src/letter/duplicates.js';
import { type ImportRow, mapHeaders, nameOf, planImport } from '../../src/letter/import-plan.js';
import type { MatchContext } from '../../src/letter/name-match.js';
import type { LetterFile } from '../../src/letter/schema.js';
import { sortKeyToWrite } from '../../src/letter/sort-key.js';
import { letter as example, NOW } from '../helpers/fixtures.js';

describe('mapHeaders', () => {
  it('never takes a Timestamp or Date column as signed_at by itself, and lists it as ignored', () => {
    const { mapping, unmapped } = mapHeaders([
      'Timestamp',
      'Date',
      'First name',
      'Surname',
      'Organization',
      'URL',
      'Group',
      'Signed at',
    ]);
    expect(Object.fromEntries(mapping)).toEqual({
      'First name': 'first_name',
      Surname: 'last_name',
      Organization: 'organisation',
      URL: 'url',
      Group: 'group',
      'Signed at': 'signed_at',
    });
    expect(unmapped).toEqual(['Timestamp', 'Date']);
  });

  it('maps a column on request, and leaves one out with an empty field', () => {
    const { mapping, unmapped } = mapHeaders(
      ['Timestamp', 'Name', 'Group'],
      'Timestamp=signed_at,Group=',
    );
    expect(Object.fromEntries(mapping)).toEqual({ Timestamp: 'signed_at', Name: 'name' });
    expect(unmapped).toEqual(['Group']);
    expect(() => mapHeaders(['Name'], 'Name=nickname')).toThrow(
      '"Name=nickname" is not HEADER=FIELD with FIELD one of name, first_name, last_name, sort_as, role, organisation, country, group, url, signed_at, email, phone (or empty, to leave the column out)',
    );
  });

  it.each([
    [['First', 'Last'], { First: 'first_name', Last: 'last_name' }],
    [['Given name', 'Family name'], { 'Given name': 'first_name', 'Family name': 'last_name' }],
    [['first_name', 'last_name'], { first_name: 'first_name', last_name: 'last_name' }],
  ])('maps %j to first and last name', (headers, expected) => {
    expect(Object.fromEntries(mapHeaders(headers).mapping)).toEqual(expected);
  });
});

describe('names from first and last name', () => {
  it.each([
    [[undefined, 'Ada', 'Lovelace'], 'Ada Lovelace', 'Lovelace Ada'],
    [[undefined, 'Molly', undefined], 'Molly', undefined],
    [[undefined, undefined, 'Garrett'], 'Garrett', undefined],
    [['Ada', undefined, 'Lovelace'], 'Ada Lovelace', 'Lovelace Ada'],
    [['Ban Ki-moon', undefined, 'Ban'], 'Ban Ki-moon', undefined],
    [['Molly de Blanc', undefined, 'de Blanc'], 'Molly de Blanc', 'de Blanc Molly'],
    [['Nathan Freitas', undefined, undefined], 'Nathan Freitas', 'Freitas Nathan'],
  ] as const)('%j gives the name %j and the sort key %j', ([name, first, last], shown, sortKey) => {
    const made = nameOf(name, first, last)!;
    expect(made).toBe(shown);
    expect(sortKeyToWrite(made, { first, last })).toBe(sortKey);
  });
});

describe('detectDelimiter', () => {
  it.each([
    ['Name,Organization,URL\nA;B,C,D\n', ','],
    ['Name;Organisation;"Country, if any"\nA;B;C\n', ';'],
    ['Name\tOrganisation\nA\tB\n', '\t'],
    ['Name\n', ','],
  ])('reads %j as %j', (text, delimiter) => {
    expect(detectDelimiter(text)).toBe(delimiter);
  });
});

describe('spreadsheet timestamps', () => {
  it.each([
    ['2021/03/24 10:15:00 AM GMT+1', '2021-03-24T09:15:00Z'],
    ['2021/03/24 12:05:00 AM GMT-5', '2021-03-24T05:05:00Z'],
    ['2021/03/24 3:00:00 PM', '2021-03-24T15:00:00Z'],
    ['3/24/2021 10:15:00', '2021-03-24T10:15:00Z'],
    ['24.03.2021 10:15', '2021-03-24T10:15:00Z'],
    ['2021-03-24 10:15 UTC', '2021-03-24T10:15:00Z'],
    ['2021-03-24T10:15:00+02:00', '2021-03-24T08:15:00Z'],
    ['2021-03-24', '2021-03-24T00:00:00Z'],
  ])('reads %j as %j', (text, iso) => {
    expect(parseSpreadsheetTimestamp(text)).toEqual({ value: iso });
  });

  it('settles 3/4/2021 from the other values of the column, and says why when nothing does', () => {
    expect(dayMonthOrder(['3/4/2021 10:00:00', '3/24/2021 10:15:00'])).toBe('mdy');
    expect(dayMonthOrder(['3/4/2021', '24/3/2021'])).toBe('dmy');
    expect(dayMonthOrder(['3/4/2021', '24/3/2021', '3/24/2021'])).toBe('mixed');
    expect(dayMonthOrder(['3/4/2021'])).toBe(undefined);
    expect(parseSpreadsheetTimestamp('3/4/2021 10:00:00', 'mdy')).toEqual({
      value: '2021-03-04T10:00:00Z',
    });
    expect(parseSpreadsheetTimestamp('3/4/2021 10:00:00', 'dmy')).toEqual({
      value: '2021-04-03T10:00:00Z',
    });
    expect(parseSpreadsheetTimestamp('3/4/2021 10:00:00')).toEqual({
      reason:
        '"3/4/2021 10:00:00" could be 3 April or 4 March, and no other value of the column tells which; write dates as 2021-04-03 (ISO 8601)',
    });
  });

  it.each([
    [
      'yesterday',
      '"yesterday" is not a date and time letter can read; use ISO 8601 such as 2021-03-24T10:15:00Z (or 2021/03/24 10:15:00 AM GMT+1)',
    ],
    ['2021/02/30 10:00:00', '"2021/02/30 10:00:00" names a day that does not exist'],
    [
      '2021/03/24 13:00:00 PM',
      '"2021/03/24 13:00:00 PM" has an hour that does not exist with AM or PM',
    ],
  ])('gives a reason for %j', (text, reason) => {
    expect(parseSpreadsheetTimestamp(text)).toEqual({ reason });
  });
});

describe('country names', () => {
  it.each([
    ['Viet Nam', 'VN'],
    ['Vietnam', 'VN'],
    ['Burma', 'MM'],
    ['Czech Republic', 'CZ'],
    ['Great Britain', 'GB'],
    ['Kosovo', undefined],
    ['XK', undefined],
    ['England', undefined],
  ])('%j is %j', (name, code) => {
    expect(parseCountryName(name)).toBe(code);
  });

  it.each([
    [
      'England',
      '"England" is part of the United Kingdom, not an ISO 3166-1 country; use GB (United Kingdom)?',
    ],
    [
      'Scotland',
      '"Scotland" is part of the United Kingdom, not an ISO 3166-1 country; use GB (United Kingdom)?',
    ],
    [
      'Kosovo',
      '"Kosovo" has no ISO 3166-1 code (XK is a user-assigned code, not part of ISO 3166-1); leave the country empty or write it in the role',
    ],
    ['Germny', '"Germny" is not a country name or ISO 3166-1 code; did you mean Germany (DE)?'],
    ['Atlantis', '"Atlantis" is not a country name or ISO 3166-1 code'],
  ])('says why %j is not a country', (name, reason) => {
    expect(unknownCountryReason(name)).toBe(reason);
  });
});

describe('planImport of a real list', () => {
  const byName: LetterFile = { ...example, requires: [] };
  const rows = (headers: string[], ...lines: string[][]): ImportRow[] =>
    lines.map((cells, i) => ({
      line: i + 2,
      cells: Object.fromEntries(headers.map((h, j) => [h, cells[j] ?? ''])),
    }));
  const plan = (
    letter: LetterFile,
    headers: string[],
    lines: string[][],
    extra: Partial<Parameters<typeof planImport>[1]> = {},
  ) =>
    planImport(rows(headers, ...lines), {
      letter,
      signatures: [],
      erased: [],
      emailOwners: new Map(),
      mapping: mapHeaders(headers).mapping,
      now: NOW,
      ...extra,
    });

  it('adds rows with a name only when the letter requires nothing, and refuses them with a reason when it requires a country', () => {
    const headers = ['Name', 'Organization'];
    const lines = [
      ['Molly de Blanc', 'Debian Project, GNOME Foundation'],
      ['Nathan Freitas', ''],
    ];
    expect(plan(byName, headers, lines).toAdd.map((r) => r.signature)).toEqual([
      {
        id: 'molly-de-blanc',
        name: 'Molly de Blanc',
        sort_as: 'de Blanc Molly',
        organisation: 'Debian Project, GNOME Foundation',
        signed_at: '2026-11-29T12:00:00Z',
        status: 'pending',
      },
      {
        id: 'nathan-freitas',
        name: 'Nathan Freitas',
        sort_as: 'Freitas Nathan',
        signed_at: '2026-11-29T12:00:00Z',
        status: 'pending',
      },
    ]);
    expect(plan({ ...byName, requires: ['country'] }, headers, lines).invalid).toEqual([
      {
        line: 2,
        field: 'country',
        reason: 'is empty; the letter requires a country: add a country column or pass --country',
      },
      {
        line: 3,
        field: 'country',
        reason: 'is empty; the letter requires a country: add a country column or pass --country',
      },
    ]);
    expect(
      plan({ ...byName, requires: ['country'] }, headers, lines, {
        defaultCountry: 'DE',
        defaultRole: 'Member',
      }).toAdd.map((r) => [r.signature.country, r.signature.role]),
    ).toEqual([
      ['DE', 'Member'],
      ['DE', 'Member'],
    ]);
  });

  it("reports a group that is not the letter's with a hint, and an unknown country with a suggestion, leaving the other rows alone", () => {
    const p = plan(
      byName,
      ['Name', 'Country', 'Group'],
      [
        ['Ada Lovelace', 'England', ''],
        ['Grace Hopper', 'US', 'Individuals'],
        ['Kim Jiyoung', 'Viet Nam', 'Industry'],
      ],
    );
    expect(p.invalid).toEqual([
      {
        line: 2,
        field: 'country',
        reason:
          '"England" is part of the United Kingdom, not an ISO 3166-1 country; use GB (United Kingdom)?',
      },
      {
        line: 3,
        field: 'group',
        reason:
          '"Individuals" is not a group of this letter (its groups: international-organisations, industry)',
        hint: 'declare the groups under groups: in letter.yaml, or leave the column out with --map "Group="',
      },
    ]);
    expect(p.toAdd.map((r) => [r.line, r.signature.country, r.signature.group])).toEqual([
      [4, 'VN', 'industry'],
    ]);
  });

  it('keeps an email from the url column private, never as the public url', () => {
    const p = plan(
      byName,
      ['Name', 'URL', 'Email'],
      [
        ['A One', 'mailto:one@example.org?subject=Hi', ''],
        ['B Two', 'two@example.org', ''],
        ['C Three', 'mailto:three@example.org', 'c@example.org'],
        ['D Four', 'https://example.org/d', ''],
      ],
    );
    expect(p.toAdd.map((r) => [r.signature.url ?? null, r.contact.email ?? null])).toEqual([
      [null, 'one@example.org'],
      [null, 'two@example.org'],
      [null, 'c@example.org'],
      ['https://example.org/d', null],
    ]);
    expect(p.notes).toEqual([
      {
        line: 2,
        field: 'url',
        note: 'held an email address; kept in the private store as the email, not published',
      },
      {
        line: 3,
        field: 'url',
        note: 'held an email address; kept in the private store as the email, not published',
      },
      { line: 4, field: 'url', note: 'held an email address; left out, not published' },
    ]);
  });

  it('reads a Timestamp column mapped to signed_at in the order the column settles', () => {
    const headers = ['Timestamp', 'Name'];
    const p = planImport(
      rows(
        headers,
        ['3/4/2021 10:00:00', 'A One'],
        ['3/24/2021 9:00:00', 'B Two'],
        ['soon', 'C Three'],
      ),
      {
        letter: byName,
        signatures: [],
        erased: [],
        emailOwners: new Map(),
        mapping: mapHeaders(headers, 'Timestamp=signed_at').mapping,
        now: NOW,
      },
    );
    expect(p.toAdd.map((r) => r.signature.signed_at)).toEqual([
      '2021-03-04T10:00:00Z',
      '2021-03-24T09:00:00Z',
    ]);
    expect(p.invalid).toEqual([
      {
        line: 4,
        field: 'signed_at',
        reason:
          '"soon" is not a date and time letter can read; use ISO 8601 such as 2021-03-24T10:15:00Z (or 2021/03/24 10:15:00 AM GMT+1)',
      },
    ]);
  });
});

describe('contact details: what is not an address', () => {
  const found = (text: string, allowed?: string[]) =>
    findContactDetails(text, 'f', { allowed: allowed && new Set(allowed) }).map(
      (p) => `${p.line}:${p.column} ${p.message}`,
    );

  it('a fediverse handle and an @ that starts a name in a web address are not email addresses; a whole address inside one is', () => {
    expect(found('name: "@alice@mastodon.social"')).toEqual([]);
    expect(found('url: https://medium.com/@alice')).toEqual([]);
    expect(found('url: https://example.org/?u=a@b.org')).toEqual([
      '1:29 an email address in a public file of the letter',
    ]);
    expect(found('url: https://x.example/contact/gil@example.org')).toEqual([
      '1:32 an email address in a public file of the letter',
    ]);
    expect(found('See https://example.org/p#x@y.org and write to z@y.org')).toEqual([
      '1:27 an email address in a public file of the letter',
      '1:48 an email address in a public file of the letter',
    ]);
  });

  it("lets the organisers' listed phone number through, and says where to list one", () => {
    expect(found('Call +41 22 000 00 00 or +41 22 111 11 11', ['41220000000'])).toEqual([
      '1:26 a phone number in a public file of the letter',
    ]);
    expect(
      findContactDetails('press@example.org', 'letter.md', { allowed: new Set() })[0]!.hint,
    ).toContain('public_contacts: in letter.yaml');
  });

  it('still finds addresses in credentials, mailto: links and plain text', () => {
    expect(found('url: https://user:secret@example.org/')).toEqual([
      '1:19 an email address in a public file of the letter',
    ]);
    expect(found('role: "write to mailto:mail@example.org"')).toEqual([
      '1:17 an email address in a public file of the letter',
    ]);
    expect(found('name: alice@mastodon.social')).toEqual([
      '1:7 an email address in a public file of the letter',
    ]);
  });

  it('lets the listed public addresses through, in any case, and no other', () => {
    expect(
      found('Press: press@example.org, mailto:Press@Example.org; alice@example.org', [
        'press@example.org',
      ]),
    ).toEqual(['1:53 an email address in a public file of the letter']);
  });
});

describe('contact details in disguise', () => {
  const found = (text: string) =>
    findContactDetails(text, 'f').map((p) => `${p.line}:${p.column} ${p.message}`);
  it('finds fullwidth and percent-encoded addresses and fullwidth phone numbers', () => {
    expect(found('role: write to ａｌｉｃｅ＠ｅｘａｍｐｌｅ．ｏｒｇ')).toEqual([
      '1:16 an email address (written with encoded or fullwidth characters) in a public file of the letter',
    ]);
    expect(found('url: https://example.org/?c=alice%40example.org')).toEqual([
      '1:34 an email address (written with encoded or fullwidth characters) in a public file of the letter',
    ]);
    expect(found('role: ＋４１ ２２ ０００ ００ ００')).toEqual([
      '1:7 a phone number (written with encoded or fullwidth characters) in a public file of the letter',
    ]);
    expect(found('role: 100% sure, 40 years')).toEqual([]);
  });
});

describe('planImport: one lookup of a name per row', () => {
  const byName: LetterFile = { ...example, requires: [] };
  // The letter's names, and a count of the lookups made in them.
  const counted = () => {
    const index = NameIndex.of([
      {
        id: 'ada-lovelace',
        name: 'Ada Lovelace',
        status: 'verified',
        country: 'GB',
        organisation: 'Analytical Engines',
      },
    ]);
    const names: string[] = [];
    const finder = {
      find: (name: string, ctx?: MatchContext) => {
        names.push(name);
        return index.find(name, ctx);
      },
      add: index.add.bind(index),
      expect: index.expect.bind(index),
    };
    return { finder, names };
  };
  const run = (lines: string[][], extra: Partial<Parameters<typeof planImport>[1]> = {}) => {
    const { finder, names } = counted();
    const headers = ['Name', 'Country', 'Organisation'];
    const p = planImport(
      lines.map((cells, i) => ({
        line: i + 2,
        cells: { Name: cells[0]!, Country: cells[1]!, Organisation: 'Royal Society' },
      })),
      {
        letter: byName,
        signatures: [],
        erased: [],
        emailOwners: new Map(),
        mapping: mapHeaders(headers).mapping,
        now: NOW,
        index: finder,
        takenIds: new Set(['ada-lovelace']),
        confirm: () => true,
        ...extra,
      },
    );
    return { p, names };
  };

  it('plans and signs a row with the matches of one lookup, distinct_from included', () => {
    const { p, names } = run([
      ['Ada Lovelace', 'US'],
      ['Grace Hopper', 'US'],
    ]);
    expect(names).toEqual(['Ada Lovelace', 'Grace Hopper']);
    expect(p.toAdd.map((r) => [r.signature.id, r.signature.distinct_from])).toEqual([
      ['ada-lovelace-2', ['ada-lovelace']],
      ['grace-hopper', undefined],
    ]);
  });

  it('looks the name up again when a default changes the context the signature is checked with', () => {
    const { p, names } = run([['Ada Lovelace', '']], { defaultCountry: 'US' });
    expect(names).toEqual(['Ada Lovelace', 'Ada Lovelace']);
    expect(p.toAdd.map((r) => r.signature.distinct_from)).toEqual([['ada-lovelace']]);
  });
});
