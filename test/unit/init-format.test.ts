import { describe, expect, it } from 'vitest';
import { formatInit } from '../../src/commands/init.js';
import { makeStyle } from '../../src/terminal.js';

describe('formatInit', () => {
  it('names the next command as the user runs letter', () => {
    const text = formatInit(
      {
        letter: 'letters/clean-air',
        slug: 'clean-air',
        written: ['letters/clean-air/letter.yaml'],
        kept: [],
      },
      makeStyle(false, 'npx letter'),
    );
    expect(text).toBe(
      'Created letters/clean-air (status: draft)\n  wrote letters/clean-air/letter.yaml\nNext: write the text in letters/clean-air/letter.md, set status: open in letter.yaml, then: npx letter sign letters/clean-air',
    );
  });
});
