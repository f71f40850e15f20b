import { describe, expect, it } from 'vitest';
import { openDatabase } from './connect';

describe('start-up', () => {
  it('refuses to run as a database role that can bypass row-level security', async () => {
    const url = process.env.TEST_DATABASE_URL;
    const options = url
      ? ({ kind: 'postgres', url, poolSize: 1 } as const)
      : ({ kind: 'pglite-memory' } as const);
    // "postgres" is a superuser on both PGlite and the CI server.
    await expect(openDatabase({ ...options, appRole: 'postgres' })).rejects.toThrow(
      /can bypass row-level security/,
    );
  }, 60_000);
});
