/** Versions of a letter's text, so that signatures and translations can say which text they saw. */
import { createHash } from 'node:crypto';
import { stripBom, toLf } from './text.js';

/**
 * The version of a letter's text: `sha256:` and the first 12 hex digits of the SHA-256 of
 * the body with line endings and trailing space normalised, so that re-saving a file on
 * another system does not make a new version.
 */
export function textVersion(body: string): string {
  // The look-behind lets a match start only where a run of spaces starts: a long run is read once, not once per space.
  const normal = toLf(stripBom(body))
    .replace(/(?<![ \t])[ \t]+$/gm, '')
    .trim();
  return `sha256:${createHash('sha256').update(normal).digest('hex').slice(0, 12)}`;
}
