import { defineConfig } from 'vitest/config';

// Browser tests: one real server for the whole run (global-setup.ts), files one after another.
export default defineConfig({
  root: new URL('.', import.meta.url).pathname,
  test: {
    environment: 'node',
    include: ['**/*.e2e.test.ts'],
    globalSetup: ['./global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    // expect.poll waits for what a page does after a click (a sign-in, a navigation, an answer):
    // vitest's default of 1 s is shorter than a loaded CI machine may take to hash a password.
    // A deadline, not a pace: a poll that succeeds returns at once.
    expect: { poll: { timeout: 10_000 } },
  },
});
