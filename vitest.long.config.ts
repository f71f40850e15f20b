import { defineConfig } from 'vitest/config';

/**
 * `npm run test:long`: the long-running evidence. Evidence tests (`*.evidence.test.ts`) run here
 * at their full counts (CALIU_LONG=1; `npm test` runs them reduced), and `*.long.test.ts` only
 * here. Crash and race evidence needs PostgreSQL: set TEST_DATABASE_URL.
 */
export default defineConfig({
  test: {
    include: ['server/src/**/*.evidence.test.ts', 'server/src/**/*.long.test.ts'],
    environment: 'node',
    env: { CALIU_LONG: '1' },
    isolate: false,
    pool: 'forks',
    testTimeout: 30 * 60_000,
    hookTimeout: 10 * 60_000,
  },
});
