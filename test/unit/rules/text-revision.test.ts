import { describe, expect, it } from 'vitest';
import { textRevisionRecorded } from '../../../src/letter/rules/text-revision.js';
import { checkInput } from '../../helpers/check-input.js';
import { letter, sig } from '../../helpers/fixtures.js';

// textVersion('Text.'), the body of checkInput, written out.
const NOW_TEXT = 'sha256:f06dce27b84e';
const OLD = 'sha256:0123456789ab';

describe('textRevisionRecorded', () => {
  it('asks an open letter whose signatories agreed to another text to record why it changed', () => {
    expect(textRevisionRecorded(checkInput([sig('a', 'Ann Lee', { text_version: OLD })]))).toEqual([
      {
        file: 'letter.yaml',
        line: 2,
        column: 3,
        severity: 'error',
        code: 'text-revision-missing',
        message: `the text changed after the letter opened; record why: no entry of revisions: is for the current text ${NOW_TEXT}, and signatories agreed to another version`,
        hint: `add to letter.yaml: revisions: [{ text: "${NOW_TEXT}", at: "2026-11-29T12:00:00Z", reason: "<why the text changed>" }]`,
      },
    ]);
  });

  it('names the list to add to when letter.yaml has revisions for other texts', () => {
    const revised = {
      ...letter,
      revisions: [{ text: OLD, at: '2020-05-20T00:00:00Z', reason: 'First draft' }],
    };
    const [p] = textRevisionRecorded(
      checkInput([sig('a', 'Ann Lee', { text_version: OLD })], { letter: revised }),
    );
    expect(p?.hint).toBe(
      `add to revisions: in letter.yaml: - { text: "${NOW_TEXT}", at: "2026-11-29T12:00:00Z", reason: "<why the text changed>" }`,
    );
  });

  it.each([
    [
      'a revision of the current text is recorded',
      { revisions: [{ text: NOW_TEXT, at: '2020-05-27T00:00:00Z', reason: 'A figure was wrong' }] },
      'pending',
    ],
    ['the letter is a draft', { status: 'draft' as const }, 'pending'],
    ['only withdrawn signatories agreed to another text', {}, 'withdrawn'],
  ])('is quiet when %s', (_, change, status) => {
    const s = sig('a', 'Ann Lee', {
      text_version: OLD,
      status: status as 'pending' | 'withdrawn',
      ...(status === 'withdrawn' ? { withdrawn: { at: '2020-06-01T00:00:00Z', reason: 'x' } } : {}),
    });
    expect(textRevisionRecorded(checkInput([s], { letter: { ...letter, ...change } }))).toEqual([]);
  });

  it('is quiet when every signatory agreed to the current text, or recorded none', () => {
    const input = checkInput([sig('a', 'Ann Lee', { text_version: NOW_TEXT }), sig('b', 'Bo Yi')]);
    expect(textRevisionRecorded(input)).toEqual([]);
  });
});
