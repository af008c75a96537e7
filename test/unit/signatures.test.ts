import { describe, expect, expectTypeOf, it } from 'vitest';
import { AlreadySigned, InvalidTransition } from '../../src/errors.js';
import {
  InvalidSignatureInput,
  indexOf,
  publishedStatuses,
  SIGNATURE_INPUT_FIELDS,
  type SignatureInput,
  type SignatureInputField,
  sign,
  verify,
  withdraw,
} from '../../src/letter/signatures.js';
import { letter, NOW, sig } from '../helpers/fixtures.js';

const existing = [
  sig('ban-ki-moon', 'Ban Ki-moon', { group: 'international-organisations', country: 'KR' }),
];

describe('sign', () => {
  it('gives a new signature an id from its name, status pending and the time now', () => {
    const { signature: s, similar } = sign(
      letter,
      existing,
      {
        name: '  Eva   Chen ',
        country: 'tw',
        group: 'industry',
        role: 'Chief Executive Officer',
        organisation: '',
      },
      NOW,
    );
    expect(similar).toEqual([]);
    expect(s).toEqual({
      id: 'eva-chen',
      name: 'Eva Chen',
      country: 'TW',
      group: 'industry',
      role: 'Chief Executive Officer',
      signed_at: '2026-11-29T12:00:00Z',
      status: 'pending',
    });
  });

  it.each(['ban ki-moon', 'BAN KI MOON', 'Bán Kí-moon', 'Ban  Ki‑moon.'])(
    'refuses %j, the same name as ban-ki-moon',
    (name) => {
      const attempt = () => sign(letter, existing, { name, country: 'KR', group: 'industry' }, NOW);
      expect(attempt).toThrow(AlreadySigned);
      expect(attempt).toThrow(
        /signature ban-ki-moon \("Ban Ki-moon", pending\): the same name once case, accents, spacing and punctuation are folded/,
      );
    },
  );

  it('refuses a name that matches a withdrawn signature', () => {
    const withdrawn = [
      sig('eva-chen', 'Eva Chen', {
        status: 'withdrawn',
        withdrawn: { at: '2020-06-01T00:00:00Z', reason: 'asked' },
      }),
    ];
    expect(() =>
      sign(letter, withdrawn, { name: 'Eva Chen', country: 'TW', group: 'industry' }, NOW),
    ).toThrow(/withdrawn/);
  });

  it.each([
    [{ name: 'A', country: 'XX', group: 'industry' }, 'country'],
    [{ name: 'A', country: 'US', group: 'nobody' }, 'group'],
    [{ name: 'A', country: 'US' }, 'group'],
    [{ name: 'A', country: 'US', group: 'industry', url: 'javascript:alert(1)' }, 'url'],
    [{ name: 'A', country: 'US', group: 'industry', url: 'https://user:pw@example.org' }, 'url'],
    [{ name: ' ', country: 'US', group: 'industry' }, 'name'],
  ])('rejects %j on field %s', (input, field) => {
    try {
      sign(letter, existing, input, NOW);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InvalidSignatureInput);
      expect((e as InvalidSignatureInput).field).toBe(field);
    }
  });

  it('refuses to sign a closed letter', () => {
    expect(() =>
      sign(
        { ...letter, status: 'closed' },
        [],
        { name: 'A', country: 'US', group: 'industry' },
        NOW,
      ),
    ).toThrow(InvalidTransition);
  });
});

describe('verify and withdraw', () => {
  const s = sig('eva-chen', 'Eva Chen');
  it('records who verified and when', () => {
    expect(verify(s, 'Campaign desk', NOW, 'https://example.org/statement')).toEqual({
      ...s,
      status: 'verified',
      verified: {
        by: 'Campaign desk',
        at: '2026-11-29T12:00:00Z',
        evidence: 'https://example.org/statement',
      },
    });
  });
  it('keeps the record on withdrawal, with when and why', () => {
    const w = withdraw(verify(s, 'Desk', NOW), 'Asked by email', NOW);
    expect(w.status).toBe('withdrawn');
    expect(w.withdrawn).toEqual({ at: '2026-11-29T12:00:00Z', reason: 'Asked by email' });
    expect(w.verified?.by).toBe('Desk');
    expect(() => withdraw(w, 'again', NOW)).toThrow(InvalidTransition);
    expect(() => verify(w, 'Desk', NOW)).toThrow(InvalidTransition);
  });
  it('publishes only verified signatures when the letter requires verification', () => {
    expect(publishedStatuses(letter)).toEqual(['pending', 'verified']);
    expect(publishedStatuses({ ...letter, verification: 'required' })).toEqual(['verified']);
  });
});

describe('indexOf', () => {
  const two = [sig('ada-lovelace', 'Ada Lovelace'), sig('mikhail-gorbachev', 'Михаил Горбачёв')];

  it('computes the keys of each name', () => {
    const c = indexOf(two).columns;
    expect(c.ids).toEqual(['ada-lovelace', 'mikhail-gorbachev']);
    expect(c.keys).toEqual(['ada lovelace', 'mikhail gorbachev']);
    expect(c.skeletons).toEqual([0, 'mnxanl gop6acheb']);
    expect(c.translits).toEqual(['ad lvlk', 'mkl grbkv']);
  });

  it('takes the seeds a loader kept instead of computing them, name by name', () => {
    const c = indexOf(two, [['seeded key', 'seeded key', 'sd k'], undefined]).columns;
    expect(c.keys).toEqual(['seeded key', 'mikhail gorbachev']);
    expect(c.skeletons).toEqual([0, 'mnxanl gop6acheb']);
    expect(c.translits).toEqual(['sd k', 'mkl grbkv']);
  });
});

describe('SIGNATURE_INPUT_FIELDS', () => {
  it('lists every field of SignatureInput once, in the order of a signature file', () => {
    expect(SIGNATURE_INPUT_FIELDS).toEqual([
      'name',
      'sort_as',
      'role',
      'organisation',
      'country',
      'group',
      'url',
      'github',
      'signed_at',
    ]);
    expectTypeOf<SignatureInputField>().toEqualTypeOf<keyof SignatureInput>();
  });
});
