import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { useTempLetter } from '../helpers/cli.js';
import { letter } from '../helpers/in-process.js';

const t = useTempLetter();
const L = 'letters/time-to-act';
const read = (p: string) => readFileSync(path.join(t.dir, 'out/time-to-act', p), 'utf8');

it('the page, count.json and the feed give one "last updated": a verification after the newest signing', async () => {
  writeFileSync(
    path.join(t.letterDir, 'signatures', 'ada-lovelace.yaml'),
    [
      'name: Ada Lovelace',
      'country: GB',
      'group: industry',
      'signed_at: 2020-06-01T10:00:00Z',
      'status: verified',
      'verified:',
      '  by: CyberPeace Institute',
      '  at: 2020-06-10T08:30:00Z',
      '',
    ].join('\n'),
  );
  expect((await letter(t.dir, ['render', L, '--format', 'html'])).code).toBe(0);
  const at = '2020-06-10T08:30:00Z';
  expect(read('time-to-act.html')).toContain(
    `Last updated <time datetime="${at}">10 June 2020</time>`,
  );
  expect(JSON.parse(read('time-to-act.count.json')).updated).toBe(at);
  const feed = read('time-to-act.atom');
  // The feed's own <updated>, before its first entry; the entry is the signing.
  expect(feed.split('<entry>')[0]).toContain(`  <updated>${at}</updated>\n`);
  expect(feed).toContain('<updated>2020-06-01T10:00:00Z</updated>');
});
