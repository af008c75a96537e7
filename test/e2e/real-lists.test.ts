import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { BIN, letter, type Run, snapshot, TEST_CACHE, useTempLetter } from '../helpers/cli.js';

// Lists as real public letters publish them: no country, often a first name only, an
// organisation in brackets, a link, and a "Group" that is a heading of the page, not a
// group of the letter (after the RMS open letter of 2021, rewritten with invented names).
const t = useTempLetter();
const L = 'letters/open';
const write = (name: string, text: string) => writeFileSync(path.join(t.dir, name), text);

beforeEach(async () => {
  const r = await letter(t.dir, [
    'init',
    L,
    '--title',
    'An Open Letter',
    '--addressee',
    'the board',
    '--organiser',
    'Someone',
    '--yes',
  ]);
  expect(r.code).toBe(0);
});

/** Runs `letter` with `input` on stdin (not a terminal). */
function letterWithStdin(cwd: string, args: string[], input: string): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [BIN, ...args],
      { cwd, env: { ...process.env, NO_COLOR: '1', LETTER_CACHE_DIR: TEST_CACHE } },
      (error, stdout, stderr) => {
        resolve({
          code: error ? (typeof error.code === 'number' ? error.code : 1) : 0,
          stdout,
          stderr,
        });
      },
    );
    child.stdin?.end(input);
  });
}

describe('letter import of a real public list into a new letter', () => {
  it('reads the CSV from stdin with -, and refuses an unknown --country or --group as usage errors', async () => {
    const r = await letterWithStdin(
      t.dir,
      ['import', '-', L, '--json'],
      'Name\nMolly Example\nNathan\n',
    );
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      file: '(stdin)',
      rows: 2,
      written: expect.arrayContaining([`${L}/signatures/nathan.yaml`]),
    });
    write('list.csv', 'Name\nZoe\n');
    const before = snapshot(t.dir);
    const country = await letter(t.dir, ['import', 'list.csv', L, '--country', 'Scotland']);
    expect(country.code).toBe(2);
    expect(country.stderr).toContain(
      '--country: "Scotland" is part of the United Kingdom, not an ISO 3166-1 country; use GB (United Kingdom)?',
    );
    const group = await letter(t.dir, ['import', 'list.csv', L, '--group', 'Individuals']);
    expect(group.code).toBe(2);
    expect(group.stderr).toContain('--group: "Individuals" is not a group of this letter');
    expect(snapshot(t.dir)).toEqual(before);
  });
});
