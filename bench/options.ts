/** The benchmark's command line, read with node:util's parseArgs. */
import { existsSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { repoRoot } from './machine';

/** The parts of the benchmark, in the order they run; --only picks some. */
export const parts = ['analysis', 'features', 'metrics', 'cold-analysis', 'lsp', 'cold-open', 'doc-memory', 'peer', 'cli', 'index', 'sizes'] as const;
export type Part = (typeof parts)[number];

export const usage = `Usage: node --expose-gc --import tsx bench/run.ts [options]

  --quick                a shorter run (fewer samples, smaller sets)
  --only <part,...>      run only these parts: ${parts.join(', ')}
  --out <file.json>      where the results go (default bench/results/latest.json)
  --server <server.js>   the language server to measure over LSP (default dist/server.js),
                         for one of another build: its languageServer.js beside it
  --cli <cli.js>         the postmortem-check to measure (default dist/cli.js)
`;

export interface BenchOptions {
  quick: boolean;
  /** The parts asked for by --only; undefined: all. */
  only?: ReadonlySet<Part>;
  outPath: string;
  /** The server's entry point to measure over LSP (--server); by default dist/server.js. */
  serverPath: string;
  /** The postmortem-check to measure (--cli); by default dist/cli.js. */
  cliPath: string;
  /** Whether --server named a build other than this tree's dist/. */
  otherServer: boolean;
  wants(part: Part): boolean;
}

export class UsageError extends Error {}

export function readBenchOptions(argv: readonly string[]): BenchOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      options: {
        quick: { type: 'boolean' },
        only: { type: 'string' },
        out: { type: 'string' },
        server: { type: 'string' },
        cli: { type: 'string' },
      },
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  let only: Set<Part> | undefined;
  if (values.only !== undefined) {
    const asked = values.only.split(',').map((p) => p.trim()).filter(Boolean);
    const unknown = asked.filter((p) => !(parts as readonly string[]).includes(p));
    if (unknown.length > 0) throw new UsageError(`--only ${values.only}: no part ${unknown.join(', ')}; the parts are ${parts.join(', ')}`);
    only = new Set(asked as Part[]);
  }
  const file = (option: string, given: string | undefined, fallback: string) => {
    if (given === undefined) return fallback;
    const path = resolve(given);
    if (!existsSync(path)) throw new UsageError(`--${option} ${given}: no such file`);
    return path;
  };
  return {
    quick: !!values.quick,
    only,
    outPath: values.out !== undefined ? resolve(values.out) : join(repoRoot, 'bench', 'results', 'latest.json'),
    serverPath: file('server', values.server, join(repoRoot, 'dist', 'server.js')),
    cliPath: file('cli', values.cli, join(repoRoot, 'dist', 'cli.js')),
    otherServer: values.server !== undefined,
    wants: (part) => !only || only.has(part),
  };
}

/** A path for the report: relative to the repository when inside it. */
export function shown(path: string): string {
  const rel = relative(repoRoot, path);
  return rel.startsWith('..') || isAbsolute(rel) ? path : rel;
}
