import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { letter, tempLetter, verifiedSignatureYaml } from '../helpers/cli.js';

// CI installs poppler-utils (.ci/run); the PDF is typeset by Typst, inside the package.
const available = existsSync('/usr/bin/pdftotext');
const L = 'letters/time-to-act';
const NOW = '2026-12-02T21:47:13Z';

const GROUPS = [
  ['former-heads-of-state', 'Former heads of state and government'],
  ['international-organisations', 'International organisations'],
  ['former-ministers', 'Former ministers'],
  ['nobel-laureates', 'Nobel laureates'],
  ['industry', 'Industry'],
] as const;

/** A word of a page, from `pdftotext -bbox`: its box in points from the top left. */
interface Word {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  text: string;
}

/** Each page's words (without the footer) and its footer's text. */
function pagesOf(pdf: string): { words: Word[]; footer: string; text: string }[] {
  const html = execFileSync('pdftotext', ['-bbox', pdf, '-'], { encoding: 'utf8' });
  const pages = html.split('<page ').slice(1);
  return pages.map((p, i) => {
    const words = [
      ...p.matchAll(
        /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g,
      ),
    ].map((m) => ({
      x0: Number(m[1]),
      y0: Number(m[2]),
      x1: Number(m[3]),
      y1: Number(m[4]),
      text: m[5]!
        .replace(/&amp;/g, '&')
        .replace(/&apos;/g, "'")
        .replace(/&quot;/g, '"'),
    }));
    const text = execFileSync(
      'pdftotext',
      ['-layout', '-f', String(i + 1), '-l', String(i + 1), pdf, '-'],
      { encoding: 'utf8' },
    );
    // The footer sits in the bottom margin (24 mm = 68 pt) of an A4 page (841.89 pt).
    return {
      words: words.filter((w) => w.y0 < 841.89 - 68),
      footer: words
        .filter((w) => w.y0 >= 841.89 - 68)
        .map((w) => w.text)
        .join(' '),
      text,
    };
  });
}

/** The words of a column (left or right half of the page), top to bottom, as lines of text. */
function columnLines(words: Word[], right: boolean): { y1: number; text: string }[] {
  const mid = 595.28 / 2;
  const col = words.filter((w) => w.x0 >= mid === right).sort((a, b) => a.y0 - b.y0 || a.x0 - b.x0);
  const lines: { y0: number; y1: number; text: string }[] = [];
  for (const w of col) {
    const last = lines.at(-1);
    if (last && Math.abs(last.y0 - w.y0) < 3) {
      last.text += ` ${w.text}`;
      last.y1 = Math.max(last.y1, w.y1);
    } else lines.push({ y0: w.y0, y1: w.y1, text: w.text });
  }
  return lines;
}

describe.runIf(available || process.env.CI)('the print edition (PDF)', () => {
  let t: ReturnType<typeof tempLetter>;
  beforeEach(() => {
    t = tempLetter();
  });
  afterEach(() => t.cleanup());
  const pdf = () => path.join(t.dir, 'out/time-to-act/time-to-act.pdf');

  /** The example letter grown to `total` signatures, spread over its groups; returns name -> group name, in no order. */
  function grow(total: number): Map<string, string> {
    const groups = new Map<string, string>();
    const existing = readdirSync(path.join(t.letterDir, 'signatures'));
    for (let i = existing.length; i < total; i++) {
      const [id, name] = GROUPS[i % GROUPS.length]!;
      // Names that are no part of one another, of any script.
      const special = ['محمد الخطيب', '王小明', 'Zoë Ångström-Øberg'];
      const person =
        i - existing.length < special.length
          ? special[i - existing.length]!
          : `Tester Number${String(i).padStart(3, '0')}`;
      writeFileSync(
        path.join(t.letterDir, 'signatures', `signer-${String(i).padStart(3, '0')}.yaml`),
        verifiedSignatureYaml({
          name: person,
          role: `Member of the test panel ${i}`,
          organisation: `Example Organisation ${i % 7}`,
          country: ['FR', 'KE', 'BR', 'JP', 'DE'][i % 5]!,
          group: id,
        }),
      );
      groups.set(person, name);
    }
    return groups;
  }

  for (const total of [17, 93]) {
    it(`prints ${total} signatures with no stranded entry and every group heading repeated`, async () => {
      const added = grow(total);
      const r = await letter(t.dir, ['render', L, '--format', 'pdf'], { LETTER_NOW: NOW });
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      const pages = pagesOf(pdf());
      const all = pages.map((p) => p.text).join('\f');
      // Every signatory exactly once (the example's twelve and those added).
      for (const name of [...added.keys(), 'Mikhail Gorbachev', 'Brad Smith', 'Desmond Tutu'])
        expect(all.split(name).length - 1, name).toBe(1);
      pages.forEach((p, i) => {
        expect(p.footer).toBe(`Page ${i + 1} of ${pages.length}`);
        const lines = [...columnLines(p.words, false), ...columnLines(p.words, true)];
        const left = columnLines(p.words, false);
        const right = columnLines(p.words, true);
        // No column ends with a group heading (headings are set in capitals).
        for (const col of [left, right]) {
          const lastLine = col.at(-1)?.text ?? '';
          expect(lastLine === lastLine.toUpperCase() && /[A-Z]{3}/.test(lastLine), lastLine).toBe(
            false,
          );
        }
        // A page is left only when full: on every page but the last, the right column ends
        // less than a heading and an entry (60 pt) above the bottom margin (773.9 pt).
        if (i < pages.length - 1)
          expect(right.at(-1)!.y1, `page ${i + 1}`).toBeGreaterThan(773.9 - 60);
        // A page that opens inside a group opens with "<GROUP> (continued)".
        if (i > 0) {
          const first = lines.find((l) => added.has(l.text) || /^[A-Z][a-z]+ [A-Z]/.test(l.text));
          const group = first && added.get(first.text);
          const top = left.map((l) => l.text).join(' ');
          if (group && !top.startsWith(group.toUpperCase()))
            expect(top.startsWith(`${group.toUpperCase()} (continued)`), top.slice(0, 80)).toBe(
              true,
            );
        }
      });
      // A group that crosses a page is what this test is about.
      expect(all).toContain('(continued)');
    });
  }

  it('typeset in parts and joined, gives the pages of one run, numbered of the whole', async () => {
    grow(260);
    const text = async (env: Record<string, string>) => {
      const r = await letter(t.dir, ['render', L, '--format', 'pdf'], { LETTER_NOW: NOW, ...env });
      expect(r.code).toBe(0);
      return execFileSync('pdftotext', ['-layout', pdf(), '-'], { encoding: 'utf8' });
    };
    const whole = await text({});
    // 260 rows, 100 a part: three runs, each but the last giving up its last page.
    const parts = await text({ LETTER_PDF_PART_ROWS: '100' });
    expect(parts).toBe(whole);
    expect(whole).toContain('Page 7 of 7');
    const info = execFileSync('pdfinfo', [pdf()], { encoding: 'utf8' });
    expect(info).toMatch(/CreationDate:\s+Wed Dec {2}2 21:47:13 2026 UTC/);
    expect(info).toMatch(/Title:\s+The Time to Act is Now/);
  });

  it('prints names as text: Typst markup in a name runs nothing', async () => {
    grow(13);
    const file = path.join(t.letterDir, 'signatures', 'signer-012.yaml');
    const hostile = '#panic("pwned") ] #include "/etc/passwd" $x$ *b* <l> @ref';
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^name: .*$/m, `name: '${hostile}'`));
    const r = await letter(t.dir, ['render', L, '--format', 'pdf'], { LETTER_NOW: NOW });
    expect(r.code).toBe(0);
    // A long name may wrap onto a second line.
    const text = execFileSync('pdftotext', [pdf(), '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain(hostile);
    expect(text).not.toContain('root:x:0');
  });

  it('prints a 3-signature letter on one page, dated when it was made', async () => {
    const dir = path.join(t.letterDir, 'signatures');
    for (const f of readdirSync(dir).slice(3)) rmSync(path.join(dir, f));
    const r = await letter(t.dir, ['render', L, '--format', 'pdf'], { LETTER_NOW: NOW });
    expect(r.code).toBe(0);
    const info = execFileSync('pdfinfo', [pdf()], { encoding: 'utf8' });
    expect(info).toMatch(/Pages:\s+1\n/);
    expect(info).toMatch(/CreationDate:\s+Wed Dec {2}2 21:47:13 2026 UTC/);
    expect(info).toMatch(/ModDate:\s+Wed Dec {2}2 21:47:13 2026 UTC/);
    const text = execFileSync('pdftotext', ['-layout', pdf(), '-'], { encoding: 'utf8' });
    // The header date is never wrapped, and follows the letter's locale (en-GB).
    expect(text).toContain('Opened 26 May 2020');
    expect(text).toContain('Page 1 of 1');
  });

  it("dates the print edition in the letter's locale: en-US", async () => {
    const yaml = path.join(t.letterDir, 'letter.yaml');
    writeFileSync(yaml, readFileSync(yaml, 'utf8').replace(/^locale: en-GB$/m, 'locale: en-US'));
    const r = await letter(t.dir, ['render', L, '--format', 'pdf'], { LETTER_NOW: NOW });
    expect(r.code).toBe(0);
    const text = execFileSync('pdftotext', ['-layout', pdf(), '-'], { encoding: 'utf8' });
    expect(text).toContain('Opened May 26, 2020');
  });

  it('takes SOURCE_DATE_EPOCH over the clock, and gives the same bytes for the same input', async () => {
    const env = { LETTER_NOW: NOW, SOURCE_DATE_EPOCH: '1590483600' };
    expect((await letter(t.dir, ['render', L, '--format', 'pdf'], env)).code).toBe(0);
    const info = execFileSync('pdfinfo', [pdf()], { encoding: 'utf8' });
    expect(info).toMatch(/CreationDate:\s+Tue May 26 09:00:00 2020 UTC/);
    const first = execFileSync('sha256sum', [pdf()], { encoding: 'utf8' });
    expect((await letter(t.dir, ['render', L, '--format', 'pdf'], env)).code).toBe(0);
    expect(execFileSync('sha256sum', [pdf()], { encoding: 'utf8' })).toBe(first);
  });

  it('says clearly when the PDF engine does not finish, and writes nothing', async () => {
    const r = await letter(t.dir, ['render', L, '--format', 'pdf'], { LETTER_PDF_TIMEOUT: '0.05' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('The PDF engine (Typst) did not finish in 0.05 s and was stopped.');
    expect(r.stderr).toContain('LETTER_PDF_TIMEOUT');
    expect(r.stderr).not.toContain('internal error');
    expect(existsSync(pdf())).toBe(false);
  });
});

describe.runIf((available && existsSync('/usr/bin/chromium')) || process.env.CI)(
  "a letter's own print template",
  () => {
    it('is still printed by Chromium, dated when it was made', async () => {
      const t = tempLetter();
      try {
        const own = path.join(t.letterDir, 'templates');
        mkdirSync(own);
        writeFileSync(
          path.join(own, 'letter.print.html.hbs'),
          '<!doctype html><html><body><h1>{{title}}</h1><p>Our own print template</p></body></html>\n',
        );
        const r = await letter(t.dir, ['render', L, '--format', 'pdf'], { LETTER_NOW: NOW });
        expect(r.code).toBe(0);
        const out = path.join(t.dir, 'out/time-to-act/time-to-act.pdf');
        const text = execFileSync('pdftotext', [out, '-'], { encoding: 'utf8' });
        expect(text).toContain('Our own print template');
        const info = execFileSync('pdfinfo', [out], { encoding: 'utf8' });
        expect(info).toMatch(/Creator:\s+Mozilla/);
        expect(info).toMatch(/CreationDate:\s+Wed Dec {2}2 21:47:13 2026 UTC/);
      } finally {
        t.cleanup();
      }
    });
  },
);
