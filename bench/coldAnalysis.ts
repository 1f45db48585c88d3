/**
 * One cold in-process analysis, in the fresh node process the benchmark starts for it
 * (bench/inProcess.ts, coldAnalysisBench):
 *
 *   node --import tsx bench/coldAnalysis.ts <document.md> [--warm N]
 *
 * Times the language service's creation (template and schema read), then the first
 * `analyze` + `diagnostics` of the document, JIT cold, then N more on the same text; prints
 * the times as JSON on stdout.
 */
import { readFileSync } from 'node:fs';
import { createPostmortemService } from '../server/src/service';
import { loadBenchTemplate } from './generate';

const [file] = process.argv.slice(2).filter((a, i, all) => !a.startsWith('--') && all[i - 1] !== '--warm');
const warmArg = process.argv.indexOf('--warm');
const warmRuns = warmArg === -1 ? 5 : Number(process.argv[warmArg + 1]);
const text = readFileSync(file, 'utf8');

const t0 = performance.now();
const { text: templateText, schemaText } = loadBenchTemplate();
const service = createPostmortemService(templateText, schemaText);
const t1 = performance.now();
const analysis = service.analyze(text);
const t2 = performance.now();
const diagnostics = service.diagnostics(analysis);
const t3 = performance.now();
const warm: number[] = [];
for (let i = 0; i < warmRuns; i++) {
  const s = performance.now();
  service.diagnostics(service.analyze(text));
  warm.push(performance.now() - s);
}
process.stdout.write(`${JSON.stringify({ serviceMs: t1 - t0, analyzeMs: t2 - t1, diagnosticsMs: t3 - t2, diagnostics: diagnostics.length, warm })}\n`);
