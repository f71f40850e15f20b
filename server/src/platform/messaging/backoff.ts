/**
 * When to try a failed message again: exponential (base × 2^(attempt−1), capped at max) with
 * "equal jitter" (between half and all of it), so that messages failing together spread out.
 */
export function retryDelayMs(
  attempt: number,
  options: { baseMs: number; maxMs: number },
  random: () => number = Math.random,
): number {
  const exponential = options.baseMs * 2 ** Math.max(0, Math.min(attempt - 1, 30));
  const ceiling = Math.min(options.maxMs, exponential);
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
