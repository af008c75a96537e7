import { describe, expect, it } from 'vitest';
import { eventsOf, renderChangelog } from '../../src/letter/changelog.js';
import { letter, sig } from '../helpers/fixtures.js';

const signatures = [
  sig('eva-chen', 'Eva Chen', {
    signed_at: '2020-05-27T10:00:00Z', status: 'withdrawn',
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
    const after = renderChangelog(letter, [...signatures, sig('ada', 'Ada', { signed_at: '2026-11-29T12:00:00Z' })]);
    expect(after).toBe(`${before}- 2026-11-29T12:00:00Z signed: Ada (ada)\n`);
  });
});
