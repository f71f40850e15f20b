import { sha256Words } from './sha256';

/**
 * The public forms' proof of work, solved in the browser (a Web Worker, pow.worker.ts) or in
 * Node: the first nonce — 0, 1, 2… written in decimal — such that SHA-256(`${salt}:${nonce}`)
 * starts with `difficulty` zero bits (at most 32). The server checks it with one hash
 * (server/src/platform/public-forms/challenge.ts).
 */

/** How many zero bits the digest starts with. */
export function leadingZeroBits(digest: Uint8Array): number {
  let bits = 0;
  for (const byte of digest) {
    if (byte !== 0) return bits + Math.clz32(byte) - 24;
    bits += 8;
  }
  return bits;
}

/** Nonces tried between two looks at the signal (and two yields of the event loop). */
const ROUND = 50_000;

export type SolveOptions = {
  /** Stops the search (the page was left). */
  signal?: AbortSignal;
  /** Where to start counting (tests). */
  start?: number;
};

/** Finds the nonce; answers it as a string, the form the server expects. */
export async function solve(
  salt: string,
  difficulty: number,
  options: SolveOptions = {},
): Promise<string> {
  const encoder = new TextEncoder();
  const prefix = encoder.encode(`${salt}:`);
  // The message, rewritten in place for each nonce (at most 16 decimal digits).
  const message = new Uint8Array(prefix.length + 16);
  message.set(prefix);
  for (let base = options.start ?? 0; ; base += ROUND) {
    if (options.signal?.aborted) throw new DOMException('The search was stopped', 'AbortError');
    for (let nonce = base; nonce < base + ROUND; nonce++) {
      const digits = String(nonce);
      for (let i = 0; i < digits.length; i++) message[prefix.length + i] = digits.charCodeAt(i);
      const h = sha256Words(message.subarray(0, prefix.length + digits.length));
      const zeros = h[0] === 0 ? 32 : Math.clz32(h[0]!);
      if (zeros >= difficulty) return digits;
    }
    // Let an abort (or anything else waiting) in between rounds.
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}
