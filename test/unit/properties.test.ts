import { fc, test } from '@fast-check/vitest';
import MarkdownIt from 'markdown-it';
import { describe, expect } from 'vitest';
import { normaliseName } from '../../src/letter/names.js';
import { groupSignatures } from '../../src/letter/order.js';
import { type Signature, signatureSchema } from '../../src/letter/schema.js';
import { renderDocument } from '../../src/render/render.js';
import { letterView } from '../../src/render/view.js';
import { signatureText } from '../../src/storage/letter-store.js';
import { parseYaml } from '../../src/storage/yaml.js';
import { letter } from '../helpers/fixtures.js';

const field = fc.string({ minLength: 1, maxLength: 40, unit: 'grapheme' });
const iso = fc
  .date({
    min: new Date('2000-01-01T00:00:00Z'),
    max: new Date('2030-01-01T00:00:00Z'),
    noInvalidDate: true,
  })
  .map((d) => d.toISOString().replace(/\.\d{3}Z$/, 'Z'));
/** Signatures that pass the schema: arbitrary text, kept only when valid. */
const signature = fc
  .record({
    id: fc.stringMatching(/^[a-z0-9]{1,8}(?:-[a-z0-9]{1,8}){0,2}$/),
    name: field,
    role: fc.option(field, { nil: undefined }),
    organisation: fc.option(field, { nil: undefined }),
    sort_as: fc.option(field, { nil: undefined }),
    country: fc.constantFrom('FR', 'JO', 'KR', 'NO', 'US'),
    group: fc.constantFrom('industry', 'international-organisations'),
    signed_at: iso,
    status: fc.constant('pending' as const),
  })
  .map(
    (s) =>
      Object.fromEntries(
        Object.entries(s).filter(([, v]) => v !== undefined),
      ) as unknown as Signature,
  )
  .filter(({ id: _id, ...fields }) => signatureSchema.safeParse(fields).success);

describe('properties', () => {
  test.prop([signature], { numRuns: 300 })(
    'a signature written then read is the same signature, and writing it again gives the same bytes',
    (s) => {
      const text = signatureText(s);
      const read = parseYaml(text, 'x.yaml', signatureSchema);
      expect(read.problems).toEqual([]);
      expect({ id: s.id, ...read.value }).toEqual(s);
      expect(signatureText({ id: s.id, ...read.value! })).toBe(text);
    },
  );

  const md = new MarkdownIt({ html: false });
  const decode = (s: string) =>
    s
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&');
  test.prop([fc.string({ maxLength: 60 }), fc.string({ maxLength: 60 })], { numRuns: 300 })(
    'any text in any field renders inertly in every format',
    (name, role) => {
      const s: Signature = {
        id: 'x',
        name,
        role,
        country: 'FR',
        group: 'industry',
        signed_at: '2020-01-01T00:00:00Z',
        status: 'pending',
      };
      const view = letterView(letter, 'Body.', [s]);
      const tpl = {
        name: 't',
        file: 't.hbs',
        text: '{{#each groups}}{{#each signatories}}<b>{{name}}</b><i>{{affiliation}}</i>{{/each}}{{/each}}',
      };
      const html = renderDocument(view, 'html', tpl, []);
      const inner = html
        .trimEnd()
        .replace(/^<b>|<\/i>$/g, '')
        .split('</b><i>');
      expect(inner.join('')).not.toMatch(/[<>"]/);
      expect(decode(inner[0]!)).toBe(name);
      const mdTpl = {
        name: 't',
        file: 't.hbs',
        text: '{{#each groups}}{{#each signatories}}{{name}}{{/each}}{{/each}}',
      };
      const out = renderDocument(view, 'md', mdTpl, []).trimEnd();
      const rendered = decode(md.renderInline(out));
      expect(rendered).toBe(name.replace(/[\r\n\u2028\u2029]+/g, ' ').trimEnd());
    },
  );

  test.prop([fc.string({ maxLength: 80 })], { numRuns: 500 })(
    'name normalisation is idempotent',
    (name) => {
      expect(normaliseName(normaliseName(name))).toBe(normaliseName(name));
    },
  );

  test.prop(
    [fc.array(signature, { maxLength: 25 }), fc.array(fc.nat(), { minLength: 25, maxLength: 25 })],
    { numRuns: 200 },
  )(
    'the order of signatories is total and does not depend on the order files are read in',
    (list, keys) => {
      const unique = [...new Map(list.map((s) => [s.id, s])).values()];
      const shuffled = unique
        .map((s, i) => ({ s, k: keys[i]! }))
        .sort((a, b) => a.k - b.k)
        .map((x) => x.s);
      const a = groupSignatures(letter, unique, ['pending']);
      const b = groupSignatures(letter, shuffled, ['pending']);
      expect(b.map((g) => g.signatures.map((s) => s.id))).toEqual(
        a.map((g) => g.signatures.map((s) => s.id)),
      );
    },
  );
});
