import { describe, expect, it } from 'vitest';
import type { Signature } from '../../src/letter/schema.js';
import { atomFeed, FEED_LIMIT, tagAuthority } from '../../src/render/feed.js';
import { letter, sig } from '../helpers/fixtures.js';

const ada = sig('ada-lovelace', 'Ada Lovelace', {
  role: 'Analyst',
  signed_at: '2020-05-27T10:00:00Z',
});
const zeid = sig('zeid', "Zeid Ra'ad <Al> Hussein & co", { signed_at: '2020-05-26T09:00:00Z' });
const withText = {
  ...letter,
  url: 'https://example.org/time-to-act/',
  revisions: [
    { text: 'sha256:0123456789ab', at: '2020-05-28T08:00:00Z', reason: 'Typo in point 2.' },
  ],
};
const base = {
  letter: withText,
  signatures: [zeid, ada],
  detail: (s: Signature) => s.role ?? null,
  versionNames: new Map([['sha256:0123456789ab', 'v2']]),
  updated: '2020-05-28T08:00:00Z',
  embargoed: false,
  notice: null,
  file: 'time-to-act.atom',
};

describe('atomFeed', () => {
  it('lists signatures and revisions newest first, with stable tag: ids, escaped', () => {
    expect(atomFeed(base)).toBe(`<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
  <id>tag:example.org,2020-05-26:time-to-act/feed</id>
  <title>The Time to Act is Now: new signatures and changes to the text</title>
  <updated>2020-05-28T08:00:00Z</updated>
  <author><name>CyberPeace Institute</name></author>
  <link rel="alternate" type="text/html" href="https://example.org/time-to-act/"/>
  <link rel="self" type="application/atom+xml" href="https://example.org/time-to-act/time-to-act.atom"/>
  <generator>letter</generator>
  <entry>
    <id>tag:example.org,2020-05-28:time-to-act/text/0123456789ab</id>
    <title>The text was revised (v2)</title>
    <updated>2020-05-28T08:00:00Z</updated>
    <link rel="alternate" type="text/html" href="https://example.org/time-to-act/"/>
    <content type="text">Typo in point 2.</content>
  </entry>
  <entry>
    <id>tag:example.org,2020-05-27:time-to-act/signatures/ada-lovelace</id>
    <title>Ada Lovelace signed</title>
    <updated>2020-05-27T10:00:00Z</updated>
    <link rel="alternate" type="text/html" href="https://example.org/time-to-act/#s-ada-lovelace"/>
    <content type="text">Analyst</content>
  </entry>
  <entry>
    <id>tag:example.org,2020-05-26:time-to-act/signatures/zeid</id>
    <title>Zeid Ra'ad &lt;Al&gt; Hussein &amp; co signed</title>
    <updated>2020-05-26T09:00:00Z</updated>
    <link rel="alternate" type="text/html" href="https://example.org/time-to-act/#s-zeid"/>
  </entry>
</feed>
`);
  });

  it(`holds the latest ${FEED_LIMIT} entries, and an entry keeps its id as the letter grows`, () => {
    const many = Array.from({ length: 60 }, (_, i) =>
      sig(`p-${String(i).padStart(2, '0')}`, `P ${i}`, {
        signed_at: `2020-06-${String(1 + (i % 28)).padStart(2, '0')}T00:00:00Z`,
      }),
    );
    const feed = atomFeed({ ...base, signatures: many, letter: letter });
    const ids = [...feed.matchAll(/<entry>\n {4}<id>([^<]+)</g)].map((m) => m[1]);
    expect(ids).toHaveLength(FEED_LIMIT);
    expect(ids[0]).toBe('tag:letter.invalid,2020-06-28:time-to-act/signatures/p-27');
    expect(atomFeed({ ...base, signatures: [ada] })).toContain(
      '<id>tag:example.org,2020-05-27:time-to-act/signatures/ada-lovelace</id>',
    );
  });

  it('has no entry before the embargo, and says why', () => {
    const feed = atomFeed({
      ...base,
      embargoed: true,
      notice: 'EMBARGOED PREVIEW: not for publication before 1 June 2026, 09:00 UTC',
    });
    expect(feed).not.toContain('<entry>');
    expect(feed).not.toContain('Ada');
    expect(feed).toContain(
      '<subtitle>EMBARGOED PREVIEW: not for publication before 1 June 2026, 09:00 UTC</subtitle>',
    );
    expect(feed).toContain('<updated>2020-05-26T00:00:00Z</updated>');
  });

  it('is updated when the letter last changed (a verification after the newest entry), as count.json and the page', () => {
    const feed = atomFeed({ ...base, updated: '2020-06-10T08:30:00Z' });
    expect(feed.split('<entry>')[0]).toContain('  <updated>2020-06-10T08:30:00Z</updated>\n');
    expect(atomFeed({ ...base, updated: null }).split('<entry>')[0]).toContain(
      '  <updated>2020-05-28T08:00:00Z</updated>\n',
    );
  });
});

describe('tagAuthority', () => {
  it('is the host of the page, else of the sign link, else of an organiser', () => {
    expect(tagAuthority(withText)).toBe('example.org');
    expect(tagAuthority({ ...letter, sign_url: 'https://github.com/o/r/issues/new' })).toBe(
      'github.com',
    );
    expect(
      tagAuthority({ ...letter, organisers: [{ name: 'A' }, { name: 'B', url: 'https://b.org' }] }),
    ).toBe('b.org');
    expect(tagAuthority(letter)).toBe('letter.invalid');
  });
});
