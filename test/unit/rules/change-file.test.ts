import { describe, expect, it } from 'vitest';
import { changelogLine, eventsOf } from '../../../src/letter/changelog.js';
import {
  changelogLinesExplained,
  changelogOnlyGains,
  erasedByEditor,
  erasureRecordKept,
  letterFilesUntouched,
  privateStoreUntouched,
  signatureKept,
} from '../../../src/letter/rules/change-file.js';
import { erase } from '../../../src/letter/signatures.js';
import { addedFiles, changed, changeInput } from '../../helpers/change-input.js';
import { letter, NOW, sig } from '../../helpers/fixtures.js';

const editor = changeInput({ role: 'editor' });
const contributor = changeInput();
const record = { id: 'erased-0123456789ab', erased: true };

describe('erasureRecordKept', () => {
  it('refuses the removal of an erasure record, whoever makes the change', () => {
    const gone = changed('D', 'signatures/erased-0123456789ab.yaml', record);
    expect(erasureRecordKept(editor, gone)).toEqual([
      {
        file: 'letters/time-to-act/signatures/erased-0123456789ab.yaml',
        line: 1,
        column: 1,
        severity: 'error',
        code: 'erasure-record-removed',
        message:
          'the change removes the erasure record erased-0123456789ab; an erasure is final, whoever makes the change',
        hint: 'restore it (git checkout main -- letters/time-to-act/signatures/erased-0123456789ab.yaml)',
      },
    ]);
  });
  it("refuses a contributor's new erasure record, and lets an editor add one", () => {
    const added = changed('A', 'signatures/erased-0123456789ab.yaml', record);
    expect(erasureRecordKept(contributor, added)).toEqual([
      {
        file: 'letters/time-to-act/signatures/erased-0123456789ab.yaml',
        line: 1,
        column: 1,
        severity: 'error',
        code: 'erasure-by-contributor',
        message:
          'the change adds the erasure record erased-0123456789ab; only an editor erases a signature',
        hint: 'ask an editor: letter withdraw --erase',
      },
    ]);
    expect(erasureRecordKept(editor, added)).toEqual([]);
  });
});

describe('erasedByEditor', () => {
  const eva = sig('eva-chen', 'Eva Chen');
  const erasure = erase(letter, eva, NOW);
  const gone = changed('D', 'signatures/eva-chen.yaml', { id: 'eva-chen', erased: false });
  it("refuses a contributor's erasure of a signature", () => {
    expect(erasedByEditor(contributor, gone, erasure)).toEqual([
      {
        file: 'letters/time-to-act/signatures/eva-chen.yaml',
        line: 1,
        column: 1,
        severity: 'error',
        code: 'erasure-by-contributor',
        message: `the change erases the signature eva-chen (replaced by the erasure record ${erasure.id}); only an editor erases a signature`,
        hint: 'ask an editor: letter withdraw --erase',
      },
    ]);
  });
  it("accepts an editor's", () => {
    expect(erasedByEditor(editor, gone, erasure)).toEqual([]);
  });
});

describe('signatureKept', () => {
  const ann = { id: 'ann-lee', erased: false };
  it('refuses a removed signature, whoever makes the change', () => {
    expect(signatureKept(editor, changed('D', 'signatures/ann-lee.yaml', ann))).toEqual([
      {
        file: 'letters/time-to-act/signatures/ann-lee.yaml',
        line: 1,
        column: 1,
        severity: 'error',
        code: 'signature-removed',
        message: 'the change removes the signature ann-lee (present at main)',
        hint: 'restore it (git checkout main -- letters/time-to-act/signatures/ann-lee.yaml); to take a name off the letter, use letter withdraw',
      },
    ]);
  });
  it("refuses a contributor's change to a signature, and accepts an editor's", () => {
    const edit = changed('M', 'signatures/ann-lee.yaml', ann);
    expect(signatureKept(contributor, edit)).toEqual([
      {
        file: 'letters/time-to-act/signatures/ann-lee.yaml',
        line: 1,
        column: 1,
        severity: 'error',
        code: 'signature-changed',
        message: 'the change modifies the signature ann-lee; a contributor may only add their own',
        hint: 'ask an editor, or undo this part of the change',
      },
    ]);
    expect(signatureKept(editor, edit)).toEqual([]);
    expect(signatureKept(contributor, changed('A', 'signatures/ann-lee.yaml', ann))).toEqual([]);
  });
});

describe('privateStoreUntouched', () => {
  it('refuses a file of the private store in a change, and accepts its deletion', () => {
    expect(privateStoreUntouched(editor, changed('A', 'private/contacts.yaml'))).toEqual([
      {
        file: 'letters/time-to-act/private/contacts.yaml',
        line: 1,
        column: 1,
        severity: 'error',
        code: 'private-in-change',
        message:
          'the change adds private/contacts.yaml, in the private store: contact details never go in git',
        hint: "take it out of the change: git rm --cached -- letters/time-to-act/private/contacts.yaml, and keep private/ in the letter's .gitignore",
      },
    ]);
    expect(privateStoreUntouched(editor, changed('D', 'private/contacts.yaml'))).toEqual([]);
  });
});

describe('changelogOnlyGains', () => {
  it("refuses a contributor's rewrite of CHANGELOG.md", () => {
    const rewritten = changeInput({ changelogOnlyAdds: false });
    expect(changelogOnlyGains(rewritten, changed('M', 'CHANGELOG.md'))).toEqual([
      {
        file: 'letters/time-to-act/CHANGELOG.md',
        line: 1,
        column: 1,
        severity: 'error',
        code: 'changelog-edited',
        message: 'the change rewrites CHANGELOG.md; a contributor may only add lines to it',
        hint: 'undo it; CHANGELOG.md is derived from the signatures',
      },
    ]);
    expect(changelogOnlyGains(contributor, changed('D', 'CHANGELOG.md'))).toHaveLength(1);
  });
  it('lets an editor rewrite it, and checks the lines a contributor adds', () => {
    const rewritten = changeInput({ role: 'editor', changelogOnlyAdds: false });
    expect(changelogOnlyGains(rewritten, changed('M', 'CHANGELOG.md'))).toEqual([]);
    const fake = changeInput({ changelogAdded: [{ line: 9, text: '- verified: me' }] });
    expect(changelogOnlyGains(fake, changed('M', 'CHANGELOG.md')).map((p) => p.code)).toEqual([
      'changelog-line-unexplained',
    ]);
  });
});

describe('changelogLinesExplained', () => {
  const ann = sig('ann-lee', 'Ann Lee');
  const line = changelogLine(eventsOf([ann], [])[0]!);
  const adding = (text: string) =>
    changeInput({
      changes: [changed('A', 'signatures/ann-lee.yaml', { id: 'ann-lee', erased: false })],
      added: addedFiles(ann),
      changelogAdded: [
        { line: 7, text: line },
        { line: 8, text },
      ],
    });
  it('accepts the lines of the signatures a change adds, and an empty line', () => {
    expect(changelogLinesExplained(adding(''), 'letters/time-to-act/CHANGELOG.md')).toEqual([]);
  });
  it('refuses any other line, at its line', () => {
    expect(
      changelogLinesExplained(
        adding('- 2020-05-26 verified: Ann Lee'),
        'letters/time-to-act/CHANGELOG.md',
      ),
    ).toEqual([
      {
        file: 'letters/time-to-act/CHANGELOG.md',
        line: 8,
        column: 1,
        severity: 'error',
        code: 'changelog-line-unexplained',
        message: 'CHANGELOG.md gains a line that no signature the change adds gives',
        hint: 'remove it; CHANGELOG.md only holds the lines letter derives from the signatures (letter changelog letters/time-to-act)',
      },
    ]);
  });
});

describe('letterFilesUntouched', () => {
  it("refuses a contributor's change to the letter's own files, and accepts an editor's", () => {
    expect(letterFilesUntouched(contributor, changed('M', 'letter.md'))).toEqual([
      {
        file: 'letters/time-to-act/letter.md',
        line: 1,
        column: 1,
        severity: 'error',
        code: 'text-changed',
        message:
          "the change modifies letter.md; a contributor may not touch the letter's text, settings or templates",
        hint: 'open a separate pull request for an editor',
      },
    ]);
    expect(letterFilesUntouched(editor, changed('M', 'letter.md'))).toEqual([]);
  });
});
