/**
 * The JSON Schemas a letter carries (`<letter>/.schemas/`), as an editor uses them:
 * yaml-language-server run over stdio, with its schema store off and no network, reads the
 * schema the first line of each file names by a relative path. Labelled broken signature
 * files measure how much of `letter check` an editor shows while typing.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { letter } from '../helpers/in-process.js';
import { startYamlLanguageServer, type YamlLanguageServer } from '../helpers/yaml-ls.js';

const GOOD = {
  name: 'Ada Lovelace',
  country: 'GB',
  group: 'doctors',
  url: 'https://example.org/ada',
  signed_at: '2020-05-26T09:00:00Z',
  status: 'pending',
};

/** The body of a signature file: the good one with `changes` (undefined removes a key), in key order, values as YAML scalars. */
function sigFile(
  name: string,
  changes: Record<string, string | undefined> = {},
  extra = '',
): string {
  const fields: Record<string, string | undefined> = { ...GOOD, name, ...changes };
  return (
    Object.entries(fields)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${k}: ${v}\n`)
      .join('') + extra
  );
}

/**
 * Broken signature files, each with the one mistake its label names, all of which `letter
 * check` reports as errors; `schema` says whether the schemas catch it too. Each has its own
 * name, so that only the duplicate case is a duplicate.
 */
const CASES: { label: string; text: string; schema: boolean }[] = [
  {
    label: 'country not a code (XX)',
    text: sigFile('Grace Hopper', { country: 'XX' }),
    schema: true,
  },
  { label: 'country in lower case', text: sigFile('Alan Turing', { country: 'gb' }), schema: true },
  {
    label: 'date in words (yesterday)',
    text: sigFile('Emmy Noether', { signed_at: 'yesterday' }),
    schema: true,
  },
  {
    label: 'a day that does not exist (2020-02-30)',
    text: sigFile('Lise Meitner', { signed_at: '2020-02-30T09:00:00Z' }),
    schema: true,
  },
  {
    label: 'a time with an offset, not UTC',
    text: sigFile('Marie Curie', { signed_at: '"2020-05-26T09:00:00+02:00"' }),
    schema: true,
  },
  {
    label: 'javascript: link',
    text: sigFile('Rosalind Franklin', { url: '"javascript:alert(1)"' }),
    schema: true,
  },
  {
    label: 'link with credentials',
    text: sigFile('Dorothy Hodgkin', { url: 'https://user:secret@example.org/' }),
    schema: true,
  },
  {
    label: 'link with a space',
    text: sigFile('Barbara McClintock', { url: '"https://example.org/a b"' }),
    schema: true,
  },
  {
    label: 'unknown status',
    text: sigFile('Chien-Shiung Wu', { status: 'approved' }),
    schema: true,
  },
  { label: 'no name', text: sigFile('x', { name: undefined }), schema: true },
  {
    label: 'no signed_at',
    text: sigFile('Katherine Johnson', { signed_at: undefined }),
    schema: true,
  },
  {
    label: 'misspelt field (organisaton)',
    text: sigFile('Hedy Lamarr', {}, 'organisaton: Example Ltd\n'),
    schema: true,
  },
  {
    label: 'contact field (email)',
    text: sigFile('Ada Yonath', {}, 'email: ada@example.org\n'),
    schema: true,
  },
  {
    label: 'bidirectional control in the name',
    text: sigFile('x', { name: '"Tu Youyou\\u202E"' }),
    schema: true,
  },
  {
    label: 'name longer than 300 characters',
    text: sigFile('x', { name: 'N'.repeat(301) }),
    schema: true,
  },
  { label: 'blank name', text: sigFile('x', { name: '"   "' }), schema: true },
  {
    label: 'group the letter does not declare',
    text: sigFile('Jocelyn Bell', { group: 'lawyers' }),
    schema: true,
  },
  {
    label: 'GitHub login with a leading hyphen',
    text: sigFile('Frances Allen', { github: '-frances' }),
    schema: true,
  },
  {
    label: 'verified without a verified: block',
    text: sigFile('Mary Somerville', { status: 'verified' }),
    schema: true,
  },
  {
    label: 'no country, which the letter requires',
    text: sigFile('Sophie Germain', { country: undefined }),
    schema: true,
  },
  {
    label: 'verified before it was signed',
    text: sigFile(
      'Cecilia Payne',
      { status: 'verified' },
      'verified:\n  by: Staff\n  at: 2020-05-01T00:00:00Z\n',
    ),
    schema: false,
  },
  { label: 'a name signed twice', text: sigFile('Ada Lovelace'), schema: false },
  {
    label: 'a phone number inside the role',
    text: sigFile('Vera Rubin', {}, 'role: Call +41 22 000 00 00\n'),
    schema: false,
  },
  { label: 'a name mixing scripts (Cyrillic а)', text: sigFile('Mаria Mitchell'), schema: false },
];

let repo: string;
let letterDir: string;
let server: YamlLanguageServer;
/** The first line `letter sign` writes in a signature file: the schema, for editors. */
let header: string;
const file = (i: number) =>
  path.join(letterDir, 'signatures', `case-${String(i + 1).padStart(2, '0')}.yaml`);

beforeAll(async () => {
  repo = mkdtempSync(path.join(tmpdir(), 'letter-schemas-'));
  const init = await letter(repo, [
    'init',
    'letters/clean-air',
    '--title',
    'Clean Air',
    '--addressee',
    'the Commission',
    '--organiser',
    'Clean Air Network',
    '--group',
    'Doctors',
    '--group',
    'Researchers',
    '--require',
    'country,group',
  ]);
  expect(init.code).toBe(0);
  letterDir = path.join(repo, 'letters/clean-air');
  const sign = await letter(repo, [
    'sign',
    'letters/clean-air',
    '--name',
    'Ada Lovelace',
    '--country',
    'GB',
    '--group',
    'doctors',
    '--url',
    'https://example.org/ada',
    '--signed-at',
    '2020-05-26T09:00:00Z',
    '--yes',
  ]);
  expect(sign.code).toBe(0);
  header = readFileSync(path.join(letterDir, 'signatures/ada-lovelace.yaml'), 'utf8').split(
    '\n',
  )[0]!;
  expect(header).toBe('# yaml-language-server: $schema=../.schemas/signature.schema.json');
  CASES.forEach((c, i) => {
    writeFileSync(file(i), `${header}\n${c.text}`);
  });
  server = await startYamlLanguageServer(repo);
}, 60_000);

afterAll(async () => {
  await server?.close();
  rmSync(repo, { recursive: true, force: true });
});

describe('yaml-language-server with the schemas init writes, no network', () => {
  it('reports a bad country, date and url on their lines, and nothing in a good file', async () => {
    const bad = path.join(letterDir, 'signatures/bad.yaml');
    const text = `${header}\n${sigFile('Grace Hopper', { country: 'XX', signed_at: 'yesterday', url: '"javascript:alert(1)"' })}`;
    writeFileSync(bad, text);
    const found = await server.validate([
      bad,
      path.join(letterDir, 'signatures/ada-lovelace.yaml'),
    ]);
    rmSync(bad);
    const lines = text.split('\n');
    const lineOf = (key: string) => lines.findIndex((l) => l.startsWith(`${key}:`)) + 1;
    expect(
      found
        .get(bad)!
        .map((d) => d.line)
        .sort(),
    ).toEqual([lineOf('country'), lineOf('url'), lineOf('signed_at')].sort());
    expect(found.get(bad)!.find((d) => d.line === lineOf('country'))!.message).toBe(
      'must be an ISO 3166-1 alpha-2 country code in upper case, such as JO or US',
    );
    expect(found.get(path.join(letterDir, 'signatures/ada-lovelace.yaml'))).toEqual([]);
  });

  it('reads the schema of a sharded signature file, one folder deeper', async () => {
    const sharded = path.join(letterDir, 'signatures/gr/grace-hopper.yaml');
    mkdirSync(path.dirname(sharded));
    writeFileSync(
      sharded,
      `${header.replace('$schema=../', '$schema=../../')}\n${sigFile('Grace Hopper', { country: 'XX' })}`,
    );
    const found = await server.validate([sharded]);
    rmSync(path.dirname(sharded), { recursive: true });
    expect(found.get(sharded)!.map((d) => d.message)).toEqual([
      'must be an ISO 3166-1 alpha-2 country code in upper case, such as JO or US',
    ]);
  });
});

describe(`labelled broken signature files: the schemas catch ${CASES.filter((c) => c.schema).length} of the ${CASES.length} that check catches`, () => {
  it('letter check reports an error in every one', async () => {
    const r = await letter(repo, ['check', 'letters/clean-air', '--json']);
    const errors = new Set(
      (JSON.parse(r.stdout).errors as { file: string }[]).map((e) => path.resolve(repo, e.file)),
    );
    expect(CASES.filter((_, i) => !errors.has(file(i))).map((c) => c.label)).toEqual([]);
  });

  it('yaml-language-server reports the ones JSON Schema can express, and only those', async () => {
    const found = await server.validate(CASES.map((_, i) => file(i)));
    const caught = CASES.filter((_, i) => found.get(file(i))!.length > 0).map((c) => c.label);
    expect(caught).toEqual(CASES.filter((c) => c.schema).map((c) => c.label));
    expect(caught.length).toBe(20);
  });
});
