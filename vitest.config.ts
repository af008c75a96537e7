import { defineConfig } from 'vitest/config';

// End-to-end tests spend most of their time waiting for the `letter` processes they start, so
// more test files than cores run at once (measured on 2 cores: 6 e2e files took 63 s with one
// worker, 40 s with three). Timeouts are generous because a loaded CI machine is slower.
// ASSERTION_COUNT_FILE=<file> counts the assertions each test file made (`npm run test:count`),
// so a change that moves tests between tiers can show it kept them.
export default defineConfig({
  test: {
    maxWorkers: 3,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    setupFiles: process.env.ASSERTION_COUNT_FILE ? ['test/helpers/count-assertions.ts'] : [],
  },
});
