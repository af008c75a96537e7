import { appendFileSync } from 'node:fs';
import { afterAll, afterEach, expect } from 'vitest';

let total = 0;
afterEach(() => {
  total += expect.getState().assertionCalls;
});
afterAll(() => {
  appendFileSync(
    process.env.ASSERTION_COUNT_FILE ?? '/tmp/count/total.txt',
    `${expect.getState().testPath} ${total}\n`,
  );
});
