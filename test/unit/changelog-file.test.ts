import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderChangelog } from '../../src/letter/changelog.js';
import { changelogChanges, changelogLinesAdded } from '../../src/storage/changelog-file.js';
import { letter, sig } from '../helpers/fixtures.js';

const dir = '/letters/time-to-act';
const file = path.join(dir, 'CHANGELOG.md');
const onMerge = { ...letter, changelog: 'on-merge' as const };
const ada = sig('ada-lovelace', 'Ada Lovelace', { signed_at: '2026-11-01T10:00:00Z' });
const bob = sig('bob-example', 'Bob Example', { signed_at: '2026-11-02T10:00:00Z' });

describe('changelogChanges: whether and what a command writes to CHANGELOG.md', () => {
  it.each([
    ['events, append', letter, 'events', [renderChangelog(letter, [ada])]],
    ['events, on-merge', onMerge, 'events', []],
    ['erasure, append', letter, 'erasure', [renderChangelog(letter, [ada])]],
    ['erasure, on-merge', onMerge, 'erasure', [renderChangelog(onMerge, [ada])]],
  ] as const)('%s', (_, l, after, texts) => {
    expect(changelogChanges(dir, l, { after, signatures: [ada], erased: [] })).toEqual(
      texts.map((text) => ({ path: file, text })),
    );
  });

  it('appends the new lines when the text after the events starts with the bytes on disk', () => {
    const before = Buffer.from(renderChangelog(letter, [ada]));
    expect(
      changelogChanges(
        dir,
        letter,
        { after: 'events', signatures: [ada, bob], erased: [] },
        before,
      ),
    ).toEqual([
      {
        path: file,
        append: Buffer.from('- 2026-11-02T10:00:00Z signed: Bob Example (bob-example)\n'),
      },
    ]);
  });

  it.each([
    ['a line goes before the last one', renderChangelog(letter, [bob]), [ada, bob]],
    ['the file was edited by hand', 'edited by hand\n', [ada]],
    ['nothing changes', renderChangelog(letter, [ada]), [ada]],
    [
      'the file has CRLF line ends',
      renderChangelog(letter, [ada]).replace(/\n/g, '\r\n'),
      [ada, bob],
    ],
  ] as const)('writes the whole text when %s', (_, onDisk, signatures) => {
    expect(
      changelogChanges(
        dir,
        letter,
        { after: 'events', signatures, erased: [] },
        Buffer.from(onDisk),
      ),
    ).toEqual([{ path: file, text: renderChangelog(letter, signatures) }]);
  });

  it('writes the text of a rebuild in every mode', () => {
    expect(changelogChanges(dir, onMerge, { after: 'rebuild', text: 'x\n' })).toEqual([
      { path: file, text: 'x\n' },
    ]);
  });
});

describe('changelogLinesAdded: one line for a sign onto a changelog in step', () => {
  it('inserts the line where the whole text would have it, writing the whole text when it goes before the end', () => {
    const inStep = Buffer.from(renderChangelog(letter, [bob]));
    const [change] = changelogLinesAdded(dir, letter, inStep, [ada])!;
    expect(change?.path).toBe(file);
    expect(String(change && 'text' in change ? change.text : '')).toBe(
      renderChangelog(letter, [ada, bob]),
    );
  });

  it('appends the line in place when it goes at the end', () => {
    const inStep = Buffer.from(renderChangelog(letter, [ada]));
    expect(changelogLinesAdded(dir, letter, inStep, [bob])).toEqual([
      {
        path: file,
        append: Buffer.from('- 2026-11-02T10:00:00Z signed: Bob Example (bob-example)\n'),
      },
    ]);
  });

  it('appends after a header with no event yet: the blank line, then the line', () => {
    const inStep = Buffer.from(renderChangelog(letter, []));
    expect(changelogLinesAdded(dir, letter, inStep, [ada])).toEqual([
      {
        path: file,
        append: Buffer.from('\n- 2026-11-01T10:00:00Z signed: Ada Lovelace (ada-lovelace)\n'),
      },
    ]);
  });

  it('writes nothing for an on-merge letter', () => {
    expect(changelogLinesAdded(dir, onMerge, Buffer.from(''), [bob])).toEqual([]);
  });

  it('is undefined for a text not in the form the letter gives, so the whole text is written', () => {
    expect(
      changelogLinesAdded(dir, letter, Buffer.from('edited by hand\n'), [bob]),
    ).toBeUndefined();
  });
});
