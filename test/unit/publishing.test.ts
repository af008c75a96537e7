import { describe, expect, it } from 'vitest';
import { nameFingerprint } from '../../src/letter/names.js';
import { publishable } from '../../src/letter/publishing.js';
import { letter, sig } from '../helpers/fixtures.js';

describe('publishable', () => {
  it('keeps a clean list whole', () => {
    const s = [sig('a', 'Ada Lovelace'), sig('g', 'Grace Hopper')];
    expect(publishable(letter, s, [])).toEqual({ signatures: s, leftOut: [] });
  });

  it('leaves out erased names, look-alike letters, an undecided second name and unknown groups, and keeps a decided pair told apart', () => {
    const erased = [
      {
        id: 'erased-1',
        fingerprint: nameFingerprint(letter.slug, 'Eva Chen'),
        signed_at: '2020-05-26T00:00:00Z',
        erased_at: '2020-06-01T00:00:00Z',
      },
    ];
    const s = [
      sig('eva-chen', 'Eva Chen'),
      sig('ban', 'B\u0430n Ki-moon'),
      sig('brad', 'Brad Smith'),
      sig('brad-2', 'Brad Smith', { signed_at: '2020-05-27T00:00:00Z' }),
      sig('alex', 'Alexander', { url: 'https://a.example/' }),
      sig('alex-2', 'Alexander', {
        url: 'https://b.example/',
        distinct_from: ['alex'],
        signed_at: '2020-05-27T00:00:00Z',
      }),
      sig('ada', 'Ada Lovelace', { group: 'mathematicians' }),
    ];
    const r = publishable(letter, s, erased);
    expect(r.signatures.map((x) => x.id)).toEqual(['brad', 'alex', 'alex-2']);
    expect(r.leftOut).toEqual([
      { id: 'eva-chen', reason: "the name was erased at the signatory's request" },
      { id: 'ban', reason: 'the name mixes scripts inside a word (look-alike letters)' },
      { id: 'brad-2', reason: 'the same name as brad, and no person decided they are two people' },
      { id: 'ada', reason: 'group "mathematicians" is not a group of this letter' },
    ]);
  });
});
