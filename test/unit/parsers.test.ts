/**
 * The differential test of the two YAML readers: on every file of the example letter, the
 * hostile corpus and generated signatures, the fast path (js-yaml) and the `yaml` package
 * give the same value and the same problems.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fc, test } from '@fast-check/vitest';
import jsyaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { generateLetter } from '../../bench/generate.js';
import { signatureSchema } from '../../src/letter/schema.js';
import { signatureText } from '../../src/storage/letter-store.js';
import { parseYaml, parseYamlFast } from '../../src/storage/yaml.js';
import { ROOT } from '../helpers/cli.js';

const files = [
  ...readdirSync(path.join(ROOT, 'letters/time-to-act/signatures')).map((n) =>
    path.join(ROOT, 'letters/time-to-act/signatures', n),
  ),
  ...readdirSync(path.join(ROOT, 'test/fixtures/hostile')).map((n) =>
    path.join(ROOT, 'test/fixtures/hostile', n),
  ),
];

describe('the fast YAML path agrees with the yaml package on the benchmark letters', () => {
  it('reads 2,000 generated signature files (a tenth non-Latin, 60% verified) the same way', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'letter-parsers-'));
    try {
      generateLetter(path.join(dir, 'bench'), 2000, 7, { sharded: true });
      const sigs = path.join(dir, 'bench/signatures');
      let compared = 0;
      for (const shard of readdirSync(sigs)) {
        for (const f of readdirSync(path.join(sigs, shard))) {
          const text = readFileSync(path.join(sigs, shard, f), 'utf8');
          const fast = parseYamlFast(text, f, signatureSchema);
          expect(fast.value, f).toEqual(parseYaml(text, f, signatureSchema).value);
          expect(fast.value, f).toBeDefined();
          compared++;
        }
      }
      expect(compared).toBe(2000);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the fast YAML path agrees with the yaml package', () => {
  it.each(files.map((f) => [path.relative(ROOT, f), f]))('%s', (_, f) => {
    const text = readFileSync(f, 'utf8');
    const fast = parseYamlFast(text, 'x.yaml', signatureSchema);
    const full = parseYaml(text, 'x.yaml', signatureSchema);
    expect(fast.value).toEqual(full.value);
    expect(fast.problems).toEqual(full.problems);
  });

  const scalar = fc.string({ maxLength: 30 });
  test.prop(
    [
      fc.dictionary(
        fc.constantFrom('name', 'role', 'organisation', 'sort_as', 'group', 'status', 'country'),
        fc.oneof(scalar, fc.integer(), fc.boolean(), fc.constant(null)),
      ),
    ],
    { numRuns: 500 },
  )('js-yaml and yaml read any generated file the same way', (fields) => {
    const text = Object.entries(fields)
      .map(([k, v]) => `${k}: ${typeof v === 'string' ? JSON.stringify(v) : String(v)}`)
      .join('\n');
    let a: unknown;
    let b: unknown;
    try {
      a = jsyaml.load(text, { schema: jsyaml.CORE_SCHEMA });
    } catch {
      a = 'error';
    }
    try {
      b = parse(text, { version: '1.2', schema: 'core', uniqueKeys: true });
    } catch {
      b = 'error';
    }
    if (a !== 'error' && b !== 'error') expect(a ?? null).toEqual(b ?? null);
  });

  it('on the files letter writes', () => {
    const s = {
      id: 'x',
      name: "Zeid Ra'ad Al Hussein",
      sort_as: 'NO',
      role: '1:20',
      country: 'NO',
      group: 'industry',
      signed_at: '2020-05-26T00:00:00Z',
      status: 'pending' as const,
    };
    const text = signatureText(s);
    expect(parseYamlFast(text, 'x', signatureSchema).value).toEqual(
      parseYaml(text, 'x', signatureSchema).value,
    );
  });
});
