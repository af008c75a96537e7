/**
 * Printing the print-ready HTML to PDF with a headless Chromium found on the machine
 * (Debian's `chromium`, or the binary named by LETTER_CHROMIUM), driven by playwright-core,
 * which never downloads a browser. Imported only when a PDF is asked for.
 */
import { existsSync } from 'node:fs';
import { EnvironmentError } from '../errors.js';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/snap/bin/chromium'];

/** The Chromium to use. @throws EnvironmentError (exit 2) saying how to install one when none is found. */
export function findChromium(env: Record<string, string | undefined>): string {
  const named = env.LETTER_CHROMIUM;
  if (named) {
    if (existsSync(named)) return named;
    throw new EnvironmentError(`LETTER_CHROMIUM names ${named}, which does not exist.`);
  }
  const found = CANDIDATES.find((p) => existsSync(p));
  if (found) return found;
  throw new EnvironmentError(
    'A PDF needs Chromium, and none was found.',
    'Install it (Debian/Ubuntu: sudo apt-get install chromium), or set LETTER_CHROMIUM to a Chrome or Chromium binary.',
  );
}

/** Flags for a headless Chromium that stays off the network and needs no sandbox setup. */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

/**
 * Prints each HTML document to PDF (A4 and margins from its @page rules).
 * Chromium stamps the time of printing into the file; the stamps are set to `date` (ISO
 * 8601) so that the same letter gives the same bytes.
 * @throws EnvironmentError when Chromium or playwright-core is missing.
 */
export async function printPdfs(htmls: readonly string[], env: Record<string, string | undefined>, date: string): Promise<Buffer[]> {
  const executablePath = findChromium(env);
  let chromium: typeof import('playwright-core').chromium;
  try {
    ({ chromium } = await import('playwright-core'));
  } catch {
    throw new EnvironmentError('A PDF needs the playwright-core package, which is not installed.', 'Run: npm install playwright-core');
  }
  let browser: import('playwright-core').Browser;
  try {
    browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS, timeout: 30_000 });
  } catch (e) {
    throw new EnvironmentError(`Chromium at ${executablePath} did not start: ${((e as Error).message.split('\n')[0] ?? '').replace(/^browserType\.launch: /, '')}`, 'Check the browser (run it with --version), or point LETTER_CHROMIUM at a working Chrome or Chromium.');
  }
  try {
    const pdfs: Buffer[] = [];
    for (const html of htmls) {
      const page = await browser.newPage();
      // A print must not reach the network, whatever a custom template asks for.
      await page.route(/^(?!data:|about:)/, (route) => route.abort());
      await page.setContent(html, { waitUntil: 'load', timeout: 60_000 });
      pdfs.push(fixDates(await page.pdf({ preferCSSPageSize: true, printBackground: true, tagged: true, outline: true }), date));
      await page.close();
    }
    return pdfs;
  } finally {
    await browser.close();
  }
}

/** Replaces the PDF date stamps (D:YYYYMMDDHHmmSS...) by `date`, keeping every byte offset. */
function fixDates(pdf: Buffer, date: string): Buffer {
  const stamp = `D:${date.replace(/[-:T]/g, '').slice(0, 14).padEnd(14, '0')}`;
  const text = pdf.toString('latin1').replace(/D:\d{14}[^)]*/g, (m) => (stamp + "+00'00'").padEnd(m.length, ' ').slice(0, m.length));
  return Buffer.from(text, 'latin1');
}
