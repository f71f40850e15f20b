/** One line of the benchmark's table (and one object of its `--json` array). */
export type Row = {
  name: string;
  median_ms: number | null;
  p99_ms: number | null;
  /** Requests (or emails) per second. */
  throughput: number | null;
  /** The same work without the application (baseline.ts); null where there is none. */
  baseline: { median_ms: number; p99_ms: number; throughput: number } | null;
  /** Why there is no baseline. */
  baseline_note?: string;
  /** At a fixed rate: p99 over the baseline's p99; at saturation: throughput over the baseline's. */
  ratio: number | null;
  target: string;
  met: boolean;
  /** What went wrong, or what the figure depends on. */
  note?: string;
};

const cell = (value: number | null | undefined, digits = 1) =>
  value === null || value === undefined || Number.isNaN(value) ? '–' : value.toFixed(digits);

export function table(rows: Row[]): string {
  const header = [
    'scenario',
    'median ms',
    'p99 ms',
    'per s',
    'base median',
    'base p99',
    'base per s',
    'ratio',
    'target',
    'met',
  ];
  const lines = rows.map((r) => [
    r.name,
    cell(r.median_ms, 2),
    cell(r.p99_ms, 2),
    cell(r.throughput),
    cell(r.baseline?.median_ms, 2),
    cell(r.baseline?.p99_ms, 2),
    cell(r.baseline?.throughput),
    cell(r.ratio, 2),
    r.target,
    r.met ? 'yes' : 'NO',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const format = (cells: string[]) =>
    cells
      .map((c, i) => (i === 0 || i === 8 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
      .join('  ');
  const notes = rows.flatMap((r) => (r.note ? [`  ${r.name}: ${r.note}`] : []));
  return [format(header), ...lines.map(format), ...(notes.length ? ['', ...notes] : [])].join('\n');
}
