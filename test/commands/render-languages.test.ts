import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempLetter } from '../helpers/cli.js';
import { letter } from '../helpers/in-process.js';

const t = useTempLetter();
const L = 'letters/time-to-act';
const read = (p: string) => readFileSync(path.join(t.dir, p), 'utf8');
const edit = (file: string, from: string, to: string) => {
  const p = path.join(t.letterDir, file);
  writeFileSync(p, readFileSync(p, 'utf8').replace(from, to));
};

describe('languages', () => {
  it('renders the French text with French headings, dates and country names', async () => {
    const r = await letter(t.dir, ['render', L, '--lang', 'fr', '--format', 'md,html']);
    expect(r.stdout).toBe(
      `Rendered ${L} (12 signatories):\n  out/time-to-act/time-to-act.fr.md\n  out/time-to-act/time-to-act.fr.html\n`,
    );
    const md = read('out/time-to-act/time-to-act.fr.md');
    expect(md).toMatch(/^# Il est temps d'agir\n\n\*Lettre ouverte aux gouvernements du monde\*\n/);
    expect(md).toContain('Ouverte le 26 mai 2020.');
    expect(md).toContain('## Signataires\n\nSignée par 12 personnes.');
    expect(md).toContain("### Anciens chefs d'État et de gouvernement");
    expect(md).toContain(
      '- **Ban Ki-moon**, Former Secretary-General, United Nations · Corée du Sud',
    );
    const html = read('out/time-to-act/time-to-act.fr.html');
    expect(html).toMatch(/^<!doctype html>\n<html lang="fr" dir="ltr">/);
    expect(html).toContain(
      '<label for="signatory-search">Rechercher parmi les signataires</label>',
    );
    expect(html).toContain('<time datetime="2020-05-26">26 mai 2020</time>');
  });

  it('renders every language with --lang all, Spanish included', async () => {
    const r = await letter(t.dir, ['render', L, '--lang', 'all', '--format', 'print']);
    expect(r.stdout.trim().split('\n').slice(1)).toEqual([
      '  out/time-to-act/time-to-act.print.html',
      '  out/time-to-act/time-to-act.fr.print.html',
      '  out/time-to-act/time-to-act.es.print.html',
    ]);
    const es = read('out/time-to-act/time-to-act.es.print.html');
    expect(es).toContain('content: "Página " counter(page) " de " counter(pages);');
    expect(es).toContain('Firmada por 12 personas');
    const unknown = await letter(t.dir, ['render', L, '--lang', 'de']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain(
      '--lang: the letter has no de text; it has en, fr, es (or all)',
    );
  });

  it('flags a translation made from an older text, and signatures made on one', async () => {
    await letter(t.dir, [
      'sign',
      L,
      '--name',
      'Early Signer',
      '--country',
      'FR',
      '--group',
      'industry',
    ]);
    await letter(t.dir, ['verify', L, 'early-signer', '--by', 'Desk']);
    edit('letter.md', 'The time to act is now.', 'The time to act is now, not tomorrow.');
    const r = await letter(t.dir, ['check', L, '--format', 'json']);
    const codes = JSON.parse(r.stdout).warnings.map(
      (w: { code: string; file: string; line: number }) => `${w.code} ${w.file}:${w.line}`,
    );
    expect(codes).toEqual([
      `text-changed ${L}/letter.md:1`,
      `translation-outdated ${L}/letter.yaml:18`,
      `translation-outdated ${L}/letter.yaml:22`,
    ]);
    await letter(t.dir, ['render', L, '--format', 'md']);
    expect(read('out/time-to-act/time-to-act.md')).toContain(
      'Signed by 13 people, 0 of them signed the text as it reads now.',
    );
  });
});

describe('templates', () => {
  it("--template renders a file of the editor's, with the helpers-free view", async () => {
    writeFileSync(
      path.join(t.dir, 'names.hbs'),
      '{{#each groups}}{{#each signatories}}{{name}} ({{countryName}}, {{signedOn}})\n{{/each}}{{/each}}',
    );
    const r = await letter(t.dir, [
      'render',
      L,
      '--format',
      'md',
      '--template',
      'names.hbs',
      '--lang',
      'fr',
    ]);
    expect(r.code).toBe(0);
    expect(read('out/time-to-act/time-to-act.fr.md').split('\n')[0]).toBe(
      'Mikhail Gorbachev (Russie, 26 mai 2020)',
    );
    expect((await letter(t.dir, ['render', L, '--template', 'names.hbs'])).code).toBe(2);
  });

  it('check reports a broken custom template with its line, and warns on raw output', async () => {
    mkdirSync(path.join(t.letterDir, 'templates/partials'), { recursive: true });
    writeFileSync(
      path.join(t.letterDir, 'templates/letter.md.hbs'),
      '# {{title}}\n{{#each groups}}\n{{{name}}}\n',
    );
    writeFileSync(
      path.join(t.letterDir, 'templates/partials/signatories.hbs'),
      '<p>{{{countText}}} {{{bodyHtml}}}</p>\n',
    );
    const r = await letter(t.dir, ['check', L]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      `${L}/templates/letter.md.hbs:2:1: error: template error: a block opened with {{#...}} is never closed`,
    );
    expect(r.stdout).toContain(
      `${L}/templates/partials/signatories.hbs:1:4: warning: the template outputs "countText" unescaped ({{{ }}}); signature data should use {{ }}`,
    );
    expect(r.stdout).not.toContain('"bodyHtml" unescaped');
  });
});

describe('stats and --watch', () => {
  it('stats counts by status, group, country and day', async () => {
    const r = JSON.parse((await letter(t.dir, ['stats', L, '--json'])).stdout);
    expect(r.total).toBe(12);
    expect(r.byStatus).toEqual([
      { key: 'pending', label: 'pending', count: 0 },
      { key: 'verified', label: 'verified', count: 12 },
      { key: 'withdrawn', label: 'withdrawn', count: 0 },
      { key: 'rejected', label: 'rejected', count: 0 },
    ]);
    expect(r.byGroup.map((g: { key: string; count: number }) => `${g.key} ${g.count}`)).toEqual([
      'former-heads-of-state 2',
      'international-organisations 4',
      'former-ministers 2',
      'nobel-laureates 1',
      'industry 3',
    ]);
    expect(r.byCountry[0]).toEqual({ key: 'RU', label: 'Russia', count: 3 });
    expect(r.byDay).toEqual([{ key: '2020-05-26', label: '2020-05-26', count: 12 }]);
    const text = await letter(t.dir, ['stats', L]);
    expect(text.stdout).toContain(
      '  International organisations          ████████████████████████████████████████ 4',
    );
  });
});
