import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import {
  escapeMarkdownInline,
  isPlainMarkdown,
  markdownLinkDestination,
} from '../../src/letter/markdown.js';

describe('escapeMarkdownInline', () => {
  it.each([
    ['Ban Ki-moon', 'Ban Ki-moon'],
    ["Zeid Ra'ad Al Hussein", "Zeid Ra'ad Al Hussein"],
    ['*Star* [x](javascript:alert(1))', '\\*Star\\* \\[x\\](javascript:alert(1))'],
    ['<script>alert(1)</script>', '\\<script\\>alert(1)\\</script\\>'],
    ['# Heading', '\\# Heading'],
    ['- item', '\\- item'],
    ['1. first', '1\\. first'],
    ['a\nb', 'a b'],
    ['`code` & ~~gone~~ | cell', '\\`code\\` \\& \\~\\~gone\\~\\~ \\| cell'],
  ])('%j → %j', (input, out) => expect(escapeMarkdownInline(input)).toBe(out));

  it('renders as the literal text in a CommonMark list item', () => {
    const md = new MarkdownIt();
    for (const name of [
      '*Star* [x](javascript:alert(1))',
      '<img src=x onerror=alert(1)>',
      '1. one',
      '&amp; _x_',
    ]) {
      const html = md.renderInline(escapeMarkdownInline(name));
      const text = html
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&amp;/g, '&');
      expect(text).toBe(name);
    }
  });

  it('keeps a link destination in one piece', () => {
    expect(markdownLinkDestination('https://example.org/a b>c')).toBe(
      '<https://example.org/a%20b%3Ec>',
    );
  });
});

describe('GitHub autolinks (GFM 6.9)', () => {
  it.each([
    ['Visit www.evil.example', 'Visit www\\.evil.example'],
    ['WWW.EVIL.COM', 'WWW\\.EVIL.COM'],
    ['see https://evil.example/x', 'see https\\://evil.example/x'],
    ['ftp://files.example', 'ftp\\://files.example'],
    ['mailto:someone', 'mailto\\:someone'],
    ['Dr. Www Smith', 'Dr. Www Smith'],
    ['Time: 10:30', 'Time: 10:30'],
  ])('%s -> %s', (input, escaped) => {
    expect(escapeMarkdownInline(input)).toBe(escaped);
    expect(isPlainMarkdown(input)).toBe(input === escaped);
  });
});
