import { describe, expect, it } from 'vitest';
import { asRead, redlineHtml } from '../../src/render/redline-html.js';

describe('asRead', () => {
  it('reads a line break inside a paragraph as a space, and keeps those between blocks', () => {
    const parts = asRead([
      { kind: 'same', text: 'One line\n   and its rest.\n\nWe call on you to:\n' },
      { kind: 'removed', text: 'old' },
      { kind: 'added', text: '1. Act\n2. Now' },
      { kind: 'same', text: '\n# Heading\nText after  \nhard break.' },
    ]);
    expect(parts.map((p) => p.text)).toEqual([
      'One line and its rest.\n\nWe call on you to:\n',
      'old',
      '1. Act\n2. Now',
      '\n# Heading\nText after  \nhard break.',
    ]);
  });
});

describe('redlineHtml', () => {
  it('escapes every piece of text and marks removals and additions', () => {
    const html = redlineHtml({
      title: 'A <b>bold</b> "title"',
      file: 'letters/x/letter.md',
      language: 'ar',
      from: { name: 'v1', hash: 'sha256:0123456789ab', detail: '2020-05-20T10:00:00Z' },
      to: { name: 'v2', hash: 'sha256:ba9876543210', detail: 'not committed yet (current)' },
      parts: [
        { kind: 'same', text: 'Keep <this> & ' },
        { kind: 'removed', text: '<script>x</script>' },
        { kind: 'added', text: 'that' },
      ],
      counts: { removed: 1, added: 1 },
    });
    expect(html).toMatch(/^<!doctype html>\n<html lang="ar" dir="rtl">/);
    expect(html).toContain('<title>A &lt;b&gt;bold&lt;/b&gt; &quot;title&quot;: v1 → v2</title>');
    expect(html).toContain(
      '<main class="redline">Keep &lt;this&gt; &amp; <del><span class="hidden">[removed: </span>&lt;script&gt;x&lt;/script&gt;<span class="hidden">]</span></del><ins><span class="hidden">[added: </span>that<span class="hidden">]</span></ins></main>',
    );
    expect(html).toContain(
      '<p class="counts">1 word <del>removed</del>, 1 word <ins>added</ins>.</p>',
    );
    expect(html).not.toContain('<script>');
  });
});
