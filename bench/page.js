// The rendered page at scale: its weight (bytes, and gzip bytes as a web server would send
// it) and the time of a search keystroke in headless Chromium (playwright-core driving
// Debian's chromium), from the input event to the next frame drawn with the list filtered.
// Used by bench/run.js; run alone as `node bench/page.js <page.html>`.
import { existsSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const CHROMIUM = process.env.LETTER_CHROMIUM ?? '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'];

/** Bytes of the page, and gzip bytes (level 6, as servers default to). */
export function pageWeight(file) {
  const bytes = readFileSync(file);
  return { bytes: bytes.length, gzip: gzipSync(bytes, { level: 6 }).length };
}

/**
 * Loads the page at 1280 wide and types "mar" into the search box one key at a time, then
 * clears it; returns the load time and, for each keystroke, ms from the input event to the
 * frame after the list was filtered (the slowest is what a reader feels), or null without Chromium.
 */
export async function searchTimes(file) {
  if (!existsSync(CHROMIUM)) return null;
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const started = Date.now();
    await page.goto(`file://${file}`, { waitUntil: 'load', timeout: 600_000 });
    const load = Date.now() - started;
    const keystrokes = [];
    for (const value of ['m', 'ma', 'mar', '']) {
      keystrokes.push(
        await page.evaluate(
          (v) =>
            new Promise((done) => {
              const input = document.getElementById('signatory-search');
              const status = document.getElementById('search-status');
              const before = status.textContent;
              const t0 = performance.now();
              input.value = v;
              input.dispatchEvent(new Event('input'));
              // Until the status says the new count (a debounced search answers later), then one frame.
              const wait = () =>
                status.textContent !== before
                  ? requestAnimationFrame(() => setTimeout(() => done(performance.now() - t0), 0))
                  : setTimeout(wait, 1);
              wait();
            }),
          value,
        ),
      );
    }
    return { load, keystrokes };
  } finally {
    await browser.close();
  }
}

if (process.argv[1] && import.meta.url === `file://${process.argv[1]}`) {
  const file = process.argv[2];
  console.log(JSON.stringify({ ...pageWeight(file), ...(await searchTimes(file)) }));
}
