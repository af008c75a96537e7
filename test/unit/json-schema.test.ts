import { describe, expect, it } from 'vitest';
import {
  ONE_LINE_PATTERN,
  VISIBLE_PATTERN,
  WEB_URL_PATTERN,
} from '../../src/letter/editor-patterns.js';
import { jsonSchemaOf } from '../../src/letter/json-schema.js';
import { organiserSchema, signatureSchema } from '../../src/letter/schema.js';
import { isNormalUrl } from '../../src/letter/urls.js';

/** Every property schema under `schema`, by its path. */
function properties(schema: Record<string, unknown>, at = ''): [string, Record<string, unknown>][] {
  const props = (schema.properties ?? {}) as Record<string, Record<string, unknown>>;
  return Object.entries(props).flatMap(([k, v]) => {
    const inner = (
      v.type === 'array'
        ? v.items
        : v.type === 'object' && !v.properties
          ? v.additionalProperties
          : v
    ) as Record<string, unknown>;
    return [
      [`${at}${k}`, v] as [string, Record<string, unknown>],
      ...properties(v, `${at}${k}.`),
      ...(inner && inner !== v ? properties(inner, `${at}${k}[].`) : []),
    ];
  });
}

describe('jsonSchemaOf', () => {
  it.each(['letter', 'signature'] as const)('describes every field of %s', (kind) => {
    const missing = properties(jsonSchemaOf(kind, '1.2.3'))
      .filter(([, v]) => typeof v.description !== 'string')
      .map(([k]) => k);
    expect(missing).toEqual([]);
  });

  it("lists a letter's groups, and requires what it requires of pending and verified signatures", () => {
    const s = jsonSchemaOf('signature', '1.2.3', {
      groups: [{ id: 'doctors', name: 'Doctors' }],
      requires: ['country'],
    });
    expect((s.properties as Record<string, Record<string, unknown>>).group!.enum).toEqual([
      'doctors',
    ]);
    expect((s.allOf as unknown[]).at(-1)).toEqual({
      if: { properties: { status: { enum: ['pending', 'verified'] } }, required: ['status'] },
      then: { required: ['country'] },
    });
    expect(s['x-letter-version']).toBe('1.2.3');
  });
});

describe('the patterns editors read agree with the rules check applies', () => {
  const urlOk = (u: string) =>
    organiserSchema.safeParse({ name: 'X', url: u }).success && isNormalUrl(u);
  it.each([
    'https://example.org',
    'http://example.org/a?b=c#d',
    'https://example.org:8443/@alice',
    'https://xn--exmple-4nf.org/',
    'https://example.org/?q=a\\b',
    'javascript:alert(1)',
    'https://user:pw@example.org/',
    'https://user@example.org/',
    'https://example.org/a b',
    'HTTPS://example.org/',
    'ftp://example.org/',
    'https://exa\u202emple.org/',
    'https:example.org',
    '//example.org/',
    'https://example.org/\u0000',
  ])('url %j', (u) => {
    expect(WEB_URL_PATTERN.test(u)).toBe(urlOk(u));
  });

  const textOk = (s: string) =>
    signatureSchema.safeParse({
      name: 'Ada',
      role: s,
      signed_at: '2020-05-26T09:00:00Z',
      status: 'pending',
    }).success;
  it.each([
    'Former minister',
    'مدير',
    'a\u200db',
    'a\u200c\u200db',
    'tab\there',
    'line\u2028break',
    'rtl\u202eoverride',
    'zero\u200bwidth',
    '   ',
    '\u3164',
    'soft\u00adhyphen',
    'a\u0301',
  ])('text %j', (s) => {
    expect(ONE_LINE_PATTERN.test(s) && VISIBLE_PATTERN.test(s)).toBe(textOk(s));
  });
});
