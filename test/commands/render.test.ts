import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempLetter } from '../helpers/cli.js';
import { letter } from '../helpers/in-process.js';

const t = useTempLetter();

const L = 'letters/time-to-act';
const read = (p: string) => readFileSync(path.join(t.dir, p), 'utf8');
const names = (html: string) =>
  [...html.matchAll(/<span class="name">(?:<a [^>]*>)?([^<]*)/g)].map((m) => m[1]);
const groupsOf = (html: string) =>
  [...html.matchAll(/<h3 id="group-([a-z-]+)">/g)].map((m) => m[1]);

describe('letter render', () => {
  it('writes the three renders of the example letter and prints their paths', async () => {
    const r = await letter(t.dir, ['render', L]);
    expect(r).toEqual({
      code: 0,
      stderr: '',
      stdout: `Rendered ${L} (12 signatories):\n  out/time-to-act/time-to-act.md\n  out/time-to-act/time-to-act.html\n  out/time-to-act/time-to-act.print.html\n  out/time-to-act/time-to-act.count.json\n  out/time-to-act/time-to-act.atom\n  out/time-to-act/time-to-act.badge.svg\n`,
    });
    const html = read('out/time-to-act/time-to-act.html');
    expect(groupsOf(html)).toEqual([
      'former-heads-of-state',
      'international-organisations',
      'former-ministers',
      'nobel-laureates',
      'industry',
    ]);
    expect(names(html)).toEqual([
      'Mikhail Gorbachev',
      'Ernesto Zedillo',
      'Ban Ki-moon',
      'Margaret Chan',
      'Peter Maurer',
      "Zeid Ra'ad Al Hussein",
      'Madeleine Albright',
      'Igor Ivanov',
      'Desmond Tutu',
      'Eva Chen',
      'Eugene Kaspersky',
      'Brad Smith',
    ]);
    expect(html).toContain('data-sort="Ban Ki-moon"');
    expect(html).toContain('<p class="count">Signed by 12 people</p>');
    expect(html).toMatch(/^<!doctype html>\n<html lang="en" dir="ltr">/);

    const print = read('out/time-to-act/time-to-act.print.html');
    expect(print).toContain('size: A4;');
    expect(print).toContain('content: "Page " counter(page) " of " counter(pages);');
    expect(print).toContain('.signatory { break-inside: avoid; page-break-inside: avoid;');

    const md = read('out/time-to-act/time-to-act.md');
    expect(md).toMatch(/^# The Time to Act is Now\n/);
    expect(md).toContain(
      '### International organisations\n\n- **Ban Ki-moon**, Former Secretary-General, United Nations · South Korea\n- **Margaret Chan**',
    );
    expect(md).toContain(
      "- **Zeid Ra'ad Al Hussein**, Former High Commissioner for Human Rights, United Nations · Jordan\n",
    );
  });

  it('gives byte-identical files for the same input', async () => {
    await letter(t.dir, ['render', L, '--out', 'a']);
    await letter(t.dir, ['render', L, '--out', 'b']);
    for (const f of ['time-to-act.md', 'time-to-act.html', 'time-to-act.print.html'])
      expect(read(`b/${f}`)).toBe(read(`a/${f}`));
  });

  it('shows a hostile name as typed and lets it do nothing, in every format', async () => {
    const hostile = '*Star* [x](javascript:alert(1)) <script>alert(1)</script>';
    const s = await letter(t.dir, [
      'sign',
      L,
      '--name',
      hostile,
      '--role',
      '<img src=x onerror=alert(1)>',
      '--country',
      'FR',
      '--group',
      'industry',
      '--yes',
    ]);
    expect(s.code).toBe(0);
    writeFileSync(
      path.join(t.letterDir, 'letter.yaml'),
      read(`${L}/letter.yaml`).replace('verification: required', 'verification: optional'),
    );
    expect((await letter(t.dir, ['render', L, '--format', 'md,html'])).code).toBe(0);
    const html = read('out/time-to-act/time-to-act.html');
    expect(html).not.toContain('<script>alert');
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html).not.toContain('<img');
    expect(html).toContain('*Star* [x](javascript:alert(1)) &lt;script&gt;alert(1)&lt;/script&gt;');
    const md = read('out/time-to-act/time-to-act.md');
    expect(md).toContain(
      '- **\\*Star\\* \\[x\\](javascript:alert(1)) \\<script\\>alert(1)\\</script\\>**, \\<img src=x onerror=alert(1)\\>',
    );
  });

  it('leaves out withdrawn signatures, and pending ones when the letter requires verification', async () => {
    expect(
      (await letter(t.dir, ['withdraw', L, 'eva-chen', '--reason', 'Asked to be removed'])).code,
    ).toBe(0);
    expect(
      (
        await letter(t.dir, [
          'sign',
          L,
          '--name',
          'Ada Lovelace',
          '--country',
          'GB',
          '--group',
          'industry',
        ])
      ).code,
    ).toBe(0);
    const r = await letter(t.dir, ['render', L, '--format', 'html']);
    expect(r.stdout).toBe(
      `Rendered ${L} (11 signatories):\n  out/time-to-act/time-to-act.html\n  out/time-to-act/time-to-act.count.json\n  out/time-to-act/time-to-act.atom\n  out/time-to-act/time-to-act.badge.svg\n`,
    );
    const html = read('out/time-to-act/time-to-act.html');
    expect(html).not.toContain('Eva Chen');
    expect(html).not.toContain('Ada Lovelace');
  });

  it('is a usage error (exit 2) for an unknown format, writing nothing', async () => {
    const r = await letter(t.dir, ['render', L, '--format', 'md,docx']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--format: unknown format "docx"; use any of md, html, print');
  });

  it('lets a letter override a template, and names the file and line of a broken one', async () => {
    const { mkdirSync } = await import('node:fs');
    mkdirSync(path.join(t.letterDir, 'templates'));
    writeFileSync(path.join(t.letterDir, 'templates/letter.md.hbs'), '{{title}}: {{count}}\n');
    expect((await letter(t.dir, ['render', L, '--format', 'md'])).code).toBe(0);
    expect(read('out/time-to-act/time-to-act.md')).toBe('The Time to Act is Now: 12\n');
    writeFileSync(path.join(t.letterDir, 'templates/letter.md.hbs'), '{{title}}\n{{signatures}}\n');
    const r = await letter(t.dir, ['render', L, '--format', 'md']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      `error: ${L}/templates/letter.md.hbs:2:3: template error: "signatures" is not a field of the letter here`,
    );
  });

  it('leaves every old render, and no other file, when a template fails in the middle of the list', async () => {
    const { mkdirSync, readdirSync } = await import('node:fs');
    expect((await letter(t.dir, ['render', L, '--format', 'md,html'])).code).toBe(0);
    const oldMd = read('out/time-to-act/time-to-act.md');
    const oldHtml = read('out/time-to-act/time-to-act.html');
    mkdirSync(path.join(t.letterDir, 'templates'));
    // Ernesto Zedillo, second in the list, has no url: the template fails on him.
    writeFileSync(
      path.join(t.letterDir, 'templates/letter.html.hbs'),
      '{{title}}\n{{#each groups}}{{#each signatories}}{{#if url}}{{url}}{{else}}{{nourl}}{{/if}}\n{{/each}}{{/each}}',
    );
    const r = await letter(t.dir, ['render', L, '--format', 'md,html']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      `error: ${L}/templates/letter.html.hbs:2:66: template error: "nourl" is not a field of the letter here`,
    );
    expect(read('out/time-to-act/time-to-act.md')).toBe(oldMd);
    expect(read('out/time-to-act/time-to-act.html')).toBe(oldHtml);
    expect(readdirSync(path.join(t.dir, 'out/time-to-act')).sort()).toEqual([
      'time-to-act.atom',
      'time-to-act.badge.svg',
      'time-to-act.count.json',
      'time-to-act.html',
      'time-to-act.md',
    ]);
    const fresh = await letter(t.dir, ['render', L, '--format', 'md,html', '--out', 'new/renders']);
    expect(fresh.code).toBe(1);
    expect(readdirSync(t.dir)).not.toContain('new');
  });
});
