/** The Chromium binary that prints a letter's own print template, the press kit and the share image (render/headless.ts), found on the machine. */
import { existsSync } from 'node:fs';
import { EnvironmentError } from '../errors.js';

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
];

/**
 * The Chromium to use; `what` names what needs it in the error ("A PDF", "The share image").
 * @throws EnvironmentError (exit 2) saying how to install one when none is found.
 */
export function findChromium(env: Record<string, string | undefined>, what = 'A PDF'): string {
  const named = env.LETTER_CHROMIUM;
  if (named) {
    if (existsSync(named)) return named;
    throw new EnvironmentError(`LETTER_CHROMIUM names ${named}, which does not exist.`);
  }
  const found = CANDIDATES.find((p) => existsSync(p));
  if (found) return found;
  throw new EnvironmentError(
    `${what} needs Chromium, and none was found.`,
    'Install it (Debian/Ubuntu: sudo apt-get install chromium), or set LETTER_CHROMIUM to a Chrome or Chromium binary.',
  );
}
