import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS } from '../../src/render/pdf.js';
import { letter, tempLetter } from '../helpers/cli.js';

// CI installs Debian's chromium (.ci/run); there these tests always run.
const CHROMIUM = process.env.LETTER_CHROMIUM ?? '/usr/bin/chromium';
const L = 'letters/time-to-act';
/** Where the screenshots are kept, to be looked at. */
const SHOTS = path.join(tmpdir(), 'letter-page-shots');
const SIGNERS: [string, string, string][] = [
  ['2020-05-27T10:00:00Z', 'Ada Lovelace', 'GB'],
  ['2020-05-29T15:30:00Z', 'Grace Hopper', 'US'],
  ['2020-06-02T08:00:00Z', 'Alan Turing', 'GB'],
  ['2020-06-02T18:00:00Z', 'Katherine Johnson', 'US'],
  ['2020-07-15T12:00:00Z', 'Radia Perlman', 'US'],
];

describe.runIf(existsSync(CHROMIUM) || process.env.CI)('the page, in a real browser', () => {
  let browser: Browser;
  let t: ReturnType<typeof tempLetter>;
  const out = (f: string) => path.join(t.dir, 'out/time-to-act', f);
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    t = tempLetter();
    const yaml = path.join(t.letterDir, 'letter.yaml');
    writeFileSync(
      yaml,
      readFileSync(yaml, 'utf8').replace(
        'verification: required\n',
        'verification: optional\nsign_url: https://github.com/example/letters/issues/new?template=sign-time-to-act.yml\nurl: https://example.org/time-to-act/\n',
      ),
    );
    // Signatures on five more days: the chart has steps to draw.
    for (const [at, name, country] of SIGNERS) {
      const r = await letter(
        t.dir,
        ['sign', L, '--name', name, '--country', country, '--group', 'industry'],
        { LETTER_NOW: at },
      );
      expect(r.stderr).toBe('');
    }
    const r = await letter(t.dir, ['render', L, '--format', 'html'], {
      LETTER_NOW: '2020-08-01T00:00:00Z',
    });
    expect(r.code).toBe(0);
    mkdirSync(SHOTS, { recursive: true });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    t?.cleanup();
  });

  for (const [device, width, columns] of [
    ['phone', 390, 1],
    ['desktop', 1280, 4],
  ] as const)
    it(`at ${device} width (${width}): chart with caption, tags in the head, ${columns} column(s), the sign link`, async () => {
      const page = await browser.newPage({ viewport: { width, height: 900 } });
      await page.goto(`file://${out('time-to-act.html')}`);
      await page.screenshot({ path: path.join(SHOTS, `${device}.png`), fullPage: true });

      const chart = page.locator('figure.chart-figure svg.chart');
      await chart.scrollIntoViewIfNeeded();
      expect(await chart.isVisible()).toBe(true);
      expect((await chart.boundingBox())!.height).toBeGreaterThan(100);
      expect(await page.locator('figure.chart-figure path').getAttribute('d')).toMatch(
        /^M[\d.]+,[\d.]+(H[\d.]+V[\d.]+){5}H[\d.]+$/,
      );
      const caption = page.locator('figure.chart-figure figcaption');
      expect(await caption.isVisible()).toBe(true);
      expect(await caption.textContent()).toBe(
        'Published signatures counted day by day (UTC), from 26 May 2020 to 15 July 2020: 17 in all. Each step is a day on which people signed.',
      );

      const meta = (selector: string) => page.locator(`head ${selector}`).getAttribute('content');
      expect(await meta('meta[name="description"]')).toMatch(/^While health workers everywhere/);
      expect(await meta('meta[property="og:title"]')).toBe('The Time to Act is Now');
      expect(await meta('meta[property="og:description"]')).toMatch(/^While health workers/);
      expect(await meta('meta[property="og:type"]')).toBe('article');
      expect(await meta('meta[property="og:url"]')).toBe('https://example.org/time-to-act/');
      expect(await meta('meta[name="twitter:card"]')).toBe('summary');
      expect(
        await page
          .locator('head link[rel="alternate"][type="application/atom+xml"]')
          .getAttribute('href'),
      ).toBe('time-to-act.atom');
      expect(await page.locator('.updated time').textContent()).toBe('15 July 2020');

      // Columns: the distinct left edges of the first names of the longest group.
      const industry = page.locator('section.group:has(#group-industry) li.signatory');
      await industry.first().scrollIntoViewIfNeeded();
      const lefts = new Set<number>();
      for (const li of await industry.all()) lefts.add(Math.round((await li.boundingBox())!.x));
      expect(lefts.size).toBe(columns);
      const tracks = await page
        .locator('section.group ul')
        .first()
        .evaluate((ul) => getComputedStyle(ul).gridTemplateColumns);
      expect(tracks === 'none' ? 1 : tracks.split(' ').length).toBe(columns);

      const sign = page.getByRole('link', { name: 'Sign this letter' });
      await sign.scrollIntoViewIfNeeded();
      expect(await sign.isVisible()).toBe(true);
      expect(await sign.getAttribute('href')).toBe(
        'https://github.com/example/letters/issues/new?template=sign-time-to-act.yml',
      );
      await page.close();
    });

  it('--share-image makes a 1200x630 PNG that og:image names, the same bytes each time', async () => {
    const r = await letter(t.dir, ['render', L, '--format', 'html', '--share-image'], {
      LETTER_NOW: '2020-08-01T00:00:00Z',
    });
    expect(r.stdout).toContain('out/time-to-act/time-to-act.og.png');
    const png = readFileSync(out('time-to-act.og.png'));
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1200, 630]);
    const html = readFileSync(out('time-to-act.html'), 'utf8');
    expect(html).toContain(
      '<meta property="og:image" content="https://example.org/time-to-act/time-to-act.og.png">',
    );
    expect(html).toContain('<meta name="twitter:card" content="summary_large_image">');
    writeFileSync(path.join(SHOTS, 'og.png'), png);
    await letter(t.dir, ['render', L, '--format', 'html', '--share-image']);
    expect(readFileSync(out('time-to-act.og.png')).equals(png)).toBe(true);
    const md = await letter(t.dir, ['render', L, '--format', 'md', '--share-image']);
    expect(md).toEqual({
      code: 2,
      stdout: '',
      stderr: 'error: --share-image: goes with the page; add html to --format\n',
    });
  });

  it('count.json, the feed and the badge agree with list --json, in count and names', async () => {
    const list = JSON.parse((await letter(t.dir, ['list', L, '--json'])).stdout);
    const names: string[] = list.signatures.map((s: { name: string }) => s.name).sort();
    expect(names).toHaveLength(17);
    const count = JSON.parse(readFileSync(out('time-to-act.count.json'), 'utf8'));
    expect(count).toMatchObject({
      letter: 'time-to-act',
      embargoed: false,
      count: 17,
      updated: '2020-07-15T12:00:00Z',
    });
    expect(count.groups.industry).toBe(8);
    const feed = readFileSync(out('time-to-act.atom'), 'utf8');
    const entries = [...feed.matchAll(/<title>(.+) signed<\/title>\n {4}<updated>([^<]+)</g)];
    expect(entries.map((m) => m[1]).sort()).toEqual(names);
    expect(entries[0]![1]).toBe('Radia Perlman');
    const badge = readFileSync(out('time-to-act.badge.svg'), 'utf8');
    expect(badge).toContain('aria-label="signatures: 17"');
    const page = await browser.newPage();
    await page.goto(`file://${out('time-to-act.badge.svg')}`);
    expect(await page.getByRole('img', { name: 'signatures: 17' }).isVisible()).toBe(true);
    await page.screenshot({ path: path.join(SHOTS, 'badge.png') });
    await page.close();
  });
});
