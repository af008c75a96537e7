// Which text each signatory agreed to, as list, renders and check say it: a signatory of the
// example letter's committed text (v1), then the text edited in the working copy (v2).
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempLetter } from '../helpers/cli.js';
import { letter } from '../helpers/in-process.js';

const t = useTempLetter();
const L = 'letters/time-to-act';
// The version of the example's letter.md as committed (its translations' source).
const V1 = 'sha256:5b9d2dc95291';
const read = (p: string) => readFileSync(path.join(t.dir, p), 'utf8');
const edit = (file: string, from: string, to: string) => {
  const p = path.join(t.letterDir, file);
  writeFileSync(p, readFileSync(p, 'utf8').replace(from, to));
};
const now = () => new Date('2020-05-27T09:00:00Z');

/** Ada Lovelace signs the committed text (v1) and is verified; then the text changes. */
async function signThenChange(): Promise<void> {
  const args = ['--name', 'Ada Lovelace', '--country', 'GB', '--group', 'industry'];
  expect((await letter(t.dir, ['sign', L, ...args], {}, { now })).code).toBe(0);
  const verify = ['verify', L, 'ada-lovelace', '--by', 'Desk'];
  expect((await letter(t.dir, verify, {}, { now })).code).toBe(0);
  edit('letter.md', 'The time to act is now.', 'The time to act is now, not tomorrow.');
}

describe('a signatory of an earlier version of the text', () => {
  it('is marked in list, and list --json names the version', async () => {
    await signThenChange();
    const text = await letter(t.dir, ['list', L]);
    expect(text.stdout).toContain('  Ada Lovelace · GB · ada-lovelace [agreed to v1]\n');
    expect(text.stdout).toContain('  Brad Smith · President, Microsoft · US · brad-smith\n');
    const json = JSON.parse((await letter(t.dir, ['list', L, '--json'])).stdout);
    const of = (id: string) => json.signatures.find((s: { id: string }) => s.id === id);
    expect(of('ada-lovelace')).toMatchObject({
      text_version: V1,
      version: 'v1',
      earlierText: true,
    });
    expect(of('brad-smith')).toMatchObject({
      text_version: null,
      version: null,
      earlierText: false,
    });
  });

  it('carries a dagger and a legend in every render, in each language', async () => {
    await signThenChange();
    const r = await letter(t.dir, ['render', L, '--lang', 'all', '--format', 'md,html,print']);
    expect(r.code).toBe(0);
    const md = read('out/time-to-act/time-to-act.md');
    expect(md).toContain(
      'Signed by 13 people, 0 of them signed the text as it reads now.\n\n† agreed to an earlier version of the text (v1).\n',
    );
    expect(md).toContain('- **Ada Lovelace**† · United Kingdom\n');
    expect(md).toContain('- **Brad Smith**, President, Microsoft · United States\n');
    for (const f of ['time-to-act.html', 'time-to-act.print.html']) {
      const html = read(`out/time-to-act/${f}`);
      expect(html).toContain(
        '<p class="earlier-note">† agreed to an earlier version of the text (v1)</p>',
      );
      expect(html).toContain(
        '<span class="name">Ada Lovelace<span class="earlier" title="v1">†</span></span>',
      );
      expect(html.match(/†/g)).toHaveLength(2);
    }
    expect(read('out/time-to-act/time-to-act.fr.md')).toContain(
      '† a signé une version antérieure du texte (v1).',
    );
    expect(read('out/time-to-act/time-to-act.es.html')).toContain(
      '† firmó una versión anterior del texto (v1)',
    );
  });

  it('makes check ask why the text changed, and name who has not reconfirmed', async () => {
    await signThenChange();
    const r = await letter(t.dir, ['check', L, '--format', 'json'], {}, { now });
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    const current = out.errors[0].hint.match(/sha256:[0-9a-f]{12}/)[0];
    expect(out.errors).toEqual([
      {
        file: `${L}/letter.yaml`,
        line: 10,
        column: 9,
        severity: 'error',
        code: 'text-revision-missing',
        message: `the text changed after the letter opened; record why: no entry of revisions: is for the current text ${current}, and signatories agreed to another version`,
        hint: `add to letter.yaml: revisions: [{ text: "${current}", at: "2020-05-27T09:00:00Z", reason: "<why the text changed>" }]`,
      },
    ]);
    expect(out.warnings[0]).toMatchObject({
      code: 'text-changed',
      message: `the text changed after people signed: 1 signature was made on ${V1} and not reconfirmed (ada-lovelace); the text is now ${current}`,
      hint: `if the change is more than a correction, show them what changed (letter diff ${L} ${V1}) and ask them to reconfirm: letter reconfirm ${L} ada-lovelace`,
    });
    // The entry the hint gives, added: the error goes, the warning stays until they reconfirm.
    const yaml = path.join(t.letterDir, 'letter.yaml');
    writeFileSync(
      yaml,
      `${read(`${L}/letter.yaml`)}revisions: [{ text: "${current}", at: "2020-05-27T09:00:00Z", reason: "Urgency made explicit" }]\n`,
    );
    const after = await letter(t.dir, ['check', L, '--format', 'json'], {}, { now });
    expect(JSON.parse(after.stdout).errors).toEqual([]);
    expect(after.code).toBe(0);
  });
});

describe('signatories of the current text only', () => {
  it('leave every render without a mark or a legend', async () => {
    const args = ['--name', 'Ada Lovelace', '--country', 'GB', '--group', 'industry'];
    await letter(t.dir, ['sign', L, ...args]);
    await letter(t.dir, ['verify', L, 'ada-lovelace', '--by', 'Desk']);
    expect((await letter(t.dir, ['render', L])).stderr).toBe('');
    for (const f of ['time-to-act.md', 'time-to-act.html', 'time-to-act.print.html'])
      expect(read(`out/time-to-act/${f}`)).not.toMatch(/†|earlier/);
    expect((await letter(t.dir, ['list', L])).stdout).not.toContain('agreed to');
  });
});
