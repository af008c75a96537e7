import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderChangelog } from '../../src/letter/changelog.js';
import { type CheckInput, checkLetter } from '../../src/letter/check.js';
import { groupSignatures } from '../../src/letter/order.js';
import {
  type LetterFile,
  letterSchema,
  type Signature,
  signatureSchema,
} from '../../src/letter/schema.js';
import { InvalidSignatureInput, sign } from '../../src/letter/signatures.js';
import { computeStats } from '../../src/letter/stats.js';
import { renderDocument } from '../../src/render/render.js';
import { letterView } from '../../src/render/view.js';
import { ROOT } from '../helpers/cli.js';
import { letter as example, NOW, sig } from '../helpers/fixtures.js';

/** The same letter signed by name alone: groups declared, nothing required. */
const byName: LetterFile = { ...example, requires: [] };
/** A signature with a name only, as a real public letter has them. */
const bare = (id: string, name: string, extra: Partial<Signature> = {}): Signature => ({
  id,
  name,
  signed_at: '2020-05-26T00:00:00Z',
  status: 'pending',
  ...extra,
});

describe('letter.yaml: requires', () => {
  it('defaults to nothing, takes the four fields once each, and nothing else', () => {
    const base = {
      title: 'T',
      slug: 't',
      addressee: 'A',
      organisers: [{ name: 'O' }],
      status: 'draft',
      language: 'en',
    };
    expect(letterSchema.parse(base).requires).toEqual([]);
    expect(
      letterSchema.parse({ ...base, requires: ['country', 'role', 'organisation', 'group'] })
        .requires,
    ).toEqual(['country', 'role', 'organisation', 'group']);
    expect(letterSchema.safeParse({ ...base, requires: ['email'] }).error?.issues[0]?.message).toBe(
      'must be one of country, role, organisation, group',
    );
    expect(
      letterSchema.safeParse({ ...base, requires: ['country', 'country'] }).error?.issues[0]
        ?.message,
    ).toBe('must name each field once');
  });

  it('a signature file needs no country', () => {
    expect(
      signatureSchema.safeParse({
        name: 'Molly',
        signed_at: '2021-03-24T00:00:00Z',
        status: 'pending',
      }).success,
    ).toBe(true);
  });
});

describe('sign and requires', () => {
  it('signs by name alone when the letter requires nothing, group included although groups are declared', () => {
    const { signature } = sign(byName, [], { name: 'Molly' }, NOW);
    expect(signature).toEqual({
      id: 'molly',
      name: 'Molly',
      signed_at: '2026-11-29T12:00:00Z',
      status: 'pending',
    });
  });

  it.each([
    [
      { requires: ['country'] },
      { name: 'A B' },
      'country',
      'is required by this letter (requires: in letter.yaml)',
    ],
    [
      { requires: ['role'] },
      { name: 'A B', role: ' ' },
      'role',
      'is required by this letter (requires: in letter.yaml)',
    ],
    [
      { requires: ['organisation'] },
      { name: 'A B' },
      'organisation',
      'is required by this letter (requires: in letter.yaml)',
    ],
    [
      { requires: ['group'] },
      { name: 'A B' },
      'group',
      'is required; one of: international-organisations, industry',
    ],
    [
      { requires: [] },
      { name: 'A B', group: 'nobody' },
      'group',
      '"nobody" is not a group of this letter; one of: international-organisations, industry',
    ],
  ] as const)('with %j, refuses %j naming %s', (settings, input, field, reason) => {
    try {
      sign({ ...byName, requires: [...settings.requires] }, [], input, NOW);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InvalidSignatureInput);
      expect([(e as InvalidSignatureInput).field, (e as InvalidSignatureInput).reason]).toEqual([
        field,
        reason,
      ]);
    }
  });
});

describe('check and requires', () => {
  const at = (line: number) => () => ({ line, column: 3 });
  const input = (letter: LetterFile, signatures: Signature[]): CheckInput => ({
    folderName: 'time-to-act',
    shown: 'letters/time-to-act',
    letter,
    letterFile: 'letter.yaml',
    locateLetter: at(2),
    body: 'Text.',
    bodyFile: 'letter.md',
    translations: {},
    signatures: signatures.map((s) => ({
      signature: s,
      file: `signatures/${s.id}.yaml`,
      locate: at(1),
    })),
    changelog: renderChangelog(letter, signatures),
    changelogFile: 'CHANGELOG.md',
    now: NOW,
    unreadSignatures: 0,
    erased: [],
  });
  const summary = (i: CheckInput) =>
    checkLetter(i).map(
      (p) => `${p.severity} ${p.file}:${p.line}:${p.column} ${p.code}: ${p.message} (${p.hint})`,
    );

  it('finds nothing wrong with signatures by name alone on a letter that requires nothing', () => {
    expect(
      summary(input(byName, [bare('molly', 'Molly'), bare('ada', 'Ada', { group: 'industry' })])),
    ).toEqual([]);
  });

  it('reports each missing required field at the file, for signatures that are shown or may be', () => {
    const letter: LetterFile = { ...byName, requires: ['country', 'organisation', 'group'] };
    const withdrawn = bare('gone', 'Gone', {
      status: 'withdrawn',
      withdrawn: { at: '2020-06-01T00:00:00Z', reason: 'asked' },
    });
    expect(
      summary(input(letter, [bare('molly', 'Molly', { organisation: 'Debian' }), withdrawn])),
    ).toEqual([
      'error signatures/molly.yaml:1:3 missing-country: missing required field "country" (letter.yaml requires it) (add country: with an ISO 3166-1 alpha-2 code such as GB, or remove country from requires in letter.yaml)',
      'error signatures/molly.yaml:1:3 missing-group: missing required field "group" (letter.yaml requires it) (add group: with one of international-organisations, industry, or remove group from requires in letter.yaml)',
    ]);
  });

  it('reports a letter that requires a group but declares none', () => {
    expect(summary(input({ ...byName, groups: [], requires: ['group'] }, []))).toEqual([
      'error letter.yaml:2:3 requires-groups: requires group, but the letter declares no groups (declare groups: in letter.yaml, or remove group from requires)',
    ]);
  });
});

describe('a signature without country, role, organisation or group', () => {
  const molly = bare('molly', 'Molly de Blanc');
  const ada = sig('ada', 'Ada Lovelace', { country: 'GB', role: 'Analyst' });

  it('goes to the ungrouped section, last', () => {
    expect(
      groupSignatures(byName, [molly, ada], ['pending']).map((g) => [
        g.group?.id ?? null,
        g.signatures.map((s) => s.id),
      ]),
    ).toEqual([
      ['industry', ['ada']],
      [null, ['molly']],
    ]);
  });

  it('renders in Markdown and HTML without an empty separator or "undefined"', () => {
    const view = letterView(byName, 'Text.', [molly, ada]);
    expect(view.groups[1]?.signatories[0]).toMatchObject({
      name: 'Molly de Blanc',
      affiliation: null,
      country: null,
      countryName: null,
      search: 'molly de blanc',
    });
    const template = (format: string) => {
      const name = { md: 'letter.md.hbs', html: 'letter.html.hbs' }[format]!;
      return {
        name,
        file: `templates/${name}`,
        text: readFileSync(path.join(ROOT, 'templates', name), 'utf8'),
      };
    };
    const partials = ['masthead', 'signatories'].map((n) => ({
      name: n,
      file: `templates/partials/${n}.hbs`,
      text: readFileSync(path.join(ROOT, `templates/partials/${n}.hbs`), 'utf8'),
    }));
    const md = renderDocument(view, 'md', template('md'), partials);
    expect(md).toContain('- **Molly de Blanc**\n');
    expect(md).toContain('- **Ada Lovelace**, Analyst · United Kingdom\n');
    const html = renderDocument(view, 'html', template('html'), partials);
    expect(html).toContain('<span class="name">Molly de Blanc</span></li>');
    for (const text of [md, html]) expect(text).not.toMatch(/undefined|null| · \n| · $/m);
  });

  it('is counted under "(no country)" and "(no group)", last', () => {
    const stats = computeStats(byName, [molly, bare('nathan', 'Nathan'), ada]);
    expect(stats.byCountry).toEqual([
      { key: 'GB', label: 'United Kingdom', count: 1 },
      { key: '(none)', label: '(no country)', count: 2 },
    ]);
    expect(stats.byGroup).toEqual([
      { key: 'industry', label: 'Industry', count: 1 },
      { key: '(none)', label: '(no group)', count: 2 },
    ]);
  });
});
