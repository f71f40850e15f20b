/**
 * A fixed rate as a constant arrival rate: at `rate` requests a second over `connections`
 * connections, connection i sends its k-th request at `(i + k · connections) / rate` seconds
 * after the start, so the requests of all connections together arrive evenly spaced, one every
 * 1/rate s. (autocannon's own `overallRate` refills an allowance every second, so each
 * connection sends its share in a burst at the start of each second: a load of ten concurrent
 * requests that measures saturation, not a rate.) When a response comes after the next request
 * was due, that request goes at once and its latency counts from when it was due: the server's
 * delay is not hidden by the client's waiting (no coordinated omission).
 */
export type Schedule = {
  /** When (performance.now() ms) this connection's next request is due; advances. */
  next(): number;
};

export function scheduleFor(
  start: number,
  connection: number,
  connections: number,
  rate: number,
): Schedule {
  const period = (connections / rate) * 1000;
  let due = start + (connection / rate) * 1000;
  return {
    next() {
      const at = due;
      due += period;
      return at;
    },
  };
}

/** Waits until `at` (performance.now() ms); at once when it has passed. */
export function until(at: number): Promise<void> {
  const wait = at - performance.now();
  return wait > 0 ? new Promise((resolve) => setTimeout(resolve, wait)) : Promise.resolve();
}
