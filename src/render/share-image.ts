/**
 * The share image (`letter render --share-image`): the card of share-card.ts photographed at
 * 1200×630 by the headless Chromium that prints PDFs, with no script and no network.
 * Imported only when the image is asked for.
 */
import { launchChromium, loadOnly } from './headless.js';
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
  const browser = await launchChromium(env, PRINT_ARGS, 'A share image');
  try {
    const context = await browser.newContext({
      javaScriptEnabled: false,
      serviceWorkers: 'block',
      viewport: { ...SHARE_IMAGE_SIZE },
      deviceScaleFactor: 1,
    });
    const page = await context.newPage();
    await loadOnly(page, CARD_URL, html, PRINT_CSP);
    const png = await page.screenshot({ type: 'png', animations: 'disabled' });
    await context.close();
    return png;
  } finally {
    await browser.close();
  }
}
