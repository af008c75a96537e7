import { describe, expect, it } from 'vitest';
import { dayFormatter, displayLocale } from '../../src/render/display-dates.js';
import { lastUpdated, letterDescription } from '../../src/render/share.js';
import { shareCardHtml } from '../../src/render/share-card.js';
import { letter, sig } from '../helpers/fixtures.js';

describe('letterDescription', () => {
  const body = `To the governments of the world,

While health workers everywhere fight the **COVID-19** pandemic, the hospitals, laboratories
and public-health bodies they depend on are being attacked through [computer networks](https://x.org).

Second paragraph.`;
  it('is the first paragraph past the salutation, its marks removed', () => {
    expect(letterDescription(letter, body, true)).toBe(
      'While health workers everywhere fight the COVID-19 pandemic, the hospitals, laboratories and public-health bodies they depend on are being attacked through computer networks.',
    );
  });
  it('is cut after a whole sentence when long', () => {
    const long = `${'A sentence of some words. '.repeat(5)}${'And one long sentence that goes on '.repeat(4)}end.`;
    expect(letterDescription(letter, long, true)).toBe(
      'A sentence of some words. A sentence of some words. A sentence of some words. A sentence of some words. A sentence of some words.',
    );
  });
  it('is cut at a word with an ellipsis when long, without a sentence to end on', () => {
    const long = `${'word '.repeat(60)}end.`;
    const d = letterDescription(letter, long, true);
    expect(d).toBe(`${'word '.repeat(38)}word…`);
    expect(d.length).toBeLessThanOrEqual(200);
  });
  it("is letter.yaml's description in the letter's own language only", () => {
    const described = { ...letter, description: 'Stop cyberattacks on hospitals.' };
    expect(letterDescription(described, body, true)).toBe('Stop cyberattacks on hospitals.');
    expect(letterDescription(described, 'Un texte.', false)).toBe('Un texte.');
    expect(letterDescription(letter, '# Only a heading', true)).toBe('');
  });
});

describe('lastUpdated', () => {
  it('is the newest signing, verification, withdrawal, rejection or revision; not the clock', () => {
    const signed = sig('a', 'A', { signed_at: '2020-05-27T10:00:00Z' });
    const withdrawn = sig('b', 'B', {
      status: 'withdrawn',
      withdrawn: { at: '2020-06-03T08:00:00Z', reason: 'asked' },
    });
    expect(lastUpdated(letter, [])).toBe('2020-05-26T00:00:00Z');
    expect(lastUpdated(letter, [signed])).toBe('2020-05-27T10:00:00Z');
    expect(lastUpdated(letter, [signed, withdrawn])).toBe('2020-06-03T08:00:00Z');
    expect(
      lastUpdated(
        {
          ...letter,
          revisions: [{ text: 'sha256:0123456789ab', at: '2020-07-01T00:00:00Z', reason: 'x' }],
        },
        [signed, withdrawn],
      ),
    ).toBe('2020-07-01T00:00:00Z');
    expect(lastUpdated({ ...letter, opened: undefined }, [])).toBeNull();
  });
});

describe('dates in the locale', () => {
  it("writes the letter's own language in its locale, a translation in its language", () => {
    const gb = { language: 'en', locale: 'en-GB' };
    expect(displayLocale(gb, 'en')).toBe('en-GB');
    expect(displayLocale(gb, 'fr')).toBe('fr');
    expect(displayLocale({ language: 'en' }, 'en')).toBe('en');
    expect(dayFormatter('en-GB')('2020-05-26T09:00:00Z')).toBe('26 May 2020');
    expect(dayFormatter('en-US')('2020-05-26')).toBe('May 26, 2020');
    expect(dayFormatter('fr')('2020-05-26')).toBe('26 mai 2020');
  });
});

describe('shareCardHtml', () => {
  const view = {
    language: 'en',
    direction: 'ltr' as const,
    title: 'The <Time> to Act',
    addressee: 'the governments of the world',
    countText: 'Signed by 12 people',
    organisers: [{ name: 'CyberPeace & Co', url: null }],
    phrases: { openLetterTo: 'An open letter to', organisedBy: 'Organised by' },
    preview: null,
    printCspHtml: "default-src 'none'",
  };
  it('shows the title, addressee, count and organisers, escaped', () => {
    const html = shareCardHtml(view as Parameters<typeof shareCardHtml>[0]);
    expect(html).toContain('<h1>The &lt;Time&gt; to Act</h1>');
    expect(html).toContain('<p class="count">Signed by 12 people</p>');
    expect(html).toContain('<p class="organisers">Organised by CyberPeace &amp; Co</p>');
    expect(html).not.toContain('<script');
  });
  it('shows the preview mark instead of the count before the embargo', () => {
    const html = shareCardHtml({
      ...view,
      preview: { text: 'EMBARGOED PREVIEW: not for publication' },
    } as Parameters<typeof shareCardHtml>[0]);
    expect(html).toContain('<p class="count preview">EMBARGOED PREVIEW: not for publication</p>');
    expect(html).not.toContain('Signed by');
  });
});
