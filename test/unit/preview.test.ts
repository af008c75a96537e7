import { describe, expect, it } from 'vitest';
import { cssString, markPreview, previewView } from '../../src/render/preview.js';

const embargo = { state: 'preview', reason: 'embargo', until: '2020-05-26T09:00:00Z' } as const;

describe('previewView', () => {
  it('is null for a final render', () => {
    expect(previewView({ state: 'final' }, 'en')).toBeNull();
    expect(previewView(undefined, 'en')).toBeNull();
  });
  it.each([
    ['en', 'EMBARGOED PREVIEW: not for publication before May 26, 2020, 09:00 UTC'],
    ['fr', 'APERÇU SOUS EMBARGO\u202f: ne pas publier avant le 26 mai 2020 à 09:00 UTC'],
    ['es', 'VISTA PREVIA BAJO EMBARGO: no publicar antes del 26 de mayo de 2020, 09:00 UTC'],
    ['de', 'EMBARGOED PREVIEW: not for publication before 26. Mai 2020, 09:00 UTC'],
  ])('says when, in %s', (lang, text) => {
    expect(previewView(embargo, lang)?.text).toBe(text);
  });
  it('names the seconds only when the embargo does', () => {
    expect(previewView({ ...embargo, until: '2020-05-26T09:00:30Z' }, 'en')?.detail).toBe(
      'not for publication before May 26, 2020, 09:00:30 UTC',
    );
  });
  it('marks a draft without a date', () => {
    expect(previewView({ state: 'preview', reason: 'draft' }, 'en')).toEqual({
      reason: 'draft',
      label: 'DRAFT PREVIEW',
      detail: 'not for publication',
      text: 'DRAFT PREVIEW: not for publication',
      until: null,
      cssHtml: '"DRAFT PREVIEW: not for publication"',
    });
  });
});

describe('cssString', () => {
  it('escapes what could end the string or the style element', () => {
    expect(cssString('a "b" \\ </style> & c\n')).toBe(
      '"a \\22 b\\22  \\5c  \\3c /style\\3e  \\26  c\\a "',
    );
  });
});

describe('markPreview', () => {
  const p = previewView(embargo, 'en')!;
  const escaped = { label: p.label, text: p.text };
  it('leaves a document that shows the mark', () => {
    const head = '<!doctype html>\n<html><head>\n</head><body>\n<p>EMBARGOED PREVIEW</p>';
    expect(markPreview(head, 'html', p, escaped)).toBe(head);
  });
  it('adds a quote line to the top of Markdown', () => {
    expect(markPreview('# Title\n', 'md', p, escaped)).toBe(
      '> **EMBARGOED PREVIEW: not for publication before May 26, 2020, 09:00 UTC**\n\n# Title\n',
    );
  });
  it('adds noindex, a style and a banner to HTML; a running header to print', () => {
    const html = markPreview(
      '<!doctype html>\n<html><head>\n<title>T</title></head>\n<body class="x">\n<h1>T</h1>',
      'html',
      p,
      escaped,
    );
    expect(html).toMatch(
      /^<!doctype html>\n<html><head>\n<meta name="robots" content="noindex">\n<style>\.letter-preview\{[^<]*\}<\/style>\n<title>T<\/title><\/head>\n<body class="x">\n<p class="letter-preview" role="note">EMBARGOED PREVIEW: not for publication before May 26, 2020, 09:00 UTC<\/p>\n<h1>T<\/h1>$/,
    );
    expect(html).not.toContain('@page');
    const print = markPreview('<html><head></head><body><h1>T</h1>', 'print', p, escaped);
    expect(print).toContain(`@page{@top-center{content:${p.cssHtml};}}`);
  });
  it('finds head and body in any case, not a header, and keeps a noindex of its own', () => {
    expect(
      markPreview(
        '<HTML><HEAD><TITLE>T</TITLE></HEAD><header>x</header><BODY CLASS="a"><p>',
        'html',
        p,
        escaped,
      ),
    ).toMatch(
      /^<HTML><HEAD><meta name="robots" content="noindex">\n<style>[^<]*<\/style>\n<TITLE>T<\/TITLE><\/HEAD><header>x<\/header><BODY CLASS="a"><p class="letter-preview" role="note">EMBARGOED[^<]*<\/p>\n<p>$/,
    );
    expect(
      markPreview(
        '<head><META NAME="robots" CONTENT="noindex,nofollow"></head><body>',
        'html',
        p,
        escaped,
      ),
    ).not.toContain('<meta name="robots" content="noindex">');
  });
  it('puts the mark after the doctype of a document without head or body', () => {
    expect(markPreview('<!doctype html>\n<h1>T</h1>', 'html', p, escaped)).toMatch(
      /^<!doctype html>\n<p class="letter-preview" role="note">EMBARGOED[^<]*<\/p>\n<meta name="robots" content="noindex">\n<style>/,
    );
  });
});
