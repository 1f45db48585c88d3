/** The benchmark's command line, read with node:util's parseArgs. */
import { isAbsolute, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { repoRoot } from './machine';

/** The parts of the benchmark, in the order they run; --only picks some. */
export const parts = ['analysis', 'features', 'lsp', 'peer', 'sizes'] as const;
export type Part = (typeof parts)[number];

export const usage = `node --expose-gc --import tsx bench/run.ts [--quick] [--only ${parts.join(',')}] [--out file.json]`;

export interface BenchOptions {
  quick: boolean;
  /** The parts asked for by --only; undefined: all. */
  only?: ReadonlySet<Part>;
  outPath: string;
  wants(part: Part): boolean;
}

export function readBenchOptions(argv: readonly string[]): BenchOptions {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    options: {
      quick: { type: 'boolean' },
      only: { type: 'string' },
      out: { type: 'string' },
    },
  });
  let only: Set<Part> | undefined;
  if (values.only !== undefined) {
    const asked = values.only.split(',').map((p) => p.trim()).filter(Boolean);
    const unknown = asked.filter((p) => !(parts as readonly string[]).includes(p));
    if (unknown.length > 0) throw new Error(`--only ${values.only}: no part ${unknown.join(', ')}; the parts are ${parts.join(', ')}`);
    only = new Set(asked as Part[]);
  }
  const path = (p: string) => (isAbsolute(p) ? p : resolve(p));
  return {
    quick: !!values.quick,
    only,
    outPath: values.out !== undefined ? path(values.out) : join(repoRoot, 'bench', 'results', 'latest.json'),
    wants: (part) => !only || only.has(part),
  };
}
