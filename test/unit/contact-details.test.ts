import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findContactDetails, mayHoldContactDetails } from '../../src/letter/contact-details.js';
import { ROOT } from '../helpers/cli.js';

const found = (text: string) =>
  findContactDetails(text, 'f').map(
    (p) => `${p.column} ${p.message.replace(' in a public file of the letter', '')}`,
  );

describe('findContactDetails: phone numbers without +', () => {
  it.each([
    ['call 020 7946 0958 today', ['6 a phone number']],
    ['Office: (555) 123-4567.', ['9 a phone number']],
    ['mobile 06 12 34 56 78', ['8 a phone number']],
    ['06.12.34.56.78', ['1 a phone number']],
    ['ring 0612345678', ['6 a phone number']],
    ['555-123-4567 or 555.123.4567', ['1 a phone number', '17 a phone number']],
    ['from abroad: 00 41 22 000 00 00', ['14 a phone number']],
    ['Tel:030 12345678', ['5 a phone number']],
    ['(0612345678)', ['2 a phone number']],
    ['https://example.org/?phone=0612345678', ['28 a phone number']],
  ])('%s', (text, expected) => {
    expect(found(text)).toEqual(expected);
  });
});

describe('findContactDetails: numbers that are not phone numbers', () => {
  it.each([
    ['signed_at: 2020-05-26T00:00:00Z'],
    ['- 2020-05-26T09:00:00Z verified: Ban Ki-moon (ban-ki-moon) by CyberPeace Institute'],
    ['on 26.05.2020, and 01.02.2020 10 people came'],
    ['between 1939-1945 and 2019-2020'],
    ['ISBN 0-306-40615-2, ISBN-13: 978-0-306-40615-7, ISBN 0306406152'],
    ['100 000 000 people, 2,000,000 signatures, 1 000 000 000 euros'],
    ['fingerprint: sha256:0612345678abcdef0612345678abcdef0612345678abcdef0612345678abcdef'],
    ['erased-061234567812, v0.12.3456, doi 10.1000/0612345678'],
    ['from 09.30 - 10.30, room 0.123456789'],
    ['Nobel Peace Prize laureate (1990); Secretary-General 2007-2016'],
  ])('%s', (text) => {
    expect(found(text)).toEqual([]);
  });
});

describe('findContactDetails: email addresses in any script', () => {
  it.each([
    ['write to josé@exämple.org.', ['10 an email address']],
    ['用户@例子.广告', ['1 an email address']],
    [
      'a@xn--bcher-kva.example and b@xn--80akhbyknj4f.xn--p1ai',
      ['1 an email address', '29 an email address'],
    ],
    ['Ἀλέξανδρος@παράδειγμα.ελ', ['1 an email address']],
    ['name: "@alice@mastodon.social", https://medium.com/@bob', []],
    ['mailto:Jörg@Beispiel.de', ['1 an email address']],
  ])('%s', (text, expected) => {
    expect(found(text)).toEqual(expected);
  });

  it('finds each address from its @ in one pass, however long the line', () => {
    expect(
      findContactDetails(`${'a'.repeat(200_000)}@b.org ${'@x'.repeat(50_000)}`, 'f'),
    ).toHaveLength(1);
    expect(findContactDetails(`0${' 1'.repeat(200_000)}`, 'f')).toEqual([]);
  });
});

describe('mayHoldContactDetails', () => {
  it('lets a changelog of timestamps through without a scan, and not a national number', () => {
    expect(
      mayHoldContactDetails(
        Buffer.from('- 2020-05-26T00:00:00Z signed: Ban Ki-moon (ban-ki-moon)\n'),
      ),
    ).toBe(false);
    expect(mayHoldContactDetails(Buffer.from('call 020 7946 0958\n'))).toBe(true);
    expect(mayHoldContactDetails('(555) 123-4567')).toBe(true);
  });
});

// False alarms, measured on text nobody here wrote: every name, organisation and address of a
// real list of 3,081 signatories (its few rows that hold an email address in the name are
// real finds), and the example letter's texts.
describe('false alarms on real text', () => {
  const list = path.join(ROOT, '../shared/data/real/rms-open-letter.csv');
  const csv = (() => {
    try {
      return readFileSync(list, 'utf8');
    } catch {
      return undefined;
    }
  })();

  it.skipIf(csv === undefined)(
    'finds no phone number in the real list, and only the email addresses that are there',
    () => {
      const problems = findContactDetails(csv!, 'rms-open-letter.csv');
      expect(problems.filter((p) => p.message.startsWith('a phone number'))).toEqual([]);
      // The two rows that hold an address (a name "<...@zoho.com>", a handle beside "...@rrr.de"), and nothing else.
      expect(problems.map((p) => `${p.line}:${p.column} ${p.message}`)).toEqual([
        '286:17 an email address in a public file of the letter',
        '1717:30 an email address in a public file of the letter',
      ]);
    },
  );

  it('finds nothing in the example letter: its texts, changelog and signatures', () => {
    const dir = path.join(ROOT, 'letters/time-to-act');
    for (const f of ['letter.md', 'letter.fr.md', 'letter.es.md', 'letter.yaml', 'CHANGELOG.md'])
      expect(findContactDetails(readFileSync(path.join(dir, f), 'utf8'), f)).toEqual([]);
  });
});
