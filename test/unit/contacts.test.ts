import { describe, expect, it } from 'vitest';
import {
  contactSchema,
  emailKey,
  emailOwners,
  isEmail,
  isPhone,
  maskContact,
} from '../../src/letter/contacts.js';

describe('isEmail', () => {
  it.each([
    ['ada@example.org', true],
    ['josé@exämple.org', true],
    ['a.b+c@mail.example.co.uk', true],
    ['ada@example', false],
    ['ada@@example.org', false],
    ['ada @example.org', false],
    ['@example.org', false],
    ['ada@.org', false],
    ['', false],
  ])('%j → %s', (value, ok) => {
    expect(isEmail(value)).toBe(ok);
  });
});

describe('isPhone', () => {
  it.each([
    ['+41 22 000 00 00', true],
    ['(555) 123-4567', true],
    ['020.7946.0958', true],
    ['12345', false],
    ['+41 22 000 00 00 ext 3', false],
    ['1'.repeat(30), true],
    ['1'.repeat(31), false],
  ])('%j → %s', (value, ok) => {
    expect(isPhone(value)).toBe(ok);
  });
});

describe('contactSchema', () => {
  it('takes what isEmail and isPhone take, and words a refusal for the field', () => {
    expect(
      contactSchema.safeParse({ email: 'ada@example.org', phone: '+41 22 000 00 00' }),
    ).toEqual({ success: true, data: { email: 'ada@example.org', phone: '+41 22 000 00 00' } });
    const bad = contactSchema.safeParse({ email: 'ada@example' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => [i.path, i.message])).toEqual([
      [['email'], 'must be an email address'],
    ]);
    expect(contactSchema.safeParse({ phone: '12' }).error?.issues[0]?.message).toBe(
      'must be a phone number',
    );
  });
});

describe('emailKey', () => {
  it.each([
    ['ada@example.org', 'ada@example.org'],
    [' Ada@Example.ORG ', 'ada@example.org'],
    ['JOSÉ@EXÄMPLE.ORG', 'josé@exämple.org'],
  ])('%j → %j', (email, key) => {
    expect(emailKey(email)).toBe(key);
  });
});

describe('emailOwners', () => {
  it('maps the normal form of each email to its owner, leaving out ids without one', () => {
    const ids = ['ada', 'bob', 'cy', 'dee'];
    const owners = emailOwners(
      ids,
      {
        ada: { email: 'Ada@Example.org' },
        bob: { phone: '+41 22 000 00 00' },
        dee: { email: 'd@e.org' },
      },
      (i) => `owner ${ids[i]}`,
    );
    expect([...owners]).toEqual([
      ['ada@example.org', 'owner ada'],
      ['d@e.org', 'owner dee'],
    ]);
  });

  it('gives a shared email to the later id', () => {
    const owners = emailOwners(
      ['a', 'b'],
      { a: { email: 'x@y.org' }, b: { email: 'X@Y.org' } },
      (i) => i,
    );
    expect([...owners]).toEqual([['x@y.org', 1]]);
  });
});

describe('maskContact', () => {
  it.each([
    ['jose@example.org', 'j***@e***.org'],
    ['josé@exämple.org', 'j***@e***.org'],
    ['+41 22 000 00 00', '+** ** *** ** 00'],
    ['020 7946 0958', '*** **** **58'],
  ])('%s -> %s', (value, masked) => {
    expect(maskContact(value)).toBe(masked);
  });
});
