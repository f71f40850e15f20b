import { defineConfig } from 'vitest/config';

/**
 * Unit and integration tests (browser tests have their own config in e2e/). Server tests share
 * one database per worker (`isolate: false`) and isolate themselves by creating a fresh entity.
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'server',
          include: ['server/src/**/*.test.ts', 'common/src/**/*.test.ts'],
          exclude: ['**/*.long.test.ts', '**/node_modules/**'],
          environment: 'node',
          isolate: false,
          pool: 'forks',
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'web',
          include: ['web/src/**/*.test.ts'],
          environment: 'node',
        },
      },
    ],
  },
});
