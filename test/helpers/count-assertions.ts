/**
 * A vitest setup file (see vitest.config.ts) that appends "<test file> <assertions>" to
 * $ASSERTION_COUNT_FILE when each test file ends: the assertions its tests made.
 */
import { appendFileSync } from 'node:fs';
import { afterAll, afterEach, expect } from 'vitest';

let total = 0;
afterEach(() => {
  total += expect.getState().assertionCalls;
});
afterAll(() => {
  const file = process.env.ASSERTION_COUNT_FILE;
  if (file) appendFileSync(file, `${expect.getState().testPath} ${total}\n`);
});
