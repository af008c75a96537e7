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

  it('writes the text of a rebuild in every mode', () => {
    expect(changelogChanges(dir, onMerge, { after: 'rebuild', text: 'x\n' })).toEqual([
      { path: file, text: 'x\n' },
    ]);
  });
});

describe('changelogLinesAdded: one line for a sign onto a changelog in step', () => {
  it('inserts the line where the whole text would have it', () => {
    const inStep = Buffer.from(renderChangelog(letter, [ada]));
    const [change] = changelogLinesAdded(dir, letter, inStep, [bob])!;
    expect(change?.path).toBe(file);
    expect(String(change && 'text' in change ? change.text : '')).toBe(
      renderChangelog(letter, [ada, bob]),
    );
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
