import { describe, expect, it } from 'vitest';
import { groupSignatures } from '../../src/letter/order.js';
import { letter, sig } from '../helpers/fixtures.js';

const io = { group: 'international-organisations' };
const signatures = [
  sig('zeid-raad-al-hussein', "Zeid Ra'ad Al Hussein", { ...io, sort_as: "Zeid Ra'ad Al Hussein" }),
  sig('margaret-chan', 'Margaret Chan', { ...io, sort_as: 'Chan Margaret' }),
  sig('ban-ki-moon', 'Ban Ki-moon', { ...io, sort_as: 'Ban Ki-moon' }),
  sig('eva-chen', 'Eva Chen', { sort_as: 'Chen Eva' }),
  sig('emile', 'Émile Zola', { sort_as: 'Zola Émile' }),
  sig('anna', 'Anna Ångström', { sort_as: 'Ångström Anna' }),
  sig('gone', 'Gone Person', {
    status: 'withdrawn',
    withdrawn: { at: '2020-06-01T00:00:00Z', reason: 'x' },
  }),
  sig('loose', 'No Group', { group: undefined }),
];

describe('groupSignatures', () => {
  it('orders by group, then by sort key with the collation of the language; withdrawn left out', () => {
    const groups = groupSignatures(letter, signatures, ['pending', 'verified']);
    expect(groups.map((g) => [g.group?.id, g.signatures.map((s) => s.id)])).toEqual([
      ['international-organisations', ['ban-ki-moon', 'margaret-chan', 'zeid-raad-al-hussein']],
      ['industry', ['anna', 'eva-chen', 'emile']],
      [undefined, ['loose']],
    ]);
  });

  it('uses the collation of the letter language: Swedish puts Å after Z', () => {
    const sv = groupSignatures({ ...letter, language: 'sv' }, signatures, ['pending']);
    expect(sv[1]?.signatures.map((s) => s.id)).toEqual(['eva-chen', 'emile', 'anna']);
  });

  it('puts featured signatories first in their group, each part in name order', () => {
    const featured = signatures.map((s) =>
      s.id === 'zeid-raad-al-hussein' || s.id === 'emile' ? { ...s, featured: true } : s,
    );
    const groups = groupSignatures(letter, featured, ['pending', 'verified']);
    expect(groups.map((g) => [g.group?.id, g.signatures.map((s) => s.id)])).toEqual([
      ['international-organisations', ['zeid-raad-al-hussein', 'ban-ki-moon', 'margaret-chan']],
      ['industry', ['emile', 'anna', 'eva-chen']],
      [undefined, ['loose']],
    ]);
  });

  it('does not depend on input order', () => {
    const a = groupSignatures(letter, signatures, ['pending']);
    const b = groupSignatures(letter, [...signatures].reverse(), ['pending']);
    expect(b).toEqual(a);
  });
});
