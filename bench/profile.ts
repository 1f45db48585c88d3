/**
 * Where the time of a full analysis goes: profiles `service.analyze(text)` +
 * `service.diagnostics(analysis)` on one benchmark document with the V8 sampling profiler and
 * prints the functions with the most self time (and the rules' share).
 *
 *   node --expose-gc --import tsx bench/profile.ts [1MB|10MB|timeline-1MB|...] [--runs N]
 *
 * Writes bench/results/<document>.cpuprofile (open it in Chrome DevTools or VS Code).
 *
 *   node --import tsx bench/profile.ts --summarize some.cpuprofile [--runs N]
 *
 * prints the same summary for a profile written elsewhere, for one by `node --cpu-prof` of an
 * unminified server bundle driven by LspClient of test/support/lspClient.ts, started with
 * `nodeArgs: ['--cpu-prof']`.
 */
import { Session } from 'node:inspector/promises';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createPostmortemService } from '../server/src/service';
import { benchDocuments, generateBenchDocument, loadBenchTemplate } from './generate';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  hitCount?: number;
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

const repoRoot = join(__dirname, '..');
const args = process.argv.slice(2);
const runsIndex = args.indexOf('--runs');
const runs = runsIndex === -1 ? 20 : Number(args[runsIndex + 1]);
const name = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--runs' && args[i - 1] !== '--summarize') ?? '1MB';

async function main(): Promise<void> {
  const summarizeIndex = args.indexOf('--summarize');
  if (summarizeIndex !== -1) {
    summarize(JSON.parse(readFileSync(args[summarizeIndex + 1], 'utf8')) as Profile, runs);
    return;
  }
  const spec = benchDocuments.find((d) => d.name === name);
  if (!spec) throw new Error(`no document ${name}; one of ${benchDocuments.map((d) => d.name).join(', ')}`);
  const template = loadBenchTemplate();
  const service = createPostmortemService(template.text, template.schemaText);
  const text = generateBenchDocument(template, spec);
  for (let i = 0; i < 3; i++) service.diagnostics(service.analyze(text));
  (globalThis as { gc?: () => void }).gc?.();

  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 100 });
  await session.post('Profiler.start');
  const t0 = performance.now();
  for (let i = 0; i < runs; i++) service.diagnostics(service.analyze(text));
  const elapsed = performance.now() - t0;
  const { profile } = (await session.post('Profiler.stop')) as unknown as { profile: Profile };
  session.disconnect();

  const out = join(repoRoot, 'bench', 'results', `${name}.cpuprofile`);
  mkdirSync(join(repoRoot, 'bench', 'results'), { recursive: true });
  writeFileSync(out, JSON.stringify(profile));
  console.log(`${name}: ${runs} full analyses in ${elapsed.toFixed(0)} ms (${(elapsed / runs).toFixed(1)} ms each)`);
  summarize(profile, runs);
  console.log(`\nProfile: ${out}`);
}

/** Top functions by self time, and service files by inclusive time, per run. */
function summarize(profile: Profile, runs: number): void {
  // Self time per node from the samples.
  const self = new Map<number, number>();
  for (let i = 0; i < profile.samples.length; i++) self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const byFunction = new Map<string, number>();
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  for (const [id, t] of self) {
    // Line numbers are of tsx's transformed code, not of the source: the file alone is named.
    const { functionName, url } = nodes.get(id)!.callFrame;
    const file = url ? relative(repoRoot, url.replace(/^file:\/\//, '')) : '';
    const key = `${functionName || '(anonymous)'}  ${file}`.trim();
    byFunction.set(key, (byFunction.get(key) ?? 0) + t);
  }

  // Inclusive time under each rule's check and under analyze (by file), from the call tree.
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const inclusiveByFile = new Map<string, number>();
  for (const [id, t] of self) {
    const seen = new Set<string>();
    for (let k: number | undefined = id; k !== undefined; k = parent.get(k)) {
      const url = nodes.get(k)!.callFrame.url;
      const m = /server\/src\/(?:service\/)?(.*)$/.exec(url);
      if (!m || seen.has(m[1])) continue;
      seen.add(m[1]);
      inclusiveByFile.set(m[1], (inclusiveByFile.get(m[1]) ?? 0) + t);
    }
  }

  console.log(`${total.toFixed(0)} ms sampled`);
  console.log('\nTop self time:');
  for (const [key, t] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, 25)) {
    console.log(`  ${((100 * t) / total).toFixed(1).padStart(5)}%  ${(t / runs).toFixed(2).padStart(7)} ms/run  ${key}`);
  }
  console.log('\nInclusive time by service file:');
  for (const [file, t] of [...inclusiveByFile].sort((a, b) => b[1] - a[1]).slice(0, 20)) {
    console.log(`  ${((100 * t) / total).toFixed(1).padStart(5)}%  ${(t / runs).toFixed(2).padStart(7)} ms/run  ${file}`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
