import { describe, expect, it } from 'vitest';
import {
  findVersion,
  nameTextVersions,
  previousVersion,
  versionNames,
} from '../../src/letter/text-versions.js';
import { letter, sig } from '../helpers/fixtures.js';

// textVersion of each text, written out so that the test does not compute what it checks.
const FIRST = 'sha256:f72604e383d1';
const SECOND = 'sha256:0bfb13652680';
const THIRD = 'sha256:cf1e8b0446aa';
const LOST = 'sha256:0123456789ab';

const history = [
  { commit: 'c1', at: '2020-05-20T10:00:00Z', text: 'First text.\n' },
  { commit: 'c2', at: '2020-05-21T10:00:00Z', text: 'First text.\r\n' },
  { commit: 'c3', at: '2020-05-22T10:00:00Z', text: 'Second text.\n' },
  { commit: 'c4', at: '2020-05-23T10:00:00Z', text: 'First text.' },
];

describe('nameTextVersions', () => {
  it('names history texts in order of first appearance, the new working copy next, recorded hashes last', () => {
    const v = nameTextVersions({
      history,
      body: 'Third text.\n',
      letter: {
        ...letter,
        translations: { fr: { title: 'T', source: SECOND } },
        revisions: [
          { text: THIRD, at: '2020-05-24T09:00:00Z', reason: 'A figure was wrong', by: 'Desk' },
        ],
      },
      signatures: [
        sig('a', 'Ann Lee', { text_version: FIRST, status: 'verified' }),
        sig('b', 'Bo Yi', { text_version: FIRST }),
        sig('c', 'Cy Ng', { text_version: SECOND }),
        sig('d', 'Di Ho', { text_version: LOST, signed_at: '2020-05-19T08:00:00Z' }),
        sig('e', 'Ed Wu', {
          text_version: FIRST,
          status: 'withdrawn',
          withdrawn: { at: '2020-06-01T00:00:00Z', reason: 'x' },
        }),
        sig('f', 'Fa Lo'),
      ],
    });
    expect(v.current).toBe(THIRD);
    expect(v.versions).toEqual([
      {
        name: 'v1',
        hash: FIRST,
        firstSeen: '2020-05-20T10:00:00Z',
        commit: 'c1',
        uncommitted: false,
        inHistory: true,
        current: false,
        signatories: { pending: 1, verified: 1 },
        translations: [],
        revision: null,
      },
      {
        name: 'v2',
        hash: SECOND,
        firstSeen: '2020-05-22T10:00:00Z',
        commit: 'c3',
        uncommitted: false,
        inHistory: true,
        current: false,
        signatories: { pending: 1, verified: 0 },
        translations: ['fr'],
        revision: null,
      },
      {
        name: 'v3',
        hash: THIRD,
        firstSeen: null,
        commit: null,
        uncommitted: true,
        inHistory: true,
        current: true,
        signatories: { pending: 0, verified: 0 },
        translations: [],
        revision: { at: '2020-05-24T09:00:00Z', reason: 'A figure was wrong', by: 'Desk' },
      },
      {
        name: LOST,
        hash: LOST,
        firstSeen: '2020-05-19T08:00:00Z',
        commit: null,
        uncommitted: false,
        inHistory: false,
        current: false,
        signatories: { pending: 1, verified: 0 },
        translations: [],
        revision: null,
      },
    ]);
    expect(v.texts.get(SECOND)).toBe('Second text.\n');
    expect(v.texts.has(LOST)).toBe(false);
    expect([...versionNames(v)]).toEqual([
      [FIRST, 'v1'],
      [SECOND, 'v2'],
      [THIRD, 'v3'],
      [LOST, LOST],
    ]);
  });

  it('marks a committed text current, and names the working copy alone outside git', () => {
    const committed = nameTextVersions({ history, body: 'First text.', letter, signatures: [] });
    expect(committed.versions.map((x) => [x.name, x.current, x.uncommitted])).toEqual([
      ['v1', true, false],
      ['v2', false, false],
    ]);
    const alone = nameTextVersions({ history: [], body: 'Third text.', letter, signatures: [] });
    expect(alone.versions.map((x) => [x.name, x.hash, x.uncommitted])).toEqual([
      ['v1', THIRD, true],
    ]);
  });
});

describe('findVersion and previousVersion', () => {
  const v = nameTextVersions({
    history,
    body: 'Third text.',
    letter,
    signatures: [sig('d', 'Di Ho', { text_version: LOST })],
  });
  it.each([
    ['v2', 'v2'],
    ['current', 'v3'],
    [SECOND, 'v2'],
    ['0bfb13652680', 'v2'],
    [LOST, LOST],
    ['v9', undefined],
    ['sha256:ffffffffffff', undefined],
  ])('%s is %s', (ref, name) => {
    expect(findVersion(v, ref)?.name).toBe(name);
  });
  it('compares with the latest other version whose text is known', () => {
    expect(previousVersion(v)?.name).toBe('v2');
    // The text went back to v1: the version it went back from.
    const back = nameTextVersions({ history, body: 'First text.', letter, signatures: [] });
    expect(previousVersion(back)?.name).toBe('v2');
    const one = nameTextVersions({ history: [], body: 'x', letter, signatures: [] });
    expect(previousVersion(one)).toBeUndefined();
  });
});
