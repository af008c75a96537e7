import { describe, expect, it } from 'vitest';
import { undecidedMatcher, undecidedMatches } from '../../src/letter/signatures.js';
import { sig } from '../helpers/fixtures.js';

const all = [
  sig('ban-ki-moon', 'Ban Ki-moon'),
  sig('ban-ki-moon-2', 'Ban Ki Moon'),
  sig('margaret-chan', 'Margaret Chan', { url: 'https://a.example/chan' }),
  sig('margaret-chan-2', 'Margaret Chan', {
    url: 'https://b.example/chan',
    distinct_from: ['margaret-chan'],
  }),
  sig('gone', 'Eva Chen', {
    status: 'withdrawn',
    withdrawn: { at: '2020-06-01T00:00:00Z', reason: 'x' },
  }),
  sig('eva-chen', 'Eva Chen'),
];

describe('undecidedMatcher', () => {
  it('finds for each signature the undecided matches among the others, never itself or a withdrawn one', () => {
    const matches = undecidedMatcher(all);
    const ids = (id: string) => matches(all.find((s) => s.id === id)!).map((m) => m.id);
    expect(ids('ban-ki-moon')).toEqual(['ban-ki-moon-2']);
    expect(ids('ban-ki-moon-2')).toEqual(['ban-ki-moon']);
    expect(ids('margaret-chan-2')).toEqual([]);
    // Without the decision, the same pair needs one.
    const undecided = all.map((s) =>
      s.id === 'margaret-chan-2' ? { ...s, distinct_from: undefined } : s,
    );
    expect(undecidedMatcher(undecided)(undecided[3]!).map((m) => m.id)).toEqual(['margaret-chan']);
    expect(ids('eva-chen')).toEqual([]);
  });

  it('gives what undecidedMatches gives one signature at a time', () => {
    const matches = undecidedMatcher(all);
    for (const s of all) expect(matches(s)).toEqual(undecidedMatches(all, s));
  });
});
