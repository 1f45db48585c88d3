/**
 * Peers on the same documents: markdownlint (sync API, default rules) in a worker thread,
 * stopped at a time cap (it is superlinear on long tables).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Doc } from './documents';
import type { AnalysisStats } from './inProcess';
import { repoRoot } from './machine';
import type { BenchOptions } from './options';
import { ms, section, target } from './report';
import { stats, type Stats } from './stats';

export const markdownlintVersion = (): string => JSON.parse(readFileSync(join(repoRoot, 'node_modules/markdownlint/package.json'), 'utf8')).version;

interface PeerResult {
  samples: number[];
  issues?: number;
  capped: boolean;
  skipped?: string;
}

export async function peerBench(docs: readonly Doc[], ours: AnalysisStats, { quick }: BenchOptions, results: Record<string, unknown>): Promise<void> {
  const version = markdownlintVersion();
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

