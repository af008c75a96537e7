// The embargo as a publishing workflow meets it: the built binary on a fixed clock
// (LETTER_NOW), `letter check --publish` exit codes, and the mark on every page of a PDF.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { letter, useTempLetter } from '../helpers/cli.js';

// CI installs Debian's chromium and poppler-utils (.ci/run); there the PDF test always runs.
const CHROMIUM = process.env.LETTER_CHROMIUM ?? '/usr/bin/chromium';
const pdfs = existsSync(CHROMIUM) && existsSync('/usr/bin/pdftotext');
const L = 'letters/time-to-act';
const EMBARGO = '2020-05-26T09:00:00Z';
const BEFORE = { LETTER_NOW: '2020-05-26T08:59:59Z' };
const AT = { LETTER_NOW: EMBARGO };

const t = useTempLetter();
const embargo = () => {
  const file = path.join(t.letterDir, 'letter.yaml');
  writeFileSync(
    file,
    readFileSync(file, 'utf8').replace(
      'opened: 2020-05-26\n',
      `opened: 2020-05-26\nembargo: ${EMBARGO}\n`,
    ),
  );
};

describe('letter check --publish on a fixed clock', () => {
  it('exits 1 one second before the embargo, 0 at it, and github annotations name the line', async () => {
    embargo();
    const before = await letter(t.dir, ['check', '--publish', '--format', 'github', L], BEFORE);
    expect(before.code).toBe(1);
    expect(before.stdout).toContain(
      `::error file=${L}/letter.yaml,line=12,col=10,title=letter check%3A embargoed::the letter is under embargo until ${EMBARGO}`,
    );
    expect(await letter(t.dir, ['check', '--publish', L], AT)).toMatchObject({
      code: 0,
      stderr: '',
    });
    // Without --publish the embargo is no error.
    expect((await letter(t.dir, ['check', L], BEFORE)).code).toBe(0);
  });

  it('exits 1 for a draft, whatever the clock', async () => {
    const file = path.join(t.letterDir, 'letter.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('status: open', 'status: draft'));
    const r = await letter(t.dir, ['check', '--publish', L], AT);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`${L}/letter.yaml:10:9: error: the letter is a draft`);
  });
});

describe.runIf(pdfs || process.env.CI)('the PDF of a letter under embargo', () => {
  it('carries the mark on each of its pages before the embargo, and none at it', async () => {
    embargo();
    const out = path.join(t.dir, 'out/time-to-act/time-to-act.pdf');
    const r = await letter(t.dir, ['render', L, '--format', 'pdf'], BEFORE);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`${L} is under embargo until ${EMBARGO}`);
    const pages = execFileSync('pdftotext', ['-layout', out, '-'], { encoding: 'utf8' })
      .split('\f')
      .filter((p) => p.trim() !== '');
    expect(pages).toHaveLength(2);
    for (const page of pages)
      expect(page).toContain(
        'EMBARGOED PREVIEW: not for publication before 26 May 2020, 09:00 UTC',
      );
    expect((await letter(t.dir, ['render', L, '--format', 'pdf'], AT)).code).toBe(0);
    const text = execFileSync('pdftotext', ['-layout', out, '-'], { encoding: 'utf8' });
    expect(text).not.toContain('PREVIEW');
    expect(text).toContain('Page 2 of 2');
  });
});
