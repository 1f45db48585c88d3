// Runs markdownlint (sync API, default rules) in a worker thread, so the benchmark can stop it
// when it runs past its time cap (it is superlinear on long tables).
import { parentPort } from 'node:worker_threads';
import { lint } from 'markdownlint/sync';

parentPort.on('message', ({ text, warmup, runs, budgetMs }) => {
  for (let i = 0; i < warmup; i++) lint({ strings: { doc: text } });
  const start = performance.now();
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const result = lint({ strings: { doc: text } });
    const ms = performance.now() - t0;
    parentPort.postMessage({ type: 'sample', ms, issues: result.doc.length });
    if (performance.now() - start > budgetMs) break;
  }
  parentPort.postMessage({ type: 'done' });
});
