import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { init } from '../../src/commands/init.js';
import { sign } from '../../src/commands/sign.js';
import { useTempLetter } from '../helpers/cli.js';
import { testContext } from '../helpers/context.js';

const t = useTempLetter();
const L = 'letters/time-to-act';

describe('sign on a terminal, on a letter that requires nothing', () => {
  it('offers the country and the group with a way to skip them, and leaves out what was skipped', async () => {
    const file = path.join(t.letterDir, 'letter.yaml');
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace('requires:\n  - country\n  - group\n', ''),
    );
    const { ctx, asked } = testContext(t.dir, ['', '', '', '', '', true]);
    const r = await sign({ letter: L, name: 'Molly Example' }, ctx);
    expect(asked.map((q) => `${q.kind}: ${q.message}`)).toEqual([
      'text: Sort as (family name first):',
      'search: Country (optional; type to search):',
      'choose: Group (optional):',
      'text: Role (optional):',
      'text: Organisation (optional):',
      'confirm: Add this signature?',
    ]);
    expect(asked[1]?.choices?.[0]).toEqual({ value: '', name: '(no country)' });
    expect(asked[2]?.choices?.at(-1)).toEqual({ value: '', name: '(no group)' });
    expect(r.signature).toEqual({
      id: 'molly-example',
      name: 'Molly Example',
      sort_as: 'Example Molly',
      text_version: expect.stringMatching(/^sha256:/),
      signed_at: '2026-11-29T12:00:00Z',
      status: 'pending',
    });
  });

  it('asks for a required role as a required answer', async () => {
    const file = path.join(t.letterDir, 'letter.yaml');
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace(
        'requires:\n  - country\n  - group\n',
        'requires:\n  - role\n',
      ),
    );
    const { ctx, asked } = testContext(t.dir, ['', 'FR', '', 'Analyst', '', true]);
    const r = await sign({ letter: L, name: 'Ada Example' }, ctx);
    expect(asked.map((q) => `${q.kind}: ${q.message}`).slice(3, 5)).toEqual([
      'text: Role:',
      'text: Organisation (optional):',
    ]);
    expect(r.signature).toMatchObject({ name: 'Ada Example', country: 'FR', role: 'Analyst' });
  });
});

describe('init on a terminal', () => {
  it('asks which fields to require, offering group only when there are groups, and writes requires when some are', async () => {
    const { ctx, asked } = testContext(t.dir, [
      'Open',
      'the board',
      'Someone',
      'en',
      'Doctors',
      ['country', 'group'],
      false,
    ]);
    await init({ dir: 'letters/strict' }, ctx);
    const question = asked.find((q) => q.kind === 'chooseMany')!;
    expect(question.choices?.map((c) => c.value)).toEqual([
      'country',
      'role',
      'organisation',
      'group',
    ]);
    expect(readFileSync(path.join(t.dir, 'letters/strict/letter.yaml'), 'utf8')).toContain(
      'requires:\n  - country\n  - group\n',
    );

    const plain = testContext(t.dir, ['Open', 'the board', 'Someone', 'en', '', [], false]);
    await init({ dir: 'letters/plain' }, plain.ctx);
    expect(plain.asked.find((q) => q.kind === 'chooseMany')?.choices?.map((c) => c.value)).toEqual([
      'country',
      'role',
      'organisation',
    ]);
    expect(readFileSync(path.join(t.dir, 'letters/plain/letter.yaml'), 'utf8')).not.toContain(
      'requires',
    );
  });
});
