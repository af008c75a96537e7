import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { letterSchema, signatureSchema } from '../../src/letter/schema.js';
import { parseYaml, stringifyYaml } from '../../src/storage/yaml.js';
import { tooDeepAt } from '../../src/storage/yaml-depth.js';
import { ROOT } from '../helpers/cli.js';

const F = 'signatures/ban-ki-moon.yaml';
const good =
  'name: Ban Ki-moon\ncountry: KR\ngroup: industry\nsigned_at: 2020-05-26T00:00:00Z\nstatus: pending\n';
const where = (text: string) =>
  parseYaml(text, F, signatureSchema).problems.map(
    (p) => `${p.line}:${p.column} ${p.code} ${p.message}${p.hint ? ` | ${p.hint}` : ''}`,
  );

describe('parseYaml', () => {
  it('returns the value of a valid file and no problems', () => {
    const r = parseYaml(good, F, signatureSchema);
    expect(r.problems).toEqual([]);
    expect(r.value).toEqual({
      name: 'Ban Ki-moon',
      country: 'KR',
      group: 'industry',
      signed_at: '2020-05-26T00:00:00Z',
      status: 'pending',
    });
  });

  it.each([
    [
      'malformed YAML',
      'name: [Ban\ncountry: KR\n',
      [
        '2:1 yaml-bad-indent invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ] | check the quoting and indentation of this line',
      ],
    ],
    [
      'a duplicate key',
      `${good}name: Other\n`,
      [
        '6:1 yaml-duplicate-key invalid YAML: the field "name" appears twice in the same mapping | keep one of the two lines; a merge may have left both',
      ],
    ],
    [
      'a typo in a field name',
      good.replace('group', 'organisaton: UN\ngroup'),
      ['3:1 unknown-field unknown field "organisaton" | did you mean "organisation"?'],
    ],
    [
      'a number where text belongs',
      good.replace('Ban Ki-moon', '0123'),
      ['1:7 invalid-field field "name" must be text; put the value in quotes'],
    ],
    [
      'a country that is not ISO 3166-1',
      good.replace('KR', 'XX'),
      [
        '2:10 invalid-field field "country" must be an ISO 3166-1 alpha-2 country code in upper case, such as JO or US',
      ],
    ],
    [
      'a day that does not exist',
      good.replace('2020-05-26', '2020-02-30'),
      [
        '4:12 invalid-field field "signed_at" must be a real ISO 8601 UTC timestamp such as 2020-05-26T09:00:00Z',
      ],
    ],
    [
      'a missing field',
      good.replace('status: pending\n', ''),
      ['1:1 missing-field missing required field "status" | add a line `status: ...`'],
    ],
    [
      'an email address field',
      `${good}email: a@b.org\n`,
      [
        '6:1 private-field field "email" holds private contact data, which never goes in a public file of the letter | remove this line; keep contact details outside the repository',
      ],
    ],
    [
      'a list instead of a mapping',
      '- a\n- b\n',
      ['1:1 not-a-mapping must be a YAML mapping of fields (key: value lines)'],
    ],
  ])('reports %s with its line and column', (_, text, expected) => {
    expect(where(text)).toEqual(expected);
  });

  it('keeps YAML 1.2 core strings: NO is Norway, not false', () => {
    expect(parseYaml(good.replace('KR', 'NO'), F, signatureSchema).value?.country).toBe('NO');
  });

  it('refuses an alias bomb without expanding it', () => {
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x, x]',
      ...Array.from(
        { length: 8 },
        (_, i) =>
          `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10)
            .fill(`*${String.fromCharCode(97 + i)}`)
            .join(', ')}]`,
      ),
    ].join('\n');
    const r = parseYaml(bomb, F, letterSchema);
    expect(r.value).toBeUndefined();
    expect(r.problems[0]?.code).toBe('yaml-aliases');
  });
});

describe('parseYaml: what the parser takes and letter refuses', () => {
  it.each([
    [
      'a custom tag',
      good.replace('Ban Ki-moon', '!foo Ban'),
      [
        '1:7 yaml-tag the YAML tag "!foo" is not read by letter: its files hold plain text, lists and fields | remove the tag; put the value in quotes if it must stay text',
      ],
    ],
    [
      'a js-yaml function tag',
      good.replace('industry', '!!js/function industry'),
      [
        '3:8 yaml-tag the YAML tag "!!js/function" is not read by letter: its files hold plain text, lists and fields | remove the tag; put the value in quotes if it must stay text',
      ],
    ],
    [
      'a binary tag after an anchor',
      good.replace('Ban Ki-moon', '&a !!binary SGVsbG8='),
      [
        '1:10 yaml-tag the YAML tag "!!binary" is not read by letter: its files hold plain text, lists and fields | remove the tag; put the value in quotes if it must stay text',
      ],
    ],
    [
      'a tagged mapping',
      `distinct_from: !!set {a, b}\n${good}`,
      [
        '1:16 yaml-tag the YAML tag "!!set" is not read by letter: its files hold plain text, lists and fields | remove the tag; put the value in quotes if it must stay text',
      ],
    ],
    [
      'a __proto__ key, quoted and nested',
      `${good}verified:\n  "__proto__": {by: x}\n`,
      [
        '7:3 yaml-special-key the key "__proto__" is refused: it names a JavaScript object\'s prototype, and a parser would drop it or change what it reads | remove this line',
      ],
    ],
    [
      'a mapping as a key',
      `${good}? { by: x }\n: y\n`,
      [
        '6:3 yaml-complex-key a key must be plain text, not a list or a mapping | write the field name as text, then a colon and its value',
      ],
    ],
    [
      'nesting past 32 levels',
      `${good}extra:\n${'- '.repeat(4000)}x\n`,
      [
        '7:63 yaml-too-deep invalid YAML: lists and fields nest more than 32 levels deep here | a letter file nests at most four levels; remove the extra "- ", "[" or "{"',
      ],
    ],
  ])('refuses %s with its line and column', (_, text, expected) => {
    expect(where(text)).toEqual(expected);
  });

  it('reports 50 problems in a file, then how many more', () => {
    const text = `${good}${Array.from({ length: 5000 }, (_, i) => `unknown_${i}: x\n`).join('')}`;
    const problems = where(text);
    expect(problems).toHaveLength(51);
    expect(problems[0]).toBe(
      '6:1 unknown-field unknown field "unknown_0" | known fields: name, sort_as, role, organisation, country, group, url, featured, text_version, consent, github, distinct_from, signed_at, status, verified, reconfirmed, withdrawn, rejected',
    );
    expect(problems[50]).toBe(
      '56:1 too-many-problems and 4950 more problems in this file, from here on | fix the problems above, then run letter check again',
    );
  });
});

describe('tooDeepAt', () => {
  it.each([
    [`${'- '.repeat(33)}x`, { line: 1, column: 65 }],
    [`${'- '.repeat(32)}x`, undefined],
    [`a: ${'['.repeat(32)}`, { line: 1, column: 35 }],
    [`a: ${'['.repeat(31)}`, undefined],
    [`a: {b: [\n${'  {c: [\n'.repeat(15)}`, { line: 16, column: 7 }],
    [
      Array.from({ length: 33 }, (_, i) => `${' '.repeat(i)}k:`).join('\n'),
      { line: 33, column: 33 },
    ],
    [
      `k:\n${Array.from({ length: 16 }, (_, i) => `${' '.repeat(i * 2)}- a:`).join('\n')}`,
      { line: 17, column: 33 },
    ],
    // Text that only looks deep: quoted values, block scalars, comments, brackets inside plain text.
    [`a: "${'[ '.repeat(40)}"\nb: '${'{'.repeat(40)}'`, undefined],
    [`a: |\n  ${'- '.repeat(40)}\n  ${'[['.repeat(40)}\nb: x`, undefined],
    [`a: x # ${'['.repeat(40)}\n# ${'- '.repeat(40)}`, undefined],
    [`a: x${'['.repeat(40)}`, undefined],
    [`a: "multi\n  ${'['.repeat(40)} line"\nb: [${'['.repeat(20)}${']'.repeat(21)}`, undefined],
  ])('%j', (text, expected) => {
    expect(tooDeepAt(text)).toEqual(expected);
  });

  it('finds nothing in the YAML files of the example letters and the hostile fixtures', () => {
    const files = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory()
          ? files(path.join(dir, e.name))
          : e.name.endsWith('.yaml')
            ? [path.join(dir, e.name)]
            : [],
      );
    const found = [
      ...files(path.join(ROOT, 'letters')),
      ...files(path.join(ROOT, 'test/fixtures')),
    ].filter((f) => tooDeepAt(readFileSync(f, 'latin1'), 4) !== undefined);
    expect(found).toEqual([]);
  });
});

describe('stringifyYaml', () => {
  it('writes keys in the given order and round-trips', () => {
    const text = stringifyYaml(
      { status: 'pending', name: "Zeid Ra'ad Al Hussein", country: 'NO' },
      ['name', 'country', 'status'],
    );
    expect(text).toBe("name: Zeid Ra'ad Al Hussein\ncountry: NO\nstatus: pending\n");
  });
});
