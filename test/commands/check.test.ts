import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { snapshot, useTempLetter } from '../helpers/cli.js';
import { letter } from '../helpers/in-process.js';

const t = useTempLetter();

const L = 'letters/time-to-act';
const BAN = `${L}/signatures/ban-ki-moon.yaml`;
const edit = (file: string, from: string | RegExp, to: string) => {
  const p = path.join(t.dir, file);
  const text = readFileSync(p, 'utf8');
  const next = text.replace(from, to);
  expect(next).not.toBe(text);
  writeFileSync(p, next);
};

describe('letter check', () => {
  it('passes the example letter: exit 0, and JSON with ok, errors and warnings', async () => {
    const text = await letter(t.dir, ['check', L]);
    expect(text).toEqual({
      code: 0,
      stdout: `✔ ${L}: 12 signatures, 0 errors, 0 warnings\n`,
      stderr: '',
    });
    const json = await letter(t.dir, ['check', L, '--format', 'json']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual({
      ok: true,
      strict: false,
      errors: [],
      warnings: [],
      letters: [{ letter: L, signatures: 12, errors: 0, warnings: 0 }],
    });
    expect((await letter(t.dir, ['check'])).code).toBe(0);
  });

  it.each([
    [
      'malformed YAML',
      BAN,
      'role: Former Secretary-General',
      'role: "Former Secretary-General',
      `${BAN}:4:7: error: invalid YAML: Missing closing "quote`,
    ],
    [
      'a wrong type',
      BAN,
      'name: Ban Ki-moon',
      'name: [Ban, Ki-moon]',
      `${BAN}:2:7: error: field "name" must be text; put the value in quotes`,
    ],
    [
      'an unknown field',
      BAN,
      'organisation:',
      'organisaton:',
      `${BAN}:5:1: error: unknown field "organisaton" (did you mean "organisation"?)`,
    ],
    [
      'a country that does not exist',
      BAN,
      'country: KR',
      'country: XX',
      `${BAN}:6:10: error: field "country" must be an ISO 3166-1 alpha-2 country code in upper case, such as JO or US`,
    ],
    [
      'a date that does not exist',
      BAN,
      'signed_at: 2020-05-26T00:00:00Z',
      'signed_at: 2020-02-30T00:00:00Z',
      `${BAN}:8:12: error: field "signed_at" must be a real ISO 8601 UTC timestamp`,
    ],
    [
      'an opening date that does not exist',
      `${L}/letter.yaml`,
      'opened: 2020-05-26',
      'opened: "2020-02-30"',
      `${L}/letter.yaml:11:9: error: field "opened" must be a real ISO 8601 date such as 2020-05-26`,
    ],
    [
      'a typo in letter.yaml',
      `${L}/letter.yaml`,
      'addressee:',
      'adressee:',
      `${L}/letter.yaml:4:1: error: unknown field "adressee" (did you mean "addressee"?)`,
    ],
    [
      'a group the letter lacks',
      BAN,
      'group: international-organisations',
      'group: diplomats',
      `${BAN}:7:8: error: group "diplomats" is not a group of this letter`,
    ],
    [
      'a duplicate name',
      `${L}/signatures/eva-chen.yaml`,
      'name: Eva Chen',
      'name: BAN KI-MOON',
      `${L}/signatures/eva-chen.yaml:2:7: error: "BAN KI-MOON" is the same name as signature ban-ki-moon ("Ban Ki-moon") after normalisation`,
    ],
    [
      'an email address',
      BAN,
      'country: KR',
      'email: ban@example.org\ncountry: KR',
      `${BAN}:6:1: error: field "email" holds private contact data`,
    ],
    [
      'a changelog out of step',
      `${L}/CHANGELOG.md`,
      /- 2020-05-26T00:00:00Z signed: Eva Chen \(eva-chen\)\n/,
      '',
      `${L}/CHANGELOG.md:10:32: error: CHANGELOG.md is out of step with the signatures: line 10 should read "- 2020-05-26T00:00:00Z signed: Eva Chen (eva-chen)" (run: letter changelog ${L})`,
    ],
  ])('fails on %s with file:line:column, changing nothing', async (_, file, from, to, expected) => {
    edit(file, from, to);
    const before = snapshot(t.dir);
    const r = await letter(t.dir, ['check', L]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain(expected);
    expect(r.stdout).toMatch(
      /✖ letters\/time-to-act: \d+ signatures, [1-9]\d* errors?, \d+ warnings?\n$/,
    );
    expect(snapshot(t.dir)).toEqual(before);

    const json = JSON.parse((await letter(t.dir, ['check', L, '--format', 'json'])).stdout);
    expect(json.ok).toBe(false);
    expect(json.errors.length).toBeGreaterThan(0);
    for (const e of json.errors)
      expect(Object.keys(e)).toEqual(expect.arrayContaining(['file', 'line', 'column', 'message']));
  });

  it('refuses to render or sign a broken letter: exit 1, the problem named, no stack trace, nothing written', async () => {
    edit(BAN, 'country: KR', 'country: XX');
    const before = snapshot(t.dir);
    for (const args of [
      ['render', L],
      ['sign', L, '--name', 'New Person', '--country', 'FR', '--group', 'industry'],
    ]) {
      const r = await letter(t.dir, args);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(
        'error: The letter has 1 error, so the command stopped; nothing was changed.',
      );
      expect(r.stderr).toContain(`${BAN}:6:10: field "country"`);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    expect(snapshot(t.dir)).toEqual(before);
  });

  it('still lists and logs a broken letter, leaving out the broken file with a warning', async () => {
    edit(BAN, 'country: KR', 'country: XX');
    const list = await letter(t.dir, ['list', L, '--json']);
    expect(list.code).toBe(0);
    expect(JSON.parse(list.stdout).count).toBe(11);
    expect(list.stderr).toBe(
      `warning: 1 file has errors and is left out (first: ${BAN}:6:10); run: letter check ${L}\n`,
    );
    expect((await letter(t.dir, ['log', L])).code).toBe(0);
  });

  it('reports a folder under letters/ that lost its letter.yaml when checking every letter', async () => {
    const { mkdirSync } = await import('node:fs');
    mkdirSync(path.join(t.dir, 'letters/orphan/signatures'), { recursive: true });
    const r = await letter(t.dir, ['check']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      'letters/orphan:1:1: error: this folder under letters/ has no letter.yaml',
    );
  });

  it('is a usage error (exit 2) for a folder that is not a letter or an unknown format', async () => {
    const missing = await letter(t.dir, ['check', 'letters/nope']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('No letter at "letters/nope"');
    const format = await letter(t.dir, ['check', L, '--format', 'xml']);
    expect(format.code).toBe(2);
    expect(format.stderr).toContain(
      "error: option '--format <format>' argument 'xml' is invalid. Allowed choices are text, json, github.",
    );
  });
});
