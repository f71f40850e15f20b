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
  },
});
