/**
 * `npm run bench` / `npm run bench:quick`: how fast the post-mortem service, server and
 * postmortem-check are on generated post-mortems of 10 KB to 10 MB, beside markdownlint on the
 * same documents and a trivial server, with the project's targets printed next to each number.
 * Not a test: numbers depend on the machine.
 *
 *   node --expose-gc --import tsx bench/run.ts [--quick] [--only part,...] [--out file.json]
 *     [--server path/to/server.js] [--cli path/to/cli.js]
 *
 * Writes bench/results/latest.json (gitignored) unless --out says otherwise. The parts are in
 * the modules beside this driver (see bench/README.md); --help lists the options.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createPostmortemService } from '../server/src/service';
import { benchDocumentsOf } from './documents';
import { loadBenchTemplate } from './generate';
import { cliBench } from './cli';
import { workspaceIndexBench } from './workspaceIndex';
import { metricsBench } from './metrics';
import { analysisBench, coldAnalysisBench, featuresBench, type AnalysisStats } from './inProcess';
import { docMemoryBench, lspBench } from './lsp';
import { openVsTrivialBench } from './openVsTrivial';
import { loadAverage, machine, repoRoot } from './machine';
import { readBenchOptions, shown, usage, UsageError, type BenchOptions } from './options';
import { peerBench } from './peers';
import { allTargets, bytes, printReport, targetsSection } from './report';
import { sizesBench } from './sizes';

async function main(): Promise<void> {
  if (process.argv.includes('--help') || process.argv.includes('-h')) {
    console.log(usage);
    return;
  }
  let options: BenchOptions;
  try {
    options = readBenchOptions(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`bench: ${error.message}\n\n${usage}`);
    process.exitCode = 2;
    return;
  }
  const { quick, wants } = options;
  const started = new Date();
  const info = machine();
  const results: Record<string, unknown> = { startedAt: started.toISOString(), mode: quick ? 'quick' : 'full', machine: info, serverPath: options.serverPath, cliPath: options.cliPath };
  console.log(`Post-mortem benchmark (${quick ? 'quick' : 'full'}), ${started.toISOString()}`);
  console.log(`Machine: ${info.cpu}, ${info.cores} cores, ${bytes(info.memory)} RAM, ${info.platform}`);
  console.log(`Node ${info.node} (V8 ${info.v8}); load average ${info.loadAverageAtStart.join(' ')}; commit ${info.commit}${info.dirty ? ' + uncommitted server changes' : ''}`);
  if (!(globalThis as { gc?: unknown }).gc) console.log('(run with --expose-gc for steadier numbers)');
  if (options.serverPath !== join(repoRoot, 'dist', 'server.js')) console.log(`Server: ${shown(options.serverPath)}`);
  if (options.cliPath !== join(repoRoot, 'dist', 'cli.js')) console.log(`postmortem-check: ${shown(options.cliPath)}`);
  if (info.loadAverageAtStart[0] > info.cores) {
    console.log(`WARNING: the machine is busy (load ${info.loadAverageAtStart[0]} on ${info.cores} cores): times will be inflated.`);
  }

  const template = loadBenchTemplate();
  const service = createPostmortemService(template.text, template.schemaText);
  const docs = benchDocumentsOf(template, service, results);

  let analysisStats: AnalysisStats = {};
  if (wants('analysis')) analysisStats = analysisBench(docs, service, options, results);
  if (wants('features')) featuresBench(docs, service, results);
  if (wants('metrics')) metricsBench(docs, service, options, results);
  if (wants('cold-analysis')) await coldAnalysisBench(template, options, results);
  if (wants('lsp')) await lspBench(docs, options, results);
  if (wants('cold-open')) await openVsTrivialBench(template, options, results);
  if (wants('doc-memory')) await docMemoryBench(template, options, results);
  if (wants('peer')) await peerBench(docs, analysisStats, options, results);
  if (wants('cli')) await cliBench(template, options, results);
  if (wants('index')) await workspaceIndexBench(template, options, results);
  if (wants('sizes')) sizesBench(options, results);

  const targets = allTargets(options.only !== undefined);
  targetsSection(targets);
  results.targets = targets;
  results.finishedAt = new Date().toISOString();
  results.seconds = Math.round((Date.now() - started.getTime()) / 100) / 10;
  (results.machine as Record<string, unknown>).loadAverageAtEnd = loadAverage();

  printReport();
  const missed = targets.filter((t) => t.status === 'MISS').length;
  console.log(`\n${targets.filter((t) => t.status === 'PASS').length} targets met, ${missed} missed, ${targets.filter((t) => t.status === 'N/A').length} not measured; ${results.seconds} s; load average at end ${loadAverage().map((x) => x.toFixed(2)).join(' ')}`);
  mkdirSync(dirname(options.outPath), { recursive: true });
  writeFileSync(options.outPath, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`Results: ${options.outPath}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
