import { describe, expect, it } from 'vitest';
import { chunked, jsonChunks, jsonDocument, Streamed, trimmedEnd } from '../../src/streaming.js';

const walks = (items: number[]) => {
  let count = 0;
  const list = new Streamed(items.length, () => {
    count++;
    return items;
  });
  return { list, walked: () => count };
};

describe('Streamed', () => {
  it('reads its items again on each walk and knows its length before any', () => {
    const { list, walked } = walks([1, 2, 3]);
    expect(list.length).toBe(3);
    expect(walked()).toBe(0);
    expect([...list]).toEqual([1, 2, 3]);
    expect(list.mapLazily((n) => n * 10).map((n, i) => `${i}:${n}`)).toEqual([
      '0:10',
      '1:20',
      '2:30',
    ]);
    expect(walked()).toBe(2);
  });
});

describe('chunked and trimmedEnd', () => {
  it('joins pieces into chunks of at least the size asked, the last shorter, none empty', () => {
    expect([...chunked(['ab', '', 'cd', 'e', 'fgh', 'i'], 3)]).toEqual(['abcd', 'efgh', 'i']);
    expect([...chunked([], 3)]).toEqual([]);
  });
  it('leaves out the whitespace at the end of the whole, only there', () => {
    expect([...trimmedEnd(['a \n', ' ', 'b\n\n', '  ', '\n'])]).toEqual(['a', ' \n b']);
    expect([...trimmedEnd([' \n', '\t'])]).toEqual([]);
  });
});

describe('jsonChunks', () => {
  it('writes a Streamed list as the array JSON.stringify would, item by item', () => {
    const value = {
      letter: 'letters/x',
      skipped: [],
      nothing: undefined,
      signatures: new Streamed(2, () => [
        { id: 'a', tags: ['x', 'y'], contact: { email: 'a@b.c' } },
        { id: 'b', empty: {} },
      ]),
      none: new Streamed(0, () => []),
    };
    const pieces = [...jsonChunks(value)];
    expect(pieces.length).toBeGreaterThan(5);
    expect(pieces.join('')).toBe(
      '{\n  "letter": "letters/x",\n  "skipped": [],\n  "signatures": [\n    {\n      "id": "a",\n      "tags": [\n        "x",\n        "y"\n      ],\n      "contact": {\n        "email": "a@b.c"\n      }\n    },\n    {\n      "id": "b",\n      "empty": {}\n    }\n  ],\n  "none": []\n}',
    );
  });
  it('gives JSON.stringify with a newline for values without a list', () => {
    const value = { a: [1, { b: null }], c: 'd\ne', f: undefined };
    expect([...jsonDocument(value)].join('')).toBe(`${JSON.stringify(value, null, 2)}\n`);
    expect([...jsonDocument([undefined, new Streamed(1, () => [undefined])])].join('')).toBe(
      '[\n  null,\n  [\n    null\n  ]\n]\n',
    );
  });
});
