/** The Chromium binary that prints PDFs (render/pdf.ts), found on the machine. */
import { existsSync } from 'node:fs';
import { EnvironmentError } from '../errors.js';

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
];

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
