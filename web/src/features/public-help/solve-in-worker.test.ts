import { describe, expect, it } from 'vitest';
import { SecurityCheckError, solveInWorker } from './solve-in-worker';

// No Web Worker here: the search runs on the page, and fails the same way.
describe('the security check of the help form', () => {
  it('answers the nonce and what it took', async () => {
    const solved = await solveInWorker('salt', 4);
    expect(solved.nonce).toMatch(/^\d+$/);
    expect(solved.ms).toBeGreaterThanOrEqual(0);
  });

  it('fails with a reason the page words in its language, not the browser’s message', async () => {
    const controller = new AbortController();
    controller.abort();
    const failure = solveInWorker('x', 30, controller.signal);
    await expect(failure).rejects.toBeInstanceOf(SecurityCheckError);
    await expect(failure).rejects.toMatchObject({ reason: 'stopped' });
  });
});
