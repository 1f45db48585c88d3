/**
 * Cold and first open against a trivial server: how much of the time from didOpen to pulled
 * diagnostics of a 1 MB document is our analysis, and how much the protocol any server pays
 * (reading the didOpen, writing the diagnostics). The trivial server (trivialServer.mjs) answers
 * each pull with the diagnostics our server gave for that document, computed beforehand.
 *
 * - First open: the first document of a freshly spawned server, didOpen sent as soon as
 *   `initialized` is (as VS Code sends the open editors'), JIT cold. Ours starts as VS Code
 *   starts it, with a code cache folder filled beforehand; also timed without one.
 * - Cold open: a document the server has not seen (new URI, new text) in a running server
 *   warmed by opening others, for each shape: mixed, long log blocks, a long timeline, many
 *   placeholders.
 *
 * Rounds of fresh servers, ours and the trivial one interleaved (the order alternating), so
 * both see the same machine load; medians over the rounds.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import { join } from 'node:path';
import { serverEnvironmentFrom } from '../client/src/serverEnvironment';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { LspClient } from '../test/support/lspClient';
import { generatePostmortem, MB, type BenchTemplate, type Shape } from './generate';
import { attempt, serverReady, startServer } from './lsp';
import { shown, type BenchOptions } from './options';
import { bytes, coldOpenShapes, log, ms, section, target } from './report';
import { stats, type Stats } from './stats';

interface PoolDoc {
  uri: string;
  shape: Shape;
  text: string;
}

type Kind = 'ours' | 'ours-no-cache' | 'trivial';

interface Run {
  first: number;
  cold: Partial<Record<Shape, number[]>>;
  /** Diagnostics received per URI. */
  counts: Map<string, number>;
}

export async function openVsTrivialBench(template: BenchTemplate, options: BenchOptions, results: Record<string, unknown>): Promise<void> {
  const { quick, serverPath } = options;
  const rounds = quick ? 2 : 5;
  const rows = section(`Cold and first open of 1 MB, pull: ${shown(serverPath)} vs a trivial server (bench/trivialServer.mjs), medians of ${rounds} rounds of fresh servers`);
  if (!serverReady(rows, options)) return;
  await attempt(rows, 'cold and first open', async () => {
    // Documents: the first one opened; per shape, one to warm the server with and two to time.
    const docOf = (name: string, shape: Shape, seed: number): PoolDoc => ({
      uri: `file:///bench/open/${name}.md`,
      shape,
      text: generatePostmortem(template, { targetBytes: MB, seed, shape }),
    });
    const shapes = coldOpenShapes as readonly Shape[];
    const first = docOf('first', 'mixed', 7000);
    const warm = shapes.map((shape, i) => docOf(`warm-${shape}`, shape, 7100 + i));
    const cold = [0, 1].flatMap((k) => shapes.map((shape, i) => docOf(`cold-${shape}-${k}`, shape, 7200 + 10 * k + i)));
    // The warm-up opens each of its documents twice, under two URIs.
    const warmOpens = [0, 1].flatMap((pass) => warm.map((d) => ({ ...d, uri: d.uri.replace(/\.md$/, `-${pass}.md`) })));

    const dir = mkdtempSync(join(os.tmpdir(), 'pm-bench-open-'));
    try {
      // Our diagnostics of every document, for the trivial server to answer with; this first
      // server also fills the code cache folder, as a first start in VS Code does.
      const cacheDir = join(dir, 'code-cache');
      const vscodeEnvironment = { ...serverEnvironmentFrom(process.env), POSTMORTEM_CODE_CACHE_DIR: cacheDir };
      const expected = new Map<string, Diagnostic[]>();
      const prep = await startServer(serverPath, true, { environment: vscodeEnvironment });
      try {
        for (const d of [first, ...warm, ...cold]) {
          await prep.open(d.uri, d.text);
          expected.set(d.uri, (await prep.pullSince(d.uri)).diagnostics);
          await prep.close(d.uri);
        }
      } finally {
        await prep.stop();
      }
      for (const d of warmOpens) expected.set(d.uri, expected.get(warm.find((w) => w.text === d.text)!.uri)!);
      const diagnosticsFile = join(dir, 'diagnostics.json');
      writeFileSync(diagnosticsFile, JSON.stringify(Object.fromEntries(expected)));

      const start = (kind: Kind): Promise<LspClient> =>
        kind === 'trivial'
          ? startServer(join(__dirname, 'trivialServer.mjs'), true, { serverArgs: ['--diagnostics', diagnosticsFile] })
          : startServer(serverPath, true, kind === 'ours' ? { environment: vscodeEnvironment } : {});
      const openAndPull = async (client: LspClient, uri: string, text: string, counts: Map<string, number>): Promise<number> => {
        const t0 = performance.now();
        await client.open(uri, text);
        const { diagnostics } = await client.pullSince(uri);
        const elapsed = performance.now() - t0;
        counts.set(uri, diagnostics.length);
        await client.close(uri);
        return elapsed;
      };
      const run = async (kind: Kind): Promise<Run> => {
        const client = await start(kind);
        const result: Run = { first: NaN, cold: {}, counts: new Map() };
        try {
          result.first = await openAndPull(client, first.uri, first.text, result.counts);
          if (kind === 'ours-no-cache') return result;
          for (const d of warmOpens) await openAndPull(client, d.uri, d.text, result.counts);
          for (const d of cold) (result.cold[d.shape] ??= []).push(await openAndPull(client, d.uri, d.text, result.counts));
          return result;
        } finally {
          await client.stop();
        }
      };

      const runs: Record<Kind, Run[]> = { ours: [], 'ours-no-cache': [], trivial: [] };
      for (let round = 0; round < rounds; round++) {
        const order: Kind[] = round % 2 === 0 ? ['ours', 'trivial', 'ours-no-cache'] : ['trivial', 'ours-no-cache', 'ours'];
        for (const kind of order) runs[kind].push(await run(kind));
        log(`    round ${round + 1}/${rounds}`);
      }

      // Every server gave each document the diagnostics ours gave it first.
      for (const kind of Object.keys(runs) as Kind[]) {
        const wrong = runs[kind].flatMap((r) => [...r.counts].filter(([uri, n]) => n !== expected.get(uri)!.length).map(([uri, n]) => `${uri.replace(/^.*\//, '')}: ${n}`));
        if (wrong.length > 0) rows.push({ metric: `note: ${kind}`, value: `diagnostics other than expected: ${[...new Set(wrong)].join(', ')}` });
      }

      const median = (xs: number[]) => stats(xs);
      const firstOurs = median(runs.ours.map((r) => r.first));
      const firstNoCache = median(runs['ours-no-cache'].map((r) => r.first));
      const firstTrivial = median(runs.trivial.map((r) => r.first));
      const both = (ours: Stats, trivial: Stats) => `ours ${ms(ours.median)} / trivial ${ms(trivial.median)} = ${(ours.median / trivial.median).toFixed(2)}×  (ours p10 ${ms(ours.p10)}, p90 ${ms(ours.p90)}; n=${ours.n})`;
      rows.push({ metric: 'documents: 1 MB each', value: shapes.map((shape) => `${shape} ${expected.get(cold.find((d) => d.shape === shape)!.uri)!.length} diagnostics`).join(', ') });
      rows.push({ metric: 'first open, fresh server (VS Code start: code cache)', value: both(firstOurs, firstTrivial), ...target('first-open', firstOurs.median / firstTrivial.median) });
      rows.push({ metric: '  ours without a code cache (first start ever)', value: `${ms(firstNoCache.median)} = ${(firstNoCache.median / firstTrivial.median).toFixed(2)}× trivial (p10 ${ms(firstNoCache.p10)}, p90 ${ms(firstNoCache.p90)})` });
      const coldStats: Record<string, { ours: Stats; trivial: Stats; ratio: number; diagnostics: number; bytes: number }> = {};
      for (const shape of shapes) {
        const ours = median(runs.ours.flatMap((r) => r.cold[shape] ?? []));
        const trivial = median(runs.trivial.flatMap((r) => r.cold[shape] ?? []));
        const doc = cold.find((d) => d.shape === shape)!;
        coldStats[shape] = { ours, trivial, ratio: ours.median / trivial.median, diagnostics: expected.get(doc.uri)!.length, bytes: Buffer.byteLength(doc.text) };
        rows.push({ metric: `cold open, warm server: ${shape} (${bytes(coldStats[shape].bytes)})`, value: both(ours, trivial), ...target(`cold-open-${shape}`, coldStats[shape].ratio) });
      }
      results.openVsTrivial = {
        rounds,
        first: { ours: firstOurs, oursNoCodeCache: firstNoCache, trivial: firstTrivial, ratio: firstOurs.median / firstTrivial.median },
        cold: coldStats,
      };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
