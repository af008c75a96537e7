import { describe, expect, it } from 'vitest';
import { countBadge, countJson } from '../../src/render/count-files.js';

const source = {
  slug: 'time-to-act',
  title: 'The Time to Act is Now',
  url: 'https://example.org/time-to-act/',
  count: 17,
  groups: [
    { id: 'international-organisations', count: 4 },
    { id: 'other', count: 13 },
  ],
  updated: '2026-06-01T09:00:00Z',
  embargoed: false,
  until: null,
};

describe('countJson', () => {
  it('gives the count, by group in display order, and when the letter last changed', () => {
    expect(countJson(source)).toBe(`{
  "letter": "time-to-act",
  "title": "The Time to Act is Now",
  "url": "https://example.org/time-to-act/",
  "embargoed": false,
  "until": null,
  "count": 17,
  "groups": {
    "international-organisations": 4,
    "other": 13
  },
  "updated": "2026-06-01T09:00:00Z"
}
`);
  });
  it('gives no number before the embargo', () => {
    expect(
      JSON.parse(countJson({ ...source, embargoed: true, until: '2026-12-01T09:00:00Z' })),
    ).toEqual({
      letter: 'time-to-act',
      title: 'The Time to Act is Now',
      url: 'https://example.org/time-to-act/',
      embargoed: true,
      until: '2026-12-01T09:00:00Z',
      count: null,
      groups: null,
      updated: null,
    });
  });
});

describe('countBadge', () => {
  it('is a flat badge, accessible, its texts escaped for XML', () => {
    expect(
      countBadge('signatures', '1,234'),
    ).toBe(`<svg xmlns="http://www.w3.org/2000/svg" width="123" height="20" role="img" aria-label="signatures: 1,234">
<title>signatures: 1,234</title>
<linearGradient id="s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/></linearGradient>
<clipPath id="r"><rect width="123" height="20" rx="3" fill="#fff"/></clipPath>
<g clip-path="url(#r)"><rect width="79" height="20" fill="#555"/><rect x="79" width="44" height="20" fill="#0b4f8a"/><rect width="123" height="20" fill="url(#s)"/></g>
<g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" font-size="11" aria-hidden="true">
<text x="39.5" y="15" fill="#010101" fill-opacity=".3">signatures</text><text x="39.5" y="14">signatures</text>
<text x="101" y="15" fill="#010101" fill-opacity=".3">1,234</text><text x="101" y="14">1,234</text>
</g></svg>
`);
    const hostile = countBadge('<a&"b">', 'embargoed', true);
    expect(hostile).toContain('aria-label="&lt;a&amp;&quot;b&quot;&gt;: embargoed"');
    expect(hostile).not.toContain('<a&');
    expect(hostile).toContain('fill="#8a1111"');
  });
});
