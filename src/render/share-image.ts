/**
 * The share image (`letter render --share-image`): the card of share-card.ts photographed at
 * 1200×630 by the headless Chromium that prints PDFs, with no script and no network.
 * Imported only when the image is asked for.
 */
import { EnvironmentError } from '../errors.js';
import { findChromium } from '../storage/chromium.js';
import { PRINT_ARGS } from './pdf.js';
import { PRINT_CSP } from './search-script.js';
import { SHARE_IMAGE_SIZE } from './share.js';

const CARD_URL = 'https://card.letter.invalid/';

/**
 * The PNG of `html` at `SHARE_IMAGE_SIZE`.
 * @throws EnvironmentError when Chromium or playwright-core is missing or does not start.
 */
export async function shareImagePng(
  html: string,
  env: Record<string, string | undefined>,
): Promise<Buffer> {
  const executablePath = findChromium(env);
  let chromium: typeof import('playwright-core').chromium;
  try {
    ({ chromium } = await import('playwright-core'));
  } catch {
    throw new EnvironmentError(
      'A share image needs the playwright-core package, which is not installed.',
      'Run: npm install playwright-core',
    );
  }
  let browser: import('playwright-core').Browser;
  try {
    browser = await chromium.launch({ executablePath, args: PRINT_ARGS, timeout: 30_000 });
  } catch (e) {
    throw new EnvironmentError(
      `Chromium at ${executablePath} did not start: ${((e as Error).message.split('\n')[0] ?? '').replace(/^browserType\.launch: /, '')}`,
      'Check the browser (run it with --version), or point LETTER_CHROMIUM at a working Chrome or Chromium.',
    );
  }
  try {
    const context = await browser.newContext({
      javaScriptEnabled: false,
      serviceWorkers: 'block',
      viewport: { ...SHARE_IMAGE_SIZE },
      deviceScaleFactor: 1,
    });
    const page = await context.newPage();
    await page.route('**/*', (route) =>
      route.request().url() === CARD_URL && route.request().isNavigationRequest()
        ? route.fulfill({
            status: 200,
            contentType: 'text/html; charset=utf-8',
            headers: { 'Content-Security-Policy': PRINT_CSP },
            body: html,
          })
        : route.abort(),
    );
    await page.goto(CARD_URL, { waitUntil: 'load', timeout: 60_000 });
    const png = await page.screenshot({ type: 'png', animations: 'disabled' });
    await context.close();
    return png;
  } finally {
    await browser.close();
  }
}
