/**
 * A headless Chromium for what `letter` prints or photographs (the PDF, the share image):
 * found on the machine, driven by playwright-core (never downloaded), with a page that
 * sees one document and no network. Imported only when one is needed.
 */
import type { Browser, Page } from 'playwright-core';
import { EnvironmentError } from '../errors.js';
import { findChromium } from '../storage/chromium.js';

/**
 * A Chromium started with `args`; `what` names what it is for in errors ("A PDF").
 * @throws EnvironmentError when Chromium or playwright-core is missing or does not start.
 */
export async function launchChromium(
  env: Record<string, string | undefined>,
  args: readonly string[],
  what: string,
): Promise<Browser> {
  const executablePath = findChromium(env, what);
  let chromium: typeof import('playwright-core').chromium;
  try {
    ({ chromium } = await import('playwright-core'));
  } catch {
    throw new EnvironmentError(
      `${what} needs the playwright-core package, which is not installed.`,
      'Run: npm install playwright-core',
    );
  }
  try {
    return await chromium.launch({ executablePath, args: [...args], timeout: 30_000 });
  } catch (e) {
    throw new EnvironmentError(
      `Chromium at ${executablePath} did not start: ${((e as Error).message.split('\n')[0] ?? '').replace(/^browserType\.launch: /, '')}`,
      'Check the browser (run it with --version), or point LETTER_CHROMIUM at a working Chrome or Chromium.',
    );
  }
}

/**
 * Serves `html` to `page` at `url` with `csp` as its Content-Security-Policy header, refuses
 * every other request, and loads it.
 */
export async function loadOnly(page: Page, url: string, html: string, csp: string): Promise<void> {
  await page.route('**/*', (route) =>
    route.request().url() === url && route.request().isNavigationRequest()
      ? route.fulfill({
          status: 200,
          contentType: 'text/html; charset=utf-8',
          headers: { 'Content-Security-Policy': csp },
          body: html,
        })
      : route.abort(),
  );
  await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
}
