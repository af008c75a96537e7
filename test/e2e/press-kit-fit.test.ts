// The press kit stays one page, whatever --top asks, and says when and how it was made in
// the letter's locale: the built binary on a copy of the example letter grown to 93 names.

import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { letter, useTempLetter } from '../helpers/cli.js';

const CHROMIUM = process.env.LETTER_CHROMIUM ?? '/usr/bin/chromium';
const pdfs = (existsSync(CHROMIUM) && existsSync('/usr/bin/pdfinfo')) || !!process.env.CI;
const L = 'letters/time-to-act';
const NOW = '2026-12-03T03:43:04Z';
const t = useTempLetter();
const out = (f: string) => path.join(t.dir, 'out/time-to-act', f);

/** Adds verified signatures to the example until it holds `total`, in three groups. */
function grow(total: number): void {
  const groups = ['industry', 'nobel-laureates', 'former-ministers'];
  for (let n = 12; n < total; n++)
    writeFileSync(
      path.join(t.letterDir, 'signatures', `signatory-${n}.yaml`),
      `name: Signatory ${n} Longname-Example\nrole: Director of a rather long-named research institute\ncountry: CH\ngroup: ${groups[n % 3]}\nsigned_at: 2020-05-27T00:00:00Z\nstatus: verified\nverified:\n  by: desk\n  at: 2020-05-27T00:00:00Z\n`,
    );
}

describe.runIf(pdfs)('letter press-kit on one page', () => {
  it('--top 40 of 93 names: one page, fewer names a group, said on stderr; Markdown and PDF agree', async () => {
    grow(93);
    const r = await letter(t.dir, ['press-kit', L, '--top', '40', '--json'], { LETTER_NOW: NOW });
    expect(r.code, r.stderr).toBe(0);
    const result = JSON.parse(r.stdout);
    const { asked, shown, cut } = result.fitted;
    expect(asked).toBe(40);
    expect(shown).toBeGreaterThan(5);
    expect(shown).toBeLessThan(40);
    expect(r.stderr).toBe(
      `warning: --top 40 does not fit on one page: ${shown} names a group shown, ${cut} more counted in "and N others" (--no-pdf keeps 40 in the Markdown)\n`,
    );
    // The kit as written shows `shown` names in its largest group, and counts every one.
    const groups: { shown: unknown[]; others: number }[] = result.kit.groups;
    expect(Math.max(...groups.map((g) => g.shown.length))).toBe(shown);
    expect(groups.reduce((n, g) => n + g.shown.length + g.others, 0)).toBe(93);
    const info = execFileSync('pdfinfo', [out('time-to-act.press-kit.pdf')], { encoding: 'utf8' });
    expect(info).toMatch(/^Pages:\s+1$/m);
    const text = execFileSync('pdftotext', [out('time-to-act.press-kit.pdf'), '-'], {
      encoding: 'utf8',
    });
    const md = readFileSync(out('time-to-act.press-kit.md'), 'utf8');
    for (const g of result.kit.groups as { shown: { name: string }[]; others: number }[]) {
      const last = g.shown.at(-1)!.name;
      expect(text).toContain(last);
      expect(md).toContain(`- ${last},`);
    }

    // Made, in the letter's locale (en-GB) and UTC; ISO in --json.
    expect(result.kit.made_at).toBe(NOW);
    expect(md).toContain('Made 3 December 2026, 03:43 UTC.');
    expect(text).toContain('Made 3 December 2026, 03:43 UTC.');
  });

  it('--top that fits is kept, with nothing on stderr; --no-pdf keeps --top whatever the page', async () => {
    grow(93);
    let r = await letter(t.dir, ['press-kit', L, '--top', '3', '--json'], { LETTER_NOW: NOW });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout).fitted).toBe(null);
    r = await letter(t.dir, ['press-kit', L, '--top', '40', '--no-pdf', '--json'], {
      LETTER_NOW: NOW,
    });
    expect(r.stderr).toBe('');
    // No group has more than 40 here: the Markdown names all 93.
    const kit = JSON.parse(r.stdout);
    expect(kit.fitted).toBe(null);
    expect(
      kit.kit.groups.reduce((n: number, g: { shown: unknown[] }) => n + g.shown.length, 0),
    ).toBe(93);
  });
});
