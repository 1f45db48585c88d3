/**
 * How many cases each property runs, and replay of a failure.
 *
 *   FC_NUM_RUNS  runs of a property of weight 1 (default below; `npm run fuzz` sets 20x).
 *                Costlier properties run a fraction of it (their weight), at least 1.
 *   FC_SEED      replay: the seed printed with a failure ("seed: 123")
 *   FC_PATH      replay: the path printed with it ("path: \"4:1:0\"") - only with FC_SEED
 *
 * A failure message from fast-check names the seed and the path, e.g.
 *   Property failed after 12 tests
 *   { seed: -1811395617, path: "11:2:0", endOnFailure: true }
 * Re-run one property with them:
 *   FC_SEED=-1811395617 FC_PATH=11:2:0 node --import tsx --test --test-name-pattern='quick fix' test/property/service.property.test.ts
 */
import fc from 'fast-check';

/** Runs of a weight-1 property in a plain `npm test` run: sized so the suite stays well under a minute on 2 cores. */
export const defaultRuns = 2000;

export const baseRuns = (() => {
  const raw = process.env.FC_NUM_RUNS;
  if (raw === undefined || raw === '') return defaultRuns;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`FC_NUM_RUNS must be a positive integer, not ${raw}`);
  return n;
})();

export function runsFor(weight: number): number {
  return Math.max(1, Math.round(baseRuns * weight));
}

/** Parameters for fc.assert: the number of runs, and the seed and path to replay when given. */
export function parameters<T>(weight = 1): fc.Parameters<T> {
  const params: fc.Parameters<T> = { numRuns: runsFor(weight), includeErrorInReport: true };
  if (process.env.FC_SEED) {
    params.seed = Number(process.env.FC_SEED);
    if (process.env.FC_PATH) params.path = process.env.FC_PATH;
  }
  return params;
}

/** Cases run per property name, reported at the end of the file's run (see service.property.test.ts). */
export const casesRun = new Map<string, { runs: number; ms: number; cpuMs: number }>();

/**
 * fc.assert with the shared parameters; records the number of cases and the time taken. The
 * error fast-check throws on failure carries `seed` and `path`: it is rethrown unchanged.
 */
export function checkProperty<Ts extends [unknown, ...unknown[]]>(name: string, weight: number, arbitraries: { [K in keyof Ts]: fc.Arbitrary<Ts[K]> }, predicate: (...args: Ts) => void): void {
  let runs = 0;
  const started = performance.now();
  const cpu = process.cpuUsage();
  const property = fc.property(...(arbitraries as unknown as [fc.Arbitrary<unknown>]), (...args: unknown[]) => {
    runs++;
    (predicate as (...a: unknown[]) => void)(...args);
  });
  try {
    fc.assert(property as fc.IProperty<unknown[]>, parameters(weight));
  } finally {
    const used = process.cpuUsage(cpu);
    casesRun.set(name, { runs, ms: performance.now() - started, cpuMs: (used.user + used.system) / 1000 });
  }
}
