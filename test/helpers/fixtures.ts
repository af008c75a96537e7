import type { LetterFile, Signature } from '../../src/letter/schema.js';

/** A small letter with two groups that requires a country and a group, as the core sees it after loading. */
export const letter: LetterFile = {
  title: 'The Time to Act is Now',
  slug: 'time-to-act',
  addressee: 'the governments of the world',
  organisers: [{ name: 'CyberPeace Institute' }],
  status: 'open',
  opened: '2020-05-26',
  language: 'en',
  groups: [
    { id: 'international-organisations', name: 'International organisations' },
    { id: 'industry', name: 'Industry' },
  ],
  requires: ['country', 'group'],
  body: 'letter.md',
  verification: 'optional',
  consent: 'optional',
  remind_after_days: 7,
  changelog: 'append',
};

/** A signature with defaults for the fields a test does not care about. */
export function sig(id: string, name: string, extra: Partial<Signature> = {}): Signature {
  return {
    id,
    name,
    country: 'US',
    group: 'industry',
    signed_at: '2020-05-26T00:00:00Z',
    status: 'pending',
    ...extra,
  };
}

/** A fixed clock. */
export const NOW = new Date('2026-11-29T12:00:00Z');
