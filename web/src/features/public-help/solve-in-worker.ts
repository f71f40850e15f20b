import { solve } from './pow';

/** What solving took, in milliseconds (kept for the e2e measurement and the console's log). */
export type Solved = { nonce: string; ms: number };

/**
 * Solves a challenge in a Web Worker, so that the page stays responsive meanwhile; where workers
 * are not available, on the page itself.
 */
export function solveInWorker(
  salt: string,
  difficulty: number,
  signal?: AbortSignal,
): Promise<Solved> {
  if (typeof Worker === 'undefined') {
    const started = performance.now();
    return solve(salt, difficulty, signal ? { signal } : {}).then((nonce) => ({
      nonce,
      ms: Math.round(performance.now() - started),
    }));
  }
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./pow.worker.ts', import.meta.url), { type: 'module' });
    const stop = () => {
      worker.terminate();
      reject(new DOMException('The search was stopped', 'AbortError'));
    };
    signal?.addEventListener('abort', stop, { once: true });
    worker.onmessage = (event: MessageEvent<Solved | { error: string }>) => {
      signal?.removeEventListener('abort', stop);
      worker.terminate();
      if ('error' in event.data) reject(new Error(event.data.error));
      else resolve(event.data);
    };
    worker.onerror = (event) => {
      signal?.removeEventListener('abort', stop);
      worker.terminate();
      reject(new Error(event.message || 'The security check could not run'));
    };
    worker.postMessage({ salt, difficulty });
  });
}
