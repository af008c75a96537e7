import { describe, expect, it } from 'vitest';
import { groupedSource, groupSignatures } from '../../src/letter/order.js';
import { publishedStatuses } from '../../src/letter/signatures.js';
import { renderDocument, renderDocumentChunks, TemplateError } from '../../src/render/render.js';
import { letterView, streamedLetterView } from '../../src/render/view.js';
import { letter, sig } from '../helpers/fixtures.js';

const hostile = sig('star', '*Star* [x](javascript:alert(1))', {
  role: '<script>alert(1)</script>',
  organisation: 'A & "B"',
});
const zeid = sig('zeid', "Zeid Ra'ad Al Hussein", {
  group: 'international-organisations',
  url: 'https://example.org/?a=1&b="2"',
});
const gone = sig('gone', 'Gone Person', {
  status: 'withdrawn',
  withdrawn: { at: '2020-06-01T00:00:00Z', reason: 'x' },
});
const view = letterView(letter, 'Body with <b>raw</b> HTML.', [hostile, zeid, gone]);
const tpl = (text: string) => ({ name: 't', file: 'templates/t.hbs', text });

describe('letterView', () => {
  it('counts and groups what is published, leaving out withdrawals', () => {
    expect(view.count).toBe(2);
    expect(view.countText).toBe('Signed by 2 people');
    expect(view.groups.map((g) => [g.id, g.signatories.map((s) => s.id)])).toEqual([
      ['international-organisations', ['zeid']],
      ['industry', ['star']],
    ]);
    expect(view.openedDisplay).toBe('May 26, 2020');
    expect(view.bodyHtml).toBe('<p>Body with &lt;b&gt;raw&lt;/b&gt; HTML.</p>');
  });
});

describe('renderDocument', () => {
  const each =
    '{{#each groups}}{{#each signatories}}[{{name}}|{{affiliation}}|{{url}}]{{/each}}{{/each}}';
  it('escapes every field for HTML, keeping the apostrophe', () => {
    expect(renderDocument(view, 'html', tpl(each), [])).toBe(
      "[Zeid Ra'ad Al Hussein||https://example.org/?a=1&amp;b=&quot;2&quot;][*Star* [x](javascript:alert(1))|&lt;script&gt;alert(1)&lt;/script&gt;, A &amp; &quot;B&quot;|]\n",
    );
  });
  it('escapes every field for Markdown, whichever stash the template uses', () => {
    expect(renderDocument(view, 'md', tpl(each.replace('{{name}}', '{{{name}}}')), [])).toBe(
      '[Zeid Ra\'ad Al Hussein||<https://example.org/?a=1&b="2">][\\*Star\\* \\[x\\](javascript:alert(1))|\\<script\\>alert(1)\\</script\\>, A \\& "B"|]\n',
    );
  });
  it('fails on a field the view lacks, naming the template file and line', () => {
    expect(() => renderDocument(view, 'html', tpl('line one\n{{titel}}'), [])).toThrow(
      TemplateError,
    );
    expect(() => renderDocument(view, 'html', tpl('line one\n{{titel}}'), [])).toThrow(
      /^templates\/t\.hbs:2:3: template error: "titel" is not a field of the letter here/,
    );
  });
});

describe('template helpers', () => {
  it('format dates, countries and numbers in the language rendered, escaped for the format', () => {
    const fr = letterView(letter, 'Texte.', [zeid, hostile], { lang: 'fr' });
    const t = tpl(
      '{{date opened}} | {{#each groups}}{{country "JO"}} {{number count}} {{length signatories}}; {{/each}}',
    );
    expect(renderDocument(fr, 'html', t, [])).toBe('26 mai 2020 | Jordanie 1 1; Jordanie 1 1;\n');
  });
});

describe('renderDocumentChunks', () => {
  const streamed = streamedLetterView(
    letter,
    'Body.',
    groupedSource(groupSignatures(letter, [hostile, zeid, gone], publishedStatuses(letter))),
  );
  const loop =
    '{{#each groups}}<{{id}}>{{#each signatories}}{{@index}}{{#if @first}}f{{/if}}{{#if @last}}l{{/if}}={{name}};{{else}}none{{/each}}{{/each}}  \n\n';
  it('writes each signatory as a piece of its own, the whole as renderDocument writes it', () => {
    const pieces = [...renderDocumentChunks(streamed, 'html', tpl(loop), [])];
    expect(pieces).toContain("0fl=Zeid Ra'ad Al Hussein;");
    expect(pieces.join('')).toBe(
      "<international-organisations>0fl=Zeid Ra'ad Al Hussein;<industry>0fl=*Star* [x](javascript:alert(1));\n",
    );
    expect(renderDocument(view, 'html', tpl(loop), [])).toBe(pieces.join(''));
  });
  it('indents the lists of a partial called on an indented line, as Handlebars does', () => {
    const partial = {
      name: 'list',
      file: 'templates/partials/list.hbs',
      text: '{{#each groups}}{{#each signatories}}- {{name}}\n{{/each}}{{/each}}',
    };
    const text = 'top\n  {{> list}}\nend';
    expect([...renderDocumentChunks(streamed, 'html', tpl(text), [partial])].join('')).toBe(
      "top\n  - Zeid Ra'ad Al Hussein\n  - *Star* [x](javascript:alert(1))\nend\n",
    );
  });
  it('fails on the first missing field in the order of the document, inside a list or not', () => {
    const broken = tpl(
      '{{#each groups}}{{#each signatories}}\n{{nmae}}{{/each}}{{/each}}\n{{titel}}',
    );
    expect(() => [...renderDocumentChunks(streamed, 'html', broken, [])]).toThrow(
      /^templates\/t\.hbs:2:3: template error: "nmae" is not a field of the letter here/,
    );
  });
});
