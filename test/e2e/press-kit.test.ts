// The press kit as a press officer uses it: the built binary on a copy of the example letter
// grown to 93 signatures, under embargo, with a public press contact.

import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { editFile, letter, useTempLetter } from '../helpers/cli.js';

const CHROMIUM = process.env.LETTER_CHROMIUM ?? '/usr/bin/chromium';
const pdfs = existsSync(CHROMIUM) && existsSync('/usr/bin/pdfinfo');
const L = 'letters/time-to-act';
const t = useTempLetter();

/** Adds verified signatures to the example until it holds `total`, most in the industry group. */
function grow(total: number): void {
  const groups = ['industry', 'nobel-laureates', 'former-ministers'];
  for (let n = 12; n < total; n++) {
    const id = `signatory-${String(n).padStart(3, '0')}`;
    writeFileSync(
      path.join(t.letterDir, 'signatures', `${id}.yaml`),
      `name: Signatory ${String(n).padStart(3, '0')} Longname-Example\nrole: Director of a rather long-named research institute\ncountry: CH\ngroup: ${groups[n % 3]}\nsigned_at: 2020-05-27T00:00:00Z\nstatus: verified\nverified:\n  by: desk\n  at: 2020-05-27T00:00:00Z\n`,
    );
  }
  editFile(
    path.join(t.letterDir, 'letter.yaml'),
    'opened: 2020-05-26\n',
    'opened: 2020-05-26\nembargo: 2020-06-02T09:00:00Z\npublic_contacts:\n  - press@cyberpeaceinstitute.org\n',
  );
}

describe('letter press-kit', () => {
  it('shows the featured signatories of each group first, as the page and list do', async () => {
    grow(93);
    editFile(
      path.join(t.letterDir, 'signatures', 'ernesto-zedillo.yaml'),
      'group: former-heads-of-state\n',
      'group: former-heads-of-state\nfeatured: true\n',
    );
    const r = await letter(t.dir, ['press-kit', L, '--no-pdf', '--top', '2'], {
      LETTER_NOW: '2020-06-01T09:00:00Z',
    });
    expect(r.code, r.stderr).toBe(0);
    const md = readFileSync(path.join(t.dir, 'out/time-to-act/time-to-act.press-kit.md'), 'utf8');
    expect(md).toContain(
      '### Former heads of state and government\n\n- Ernesto Zedillo, Former President of Mexico\n- Mikhail Gorbachev, Former President of the Soviet Union; Nobel Peace Prize laureate (1990)\n\n',
    );
    const list = await letter(t.dir, ['list', L, '--json'], { LETTER_NOW: '2020-06-01T09:00:00Z' });
    expect(
      JSON.parse(list.stdout)
        .signatures.slice(0, 2)
        .map((s: { id: string }) => s.id),
    ).toEqual(['ernesto-zedillo', 'mikhail-gorbachev']);
  });

  it('93 signatures under embargo: the embargo line, groups in order with "and N others", the contact, one page', async () => {
    grow(93);
    const r = await letter(t.dir, ['press-kit', L, ...(pdfs ? [] : ['--no-pdf'])], {
      LETTER_NOW: '2020-06-01T09:00:00Z',
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('(signed by 93 people; Embargoed until 2 June 2020, 09:00 UTC):');
    const md = readFileSync(path.join(t.dir, 'out/time-to-act/time-to-act.press-kit.md'), 'utf8');
    expect(md).toContain(
      '# Press kit: The Time to Act is Now\n\n**Embargoed until 2 June 2020, 09:00 UTC**\n',
    );
    // Dates in the letter's locale (en-GB).
    expect(md).toContain('opened 26 May 2020. Signed by 93 people.');
    // The letter's group order: former heads of state first, industry last.
    const headings = [...md.matchAll(/^### (.*)$/gm)].map((m) => m[1]);
    expect(headings).toEqual([
      'Former heads of state and government',
      'International organisations',
      'Former ministers',
      'Nobel laureates',
      'Industry',
    ]);
    expect(md).toContain(
      '### International organisations\n\n- Ban Ki-moon, Former Secretary-General, United Nations\n',
    );
    expect(md).toContain('- and 24 others\n\n### Nobel laureates');
    expect(md).toMatch(/- and 2[0-9] others\n/);
    expect(md).toContain('Press contact: press@cyberpeaceinstitute.org');
    // Within a group, the letter's order: names in order of their sort key.
    expect(md).toContain(
      '### Former heads of state and government\n\n- Mikhail Gorbachev, Former President of the Soviet Union; Nobel Peace Prize laureate (1990)\n- Ernesto Zedillo, Former President of Mexico\n\n',
    );
    if (pdfs) {
      const info = execFileSync(
        'pdfinfo',
        [path.join(t.dir, 'out/time-to-act/time-to-act.press-kit.pdf')],
        {
          encoding: 'utf8',
        },
      );
      expect(info).toMatch(/^Pages:\s+1$/m);
      const text = execFileSync(
        'pdftotext',
        [path.join(t.dir, 'out/time-to-act/time-to-act.press-kit.pdf'), '-'],
        {
          encoding: 'utf8',
        },
      );
      expect(text).toContain('Embargoed until 2 June 2020, 09:00 UTC');
      expect(text).toContain('press@cyberpeaceinstitute.org');
    }
  });
});
