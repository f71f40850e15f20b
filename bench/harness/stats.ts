/** Latency figures of a run: median and 99th percentile (nearest rank), in milliseconds. */
export type Latencies = { median_ms: number; p99_ms: number; max_ms: number; count: number };

export function latencies(samples: readonly number[]): Latencies {
  if (samples.length === 0) return { median_ms: NaN, p99_ms: NaN, max_ms: NaN, count: 0 };
  const sorted = Float64Array.from(samples).sort();
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
  return {
    median_ms: round(at(0.5)),
    p99_ms: round(at(0.99)),
    max_ms: round(sorted[sorted.length - 1]!),
    count: sorted.length,
  };
}

export const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

/** Milliseconds since `start` (process.hrtime.bigint()). */
export const since = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;
