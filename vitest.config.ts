import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

/**
 * Unit and integration tests (browser tests have their own config in e2e/). Server tests share
 * one database per worker (`isolate: false`) and isolate themselves by creating a fresh entity.
 */
export default defineConfig({
  test: {
    // Vitest's default (cores − 1) is one worker on CI's 2 cores; each worker has its own PGlite
    // (or shares the PostgreSQL server), and tests never see each other's entities.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    projects: [
      {
        test: {
          name: 'server',
          include: ['server/src/**/*.test.ts', 'common/src/**/*.test.ts'],
          exclude: ['**/*.long.test.ts', '**/node_modules/**'],
          environment: 'node',
          isolate: false,
          pool: 'forks',
          testTimeout: 60_000,
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
