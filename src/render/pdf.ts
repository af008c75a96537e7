/**
 * Printing a letter's own print template (HTML) to PDF with a headless Chromium found on the machine
 * (Debian's `chromium`, or the binary named by LETTER_CHROMIUM), driven by playwright-core,
 * which never downloads a browser. Imported only when a PDF is asked for.
 */

import { EnvironmentError } from '../errors.js';
import { launchChromium, loadOnly } from './headless.js';
import { PRINT_CSP } from './search-script.js';

/** Flags for a headless Chromium that needs no sandbox setup and stays off the network. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/**
 * Flags for printing only: every connection the page's own requests do not cover (a
 * WebSocket, a beacon) goes to a proxy that does not exist, loopback included, and WebRTC
 * may send no UDP outside a proxy.
 */
export const PRINT_ARGS = [
  ...CHROMIUM_ARGS,
  '--proxy-server=http://127.0.0.1:9',
  '--proxy-bypass-list=<-loopback>',
  '--force-webrtc-ip-handling-policy=disable_non_proxied_udp',
  '--webrtc-ip-handling-policy=disable_non_proxied_udp',
];

/** The address the print version is served at inside the browser; it never reaches a network. */
const PRINT_URL = 'https://print.letter.invalid/';

/**
 * Prints each HTML document to PDF (A4 and margins from its @page rules).
 * Chromium stamps the time of printing into the file; the stamps are set to `date` (ISO
 * 8601) so that the same letter gives the same bytes.
 * `failure` words the error when Chromium cannot print: what it was printing, and the next step.
 * @throws EnvironmentError when Chromium or playwright-core is missing, or Chromium fails to print.
 */
export async function printPdfs(
  htmls: readonly string[],
  env: Record<string, string | undefined>,
  date: string,
  failure: { what: string; next: string },
): Promise<Buffer[]> {
  const browser = await launchChromium(env, PRINT_ARGS, 'A PDF');
  try {
    const pdfs: Buffer[] = [];
    // A print must not reach the network, whatever a custom template asks for: no script
    // runs at all (so no WebSocket, WebRTC or beacon), the page is served with the print
    // Content-Security-Policy as a header, and every other request is refused.
    const context = await browser.newContext({ javaScriptEnabled: false, serviceWorkers: 'block' });
    for (const html of htmls) {
      const page = await context.newPage();
      await loadOnly(page, PRINT_URL, html, PRINT_CSP);
      pdfs.push(
        fixDates(
          await page.pdf({
            preferCSSPageSize: true,
            printBackground: true,
            tagged: true,
            outline: true,
          }),
          date,
        ),
      );
      await page.close();
    }
    await context.close();
    return pdfs;
  } catch (e) {
    if (e instanceof EnvironmentError) throw e;
    // A page too long to print (Chromium's renderer runs out of memory or time) is no bug of letter's.
    throw new EnvironmentError(
      `Chromium could not print ${failure.what}: ${((e as Error).message ?? String(e)).split('\n')[0]}`,
      failure.next,
    );
  } finally {
    await browser.close();
  }
}

/** Replaces the PDF date stamps (D:YYYYMMDDHHmmSS...) by `date`, keeping every byte offset. */
function fixDates(pdf: Buffer, date: string): Buffer {
  const stamp = `D:${date.replace(/[-:T]/g, '').slice(0, 14).padEnd(14, '0')}`;
  const text = pdf
    .toString('latin1')
    .replace(/D:\d{14}[^)]*/g, (m) => `${stamp}+00'00'`.padEnd(m.length, ' ').slice(0, m.length));
  return Buffer.from(text, 'latin1');
}
