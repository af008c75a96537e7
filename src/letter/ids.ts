/**
 * The form of signature ids and letter slugs, apart from the schema so that code which
 * only needs the form (listing files) loads no validation library.
 */

/** A signature id, which is also its file name: lower-case ASCII words joined by hyphens. */
export const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * Ids that Windows reserves as device names, with any extension ("con.yaml", "nul.yaml"):
 * a file so named cannot be checked out on Windows, so no signature may have one.
 */
export const RESERVED_ID_PATTERN = /^(?:con|prn|aux|nul|com[0-9]|lpt[0-9])$/;

/**
 * Ids of erasure records (`signatures/erased-<hash>.yaml`) start with this; no signature id
 * does (`idForName` puts "s-" before a name's id that would).
 */
export const ERASED_PREFIX = 'erased-';

/** Whether `id` names an erasure record rather than a signature: `erased-0123456789ab` → true. */
export function isErasedId(id: string): boolean {
  return id.startsWith(ERASED_PREFIX);
}
