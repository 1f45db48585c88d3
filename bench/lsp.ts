/**
 * Benchmarks over LSP, against a server bundle over stdio as editors drive it: start-up,
 * didOpen to diagnostics (pull and push), one-character edits, memory with 10 MB open; and
 * memory per open post-mortem with many open.
 */
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import * as os from 'node:os';
import { join } from 'node:path';
import { serverEnvironment, serverEnvironmentFrom } from '../client/src/serverEnvironment';
import { LspClient, vscodeTextDocumentCapabilities, type StartOptions } from '../test/support/lspClient';
import { prng } from '../test/support/random';
import type { Doc } from './documents';
import { generatePostmortem, KB, type BenchTemplate } from './generate';
import { newestMtime, repoRoot } from './machine';
import { shown, type BenchOptions } from './options';
import { bytes, log, ms, section, spread, target, type Row } from './report';
import { stats, type Stats } from './stats';

export async function lspBench(docs: Doc[], options: BenchOptions, results: Record<string, unknown>): Promise<void> {
  const { quick, serverPath } = options;
  const rows = section(`Over LSP: node ${shown(serverPath)} --stdio`);
  if (!serverReady(rows, options)) return;
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
          const client = await startServer(serverPath, true, { environment: env });
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
 * Whether the server to measure is there (a row says why not), with a warning row when this
 * tree's bundle is older than its sources.
 */
export function serverReady(rows: Row[], { serverPath, otherServer }: BenchOptions): boolean {
  if (!existsSync(serverPath)) {
    rows.push({ metric: 'server', value: `${shown(serverPath)} is absent${otherServer ? '' : ': run `npm run build`'}` });
    return false;
  }
  if (!otherServer) {
    const sources = ['server/src', 'common'].map((d) => newestMtime(join(repoRoot, d)));
    const bundle = join(repoRoot, 'dist/languageServer.js');
    if (!existsSync(bundle) || Math.max(...sources) > statSync(bundle).mtimeMs) {
      rows.push({ metric: 'warning', value: 'dist/languageServer.js is older than server/src or common: the LSP numbers are of an older build' });
    }
  }
  return true;
}

/**
 * Starts a server as VS Code's client does: its environment and capabilities (unless `more`
 * says otherwise), pull diagnostics or not, settings asked for and left default.
 */
export function startServer(path: string, pull: boolean, more: Omit<StartOptions, 'serverPath' | 'pull'> = {}): Promise<LspClient> {
  return LspClient.start({ serverPath: path, pull, settings: () => null, textDocumentCapabilities: vscodeTextDocumentCapabilities, ...more });
}

/** Runs one part of the LSP benchmark; a failure is reported in the table, and the rest still runs. */
export async function attempt(rows: Row[], name: string, part: () => Promise<void>): Promise<void> {
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
// Memory per open post-mortem

/**
 * Memory per open post-mortem: `count` distinct ~25 KB post-mortems opened (and pulled, as VS
 * Code does for each open tab) in one warmed server, the growth of its heap (after a full GC,
 * read by the memory probe) and of its RSS, per document and per byte of text (UTF-8). Then all
 * are closed, to see the memory come back.
 */
export async function docMemoryBench(template: BenchTemplate, options: BenchOptions, results: Record<string, unknown>): Promise<void> {
  const { quick, serverPath } = options;
  const count = quick ? 100 : 200;
  const rows = section(`Server memory per open post-mortem: ${count} distinct ~25 KB post-mortems open in ${shown(serverPath)}`);
  if (!serverReady(rows, options)) return;
  await attempt(rows, 'memory per open post-mortem', async () => {
    const doc = (seed: number) => generatePostmortem(template, { targetBytes: 25 * KB, seed, shape: 'mixed' });
    const texts = Array.from({ length: count }, (_, i) => doc(60000 + i));
    const textBytes = texts.reduce((n, t) => n + Buffer.byteLength(t), 0);
    const client = await startServer(serverPath, true, { memoryProbe: true });
    try {
      // Warm: the service built, its code compiled, as in a server that has served documents.
      for (let i = 0; i < 10; i++) {
        const uri = `file:///bench/memory/warm-${i}.md`;
        await client.open(uri, doc(59000 + i));
        await client.pullSince(uri);
        await client.close(uri);
      }
      const before = { heap: await client.heap(), proc: client.memory() };
      let diagnostics = 0;
      for (const [i, text] of texts.entries()) {
        const uri = `file:///bench/memory/open-${i}.md`;
        await client.open(uri, text);
        diagnostics += (await client.pullSince(uri)).diagnostics.length;
      }
      const open = { heap: await client.heap(), proc: client.memory() };
      for (let i = 0; i < count; i++) await client.close(`file:///bench/memory/open-${i}.md`);
      const closed = { heap: await client.heap(), proc: client.memory() };
      const perDoc = (a: number, b: number) => (b - a) / count;
      const heapPerDoc = perDoc(before.heap.heapUsed + before.heap.external, open.heap.heapUsed + open.heap.external);
      const rssPerDoc = before.proc && open.proc ? perDoc(before.proc.rss, open.proc.rss) : undefined;
      const avgText = textBytes / count;
      rows.push({ metric: 'documents open (text, diagnostics pulled)', value: `${count}, ${bytes(avgText)} each on average (${bytes(textBytes)} in all), ${diagnostics} diagnostics` });
      rows.push({
        metric: 'heap growth per open document (used + external, after GC)',
        value: `${bytes(heapPerDoc)} = ${(heapPerDoc / avgText).toFixed(2)}× its text (heap ${bytes(before.heap.heapUsed)} → ${bytes(open.heap.heapUsed)})`,
        ...target('memory-per-doc', heapPerDoc / avgText),
      });
      if (rssPerDoc !== undefined) {
        rows.push({ metric: '  RSS growth per open document (VmRSS)', value: `${bytes(rssPerDoc)} = ${(rssPerDoc / avgText).toFixed(2)}× its text (RSS ${bytes(before.proc!.rss)} → ${bytes(open.proc!.rss)})` });
      }
      rows.push({ metric: '  after closing them all (heap used; RSS)', value: `${bytes(closed.heap.heapUsed)}; ${closed.proc ? bytes(closed.proc.rss) : 'n/a'}` });
      results.docMemory = { count, textBytes, diagnostics, before, open, closed, heapPerDoc, rssPerDoc, heapPerTextByte: heapPerDoc / avgText, rssPerTextByte: rssPerDoc === undefined ? undefined : rssPerDoc / avgText };
    } finally {
      await client.stop();
    }
  });
}
