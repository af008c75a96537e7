import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS } from '../../src/render/pdf.js';
import { letter, tempLetter, verifiedSignatureYaml } from '../helpers/cli.js';

// CI installs poppler-utils, Chromium and the fonts (.ci/run).
const available = existsSync('/usr/bin/pdftotext');
const CHROMIUM = process.env.LETTER_CHROMIUM ?? '/usr/bin/chromium';
const L = 'letters/time-to-act';
const NOW = '2026-12-02T21:47:13Z';

/** Names and a role that no column can hold on one line, and names with emoji from a real list. */
const HANDLE = '@the_open_source_infrastructure_collective_2021';
const LONG_NAME = 'Wolfeschlegelsteinhausenbergerdorff'.repeat(8).slice(0, 272);
const LONG_ROLE = 'Chief_executive_officer_of_the_very_long_organisation_name_without_spaces';
const EMOJI = ['Melody ✨', 'Party 🎉 Person'];

/** A4 in points, its side margins (18 mm) and its list's columns (gutter 10 mm for two, 7 mm for three). */
const PAGE = { width: 595.28, height: 841.89, margin: 51.02 };
function columnsOf(n: 2 | 3): [number, number][] {
  const gutter = n === 2 ? 28.35 : 19.84;
  const width = (PAGE.width - 2 * PAGE.margin - (n - 1) * gutter) / n;
  return Array.from({ length: n }, (_, i) => {
    const from = PAGE.margin + i * (width + gutter);
    return [from, from + width];
  });
}

/** A word of a page, from `pdftotext -bbox`: its box in points from the top left. */
interface Word {
  x0: number;
  y0: number;
  x1: number;
  text: string;
}

/** The words of each page of `pdf`. */
function wordsOf(pdf: string): Word[][] {
  const html = execFileSync('pdftotext', ['-bbox', pdf, '-'], { encoding: 'utf8' });
  return html
    .split('<page ')
    .slice(1)
    .map((p) =>
      [
        ...p.matchAll(
          /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<\/word>/g,
        ),
      ].map((m) => ({ x0: Number(m[1]), y0: Number(m[2]), x1: Number(m[3]), text: m[4]! })),
    );
}

/**
 * The example letter in `letterDir` grown to `total` verified signatures; the first added
 * are the long names, the emoji names, then one with a long role.
 */
function grow(letterDir: string, total: number): void {
  const existing = readdirSync(path.join(letterDir, 'signatures')).length;
  const special = [HANDLE, LONG_NAME, ...EMOJI];
  for (let i = 0; existing + i < total; i++)
    writeFileSync(
      path.join(letterDir, 'signatures', `signer-${String(i).padStart(3, '0')}.yaml`),
      verifiedSignatureYaml({
        name: `'${special[i] ?? `Tester Number${i}`}'`,
        role: i === special.length ? LONG_ROLE : `Member of the test panel ${i}`,
        country: 'FR',
        group: 'industry',
      }),
    );
}

describe.runIf(available || process.env.CI)(
  'the print edition (PDF) keeps every entry in its column',
  () => {
    let t: ReturnType<typeof tempLetter>;
    beforeEach(() => {
      t = tempLetter();
    });
    afterEach(() => t.cleanup());
    const pdf = () => path.join(t.dir, 'out/time-to-act/time-to-act.pdf');

    for (const [total, columns] of [
      [40, 2],
      [320, 3],
    ] as const)
      it(`${total} signatures in ${columns} columns: long names break inside their column, and are still found`, async () => {
        grow(t.letterDir, total);
        const r = await letter(t.dir, ['render', L, '--format', 'pdf'], { LETTER_NOW: NOW });
        expect(r.code).toBe(0);
        const pages = wordsOf(pdf());
        const cols = columnsOf(columns);
        pages.forEach((words, i) => {
          // The list starts under "Signatories" on the first page; the footer is left out.
          const heading = words.find((w) => w.text === 'Signatories');
          const top = i === 0 ? (heading?.y0 ?? PAGE.height) : 0;
          for (const w of words) {
            expect(w.x1, `page ${i + 1}: ${w.text}`).toBeLessThanOrEqual(
              PAGE.width - PAGE.margin + 0.5,
            );
            if (w.y0 <= top || w.y0 >= PAGE.height - 68) continue;
            const inside = cols.some(([from, to]) => w.x0 >= from - 0.5 && w.x1 <= to + 0.5);
            expect(inside, `page ${i + 1}: ${w.text} at ${w.x0}-${w.x1}`).toBe(true);
          }
        });
        // Broken across lines, each name is found once whitespace is taken out: no character
        // (a zero-width space) was put into the text.
        const text = execFileSync('pdftotext', [pdf(), '-'], { encoding: 'utf8' }).replace(
          /\s+/g,
          '',
        );
        for (const name of [HANDLE, LONG_NAME, LONG_ROLE]) expect(text).toContain(name);
      });

    it('refuses a LETTER_PDF_* setting that is not a number it takes: exit 2, nothing written', async () => {
      for (const [name, value] of [
        ['LETTER_PDF_PART_ROWS', '0'],
        ['LETTER_PDF_TIMEOUT', 'abc'],
      ] as const) {
        const r = await letter(t.dir, ['render', L, '--format', 'pdf'], { [name]: value });
        expect(r.code).toBe(2);
        expect(r.stderr).toContain(`${name} is "${value}": it takes`);
        expect(r.stderr).not.toContain('internal error');
        expect(existsSync(pdf())).toBe(false);
      }
    });

    it('prints emoji in a font that has them (Symbola), not as empty boxes', async () => {
      grow(t.letterDir, 20);
      const r = await letter(t.dir, ['render', L, '--format', 'pdf'], { LETTER_NOW: NOW });
      expect(r.code).toBe(0);
      expect(execFileSync('pdffonts', [pdf()], { encoding: 'utf8' })).toMatch(/\+Symbola\s/);
      // In reading order, on one line with the rest of the name.
      const text = execFileSync('pdftotext', [pdf(), '-'], { encoding: 'utf8' });
      for (const name of EMOJI) expect(text).toContain(name);
    });
  },
);

describe.runIf(existsSync(CHROMIUM) || process.env.CI)(
  'the page keeps long names in the screen',
  () => {
    it('at 390 px, a 272-character name, a long handle and a long role do not widen the page', async () => {
      const t = tempLetter();
      const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
      try {
        grow(t.letterDir, 20);
        const r = await letter(t.dir, ['render', L, '--format', 'html'], { LETTER_NOW: NOW });
        expect(r.code).toBe(0);
        for (const width of [390, 1280]) {
          const page = await browser.newPage({ viewport: { width, height: 800 } });
          await page.goto(`file://${path.join(t.dir, 'out/time-to-act/time-to-act.html')}`);
          expect(
            await page.evaluate(() => document.documentElement.scrollWidth),
          ).toBeLessThanOrEqual(width);
          expect(await page.locator('.signatory .name', { hasText: HANDLE }).count()).toBe(1);
          await page.close();
        }
      } finally {
        await browser.close();
        t.cleanup();
      }
    });
  },
);
