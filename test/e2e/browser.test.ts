import { execFileSync } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import path from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS } from '../../src/render/pdf.js';
import { letter, ROOT, tempLetter, useTempLetter } from '../helpers/cli.js';

// CI installs Debian's chromium and poppler-utils (.ci/run); there these tests always run.
const CHROMIUM = process.env.LETTER_CHROMIUM ?? '/usr/bin/chromium';
const available = existsSync(CHROMIUM) && existsSync('/usr/bin/pdftotext');
const L = 'letters/time-to-act';

describe.runIf(available || process.env.CI)('renders in a real browser and as PDF', () => {
  let browser: Browser;
  let t: ReturnType<typeof tempLetter>;
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  });
  afterAll(async () => browser?.close());
  beforeEach(() => {
    t = tempLetter();
  });
  afterEach(() => t.cleanup());
  const out = (f: string) => path.join(t.dir, 'out/time-to-act', f);

  it('writes all four formats; the PDF has the right page count and holds every signatory, first to last', async () => {
    // A PDF is dated when it is made: a fixed clock gives the same bytes twice.
    const clock = { LETTER_NOW: '2026-12-02T21:47:13Z' };
    const r = await letter(t.dir, ['render', L, '--format', 'md,html,print,pdf'], clock);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('out/time-to-act/time-to-act.pdf');
    const info = execFileSync('pdfinfo', [out('time-to-act.pdf')], { encoding: 'utf8' });
    expect(info).toMatch(/Pages:\s+2\n/);
    expect(info).toMatch(/Page size:\s+59\d\.\d+ x 841\.\d+ pts \(A4\)/);
    const text = execFileSync('pdftotext', ['-layout', out('time-to-act.pdf'), '-'], {
      encoding: 'utf8',
    });
    const names = [
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
    ];
    for (const n of names) expect(text).toContain(n);
    expect(text).toContain('Page 1 of 2');
    expect(text).toContain('Page 2 of 2');
    // The list starts on the first page, below the text (issue 17).
    const pages = text.split('\f');
    expect(pages[0]).toContain('Mikhail Gorbachev');
    expect(pages[1]).toContain('Brad Smith');

    const first = readFileSync(out('time-to-act.pdf'));
    await letter(t.dir, ['render', L, '--format', 'md,html,print,pdf'], clock);
    expect(readFileSync(out('time-to-act.pdf')).equals(first)).toBe(true);
  });

  it('filters the list as one types, and shows the whole list without JavaScript', async () => {
    await letter(t.dir, ['render', L, '--format', 'html']);
    const html = readFileSync(out('time-to-act.html'), 'utf8');
    const page = await browser.newPage();
    const requests: string[] = [];
    page.on('request', (req) => requests.push(req.url()));
    await page.goto(`file://${out('time-to-act.html')}`);
    const visible = () => page.locator('li.signatory:visible .name').allTextContents();
    expect(await visible()).toHaveLength(12);
    await page.getByLabel('Search the signatories').fill('chan');
    expect(await visible()).toEqual(['Margaret Chan']);
    await page.getByLabel('Search the signatories').fill('russia');
    expect(await visible()).toEqual(['Mikhail Gorbachev', 'Igor Ivanov', 'Eugene Kaspersky']);
    expect(await page.locator('#search-status').textContent()).toBe('3 of 12 shown');
    expect(await page.locator('section.group:visible h3').allTextContents()).toEqual([
      expect.stringMatching(/^Former heads of state/),
      expect.stringMatching(/^Former ministers/),
      expect.stringMatching(/^Industry/),
    ]);
    await page.getByLabel('Search the signatories').fill('zédillo');
    expect(await visible()).toEqual(['Ernesto Zedillo']);
    await page.getByLabel('Search the signatories').fill('nobody at all');
    expect(await page.locator('#search-status').textContent()).toBe(
      '0 of 12 shown No signatory matches.',
    );
    expect(requests).toEqual([`file://${out('time-to-act.html')}`]);

    const noScript = await browser.newContext({ javaScriptEnabled: false });
    const plain = await noScript.newPage();
    await plain.setContent(html);
    expect(await plain.locator('li.signatory:visible').count()).toBe(12);
    expect(await plain.locator('#search').isVisible()).toBe(false);
    await noScript.close();
    await page.close();
  });

  it('a hostile name runs no script, in the page or the print version', async () => {
    writeFileSync(
      path.join(t.letterDir, 'letter.yaml'),
      readFileSync(path.join(t.letterDir, 'letter.yaml'), 'utf8').replace(
        'verification: required',
        'verification: optional',
      ),
    );
    const hostile = [
      '<img src=x onerror="window.pwned=1">',
      '"><script>window.pwned=2</script>',
      '*Star* [x](javascript:window.pwned=3)',
    ];
    for (const [i, name] of hostile.entries())
      expect(
        (
          await letter(t.dir, [
            'sign',
            L,
            '--name',
            `${name} ${i}`,
            '--role',
            '<svg onload="window.pwned=4">',
            '--country',
            'FR',
            '--group',
            'industry',
            '--allow-similar',
          ])
        ).code,
      ).toBe(0);
    await letter(t.dir, ['render', L, '--format', 'html,print']);
    for (const f of ['time-to-act.html', 'time-to-act.print.html']) {
      const page = await browser.newPage();
      const dialogs: string[] = [];
      page.on('dialog', (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      await page.goto(`file://${out(f)}`);
      expect(await page.locator('a[href^="javascript:"], [onerror], [onload]').count()).toBe(0);
      expect(
        await page.evaluate(() => (window as unknown as { pwned?: number }).pwned),
      ).toBeUndefined();
      expect(dialogs).toEqual([]);
      expect(await page.locator('li.signatory .name').allTextContents()).toEqual(
        expect.arrayContaining(hostile.map((h, i) => `${h} ${i}`)),
      );
      await page.close();
    }
  });
});

describe.runIf(available || process.env.CI)(
  'a PDF print stays offline, whatever a custom template asks for',
  () => {
    const t = useTempLetter();

    it('opens no WebSocket, no WebRTC, no fetch, no image and no font from the network', async () => {
      // A TCP server that counts every connection (HTTP, WebSocket upgrade) and a UDP socket that counts STUN packets.
      const connections: string[] = [];
      const tcp = createServer((socket) => {
        connections.push('tcp');
        socket.destroy();
      });
      await new Promise<void>((ok) => tcp.listen(0, '127.0.0.1', ok));
      const port = (tcp.address() as AddressInfo).port;
      const udp = createSocket('udp4');
      udp.on('message', () => connections.push('udp'));
      await new Promise<void>((ok) => udp.bind(0, '127.0.0.1', ok));
      const udpPort = udp.address().port;
      const own = path.join(t.letterDir, 'templates');
      mkdirSync(own, { recursive: true });
      const base = readFileSync(path.join(ROOT, 'templates/letter.print.html.hbs'), 'utf8');
      const script = `<script>
      new WebSocket('ws://127.0.0.1:${port}/ws');
      fetch('http://127.0.0.1:${port}/fetch').catch(() => {});
      const pc = new RTCPeerConnection({ iceServers: [{ urls: 'stun:127.0.0.1:${udpPort}' }] });
      pc.createDataChannel('x');
      pc.createOffer().then((o) => pc.setLocalDescription(o));
      navigator.sendBeacon('http://127.0.0.1:${port}/beacon', 'x');
    </script><img src="http://127.0.0.1:${port}/img.png"><style>@font-face { font-family: X; src: url(http://127.0.0.1:${port}/font.woff); } body { font-family: X; }</style>`;
      writeFileSync(
        path.join(own, 'letter.print.html.hbs'),
        base.replace('</head>', `${script}</head>`).replace('</body>', `${script}</body>`),
      );
      try {
        const r = await letter(t.dir, ['render', L, '--format', 'pdf']);
        expect(r.code).toBe(0);
        await new Promise((ok) => setTimeout(ok, 500));
        expect(connections).toEqual([]);
      } finally {
        tcp.close();
        udp.close();
      }
    });

    it('the print version carries a Content-Security-Policy that allows no script and no network', async () => {
      await letter(t.dir, ['render', L, '--format', 'print']);
      const print = readFileSync(
        path.join(t.dir, 'out/time-to-act/time-to-act.print.html'),
        'utf8',
      );
      expect(print).toContain(
        `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; base-uri 'none'; form-action 'none'">`,
      );
    });
  },
);
