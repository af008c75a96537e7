import { describe, expect, it } from 'vitest';
import {
  bodyNotEmpty,
  flatLayoutNotFull,
  groupIdsUnique,
  letterUrlsNormal,
  requiresDeclaredGroups,
  slugMatchesFolder,
} from '../../../src/letter/rules/letter.js';
import { checkInput } from '../../helpers/check-input.js';
import { letter } from '../../helpers/fixtures.js';

describe('slugMatchesFolder', () => {
  it('is quiet when the slug is the folder name', () => {
    expect(slugMatchesFolder(checkInput([]))).toEqual([]);
  });
  it('reports a slug that differs from the folder name, at the slug', () => {
    expect(slugMatchesFolder(checkInput([], { folderName: 'act-now' }))).toEqual([
      {
        file: 'letter.yaml',
        line: 2,
        column: 3,
        severity: 'error',
        code: 'slug-mismatch',
        message: 'slug "time-to-act" differs from the folder name "act-now"',
        hint: 'rename the folder or set slug: act-now',
      },
    ]);
  });
});

describe('groupIdsUnique', () => {
  it('is quiet when each group id is declared once', () => {
    expect(groupIdsUnique(checkInput([]))).toEqual([]);
  });
  it('reports the second declaration of a group id, and only that one', () => {
    const groups = [...letter.groups, { id: 'industry', name: 'Industry again' }];
    expect(groupIdsUnique(checkInput([], { letter: { ...letter, groups } }))).toEqual([
      {
        file: 'letter.yaml',
        line: 2,
        column: 3,
        severity: 'error',
        code: 'duplicate-group',
        message: 'group id "industry" is declared twice',
        hint: 'give each group its own id',
      },
    ]);
  });
});

describe('letterUrlsNormal', () => {
  it('is quiet for links in their normal form', () => {
    const normal = {
      ...letter,
      organisers: [{ name: 'CyberPeace Institute', url: 'https://example.org' }],
      sign_url: 'https://example.org/sign',
    };
    expect(letterUrlsNormal(checkInput([], { letter: normal }))).toEqual([]);
  });
  it("reports an organiser's link and sign_url that a browser would read otherwise", () => {
    const odd = {
      ...letter,
      organisers: [{ name: 'CyberPeace Institute', url: 'https://Example.ORG/' }],
      sign_url: 'HTTPS://example.org/sign',
    };
    expect(letterUrlsNormal(checkInput([], { letter: odd }))).toEqual([
      {
        file: 'letter.yaml',
        line: 2,
        column: 3,
        severity: 'error',
        code: 'url-not-normal',
        message:
          'organisers[0].url is not in the normal form a browser reads it in: https://example.org/',
        hint: 'run letter fmt letters/time-to-act to rewrite it',
      },
      {
        file: 'letter.yaml',
        line: 2,
        column: 3,
        severity: 'error',
        code: 'url-not-normal',
        message:
          'sign_url is not in the normal form a browser reads it in: https://example.org/sign',
        hint: 'run letter fmt letters/time-to-act to rewrite it',
      },
    ]);
  });
});

describe('requiresDeclaredGroups', () => {
  it('is quiet when the letter requires group and declares groups', () => {
    expect(requiresDeclaredGroups(checkInput([]))).toEqual([]);
  });
  it('reports a letter that requires group but declares none, at requires', () => {
    expect(requiresDeclaredGroups(checkInput([], { letter: { ...letter, groups: [] } }))).toEqual([
      {
        file: 'letter.yaml',
        line: 2,
        column: 3,
        severity: 'error',
        code: 'requires-groups',
        message: 'requires group, but the letter declares no groups',
        hint: 'declare groups: in letter.yaml, or remove group from requires',
      },
    ]);
  });
});

describe('bodyNotEmpty', () => {
  it('is quiet for a body with text, or a body that is missing (reported elsewhere)', () => {
    expect(bodyNotEmpty(checkInput([]))).toEqual([]);
    expect(bodyNotEmpty(checkInput([], { body: undefined }))).toEqual([]);
  });
  it('warns about a body of white space, at its first line', () => {
    expect(bodyNotEmpty(checkInput([], { body: ' \n\n' }))).toEqual([
      {
        file: 'letter.md',
        line: 1,
        column: 1,
        severity: 'warning',
        code: 'empty-body',
        message: 'the letter has no text yet',
      },
    ]);
  });
});

describe('flatLayoutNotFull', () => {
  const records = (n: number) =>
    Array.from({ length: n }, (_, i) => ({
      id: `erased-${i}`,
      fingerprint: 'sha256:0',
      signed_at: '2020-05-26T00:00:00Z',
      erased_at: '2020-06-01T00:00:00Z',
    }));
  it('is quiet at 100,000 files', () => {
    expect(flatLayoutNotFull(checkInput([], { erased: records(100_000) }))).toEqual([]);
  });
  it('warns past 100,000 files in a flat letter, counting erasure records too', () => {
    expect(flatLayoutNotFull(checkInput([], { erased: records(100_001) }))).toEqual([
      {
        file: 'letter.yaml',
        line: 1,
        column: 1,
        severity: 'warning',
        code: 'flat-layout-full',
        message:
          '100,001 signature files in one folder; past 100,000, file systems and git slow down',
        hint: 'move them into shards: letter fmt letters/time-to-act --layout sharded',
      },
    ]);
  });
  it('is quiet for a sharded letter of any size', () => {
    const sharded = { ...letter, layout: 'sharded' as const };
    expect(
      flatLayoutNotFull(checkInput([], { letter: sharded, erased: records(100_001) })),
    ).toEqual([]);
  });
});
