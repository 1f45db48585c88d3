/** Statistics of timings: percentiles, a summary of samples, and timing a function. */

export interface Stats {
  n: number;
  median: number;
  p10: number;
  p90: number;
  p95: number;
  min: number;
  max: number;
}

/** The `p` percentile (0 to 1) of sorted numbers, interpolated between the two nearest. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = (sorted.length - 1) * p;
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
}

export function stats(samples: number[]): Stats {
  const s = [...samples].sort((a, b) => a - b);
  const r = (x: number) => Math.round(x * 1000) / 1000;
  return {
    n: s.length,
    median: r(percentile(s, 0.5)),
    p10: r(percentile(s, 0.1)),
    p90: r(percentile(s, 0.9)),
    p95: r(percentile(s, 0.95)),
    min: r(s[0]),
    max: r(s[s.length - 1]),
  };
}

/** A full garbage collection when node runs with --expose-gc; nothing otherwise. */
export const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

/** Times `fn` `runs` times after `warmup` untimed runs; stops early after `budgetMs` (at least `minRuns`). */
export function sample(fn: () => void, warmup: number, runs: number, budgetMs = Infinity, minRuns = 3): number[] {
  for (let i = 0; i < warmup; i++) fn();
  gc();
  const times: number[] = [];
  const start = performance.now();
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
    if (times.length >= minRuns && performance.now() - start > budgetMs) break;
  }
  return times;
}

export function timeOnce(fn: () => void): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}
