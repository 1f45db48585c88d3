/**
 * In-process benchmarks of the language service (the source tree's, not a build's): full
 * analysis per document, completion and code actions, and the first analysis in a fresh process.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { PostmortemService } from '../server/src/service';
import { prng } from '../test/support/random';
import { docNamed, type Doc } from './documents';
import { generatePostmortem, MB, type BenchTemplate } from './generate';
import { repoRoot } from './machine';
import type { BenchOptions } from './options';
import { ms, section, spread, target } from './report';
import { gc, sample, stats, timeOnce, type Stats } from './stats';

const execFileAsync = promisify(execFile);

export type AnalysisStats = Record<string, { total: Stats; analyze: Stats; diagnostics: Stats }>;

/** `service.analyze(text)` + `service.diagnostics(analysis)` per document, after warm-up runs. */
export function analysisBench(docs: readonly Doc[], service: PostmortemService, { quick }: BenchOptions, results: Record<string, unknown>): AnalysisStats {
  const analysisStats: AnalysisStats = {};
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
  return analysisStats;
}

/** Completion and code actions at 200 positions of the 1 MB document, on one analysis (as the server caches it per version). */
export function featuresBench(docs: readonly Doc[], service: PostmortemService, results: Record<string, unknown>): void {
  const rows = section('In-process completion and code actions, 200 positions over the 1 MB document');
  const d = docNamed(docs, '1MB');
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

/**
 * Cold in-process analysis: the first `analyze` + `diagnostics` of a 1 MB document in a fresh
 * node process (bench/coldAnalysis.ts), each process with a text of its own; beside the same
 * process's next runs on that text. No target: it tells how much of a first open is JIT warm-up.
 */
export async function coldAnalysisBench(template: BenchTemplate, { quick }: BenchOptions, results: Record<string, unknown>): Promise<void> {
  const processes = quick ? 2 : 5;
  const rows = section(`Cold in-process analysis: first service.analyze + diagnostics of 1 MB in a fresh node process (${processes} processes)`);
  const dir = mkdtempSync(join(os.tmpdir(), 'pm-bench-cold-'));
  try {
    const runs: { serviceMs: number; analyzeMs: number; diagnosticsMs: number; diagnostics: number; warm: number[] }[] = [];
    for (let i = 0; i < processes; i++) {
      const file = join(dir, `cold-${i}.md`);
      writeFileSync(file, generatePostmortem(template, { targetBytes: MB, seed: 8000 + i, shape: 'mixed' }));
      const { stdout } = await execFileAsync(process.execPath, ['--import', 'tsx', join(__dirname, 'coldAnalysis.ts'), file, '--warm', '20'], { cwd: repoRoot, maxBuffer: 1 << 20 });
      runs.push(JSON.parse(stdout));
    }
    const first = stats(runs.map((r) => r.analyzeMs + r.diagnosticsMs));
    const analyze = stats(runs.map((r) => r.analyzeMs));
    const diagnostics = stats(runs.map((r) => r.diagnosticsMs));
    const service = stats(runs.map((r) => r.serviceMs));
    const second = stats(runs.map((r) => r.warm[0]));
    // The JIT takes about ten runs of a 1 MB document to settle.
    const warm = stats(runs.flatMap((r) => r.warm.slice(10)));
    rows.push({ metric: 'first analysis + diagnostics, 1 MB, fresh process', value: `${spread(first)}; ${(first.median / warm.median).toFixed(1)}× the warm runs` });
    rows.push({ metric: '  of which analyze / diagnostics', value: `${ms(analyze.median)} / ${ms(diagnostics.median)}  (${runs[0].diagnostics} diagnostics)` });
    rows.push({ metric: '  service created before it (template and schema read)', value: spread(service) });
    rows.push({ metric: '  the same process: second run / runs 12 to 21 (warm)', value: `${ms(second.median)} / ${spread(warm)}` });
    results.coldAnalysis = { processes, first, analyze, diagnostics, service, second, warm };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
