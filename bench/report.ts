/**
 * The printed report: number formats, the table of sections (metric, value, target, status),
 * and the project's targets, each measurement recorded against its target.
 */
import type { Stats } from './stats';

/** The shapes of 1 MB documents the cold-open benchmark opens (bench/generate.ts). */
export const coldOpenShapes = ['mixed', 'logs', 'timeline', 'placeholders'] as const;

export const ms = (x: number) => (x >= 100 ? `${x.toFixed(0)} ms` : x >= 10 ? `${x.toFixed(1)} ms` : x >= 1 ? `${x.toFixed(2)} ms` : `${x.toFixed(3)} ms`);
export const bytes = (x: number) => (x >= 1024 * 1024 ? `${(x / 1024 / 1024).toFixed(2)} MB` : `${(x / 1024).toFixed(1)} KB`);
export const spread = (s: Stats) => `${ms(s.median)}  (p10 ${ms(s.p10)}, p90 ${ms(s.p90)}, n=${s.n})`;

export interface Row {
  metric: string;
  value: string;
  target?: string;
  status?: string;
}

const report: Row[][] = [];
const startedAt = performance.now();
const sectionTitles: string[] = [];

/** Starts a section of the report; its rows are pushed onto the array returned. */
export function section(title: string): Row[] {
  const rows: Row[] = [];
  sectionTitles.push(title);
  report.push(rows);
  log(`  … ${((performance.now() - startedAt) / 1000).toFixed(0).padStart(4)} s  ${title}`);
  return rows;
}

/** Progress, on stderr (the report goes to stdout). */
export function log(message: string): void {
  process.stderr.write(`${message}\n`);
}

export function printReport(): void {
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

export interface Target {
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

/** The project's targets (issues 4 and 11), in the order they are printed. */
const targetDefinitions: Record<string, Pick<Target, 'what' | 'kind' | 'limit' | 'unit'>> = {
  'analysis-1MB': { what: 'full analysis of the 1 MB document (median)', kind: 'max', limit: 30, unit: 'ms' },
  'vs-markdownlint-1MB': { what: 'full analysis 1 MB: times faster than markdownlint', kind: 'min', limit: 100, unit: '×' },
  'analysis-10MB': { what: 'full analysis of the 10 MB document (median)', kind: 'max', limit: 400, unit: 'ms' },
  'metrics-share-1MB': { what: "the incident's numbers as a share of the 1 MB analysis (median)", kind: 'max', limit: 10, unit: '%' },
  'metrics-keystroke-1MB': { what: "the incident's numbers after a keystroke outside the timeline, 1 MB (median)", kind: 'max', limit: 0.5, unit: 'ms' },
  'metrics-keystroke-timeline-1MB': { what: "the incident's numbers after a keystroke outside a 10,000-row timeline (median)", kind: 'max', limit: 0.5, unit: 'ms' },
  'edit-1MB': { what: 'one-char edit in the middle of 1 MB to diagnostics (median, LSP pull)', kind: 'max', limit: 10, unit: 'ms' },
  'completion-p95-1MB': { what: 'completion at 200 positions of 1 MB (p95)', kind: 'max', limit: 5, unit: 'ms' },
  'codeactions-p95-1MB': { what: 'code actions at 200 positions of 1 MB (p95)', kind: 'max', limit: 5, unit: 'ms' },
  initialize: { what: 'server spawn to initialize result (median)', kind: 'max', limit: 150, unit: 'ms' },
  'rss-10MB': { what: 'server resident memory with 10 MB open (VmRSS)', kind: 'max', limit: 250, unit: 'MB' },
  'first-open': { what: 'first open of 1 MB in a fresh server (didOpen to pulled diagnostics): ours / trivial server', kind: 'max', limit: 2.5, unit: '×' },
  ...Object.fromEntries(
    coldOpenShapes.map((shape) => [
      `cold-open-${shape}`,
      { what: `cold open of a new 1 MB document (${shape}) in a warm server: ours / trivial server`, kind: 'max' as const, limit: 1.5, unit: '×' },
    ]),
  ),
  'memory-per-doc': { what: 'server heap per open ~25 KB post-mortem, per byte of its text', kind: 'max', limit: 4, unit: '×' },
  'cli-throughput': { what: 'postmortem-check on 1,000 post-mortems of 10-40 KB (whole run)', kind: 'min', limit: 1000, unit: 'files/s' },
  'cli-rss-5000': { what: 'postmortem-check peak resident memory on 5,000 post-mortems', kind: 'max', limit: 150, unit: 'MB' },
  'index-5000': { what: 'workspace index of 5,000 post-mortems built at start', kind: 'max', limit: 10, unit: 's' },
  'index-memory': { what: 'workspace index memory per 1,000 post-mortems', kind: 'max', limit: 20, unit: 'MB' },
  'index-change': { what: 'one changed file re-indexed (median)', kind: 'max', limit: 20, unit: 'ms' },
  'server-bundle': { what: 'server bundles dist/languageServer.js + dist/service.js', kind: 'max', limit: 400, unit: 'KB' },
  'client-bundle': { what: 'client bundle dist/client.js', kind: 'max', limit: 500, unit: 'KB' },
  vsix: { what: 'postmortem-authoring.vsix', kind: 'max', limit: 400, unit: 'KB' },
};

const measuredTargets = new Map<string, Target>();

/** Records a measurement against its target; returns the table's target and status cells. */
export function target(id: string, value: number | undefined, note?: string): { target: string; status: string } {
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

/** Every target, measured or not, in the defined order; `partial`: the run did only some parts (--only). */
export function allTargets(partial: boolean): Target[] {
  return Object.entries(targetDefinitions).map(
    ([id, def]) => measuredTargets.get(id) ?? { id, ...def, status: 'N/A' as const, note: partial ? 'not run (--only)' : 'not measured (failed or skipped)' },
  );
}

/** The Targets section: every target with its value and status. */
export function targetsSection(targets: Target[]): void {
  const summary = section('Targets');
  for (const t of targets) {
    const value = t.value === undefined ? 'not measured' : `${t.value.toFixed(t.value < 10 ? 2 : 1)} ${t.unit}`;
    const off = t.value === undefined ? '' : t.kind === 'max' ? ` (${(t.value / t.limit).toFixed(2)}× the limit)` : ` (${(t.value / t.limit).toFixed(2)}× the need)`;
    summary.push({ metric: t.what, value, target: `${t.kind === 'max' ? '≤' : '≥'} ${t.limit} ${t.unit}`, status: `${t.status}${t.status === 'MISS' ? off : ''}${t.note ? ` — ${t.note}` : ''}` });
  }
}
