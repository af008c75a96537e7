import { describe, expect, it } from 'vitest';
import { letterSchema, signatureSchema } from '../../src/letter/schema.js';
import { parseYaml, stringifyYaml } from '../../src/storage/yaml.js';

const F = 'signatures/ban-ki-moon.yaml';
const good = 'name: Ban Ki-moon\ncountry: KR\ngroup: industry\nsigned_at: 2020-05-26T00:00:00Z\nstatus: pending\n';
const where = (text: string) => parseYaml(text, F, signatureSchema).problems.map((p) => `${p.line}:${p.column} ${p.code} ${p.message}${p.hint ? ` | ${p.hint}` : ''}`);

describe('parseYaml', () => {
  it('returns the value of a valid file and no problems', () => {
    const r = parseYaml(good, F, signatureSchema);
    expect(r.problems).toEqual([]);
    expect(r.value).toEqual({ name: 'Ban Ki-moon', country: 'KR', group: 'industry', signed_at: '2020-05-26T00:00:00Z', status: 'pending' });
  });

  it.each([
    ['malformed YAML', 'name: [Ban\ncountry: KR\n', ['2:1 yaml-bad-indent invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ] | check the quoting and indentation of this line']],
    ['a duplicate key', `${good}name: Other\n`, ['6:1 yaml-duplicate-key invalid YAML: the field "name" appears twice in the same mapping | keep one of the two lines; a merge may have left both']],
    ['a typo in a field name', good.replace('group', 'organisaton: UN\ngroup'), ['3:1 unknown-field unknown field "organisaton" | did you mean "organisation"?']],
    ['a number where text belongs', good.replace('Ban Ki-moon', '0123'), ['1:7 invalid-field field "name" must be text; put the value in quotes']],
    ['a country that is not ISO 3166-1', good.replace('KR', 'XX'), ['2:10 invalid-field field "country" must be an ISO 3166-1 alpha-2 country code in upper case, such as JO or US']],
    ['a day that does not exist', good.replace('2020-05-26', '2020-02-30'), ['4:12 invalid-field field "signed_at" must be a real ISO 8601 UTC timestamp such as 2020-05-26T09:00:00Z']],
    ['a missing field', good.replace('status: pending\n', ''), ['1:1 missing-field missing required field "status" | add a line `status: ...`']],
    ['an email address field', `${good}email: a@b.org\n`, ['6:1 private-field field "email" holds private contact data, which never goes in a public file of the letter | remove this line; keep contact details outside the repository']],
    ['a list instead of a mapping', '- a\n- b\n', ['1:1 not-a-mapping must be a YAML mapping of fields (key: value lines)']],
  ])('reports %s with its line and column', (_, text, expected) => {
    expect(where(text)).toEqual(expected);
  });

  it('keeps YAML 1.2 core strings: NO is Norway, not false', () => {
    expect(parseYaml(good.replace('KR', 'NO'), F, signatureSchema).value?.country).toBe('NO');
  });

  it('refuses an alias bomb without expanding it', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]', ...Array.from({ length: 8 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10).fill(`*${String.fromCharCode(97 + i)}`).join(', ')}]`)].join('\n');
    const r = parseYaml(bomb, F, letterSchema);
    expect(r.value).toBeUndefined();
    expect(r.problems[0]?.code).toBe('yaml-aliases');
  });
});

describe('stringifyYaml', () => {
  it('writes keys in the given order and round-trips', () => {
    const text = stringifyYaml({ status: 'pending', name: "Zeid Ra'ad Al Hussein", country: 'NO' }, ['name', 'country', 'status']);
    expect(text).toBe("name: Zeid Ra'ad Al Hussein\ncountry: NO\nstatus: pending\n");
  });
});
