import { solve } from './pow';

/** What solving took, in milliseconds (kept for the e2e measurement and the console's log). */
export type Solved = { nonce: string; ms: number };

/**
 * The security check did not finish: it could not run (no worker, a script refused, an error in
 * the search) or it was stopped. Its message is for developers; the page words it from `reason`.
 */
export class SecurityCheckError extends Error {
  constructor(
    readonly reason: 'failed' | 'stopped',
    message: string,
  ) {
    super(message);
    this.name = 'SecurityCheckError';
  }
}

const isAbort = (error: unknown) => error instanceof DOMException && error.name === 'AbortError';

/**
 * Solves a challenge in a Web Worker, so that the page stays responsive meanwhile; where workers
 * are not available, on the page itself. Fails with a `SecurityCheckError`.
 */
export function solveInWorker(
  salt: string,
  difficulty: number,
  signal?: AbortSignal,
): Promise<Solved> {
  if (typeof Worker === 'undefined') {
    const started = performance.now();
    return solve(salt, difficulty, signal ? { signal } : {}).then(
      (nonce) => ({ nonce, ms: Math.round(performance.now() - started) }),
      (error: unknown) => {
        throw new SecurityCheckError(isAbort(error) ? 'stopped' : 'failed', String(error));
      },
    );
  }
  return new Promise((resolve, reject) => {
    let worker: Worker;
    try {
      worker = new Worker(new URL('./pow.worker.ts', import.meta.url), { type: 'module' });
    } catch (error) {
      // A page's security policy may refuse the worker's script.
      reject(new SecurityCheckError('failed', String(error)));
      return;
    }
    const stop = () => {
      worker.terminate();
      reject(new SecurityCheckError('stopped', 'The search was stopped'));
    };
    signal?.addEventListener('abort', stop, { once: true });
    worker.onmessage = (event: MessageEvent<Solved | { error: string }>) => {
      signal?.removeEventListener('abort', stop);
      worker.terminate();
      if ('error' in event.data) reject(new SecurityCheckError('failed', event.data.error));
      else resolve(event.data);
    };
    worker.onerror = (event) => {
      signal?.removeEventListener('abort', stop);
      worker.terminate();
      reject(new SecurityCheckError('failed', event.message || 'The worker could not run'));
    };
    worker.postMessage({ salt, difficulty });
  });
}
