import { describe, expect, it } from 'vitest';
import {
  addresseeSlug,
  compareCount,
  compareEntries,
  compareFiles,
  describeFinding,
  entryDigest,
  manifestShapeProblem,
  sha256,
} from '../../src/letter/delivery-manifest.js';
import { readCsvEntries, readJsonEntries } from '../../src/storage/delivery-bundle.js';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);

describe('digests', () => {
  it('sha256 is the hex SHA-256; an entry digest is that of the JSON array of its columns', () => {
    expect(sha256('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(entryDigest({ id: 'a', name: 'A' }, ['id', 'name'])).toBe(
      '72e837a918558870835a5e0ef21ba071c131a57df1b6ed5556beb03aac9b0889',
    );
    // An absent column counts as "", and keys outside the columns do not count.
    expect(entryDigest({ id: 'a', name: 'A', extra: 'x' }, ['id', 'name', 'role'])).toBe(
      'b66b9b6606f8d9c5c43310cfb1b44cdbc5c1d2c07c9631372113426c4414cc28',
    );
  });
});

describe('compareFiles', () => {
  const manifest = {
    files: [
      { path: 'a.md', sha256: A, bytes: 3 },
      { path: 'b.csv', sha256: B, bytes: 4 },
    ],
  };
  it.each([
    [
      'the same files',
      [
        ['a.md', A, 3],
        ['b.csv', B, 4],
      ],
      [],
    ],
    [
      'one byte changed',
      [
        ['a.md', A, 3],
        ['b.csv', A, 4],
      ],
      [
        {
          kind: 'file-changed',
          file: 'b.csv',
          expected: manifest.files[1],
          actual: { sha256: A, bytes: 4 },
        },
      ],
    ],
    ['a file missing', [['a.md', A, 3]], [{ kind: 'file-missing', file: 'b.csv' }]],
    [
      'a file added',
      [
        ['z.txt', A, 1],
        ['a.md', A, 3],
        ['b.csv', B, 4],
      ],
      [{ kind: 'file-added', file: 'z.txt' }],
    ],
  ] as const)('%s', (_, found, expected) => {
    const map = new Map(found.map(([p, h, n]) => [p, { sha256: h, bytes: n }]));
    expect(compareFiles(manifest, map)).toEqual(expected);
  });
});

describe('compareEntries', () => {
  const manifest = {
    entries: [
      { id: 'ada', name: 'Ada Lovelace', sha256: A },
      { id: 'bea', name: 'Bea Brandt', sha256: B },
    ],
  };
  it('names each entry removed, added or changed, with its line', () => {
    const found = compareEntries(manifest, 'signatures.csv', [
      { id: 'ada', name: 'Ada Lovelace', sha256: B, line: 2 },
      { id: 'cy', name: 'Cy Young', sha256: A, line: 3 },
    ]);
    expect(found.map(describeFinding)).toEqual([
      'signatures.csv: Bea Brandt (bea) removed (the manifest lists it)',
      'signatures.csv:2: Ada Lovelace (ada) changed since delivery',
      'signatures.csv:3: Cy Young (cy) added (not in the manifest)',
    ]);
  });
});

describe('reading lists back', () => {
  const columns = ['id', 'name'];
  it('a CSV row and a JSON row of the same entry give the same digest, with their lines', () => {
    const csv = readCsvEntries('id,name\nada,Ada\nbea,"Bea, B"\n', 'signatures.csv', columns);
    const json = readJsonEntries(
      '[\n  {\n    "id": "ada",\n    "name": "Ada"\n  },\n  {\n    "id": "bea",\n    "name": "Bea, B"\n  }\n]\n',
      'signatures.json',
      columns,
    );
    const digest = entryDigest({ id: 'ada', name: 'Ada' }, columns);
    const bea = entryDigest({ id: 'bea', name: 'Bea, B' }, columns);
    const entries = (lines: [number, number]) => ({
      entries: [
        { id: 'ada', name: 'Ada', sha256: digest, line: lines[0] },
        { id: 'bea', name: 'Bea, B', sha256: bea, line: lines[1] },
      ],
    });
    expect(csv).toEqual(entries([2, 3]));
    expect(json).toEqual(entries([3, 7]));
  });
  it("a formula-escaped CSV cell ('=x) reads as the JSON's =x", () => {
    const csv = readCsvEntries("id,name\nada,'=Ada\n", 'signatures.csv', columns);
    expect(csv).toMatchObject({
      entries: [{ sha256: entryDigest({ id: 'ada', name: '=Ada' }, columns) }],
    });
  });
  it('a list that is not JSON is named unreadable', () => {
    expect(readJsonEntries('[{', 'signatures.json', columns)).toMatchObject({
      unreadable: { kind: 'list-unreadable', file: 'signatures.json', line: 1 },
    });
  });
});

describe('manifestShapeProblem and addresseeSlug', () => {
  it.each([
    [null, 'it is not a JSON object'],
    [{ format: 'x' }, 'its format is not letter-delivery/1'],
    [
      { format: 'letter-delivery/1', files: [{ path: 'a', sha256: 'zz', bytes: 1 }] },
      'its files are not a list of { path, sha256, bytes }',
    ],
    [
      { format: 'letter-delivery/1', files: [], entries: [], columns: ['id'] },
      'its count is not a whole number',
    ],
    [{ format: 'letter-delivery/1', files: [], entries: [], columns: ['id'], count: 0 }, undefined],
  ])('%j: %s', (v, expected) => expect(manifestShapeProblem(v)).toBe(expected));
  it.each([
    ['the United Nations', 'the-united-nations'],
    ['Le Président de la République', 'le-president-de-la-republique'],
    // Other scripts are transliterated as signature ids are (any-ascii), never lost.
    ['Министерство иностранных дел', 'ministerstvo-inostrannykh-del'],
    ['Υπουργείο Εξωτερικών', 'ypoyrgeio-exoterikon'],
    ['国連', 'guolian'],
    ['«»', 'addressee'],
    [`${'a'.repeat(39)} b`, 'a'.repeat(39)],
  ])('%s → %s', (to, slug) => expect(addresseeSlug(to)).toBe(slug));
});

describe('compareCount', () => {
  const entry = { id: 'ada', name: 'Ada', sha256: A };
  it('a count that is not the number of entries listed is a finding', () => {
    expect(compareCount({ count: 1, entries: [entry] })).toEqual([]);
    const edited = compareCount({ count: 99, entries: [entry, { ...entry, id: 'bea' }] });
    expect(edited).toEqual([
      { kind: 'count-mismatch', file: 'manifest.json', count: 99, entries: 2 },
    ]);
    expect(describeFinding(edited[0]!)).toBe('manifest.json: says count 99, but lists 2 entries');
  });
});

describe('an entry whose name changed invisibly', () => {
  const recorded = { id: 'ada-lovelace', name: 'Ada Lovelace', sha256: A };
  it.each([
    ['Ada\u200B Lovelace', 'Ada\\u{200B} Lovelace', 'Ada Lovelace'],
    ['\u0410da Lovelace', '\\u{410}da Lovelace', 'Ada Lovelace'],
    ['Ada Lovelace\u00a0', 'Ada Lovelace\\u{A0}', 'Ada Lovelace'],
  ])("%j is shown beside the manifest's name, the difference escaped", (name, shown, was) => {
    const [f] = compareEntries({ entries: [recorded] }, 'signatures.csv', [
      { id: 'ada-lovelace', name, sha256: B, line: 2 },
    ]);
    expect(f).toEqual({
      kind: 'entry-changed',
      file: 'signatures.csv',
      line: 2,
      id: 'ada-lovelace',
      name,
      manifest_name: 'Ada Lovelace',
    });
    expect(describeFinding(f!)).toBe(
      `signatures.csv:2: ${shown} (ada-lovelace) changed since delivery: the manifest says "${was}"`,
    );
  });
});
