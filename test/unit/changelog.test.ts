import { describe, expect, it } from 'vitest';
import {
  changelogLine,
  eventsAfterTail,
  eventsOf,
  insertEvent,
  insertEvents,
  renderChangelog,
} from '../../src/letter/changelog.js';
import { letter, sig } from '../helpers/fixtures.js';

const signatures = [
  sig('eva-chen', 'Eva Chen', {
    signed_at: '2020-05-27T10:00:00Z',
    status: 'withdrawn',
    verified: { by: 'Desk', at: '2020-05-28T00:00:00Z' },
    withdrawn: { at: '2020-06-01T00:00:00Z', reason: 'Asked\nby email', by: 'Desk' },
  }),
  sig('ban-ki-moon', 'Ban Ki-moon', { signed_at: '2020-05-26T00:00:00Z' }),
  sig('star', '*Star* [x](javascript:alert(1))', { signed_at: '2020-05-27T10:00:00Z' }),
];

describe('changelog', () => {
  it('lists events oldest first, ties by kind then id', () => {
    expect(eventsOf(signatures).map((e) => `${e.at} ${e.kind} ${e.id}`)).toEqual([
      '2020-05-26T00:00:00Z signed ban-ki-moon',
      '2020-05-27T10:00:00Z signed eva-chen',
      '2020-05-27T10:00:00Z signed star',
      '2020-05-28T00:00:00Z verified eva-chen',
      '2020-06-01T00:00:00Z withdrawn eva-chen',
    ]);
  });

  it('renders one escaped Markdown line per event under a four-line header', () => {
    expect(renderChangelog(letter, signatures)).toBe(
      [
        '# Changelog: The Time to Act is Now',
        '',
        'Derived from signatures/ by `letter`; rebuild it with `letter changelog <letter>`.',
        '',
        '- 2020-05-26T00:00:00Z signed: Ban Ki-moon (ban-ki-moon)',
        '- 2020-05-27T10:00:00Z signed: Eva Chen (eva-chen)',
        '- 2020-05-27T10:00:00Z signed: \\*Star\\* \\[x\\](javascript:alert(1)) (star)',
        '- 2020-05-28T00:00:00Z verified: Eva Chen (eva-chen) by Desk',
        '- 2020-06-01T00:00:00Z withdrawn: Eva Chen (eva-chen) by Desk; reason: Asked by email',
        '',
      ].join('\n'),
    );
  });

  it('only appends a line when someone signs now', () => {
    const before = renderChangelog(letter, signatures);
    const after = renderChangelog(letter, [
      ...signatures,
      sig('ada', 'Ada', { signed_at: '2026-11-29T12:00:00Z' }),
    ]);
    expect(after).toBe(`${before}- 2026-11-29T12:00:00Z signed: Ada (ada)\n`);
  });
});

describe('insertEvent', () => {
  // A seeded generator (mulberry32), so that a failure can be replayed.
  const rng = (seed: number) => () => {
    seed = (seed + 0x6d2b79f5) >>> 0;
    let t = Math.imul(seed ^ (seed >>> 15), seed | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const r = rng(7);
  const when = () => `2020-01-0${1 + Math.floor(r() * 3)}T00:00:0${Math.floor(r() * 3)}Z`;

  it('adds one line exactly where renderChangelog puts it, ties and names with brackets included', () => {
    for (let trial = 0; trial < 1500; trial++) {
      const signatures = Array.from({ length: Math.floor(r() * 12) }, (_, i) =>
        sig(`id-${Math.floor(r() * 40)}-${i}`, r() < 0.2 ? `Name (x) ${i}` : `Name ${i}`, {
          signed_at: when(),
          ...(r() < 0.3 ? { status: 'verified' as const, verified: { by: 'V', at: when() } } : {}),
        }),
      );
      const added = sig(`new-${Math.floor(r() * 40)}`, 'New (y) One', { signed_at: when() });
      const before = renderChangelog(letter, signatures);
      expect(
        insertEvent(before, {
          at: added.signed_at,
          kind: 'signed',
          id: added.id,
          name: added.name,
        }),
      ).toBe(renderChangelog(letter, [...signatures, added]));
    }
  });

  it('orders events by time, then kind, then id, as a plain comparison of the texts does', () => {
    const kinds = ['signed', 'verified', 'withdrawn', 'rejected', 'erased'];
    for (let trial = 0; trial < 300; trial++) {
      const signatures = Array.from({ length: Math.floor(r() * 20) }, (_, i) =>
        sig(`${['a', 'ab', 'b', 'a-2'][Math.floor(r() * 4)]}-${i}`, `Name ${i}`, {
          signed_at: when(),
          ...(r() < 0.5 ? { status: 'verified' as const, verified: { by: 'V', at: when() } } : {}),
        }),
      );
      const naive = signatures
        .flatMap((s) => [
          { at: s.signed_at, kind: 'signed', id: s.id },
          ...(s.verified ? [{ at: s.verified.at, kind: 'verified', id: s.id }] : []),
        ])
        .sort(
          (a, b) =>
            (a.at < b.at ? -1 : a.at > b.at ? 1 : 0) ||
            kinds.indexOf(a.kind) - kinds.indexOf(b.kind) ||
            (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
        );
      expect(eventsOf(signatures).map((e) => `${e.at} ${e.kind} ${e.id}`)).toEqual(
        naive.map((e) => `${e.at} ${e.kind} ${e.id}`),
      );
    }
  });

  it('renders the lines in the order of eventsOf (time, then kind, then id)', () => {
    for (let trial = 0; trial < 300; trial++) {
      const signatures = Array.from({ length: Math.floor(r() * 15) }, (_, i) =>
        sig(`${['a', 'ab', 'b'][Math.floor(r() * 3)]}-${i}`, `Name ${i}`, {
          signed_at: when(),
          ...(r() < 0.4
            ? { status: 'withdrawn' as const, withdrawn: { at: when(), reason: 'moved on' } }
            : {}),
        }),
      );
      const lines = renderChangelog(letter, signatures)
        .split('\n')
        .filter((l) => l.startsWith('- '));
      expect(lines).toEqual(eventsOf(signatures).map(changelogLine));
    }
  });

  it('gives up (undefined) on a text that is not a changelog letter writes', () => {
    expect(
      insertEvent('# Changelog\n\nsome notes\n\nnot an event\n', {
        at: '2020-01-01T00:00:00Z',
        kind: 'signed',
        id: 'a',
        name: 'A',
      }),
    ).toBeUndefined();
    expect(
      insertEvent('no final newline', {
        at: '2020-01-01T00:00:00Z',
        kind: 'signed',
        id: 'a',
        name: 'A',
      }),
    ).toBeUndefined();
  });
});

describe('insertEvents and eventsAfterTail: an import or a sign "now" adds its lines', () => {
  const text = [
    '# Changelog: T',
    '',
    'Derived from signatures/ by `letter`; rebuild it with `letter changelog <letter>`.',
    '',
    '- 2020-05-26T00:00:00Z signed: Ban Ki-moon (ban-ki-moon)',
    '- 2020-05-27T10:00:00Z signed: Eva Chen (eva-chen)',
    '',
  ].join('\n');
  const ev = (at: string, id: string, name: string) => ({ at, kind: 'signed' as const, id, name });

  it('inserts several events where a whole render puts them, in one pass', () => {
    expect(
      insertEvents(text, [
        ev('2020-05-28T00:00:00Z', 'zed', 'Zed'),
        ev('2020-05-26T00:00:00Z', 'ada', 'Ada'),
        ev('2020-05-26T00:00:00Z', 'carl', 'Carl'),
      ]),
    ).toBe(
      [
        '# Changelog: T',
        '',
        'Derived from signatures/ by `letter`; rebuild it with `letter changelog <letter>`.',
        '',
        '- 2020-05-26T00:00:00Z signed: Ada (ada)',
        '- 2020-05-26T00:00:00Z signed: Ban Ki-moon (ban-ki-moon)',
        '- 2020-05-26T00:00:00Z signed: Carl (carl)',
        '- 2020-05-27T10:00:00Z signed: Eva Chen (eva-chen)',
        '- 2020-05-28T00:00:00Z signed: Zed (zed)',
        '',
      ].join('\n'),
    );
  });

  it('gives the lines to append from the last bytes alone when every event goes after the last line', () => {
    const tail = Buffer.from(text.slice(text.indexOf('\n- 2020-05-26')));
    expect(
      eventsAfterTail(tail, [
        ev('2026-12-02T10:00:00Z', 'b', 'B'),
        ev('2026-12-01T10:00:00Z', 'a', 'A'),
      ])?.toString(),
    ).toBe('- 2026-12-01T10:00:00Z signed: A (a)\n- 2026-12-02T10:00:00Z signed: B (b)\n');
  });

  it('gives nothing when an event goes before the last line, or the tail does not hold a whole line', () => {
    const tail = Buffer.from(text.slice(text.indexOf('\n- 2020-05-27')));
    expect(eventsAfterTail(tail, [ev('2020-05-26T00:00:00Z', 'a', 'A')])).toBeUndefined();
    expect(eventsAfterTail(tail, [ev('2020-05-27T10:00:00Z', 'eva-chen', 'Eva')])).toBeUndefined();
    expect(
      eventsAfterTail(Buffer.from('signed: X (x)\n'), [ev('2030-01-01T00:00:00Z', 'a', 'A')]),
    ).toBeUndefined();
    expect(
      eventsAfterTail(Buffer.from('\n# Changelog\n'), [ev('2030-01-01T00:00:00Z', 'a', 'A')]),
    ).toBeUndefined();
  });
});
