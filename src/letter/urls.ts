/**
 * Web addresses in their normal form, as the WHATWG URL Standard serialises them: scheme and
 * host in lower case, an international domain name in its ASCII (Punycode) form, default
 * ports dropped, spaces and other characters outside a URL percent-encoded. A letter stores
 * its links so: the address a reviewer reads in a pull request is the one a reader's
 * browser goes to (`https://exаmple.org` with a Cyrillic "а" reads `https://xn--exmple-4nf.org`).
 */

/** Characters a link must not hold (see the schema's web address rule). */
const UNSAFE = /[\u0000-\u0020\u007f-\u009f\u202a-\u202e\u2066-\u2069\u200e\u200f]/;

/**
 * The normal form of an http(s) address. An address
 * with an empty path keeps it empty: `https://example.org` stays as typed, `https://Example.ORG/`
 * becomes `https://example.org/`. Text that is not an absolute URL, or that holds what the URL
 * parser would silently drop or encode (controls, spaces, bidi marks), comes back
 * as it is, for the schema to refuse.
 */
export function normaliseUrl(url: string): string {
  if (UNSAFE.test(url)) return url;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return url;
  }
  const href = u.href;
  return u.pathname === '/' && u.search === '' && u.hash === '' && !url.endsWith('/')
    ? href.slice(0, -1)
    : href;
}

/** True when `url` is in its normal form (see `normaliseUrl`). */
export function isNormalUrl(url: string): boolean {
  return normaliseUrl(url) === url;
}
