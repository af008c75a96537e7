import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sign } from '../../src/commands/sign.js';
import { Cancelled } from '../../src/errors.js';
import { snapshot, useTempLetter } from '../helpers/cli.js';
import { testContext } from '../helpers/context.js';

const t = useTempLetter();
const L = 'letters/time-to-act';

describe('sign on a terminal', () => {
  it('asks only for what the flags left out, offers the letter groups and searchable countries, then confirms', async () => {
    const { ctx, asked, stderr } = testContext(t.dir, [
      '',
      'JO',
      'international-organisations',
      'Former minister',
      '',
      true,
    ]);
    const r = await sign({ letter: L, name: 'Rania Example' }, ctx);
    expect(asked.map((q) => `${q.kind}: ${q.message}`)).toEqual([
      'text: Sort as (family name first):',
      'search: Country (type to search):',
      'choose: Group:',
      'text: Role (optional):',
      'text: Organisation (optional):',
      'confirm: Add this signature?',
    ]);
    expect(asked[0]?.default).toBe('Example Rania');
    expect(asked[1]?.choices?.find((c) => c.value === 'JO')).toEqual({
      value: 'JO',
      name: 'Jordan (JO)',
    });
    expect(asked[2]?.choices).toEqual([
      { value: 'former-heads-of-state', name: 'Former heads of state and government' },
      { value: 'international-organisations', name: 'International organisations' },
      { value: 'former-ministers', name: 'Former ministers' },
      { value: 'nobel-laureates', name: 'Nobel laureates' },
      { value: 'industry', name: 'Industry' },
    ]);
    expect(stderr()).toContain('name         Rania Example');
    expect(stderr()).toContain('country      Jordan (JO)');
    expect(r.signature).toEqual({
      id: 'rania-example',
      name: 'Rania Example',
      sort_as: 'Example Rania',
      role: 'Former minister',
      country: 'JO',
      group: 'international-organisations',
      text_version: expect.stringMatching(/^sha256:[0-9a-f]{12}$/),
      signed_at: '2026-11-29T12:00:00Z',
      status: 'pending',
    });
    expect(readFileSync(path.join(t.letterDir, 'signatures/rania-example.yaml'), 'utf8')).toContain(
      'name: Rania Example\nsort_as: Example Rania\n',
    );
  });

  it('offers the derived sort key as the default and takes what the person types instead', async () => {
    const { ctx, asked } = testContext(t.dir, ['Arias Óscar', '', '', true]);
    const r = await sign(
      { letter: L, name: 'Óscar Arias Sánchez', country: 'CR', group: 'former-heads-of-state' },
      ctx,
    );
    expect(asked[0]).toEqual({
      kind: 'text',
      message: 'Sort as (family name first):',
      default: 'Arias Sánchez Óscar',
    });
    expect(r.signature.sort_as).toBe('Arias Óscar');
  });

  it('writes no sort_as when the key is the name itself', async () => {
    const { ctx, asked } = testContext(t.dir, ['', '', '', true]);
    const r = await sign({ letter: L, name: 'Madonna', country: 'US', group: 'industry' }, ctx);
    expect(asked[0]?.default).toBe('Madonna');
    expect(r.signature.sort_as).toBeUndefined();
  });

  it('asks nothing with every flag and --yes', async () => {
    const { ctx, asked } = testContext(t.dir, []);
    await sign(
      {
        letter: L,
        name: 'A B',
        sortAs: 'B A',
        country: 'FR',
        group: 'industry',
        role: 'x',
        organisation: 'y',
        yes: true,
      },
      ctx,
    );
    expect(asked).toEqual([]);
  });

  it.each([
    ['a no at the confirmation', ['', 'FR', 'industry', '', '', false]],
    ['Ctrl-C at a prompt', [new Cancelled()]],
  ])('writes nothing after %s', async (_, answers) => {
    const before = snapshot(t.dir);
    const { ctx } = testContext(t.dir, answers);
    await expect(sign({ letter: L, name: 'Nobody Yet' }, ctx)).rejects.toBeInstanceOf(Cancelled);
    expect(snapshot(t.dir)).toEqual(before);
    expect(existsSync(path.join(t.letterDir, 'signatures/nobody-yet.yaml'))).toBe(false);
  });
});

// The domain names the field it refuses (InvalidSignatureInput); the command names its flag.
describe('sign without a terminal: a refused field is named by its flag', () => {
  it.each([
    [{ sortAs: 'write to ada@example.org' }, '--sort-as: sort_as holds an email address'],
    [{ organisation: 'call +41 22 000 00 00' }, '--organisation: organisation holds an email'],
    [{ url: 'ftp://example.org' }, '--url: url must be an http or https address'],
    [{ github: 'not a login' }, '--github: github '],
  ])('%j → %s', async (flags, message) => {
    const before = snapshot(t.dir);
    const { ctx } = testContext(t.dir);
    await expect(
      sign({ letter: L, name: 'Field Test', country: 'FR', group: 'industry', ...flags }, ctx),
    ).rejects.toThrow(message);
    expect(snapshot(t.dir)).toEqual(before);
  });
});

describe('sign with contact details', () => {
  it('keeps the contacts already in the private store when the new signatory gives a phone alone', async () => {
    const { ctx } = testContext(t.dir);
    const base = { letter: L, country: 'FR', group: 'industry' };
    await sign({ ...base, name: 'Ada One', email: 'ada@example.org' }, ctx);
    await sign({ ...base, name: 'Bob Two', phone: '+44 20 7946 0000' }, ctx);
    expect(readFileSync(path.join(t.letterDir, 'private/contacts.yaml'), 'utf8')).toBe(
      'ada-one:\n  email: ada@example.org\nbob-two:\n  phone: +44 20 7946 0000\n',
    );
  });
});
