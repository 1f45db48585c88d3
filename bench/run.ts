/**
 * `npm run bench` / `npm run bench:quick`: how fast the post-mortem service and server are on
 * generated post-mortems of 10 KB to 10 MB, beside markdownlint on the same documents, with
 * the project's targets printed next to each number. Not a test: numbers depend on the machine.
 *
 *   node --expose-gc --import tsx bench/run.ts [--quick] [--only analysis,features,lsp,peer,sizes] [--out file.json]
 *
 * Writes bench/results/latest.json (gitignored) unless --out says otherwise.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import { dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { readFileSync } from 'node:fs';
import type { Diagnostic } from 'vscode-languageserver-types';
import { createPostmortemService } from '../server/src/service';
import { benchDocuments, generateBenchDocument, loadTemplate, type BenchDocumentSpec } from './generate';
import { prng } from '../test/support/random';
import { serverEnvironment, serverEnvironmentFrom } from '../client/src/serverEnvironment';
import { LspClient, vscodeTextDocumentCapabilities } from '../test/support/lspClient';

const repoRoot = join(__dirname, '..');
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const onlyArg = argValue('--only');
const only = onlyArg ? new Set(onlyArg.split(',')) : undefined;
const outPath = argValue('--out') ?? join(repoRoot, 'bench', 'results', 'latest.json');
const wants = (part: string) => !only || only.has(part);

function argValue(name: string): string | undefined {
  const i = args.indexOf(name);
  if (i !== -1) return args[i + 1];
  return args.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1);
}

// ---------------------------------------------------------------------------------------------
// Statistics

interface Stats {
  n: number;
  median: number;
  p10: number;
  p90: number;
  p95: number;
  min: number;
  max: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = (sorted.length - 1) * p;
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
}

function stats(samples: number[]): Stats {
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

const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

/** Times `fn` `runs` times after `warmup` untimed runs; stops early after `budgetMs` (at least `minRuns`). */
function sample(fn: () => void, warmup: number, runs: number, budgetMs = Infinity, minRuns = 3): number[] {
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

// ---------------------------------------------------------------------------------------------
// Formatting

const ms = (x: number) => (x >= 100 ? `${x.toFixed(0)} ms` : x >= 10 ? `${x.toFixed(1)} ms` : x >= 1 ? `${x.toFixed(2)} ms` : `${x.toFixed(3)} ms`);
const bytes = (x: number) => (x >= 1024 * 1024 ? `${(x / 1024 / 1024).toFixed(2)} MB` : `${(x / 1024).toFixed(1)} KB`);
const spread = (s: Stats) => `${ms(s.median)}  (p10 ${ms(s.p10)}, p90 ${ms(s.p90)}, n=${s.n})`;

interface Row {
  metric: string;
  value: string;
  target?: string;
  status?: string;
}

const report: Row[][] = [];
const sectionTitles: string[] = [];

function section(title: string): Row[] {
  const rows: Row[] = [];
  sectionTitles.push(title);
  report.push(rows);
  log(`  … ${title}`);
  return rows;
}

function log(message: string): void {
  process.stderr.write(`${message}\n`);
}

function printReport(): void {
  const all = report.flat();
  const w0 = Math.max(...all.map((r) => r.metric.length), 10);
  const w1 = Math.max(...all.map((r) => r.value.length), 10);
  const w2 = Math.max(...all.map((r) => (r.target ?? '').length), 6);
  const line = (a: string, b: string, c: string, d: string) => `${a.padEnd(w0)}  ${b.padEnd(w1)}  ${c.padEnd(w2)}  ${d}`.trimEnd();
  report.forEach((rows, i) => {
    if (rows.length === 0) return;
    console.log(`\n## ${sectionTitles[i]}`);
    console.log(line('metric', 'value', 'target', 'status'));
    console.log(line('-'.repeat(w0), '-'.repeat(w1), '-'.repeat(w2), '------'));
    for (const r of rows) console.log(line(r.metric, r.value, r.target ?? '', r.status ?? ''));
  });
}

// ---------------------------------------------------------------------------------------------
// Targets

interface Target {
  id: string;
  what: string;
  /** 'max': the value must be at most the limit; 'min': at least. */
  kind: 'max' | 'min';
  limit: number;
  unit: string;
  value?: number;
  status: 'PASS' | 'MISS' | 'N/A';
  note?: string;
}

/** The project's targets (issue 4), in the order they are printed. */
const targetDefinitions: Record<string, Pick<Target, 'what' | 'kind' | 'limit' | 'unit'>> = {
  'analysis-1MB': { what: 'full analysis of the 1 MB document (median)', kind: 'max', limit: 30, unit: 'ms' },
  'vs-markdownlint-1MB': { what: 'full analysis 1 MB: times faster than markdownlint', kind: 'min', limit: 100, unit: '×' },
  'analysis-10MB': { what: 'full analysis of the 10 MB document (median)', kind: 'max', limit: 400, unit: 'ms' },
  'edit-1MB': { what: 'one-char edit in the middle of 1 MB to diagnostics (median, LSP pull)', kind: 'max', limit: 10, unit: 'ms' },
  'completion-p95-1MB': { what: 'completion at 200 positions of 1 MB (p95)', kind: 'max', limit: 5, unit: 'ms' },
  'codeactions-p95-1MB': { what: 'code actions at 200 positions of 1 MB (p95)', kind: 'max', limit: 5, unit: 'ms' },
  initialize: { what: 'server spawn to initialize result (median)', kind: 'max', limit: 150, unit: 'ms' },
  'rss-10MB': { what: 'server resident memory with 10 MB open (VmRSS)', kind: 'max', limit: 250, unit: 'MB' },
  'server-bundle': { what: 'server bundle dist/languageServer.js', kind: 'max', limit: 400, unit: 'KB' },
  'client-bundle': { what: 'client bundle dist/client.js', kind: 'max', limit: 500, unit: 'KB' },
  vsix: { what: 'postmortem-authoring.vsix', kind: 'max', limit: 400, unit: 'KB' },
};

const measuredTargets = new Map<string, Target>();

/** Records a measurement against its target; returns the table's target and status cells. */
function target(id: string, value: number | undefined, note?: string): { target: string; status: string } {
  const def = targetDefinitions[id];
  const measured = value !== undefined && Number.isFinite(value);
  const pass = measured && (def.kind === 'max' ? value <= def.limit : value >= def.limit);
  const status: Target['status'] = !measured ? 'N/A' : pass ? 'PASS' : 'MISS';
  measuredTargets.set(id, { id, ...def, value: measured ? value : undefined, status, note });
  const text = `${def.kind === 'max' ? '≤' : '≥'} ${def.limit} ${def.unit}`;
  if (!measured) return { target: text, status: 'N/A' };
  const off = def.kind === 'max' ? value / def.limit : def.limit / value;
  return { target: text, status: pass ? 'PASS' : `MISS (${off.toFixed(2)}× off)` };
}

/** Every target, measured or not, in the defined order. */
function allTargets(): Target[] {
  return Object.entries(targetDefinitions).map(
    ([id, def]) => measuredTargets.get(id) ?? { id, ...def, status: 'N/A' as const, note: only ? 'not run (--only)' : 'not measured (failed or skipped)' },
  );
}

// ---------------------------------------------------------------------------------------------
// Machine

function git(...gitArgs: string[]): string | undefined {
  try {
    return execFileSync('git', gitArgs, { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}

function machine() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    availableParallelism: os.availableParallelism?.() ?? cpus.length,
    memory: os.totalmem(),
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    v8: process.versions.v8,
    loadAverageAtStart: os.loadavg().map((x) => Math.round(x * 100) / 100),
    commit: git('rev-parse', '--short', 'HEAD'),
    dirty: (git('status', '--porcelain', '--untracked-files=no', '--', 'server', 'common') ?? '') !== '',
  };
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

// ---------------------------------------------------------------------------------------------

interface Doc {
  spec: BenchDocumentSpec;
  text: string;
  bytes: number;
  lines: number;
  diagnostics: number;
  timelineRows: number;
  placeholders: number;
  /** Where the unfilled-placeholder diagnostics start (a bracket placeholder starts with `[`). */
  placeholderStarts: { line: number; character: number; bracket: boolean }[];
}

async function main(): Promise<void> {
  const started = new Date();
  const info = machine();
  const results: Record<string, unknown> = { startedAt: started.toISOString(), mode: quick ? 'quick' : 'full', machine: info };
  console.log(`Post-mortem benchmark (${quick ? 'quick' : 'full'}), ${started.toISOString()}`);
  console.log(`Machine: ${info.cpu}, ${info.cores} cores, ${bytes(info.memory)} RAM, ${info.platform}`);
  console.log(`Node ${info.node} (V8 ${info.v8}); load average ${info.loadAverageAtStart.join(' ')}; commit ${info.commit}${info.dirty ? ' + uncommitted server changes' : ''}`);
  if (!(globalThis as { gc?: unknown }).gc) console.log('(run with --expose-gc for steadier numbers)');
  if (info.loadAverageAtStart[0] > info.cores) {
    console.log(`WARNING: the machine is busy (load ${info.loadAverageAtStart[0]} on ${info.cores} cores): times will be inflated.`);
  }

  const templateText = loadTemplate();
  const schemaText = readFileSync(join(repoRoot, 'templates/postmortem/postmortem-template.schema.yaml'), 'utf8');
  const service = createPostmortemService(templateText, schemaText);

  // Documents.
  const docs: Doc[] = [];
  const genRows = section('Documents (generated, deterministic)');
  for (const spec of benchDocuments) {
    const text = generateBenchDocument(templateText, spec);
    const analysis = service.analyze(text);
    const diagnostics = service.diagnostics(analysis);
    const lines = text.split('\n');
    const doc: Doc = {
      spec,
      text,
      bytes: Buffer.byteLength(text),
      lines: lines.length,
      diagnostics: diagnostics.length,
      timelineRows: analysis.timeline?.tables.reduce((n, t) => n + t.rows.length, 0) ?? 0,
      placeholders: analysis.doc.placeholders.length,
      placeholderStarts: diagnostics
        .filter((x) => x.code === 'unfilled-placeholder')
        .map((x) => ({ ...x.range.start, bracket: lines[x.range.start.line]?.[x.range.start.character] === '[' })),
    };
    if (!analysis.looksLikePostmortem) throw new Error(`${spec.name}: not recognised as a post-mortem`);
    docs.push(doc);
    genRows.push({
      metric: spec.name,
      value: `${bytes(doc.bytes)}, ${doc.lines} lines, ${doc.timelineRows} timeline rows, ${doc.placeholders} placeholders, ${doc.diagnostics} diagnostics`,
    });
  }
  results.documents = docs.map(({ spec, bytes: b, lines, diagnostics, timelineRows, placeholders }) => ({
    name: spec.name,
    shape: spec.shape,
    seed: spec.seed,
    targetBytes: spec.targetBytes,
    bytes: b,
    lines,
    timelineRows,
    placeholders,
    diagnostics,
  }));
  const doc = (name: string) => docs.find((d) => d.spec.name === name)!;

  // In-process full analysis.
  const analysisStats: Record<string, { total: Stats; analyze: Stats; diagnostics: Stats }> = {};
  if (wants('analysis')) {
    const rows = section('In-process full analysis: service.analyze(text) + service.diagnostics(analysis)');
    for (const d of docs) {
      const big = d.bytes > 5e6;
      const warmup = big ? 1 : quick ? 2 : 5;
      const runs = big ? (quick ? 3 : 9) : quick ? 7 : 25;
      const analyzeTimes: number[] = [];
      const diagnosticTimes: number[] = [];
      const total = sample(
        () => {
          const t0 = performance.now();
          const analysis = service.analyze(d.text);
          const t1 = performance.now();
          service.diagnostics(analysis);
          analyzeTimes.push(t1 - t0);
          diagnosticTimes.push(performance.now() - t1);
        },
        warmup,
        runs,
        quick ? 4000 : 20000,
      );
      // The warm-up runs pushed too: keep the timed ones.
      const timed = (xs: number[]) => xs.slice(xs.length - total.length);
      analysisStats[d.spec.name] = { total: stats(total), analyze: stats(timed(analyzeTimes)), diagnostics: stats(timed(diagnosticTimes)) };
      const s = analysisStats[d.spec.name];
      const t =
        d.spec.name === '1MB'
          ? target('analysis-1MB', s.total.median)
          : d.spec.name === '10MB'
            ? target('analysis-10MB', s.total.median)
            : undefined;
      rows.push({ metric: d.spec.name, value: spread(s.total), ...t });
      rows.push({ metric: `  of which analyze / diagnostics`, value: `${ms(s.analyze.median)} / ${ms(s.diagnostics.median)}` });
    }
    results.analysis = analysisStats;
  }

  // Completion and code actions at ~200 positions of the 1 MB document.
  if (wants('features')) {
    const rows = section('In-process completion and code actions, 200 positions over the 1 MB document');
    const d = doc('1MB');
    const analysis = service.analyze(d.text);
    const tDiag = performance.now();
    const diagnostics = service.diagnostics(analysis);
    const diagnosticsMs = performance.now() - tDiag;
    const byLine = new Map<number, Diagnostic[]>();
    for (const diag of diagnostics) {
      for (let l = diag.range.start.line; l <= diag.range.end.line; l++) {
        const list = byLine.get(l);
        if (list) list.push(diag);
        else byLine.set(l, [diag]);
      }
    }
    const lines = analysis.doc.text.lines;
    const random = prng(7);
    const positions = Array.from({ length: 200 }, (_, i) => {
      const line = Math.min(lines.length - 1, Math.floor(((i + 0.5) * lines.length) / 200));
      return { line, character: Math.floor(random() * (lines[line].length + 1)) };
    });
    const now = new Date('2026-11-28T12:00:00Z');
    const complete = (p: (typeof positions)[number]) => service.completions(analysis, p, now);
    const act = (p: (typeof positions)[number]) =>
      service.codeActions({
        analysis,
        uri: 'file:///bench/1MB.md',
        version: 1,
        range: { start: p, end: p },
        diagnostics: byLine.get(p.line) ?? [],
        now,
      });
    // The first requests after a fresh analysis (and its diagnostics, as the server runs them first).
    const firstCompletion = timeOnce(() => complete(positions[100]));
    const firstCodeAction = timeOnce(() => act(positions[100]));
    for (const p of positions.slice(0, 40)) {
      complete(p);
      act(p);
    }
    gc();
    const completionTimes: number[] = [];
    const actionTimes: number[] = [];
    let items = 0;
    let actions = 0;
    for (const p of positions) {
      let t0 = performance.now();
      items += complete(p)?.items.length ?? 0;
      completionTimes.push(performance.now() - t0);
      t0 = performance.now();
      actions += act(p).length;
      actionTimes.push(performance.now() - t0);
    }
    const c = stats(completionTimes);
    const a = stats(actionTimes);
    rows.push({
      metric: 'completion p50 / p95 / max',
      value: `${ms(c.median)} / ${ms(c.p95)} / ${ms(c.max)}  (${items} items in all)`,
      ...target('completion-p95-1MB', c.p95),
    });
    rows.push({
      metric: 'code actions p50 / p95 / max',
      value: `${ms(a.median)} / ${ms(a.p95)} / ${ms(a.max)}  (${actions} actions in all)`,
      ...target('codeactions-p95-1MB', a.p95),
    });
    rows.push({ metric: 'first completion / code action after analysis', value: `${ms(firstCompletion)} / ${ms(firstCodeAction)}` });
    results.features = { positions: positions.length, completion: c, codeActions: a, firstCompletionMs: firstCompletion, firstCodeActionMs: firstCodeAction, diagnosticsMs, items, actions };
  }

  // Over LSP, against the bundled server.
  if (wants('lsp')) await lspBench(docs, results);

  // markdownlint on the same documents.
  if (wants('peer')) await peerBench(docs, analysisStats, results);

  // Bundle and package sizes.
  if (wants('sizes')) {
    const rows = section('Sizes (KB = 1024 bytes)');
    const size = (path: string) => (existsSync(join(repoRoot, path)) ? statSync(join(repoRoot, path)) : undefined);
    const sizes: Record<string, number | null> = {};
    const entries: [string, string, string][] = [
      ['server bundle', 'dist/languageServer.js', 'server-bundle'],
      ['client bundle', 'dist/client.js', 'client-bundle'],
      ['.vsix', 'postmortem-authoring.vsix', 'vsix'],
    ];
    for (const [name, path, id] of entries) {
      const st = size(path);
      sizes[path] = st ? st.size : null;
      const note = !st ? (path.endsWith('.vsix') ? 'absent: run `npm run package`' : 'absent: run `npm run build`') : undefined;
      let age = '';
      let stale: string | undefined;
      if (st && path.endsWith('.vsix')) {
        // What decides the package's content besides the bundles (rebuilt by the benchmark).
        const newer = ['package.json', '.vscodeignore', 'README.md', 'LICENSE'].filter((f) => existsSync(join(repoRoot, f)) && statSync(join(repoRoot, f)).mtimeMs > st.mtimeMs);
        age = `, built ${new Date(st.mtimeMs).toISOString().slice(0, 16).replace('T', ' ')}`;
        if (newer.length) {
          age += `; STALE: older than ${newer.join(', ')} (run \`npm run package\`)`;
          stale = `stale .vsix, older than ${newer.join(', ')}`;
        }
      }
      rows.push({
        metric: `${name} (${path})`,
        value: st ? `${(st.size / 1024).toFixed(1)} KB${age}` : `— ${note}`,
        ...target(id, st ? st.size / 1024 : undefined, note ?? stale),
      });
    }
    results.sizes = sizes;
  }

  // Targets.
  const summary = section('Targets');
  const targets = allTargets();
  for (const t of targets) {
    const value = t.value === undefined ? 'not measured' : `${t.value.toFixed(t.value < 10 ? 2 : 1)} ${t.unit}`;
    const off = t.value === undefined ? '' : t.kind === 'max' ? ` (${(t.value / t.limit).toFixed(2)}× the limit)` : ` (${(t.value / t.limit).toFixed(2)}× the need)`;
    summary.push({ metric: t.what, value, target: `${t.kind === 'max' ? '≤' : '≥'} ${t.limit} ${t.unit}`, status: `${t.status}${t.status === 'MISS' ? off : ''}${t.note ? ` — ${t.note}` : ''}` });
  }
  results.targets = targets;
  results.finishedAt = new Date().toISOString();
  results.seconds = Math.round((Date.now() - started.getTime()) / 100) / 10;
  (results.machine as Record<string, unknown>).loadAverageAtEnd = os.loadavg().map((x) => Math.round(x * 100) / 100);

  printReport();
  const missed = targets.filter((t) => t.status === 'MISS').length;
  console.log(`\n${targets.filter((t) => t.status === 'PASS').length} targets met, ${missed} missed, ${targets.filter((t) => t.status === 'N/A').length} not measured; ${results.seconds} s; load average at end ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  mkdirSync(dirname(outPath), { recursive: true });
  writeFileSync(outPath, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`Results: ${outPath}`);
}

function timeOnce(fn: () => void): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

// ---------------------------------------------------------------------------------------------
// LSP

async function lspBench(docs: Doc[], results: Record<string, unknown>): Promise<void> {
  const serverPath = join(repoRoot, 'dist', 'server.js');
  const rows = section('Over LSP: node dist/server.js --stdio');
  if (!existsSync(serverPath)) {
    rows.push({ metric: 'server', value: 'dist/server.js is absent: run `npm run build`' });
    return;
  }
  const sources = ['server/src', 'common'].map((d) => newestMtime(join(repoRoot, d)));
  const bundle = join(repoRoot, 'dist/languageServer.js');
  if (!existsSync(bundle) || Math.max(...sources) > statSync(bundle).mtimeMs) {
    rows.push({ metric: 'warning', value: 'dist/languageServer.js is older than server/src or common: the LSP numbers are of an older build' });
  }
  const lsp: Record<string, unknown> = {};
  const timeoutMs = 60000;

  // Spawn to initialize result as the extension's client starts the server: its environment, and
  // a code cache folder, filled by the first start (not counted) and read by the others. Also,
  // interleaved so that all see the same machine load: the first start, before the cache exists,
  // and, when this shell sets NODE_EXTRA_CA_CERTS, a start by hand from it, as other editors do.
  await attempt(rows, 'spawn → initialize', async () => {
    const cacheDir = mkdtempSync(join(os.tmpdir(), 'pm-bench-cache-'));
    const changed = Object.keys(serverEnvironment).filter((key) => process.env[key] !== serverEnvironment[key]);
    const variants: { times: number[]; env: NodeJS.ProcessEnv }[] = [
      { times: [], env: { ...serverEnvironmentFrom(process.env), POSTMORTEM_CODE_CACHE_DIR: cacheDir } },
      { times: [], env: serverEnvironmentFrom(process.env) },
      ...(changed.length > 0 ? [{ times: [], env: process.env }] : []),
    ];
    const spawns = quick ? 4 : 16;
    try {
      for (let i = 0; i < spawns; i++) {
        for (const { times, env } of variants) {
          const client = await startServer(serverPath, true, env);
          if (i > 0) times.push(client.initializeMs); // the first ones warm the disk cache and write the code cache
          await client.stop();
        }
      }
    } finally {
      rmSync(cacheDir, { recursive: true, force: true });
    }
    const [warm, first, inherited] = variants.map((v) => stats(v.times));
    lsp.initialize = warm;
    lsp.initializeFirstStart = first;
    rows.push({ metric: 'spawn → initialize result', value: spread(warm), ...target('initialize', warm.median) });
    rows.push({ metric: '  first start, before the code cache exists', value: spread(first) });
    if (inherited) {
      lsp.initializeInheritedEnvironment = { ...inherited, variables: changed };
      rows.push({ metric: `  by hand from this shell: ${changed.join(', ')} kept, no code cache`, value: spread(inherited) });
    }
  });

  // didOpen to diagnostics, pull (VS Code) and push (clients without pull).
  await attempt(rows, 'didOpen → diagnostics', async () => {
    const openStats: Record<string, { pull?: Stats; push?: Stats; diagnostics?: number }> = {};
    for (const mode of ['pull', 'push'] as const) {
      const client = await startServer(serverPath, mode === 'pull');
      try {
        let n = 0;
        for (const d of docs) {
          const big = d.bytes > 5e6;
          const reps = big ? (quick ? 1 : 3) : quick ? 3 : 7;
          // The first open of each size warms up (but 10 MB is too slow to waste a run on).
          const warm = big ? 0 : 1;
          const times: number[] = [];
          let count = 0;
          for (let r = 0; r < warm + reps; r++) {
            const uri = `file:///bench/${mode}-${d.spec.name}-${n++}.md`;
            const t0 = performance.now();
            await client.open(uri, d.text);
            count = (mode === 'pull' ? (await client.pullSince(uri)).diagnostics : await client.pushed(uri, 1, timeoutMs)).length;
            const elapsed = performance.now() - t0;
            if (r >= warm) times.push(elapsed);
            await client.close(uri);
          }
          openStats[d.spec.name] = { ...openStats[d.spec.name], [mode]: stats(times), diagnostics: count };
          if (count !== d.diagnostics) rows.push({ metric: 'note', value: `${d.spec.name}: ${count} diagnostics over LSP (${mode}), ${d.diagnostics} in process` });
        }
      } finally {
        await client.stop();
      }
    }
    for (const d of docs) {
      const s = openStats[d.spec.name];
      rows.push({ metric: `didOpen → diagnostics ${d.spec.name} (pull / push)`, value: `${ms(s.pull!.median)} / ${ms(s.push!.median)}  (pull p10 ${ms(s.pull!.p10)}, p90 ${ms(s.pull!.p90)}, n=${s.pull!.n})` });
    }
    lsp.open = openStats;
  });

  // One-character edits to updated diagnostics. Anywhere: a character typed at a random place
  // of the middle third, diagnostics pulled (VS Code). Into a placeholder: a character typed
  // just inside an unfilled placeholder of the middle third, so its diagnostic goes away; the
  // server pushes only diagnostics that changed, so push mode is timed on these edits alone.
  await attempt(rows, 'one-char edits', async () => {
    const edits = quick ? 10 : 20;
    const warmEdits = 10; // as many in --quick: with 5, its medians ran 1-4 ms above the full run's
    const editStats: Record<string, Record<string, Stats>> = {};
    const pullClient = await startServer(serverPath, true);
    const pushClient = await startServer(serverPath, false);
    try {
      for (const name of ['1MB', 'timeline-1MB']) {
        const d = docs.find((x) => x.spec.name === name)!;
        editStats[name] = {
          pullAnywhere: stats(await editSeries(pullClient, 'pull', d, anywhere(d, edits + warmEdits), warmEdits, timeoutMs)),
          pullPlaceholder: stats(await editSeries(pullClient, 'pull', d, intoPlaceholders(d, edits + warmEdits), warmEdits, timeoutMs)),
          pushPlaceholder: stats(await editSeries(pushClient, 'push', d, intoPlaceholders(d, edits + warmEdits), warmEdits, timeoutMs)),
        };
      }
    } finally {
      await pullClient.stop();
      await pushClient.stop();
    }
    for (const name of Object.keys(editStats)) {
      const s = editStats[name];
      const t = name === '1MB' ? target('edit-1MB', s.pullAnywhere.median) : {};
      rows.push({ metric: `one-char edit → diagnostics ${name}, anywhere (pull)`, value: spread(s.pullAnywhere), ...t });
      rows.push({ metric: `  into a placeholder (pull / push)`, value: `${ms(s.pullPlaceholder.median)} / ${ms(s.pushPlaceholder.median)}  (push p10 ${ms(s.pushPlaceholder.p10)}, p90 ${ms(s.pushPlaceholder.p90)})` });
    }
    lsp.edit = editStats;
  });

  // Memory with the 10 MB document open, in a fresh server.
  await attempt(rows, 'memory with 10 MB open', async () => {
    const big = docs.find((d) => d.spec.name === '10MB')!;
    const client = await startServer(serverPath, true);
    try {
      const idle = client.memory();
      const uri = 'file:///bench/memory-10MB.md';
      const t0 = performance.now();
      await client.open(uri, big.text);
      await client.pullSince(uri);
      const openMs = performance.now() - t0;
      const open = client.memory();
      const editTimes = await editSeries(client, 'pull', big, anywhere(big, (quick ? 3 : 5) + 1), 1, timeoutMs, uri);
      const afterEdits = client.memory();
      lsp.memory = { idle, open10MB: open, after10MBEdits: afterEdits, open10MBms: openMs, edit10MB: stats(editTimes) };
      if (open && afterEdits && idle) {
        const rss = Math.max(open.rss, afterEdits.rss);
        rows.push({ metric: 'server RSS idle', value: `${bytes(idle.rss)}` });
        rows.push({
          metric: 'server RSS with 10 MB open (VmRSS; peak VmHWM)',
          value: `${bytes(open.rss)} after open, ${bytes(afterEdits.rss)} after ${editTimes.length + 1} edits; peak ${bytes(afterEdits.hwm)}`,
          ...target('rss-10MB', rss / 1024 / 1024),
        });
      } else rows.push({ metric: 'server RSS', value: 'unavailable (no /proc)' });
      rows.push({ metric: 'one-char edit → diagnostics 10MB (pull)', value: spread(stats(editTimes)) });
    } finally {
      await client.stop();
    }

  });
  results.lsp = lsp;
}

/**
 * Starts a server as VS Code's client does: its environment (unless `environment` says
 * otherwise), its capabilities, pull diagnostics or not, settings asked for and left default.
 */
function startServer(path: string, pull: boolean, environment?: NodeJS.ProcessEnv): Promise<LspClient> {
  return LspClient.start({ serverPath: path, pull, environment, settings: () => null, textDocumentCapabilities: vscodeTextDocumentCapabilities });
}

/** Runs one part of the LSP benchmark; a failure is reported in the table, and the rest still runs. */
async function attempt(rows: Row[], name: string, part: () => Promise<void>): Promise<void> {
  try {
    await part();
  } catch (error) {
    rows.push({ metric: `${name}: FAILED`, value: String((error as Error)?.message ?? error) });
    log(`${name} failed: ${(error as Error)?.stack ?? error}`);
  }
}

type Edit = { line: number; character: number };

/** `count` places on different lines spread over the middle third of a document, at random characters of their lines. */
function anywhere(d: Doc, count: number): Edit[] {
  const lines = d.text.split('\n');
  const random = prng(99);
  return Array.from({ length: count }, (_, k) => {
    const line = Math.floor(lines.length / 3 + ((k + random()) * lines.length) / 3 / count);
    return { line, character: Math.floor(random() * (lines[line].length + 1)) };
  });
}

/** Just inside `count` unfilled placeholders (`[` + here, one per line) spread over the middle third. */
function intoPlaceholders(d: Doc, count: number): Edit[] {
  const third = d.lines / 3;
  const candidates = d.placeholderStarts.filter((p) => p.line >= third && p.line < 2 * third && p.bracket);
  if (candidates.length === 0) throw new Error(`${d.spec.name}: no placeholder in the middle third`);
  const step = candidates.length / count;
  const edits: Edit[] = [];
  for (let k = 0; k < count && k < candidates.length; k++) {
    const p = candidates[Math.floor(k * step)];
    // Edits on one line shift the later ones: one edit per line.
    if (edits.some((e) => e.line === p.line)) continue;
    edits.push({ line: p.line, character: p.character + 1 });
  }
  return edits;
}

/**
 * Opens the document (unless `openUri` is open already), types one character at each place, and
 * times each to its diagnostics, but for `warm` of them (spread among the others) typed first,
 * untimed: a user types many characters, so the server's code is warm when it matters. Edits are
 * on different lines, so none moves another's place.
 */
async function editSeries(client: LspClient, mode: 'pull' | 'push', d: Doc, places: Edit[], warm: number, timeoutMs: number, openUri?: string): Promise<number[]> {
  const uri = openUri ?? `file:///bench/edit-${mode}-${d.spec.name}-${places[0].line}-${places[0].character}.md`;
  if (!openUri) {
    await client.open(uri, d.text);
    if (mode === 'pull') await client.pullSince(uri);
    else await client.pushed(uri, 1, timeoutMs);
  }
  const times: number[] = [];
  const stride = Math.max(1, Math.floor(places.length / Math.max(1, warm)));
  const isWarm = (i: number) => i % stride === 0 && i / stride < warm;
  const ordered = [...places.filter((_, i) => isWarm(i)), ...places.filter((_, i) => !isWarm(i))];
  const warmCount = places.length - places.filter((_, i) => !isWarm(i)).length;
  for (const [i, at] of ordered.entries()) {
    const t0 = performance.now();
    const version = await client.insert(uri, at, 'x');
    if (mode === 'pull') await client.pullSince(uri);
    else await client.pushed(uri, version, timeoutMs);
    if (i >= warmCount) times.push(performance.now() - t0);
  }
  if (!openUri) await client.close(uri);
  return times;
}

// ---------------------------------------------------------------------------------------------
// markdownlint

interface PeerResult {
  samples: number[];
  issues?: number;
  capped: boolean;
  skipped?: string;
}

async function peerBench(docs: Doc[], ours: Record<string, { total: Stats }>, results: Record<string, unknown>): Promise<void> {
  const version = JSON.parse(readFileSync(join(repoRoot, 'node_modules/markdownlint/package.json'), 'utf8')).version;
  const rows = section(`Peer: markdownlint ${version} (sync API, default rules) on the same documents`);
  const capMs = quick ? 15000 : 60000;
  const peer: Record<string, PeerResult & { stats?: Stats; ratio?: number }> = {};
  let worker: Worker | undefined;
  const warmText = docs[0].text;
  for (const d of docs) {
    if (quick && (d.bytes > 2 * 1024 * 1024 || d.spec.shape === 'timeline')) {
      peer[d.spec.name] = { samples: [], capped: false, skipped: 'skipped in --quick (markdownlint takes minutes on it)' };
      continue;
    }
    const big = d.bytes > 500 * 1024;
    const runs = big ? (quick ? 1 : 3) : quick ? 5 : 10;
    if (!worker) {
      worker = new Worker(join(__dirname, 'peer-worker.mjs'));
      await runInWorker(worker, warmText, 2, 0, 0, capMs); // JIT warm-up on the 10 KB document
    }
    const result = await runInWorker(worker, d.text, big ? 0 : 1, runs, capMs, capMs);
    if (result.capped) {
      await worker.terminate();
      worker = undefined;
    }
    peer[d.spec.name] = result;
  }
  await worker?.terminate();

  for (const d of docs) {
    const p = peer[d.spec.name];
    const our = ours[d.spec.name]?.total.median;
    let value: string;
    let t: { target?: string; status?: string } = {};
    if (p.skipped) value = p.skipped;
    else if (p.samples.length === 0) value = `> ${(capMs / 1000).toFixed(0)} s (stopped at the cap, no run finished)`;
    else {
      const s = stats(p.samples);
      p.stats = s;
      value = `${ms(s.median)}${s.n > 1 ? ` (min ${ms(s.min)}, max ${ms(s.max)}, n=${s.n})` : ' (n=1)'}, ${p.issues} issues`;
      if (p.capped) value += ', capped';
    }
    let theirs = p.stats?.median;
    if (theirs === undefined && !p.skipped) theirs = capMs; // a lower bound
    if (our !== undefined && theirs !== undefined) {
      p.ratio = our / theirs;
      const lowerBound = p.stats === undefined ? '≥ ' : '';
      value += `; ours/theirs ${p.ratio.toFixed(4)} (${lowerBound}${(theirs / our).toFixed(0)}× faster)`;
      if (d.spec.name === '1MB') {
        // A capped run gives a lower bound: enough for a PASS, not for a MISS.
        const speedup = theirs / our;
        t = p.stats === undefined && speedup < 100 ? target('vs-markdownlint-1MB', undefined, `markdownlint stopped at the ${capMs / 1000} s cap`) : target('vs-markdownlint-1MB', speedup);
      }
    }
    rows.push({ metric: d.spec.name, value, ...t });
  }
  results.peer = { markdownlint: version, capMs, documents: peer };
}

function runInWorker(worker: Worker, text: string, warmup: number, runs: number, budgetMs: number, capMs: number): Promise<PeerResult> {
  return new Promise((resolve, reject) => {
    const result: PeerResult = { samples: [], capped: false };
    const onMessage = (m: { type: string; ms?: number; issues?: number }) => {
      if (m.type === 'sample') {
        result.samples.push(m.ms!);
        result.issues = m.issues;
      } else if (m.type === 'done') finish();
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    const timer = setTimeout(() => {
      result.capped = true;
      finish();
    }, capMs + (warmup > 0 ? capMs : 0));
    function cleanup() {
      clearTimeout(timer);
      worker.off('message', onMessage);
      worker.off('error', onError);
    }
    function finish() {
      cleanup();
      resolve(result);
    }
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.postMessage({ text, warmup, runs, budgetMs });
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
