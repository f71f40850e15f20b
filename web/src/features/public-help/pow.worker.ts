/// <reference lib="webworker" />
import { solve } from './pow';

/** Solves one challenge off the page's thread: `{ salt, difficulty }` → `{ nonce, ms }`. */
self.onmessage = async (event: MessageEvent<{ salt: string; difficulty: number }>) => {
  const started = performance.now();
  try {
    const nonce = await solve(event.data.salt, event.data.difficulty);
    self.postMessage({ nonce, ms: Math.round(performance.now() - started) });
  } catch (error) {
    self.postMessage({ error: error instanceof Error ? error.message : String(error) });
  }
};
