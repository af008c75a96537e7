import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempLetter } from '../helpers/cli.js';
import { letter } from '../helpers/in-process.js';

const t = useTempLetter();
const L = 'letters/time-to-act';
const read = (p: string) => readFileSync(path.join(t.dir, 'out/time-to-act', p), 'utf8');
const edit = (from: string, to: string) => {
  const p = path.join(t.letterDir, 'letter.yaml');
  const text = readFileSync(p, 'utf8');
  expect(text).toContain(from);
  writeFileSync(p, text.replace(from, to));
};
const clock = (iso: string) => ({ now: () => new Date(iso) });

describe('dates in the letter locale', () => {
  it('writes the example letter (British English) in en-GB, and en-US when it says so', async () => {
    await letter(t.dir, ['render', L, '--format', 'md,html']);
    expect(read('time-to-act.md')).toContain('Opened 26 May 2020.');
    expect(read('time-to-act.html')).toContain(
      'Last updated <time datetime="2020-05-26T00:00:00Z">26 May 2020</time>',
    );
    edit('locale: en-GB', 'locale: en-US');
    await letter(t.dir, ['render', L, '--format', 'md']);
    expect(read('time-to-act.md')).toContain('Opened May 26, 2020.');
  });

  it('refuses a locale that is not a BCP 47 tag, or that no date can be written in, with line and column', async () => {
    edit('locale: en-GB', 'locale: en_GB');
    let r = await letter(t.dir, ['check', L]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      `${L}/letter.yaml:13:9: error: field "locale" must be a BCP 47 language tag such as en or fr`,
    );
    edit('locale: en_GB', 'locale: zz-ZZ');
    r = await letter(t.dir, ['check', L]);
    expect(r.stdout).toContain(
      `${L}/letter.yaml:13:9: error: field "locale" must be a BCP 47 locale this system can write dates in, such as en-GB`,
    );
    edit('locale: zz-ZZ', 'locale: fr-FR');
    r = await letter(t.dir, ['check', L]);
    expect(r.stdout).toContain(
      `${L}/letter.yaml:13:9: error: field "locale" must be a locale of the letter's language: en, or en and a region (a translation writes dates in its own language)`,
    );
  });
});

describe('what a shared link shows', () => {
  it('has a description, Open Graph and Twitter tags, og:url from url:, and links the feed', async () => {
    edit(
      'verification: required\n',
      'verification: required\nurl: https://example.org/time-to-act/\ndescription: Stop "cyberattacks" on hospitals & health bodies.\n',
    );
    expect((await letter(t.dir, ['render', L, '--format', 'html'])).code).toBe(0);
    const head = read('time-to-act.html').split('</head>')[0]!;
    for (const tag of [
      '<meta name="description" content="Stop &quot;cyberattacks&quot; on hospitals &amp; health bodies.">',
      '<link rel="canonical" href="https://example.org/time-to-act/">',
      '<meta property="og:type" content="article">',
      '<meta property="og:title" content="The Time to Act is Now">',
      '<meta property="og:description" content="Stop &quot;cyberattacks&quot; on hospitals &amp; health bodies.">',
      '<meta property="og:locale" content="en_GB">',
      '<meta property="og:url" content="https://example.org/time-to-act/">',
      '<meta name="twitter:card" content="summary">',
      '<link rel="alternate" type="application/atom+xml" title="Follow new signatures (Atom feed)" href="time-to-act.atom">',
    ])
      expect(head).toContain(tag);
    expect(head).not.toContain('og:image');
    expect(read('time-to-act.atom')).toContain(
      '<link rel="self" type="application/atom+xml" href="https://example.org/time-to-act/time-to-act.atom"/>',
    );
  });

  it('without url: or description:, describes the letter by its first paragraph and gives no og:url', async () => {
    await letter(t.dir, ['render', L, '--format', 'html']);
    const head = read('time-to-act.html').split('</head>')[0]!;
    expect(head).toContain(
      '<meta name="description" content="While health workers everywhere fight the COVID-19 pandemic',
    );
    expect(head).not.toContain('og:url');
    expect(head).not.toContain('canonical');
  });

  it('renders the same bytes whatever the clock: "last updated" is the newest change, not the render', async () => {
    await letter(t.dir, ['render', L], {}, clock('2026-01-01T00:00:00Z'));
    const first = ['html', 'count.json', 'atom', 'badge.svg'].map((f) => read(`time-to-act.${f}`));
    await letter(t.dir, ['render', L], {}, clock('2027-06-30T12:00:00Z'));
    expect(
      ['html', 'count.json', 'atom', 'badge.svg'].map((f) => read(`time-to-act.${f}`)),
    ).toEqual(first);
  });
});

describe('count.json, the feed and the badge', () => {
  it('agree with the page and with list --json', async () => {
    await letter(t.dir, ['render', L, '--format', 'html']);
    const list = JSON.parse((await letter(t.dir, ['list', L, '--json'])).stdout);
    const names: string[] = list.signatures.map((s: { name: string }) => s.name);
    const count = JSON.parse(read('time-to-act.count.json'));
    expect(count).toMatchObject({ letter: 'time-to-act', embargoed: false, count: names.length });
    expect(Object.values(count.groups).reduce((a, b) => Number(a) + Number(b), 0)).toBe(
      names.length,
    );
    const feed = read('time-to-act.atom');
    const titles = [...feed.matchAll(/<title>(.+) signed<\/title>/g)].map((m) => m[1]);
    expect(titles.sort()).toEqual([...names].sort());
    expect(read('time-to-act.badge.svg')).toContain(`aria-label="signatures: ${names.length}"`);
    expect(read('time-to-act.html')).toContain(`Signed by ${names.length} people`);
  });

  it('give no count and no name before the embargo, and the count from the moment it passes', async () => {
    edit('opened: 2020-05-26\n', 'opened: 2020-05-26\nembargo: 2020-05-26T09:00:00Z\n');
    const before = await letter(t.dir, ['render', L], {}, clock('2020-05-26T08:59:59Z'));
    expect(before.code).toBe(0);
    expect(JSON.parse(read('time-to-act.count.json'))).toMatchObject({
      embargoed: true,
      until: '2020-05-26T09:00:00Z',
      count: null,
      groups: null,
      updated: null,
    });
    const feed = read('time-to-act.atom');
    expect(feed).not.toContain('<entry>');
    expect(feed).not.toContain('Gorbachev');
    expect(feed).toContain(
      '<subtitle>EMBARGOED PREVIEW: not for publication before 26 May 2020, 09:00 UTC</subtitle>',
    );
    const badge = read('time-to-act.badge.svg');
    expect(badge).toContain('aria-label="signatures: embargoed"');
    expect(badge).not.toMatch(/\d+<\/text>/);

    await letter(t.dir, ['render', L], {}, clock('2020-05-26T09:00:00Z'));
    expect(JSON.parse(read('time-to-act.count.json'))).toMatchObject({
      embargoed: false,
      count: 12,
    });
    expect(read('time-to-act.badge.svg')).toContain('aria-label="signatures: 12"');
  });

  it('are written with the page in the letter own language only', async () => {
    const r = await letter(t.dir, ['render', L, '--format', 'md', '--lang', 'all']);
    expect(r.stdout).not.toContain('count.json');
    const fr = await letter(t.dir, ['render', L, '--format', 'html', '--lang', 'fr']);
    expect(fr.stdout).toBe(
      `Rendered ${L} (12 signatories):\n  out/time-to-act/time-to-act.fr.html\n`,
    );
    expect(read('time-to-act.fr.html')).toContain('href="time-to-act.atom"');
    expect(read('time-to-act.fr.html')).toContain(
      'Dernière mise à jour <time datetime="2020-05-26T00:00:00Z">26 mai 2020</time>',
    );
  });
});
