import { defineConfig } from 'vitest/config';

/** `npm run test:long`: long-running evidence (soak, crash, large populations). */
export default defineConfig({
  test: {
    include: ['server/src/**/*.long.test.ts'],
    environment: 'node',
    isolate: false,
    pool: 'forks',
    testTimeout: 30 * 60_000,
    hookTimeout: 10 * 60_000,
  },
});
