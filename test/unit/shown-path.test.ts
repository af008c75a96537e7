import { describe, expect, it } from 'vitest';
import { shownPath } from '../../src/shown-path.js';

describe('shownPath', () => {
  it('is relative to the working directory, climbing with .. as git does', () => {
    expect(shownPath('/work/campaign', '/work/campaign/letters/a')).toBe('letters/a');
    expect(shownPath('/work/campaign', '/work/campaign')).toBe('');
    expect(shownPath('/work/campaign/docs/notes', '/work/campaign/letters/a')).toBe(
      '../../letters/a',
    );
    expect(shownPath('/work/campaign', '/work/campaign/..hidden')).toBe('..hidden');
  });

  it('is absolute when the two share only the root', () => {
    expect(shownPath('/work/campaign', '/tmp/out')).toBe('/tmp/out');
    expect(shownPath('/work/campaign', '/nowhere')).toBe('/nowhere');
  });
});
