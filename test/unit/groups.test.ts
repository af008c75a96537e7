import { describe, expect, it } from 'vitest';
import { findGroup, lookupGroup } from '../../src/letter/groups.js';

const groups = [
  { id: 'former-ministers', name: 'Former ministers' },
  { id: 'industry', name: 'Industry' },
];

describe('findGroup', () => {
  it.each([
    ['industry', 'industry'],
    ['  industry ', 'industry'],
    ['Industry', 'industry'],
    ['INDUSTRY', 'industry'],
    ['Former ministers', 'former-ministers'],
    ['former MINISTERS', 'former-ministers'],
    ['former-ministers', 'former-ministers'],
    ['Former-Ministers', undefined],
    ['Former  ministers', undefined],
    ['ministers', undefined],
    ['', undefined],
  ])('%j → %s', (value, id) => {
    expect(findGroup(groups, value)?.id).toBe(id);
  });
});

describe('lookupGroup', () => {
  it('gives the group it finds', () => {
    expect(lookupGroup(groups, 'Industry')).toEqual({
      group: { id: 'industry', name: 'Industry' },
    });
  });

  it('says why a value names no group, and which ids to use', () => {
    expect(lookupGroup(groups, 'Nobody')).toEqual({
      unknown: {
        reason: '"Nobody" is not a group of this letter',
        hint: 'Use one of: former-ministers, industry',
      },
    });
  });

  it('says when the letter declares no groups', () => {
    expect(lookupGroup([], 'industry')).toEqual({
      unknown: {
        reason: '"industry" is not a group of this letter',
        hint: 'The letter declares no groups.',
      },
    });
  });
});
