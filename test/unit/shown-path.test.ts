import { describe, expect, it } from 'vitest';
import { shownPath } from '../../src/shown-path.js';

describe('shownPath', () => {
  it('is relative inside the working directory, absolute outside it', () => {
    expect(shownPath('/work/campaign', '/work/campaign/letters/a')).toBe('letters/a');
    expect(shownPath('/work/campaign', '/work/campaign')).toBe('');
    expect(shownPath('/work/campaign', '/tmp/out')).toBe('/tmp/out');
    expect(shownPath('/work/campaign', '/work')).toBe('/work');
    expect(shownPath('/work/campaign', '/work/campaign-2/x')).toBe('/work/campaign-2/x');
    expect(shownPath('/work/campaign', '/work/campaign/..hidden')).toBe('..hidden');
  });
});
