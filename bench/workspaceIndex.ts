/**
 * The workspace index in the bundled server (issue 14's targets): 5,000 post-mortems of 10-40 KB
 * under a workspace folder, indexed from `initialized` to the end of its progress; the index's
 * share of the server's heap per 1,000 post-mortems (a server with the same folder empty beside
 * it); and one changed file read again, from the watched-file event to the index's change.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { workspaceIndexChangedNotification } from '../common/protocol';
import type { LspClient } from '../test/support/lspClient';
import { generatePostmortem, type BenchTemplate } from './generate';
import { attempt, serverReady, startServer } from './lsp';
import { shown, type BenchOptions } from './options';
import { bytes, ms, section, target } from './report';
import { Random } from '../test/support/random';
import { stats } from './stats';

const KB = 1024;

export async function workspaceIndexBench(template: BenchTemplate, options: BenchOptions, results: Record<string, unknown>): Promise<void> {
  const count = options.quick ? 1000 : 5000;
  const rows = section(`Workspace index: ${count.toLocaleString('en')} post-mortems of 10-40 KB under a workspace folder, in ${shown(options.serverPath)}`);
  if (!serverReady(rows, options)) return;
  await attempt(rows, 'workspace index', async () => {
    const root = mkdtempSync(join(os.tmpdir(), 'pm-bench-index-'));
    const empty = mkdtempSync(join(os.tmpdir(), 'pm-bench-index-empty-'));
    try {
      const folder = join(root, 'postmortems');
      mkdirSync(folder);
      const random = new Random(777);
      let total = 0;
      for (let i = 0; i < count; i++) {
        const text = generatePostmortem(template, { targetBytes: random.int(10 * KB, 40 * KB), seed: 90000 + i, shape: 'mixed' });
        writeFileSync(join(folder, `pm-${String(i).padStart(5, '0')}.md`), text);
        total += Buffer.byteLength(text);
      }
      const start = (dir: string) =>
        startServer(options.serverPath, true, {
          workspaceFolder: pathToFileURL(dir).href,
          windowCapabilities: { workDoneProgress: true },
          workspaceCapabilities: { didChangeWatchedFiles: { dynamicRegistration: true } },
          memoryProbe: true,
          // As the extension's client: it shows the index, and is told of its changes.
          initializationOptions: { workspaceIndexViews: true },
        });
      const indexed = (client: LspClient) => client.until(() => [...client.progress.values()].some((p) => p.some((v) => v.kind === 'end')), 'the end of indexing', 120_000);

      // The empty folder's server: its heap is what the index adds to.
      const bare = await start(empty);
      let bareHeap: number;
      try {
        await indexed(bare);
        bareHeap = (await bare.heap()).heapUsed;
      } finally {
        await bare.stop();
      }

      const client = await start(root);
      try {
        const t0 = performance.now();
        await indexed(client);
        const buildMs = performance.now() - t0;
        const heap = (await client.heap()).heapUsed;
        const perThousand = ((heap - bareHeap) / count) * 1000;

        // One file changed on disk: from the event to the index's change, a few times.
        const times: number[] = [];
        for (let k = 0; k < 7; k++) {
          const file = join(folder, `pm-${String(k).padStart(5, '0')}.md`);
          writeFileSync(file, generatePostmortem(template, { targetBytes: 25 * KB, seed: 95000 + k, shape: 'mixed' }));
          const before = client.notifications.get(workspaceIndexChangedNotification)?.length ?? 0;
          const s = performance.now();
          await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(file).href, type: 2 }] });
          await client.until(() => (client.notifications.get(workspaceIndexChangedNotification)?.length ?? 0) > before, 'the index changed', 10_000);
          times.push(performance.now() - s);
        }
        const change = stats(times.slice(2));
        rows.push({ metric: 'files', value: `${count.toLocaleString('en')} post-mortems, ${bytes(total)}` });
        rows.push({ metric: `index built at start (initialized to the end of its progress)`, value: `${(buildMs / 1000).toFixed(2)} s, ${Math.round(count / (buildMs / 1000))} files/s`, ...(count === 5000 ? target('index-5000', buildMs / 1000) : {}) });
        rows.push({ metric: 'index heap per 1,000 post-mortems (heap with the folder minus heap with an empty one)', value: bytes(perThousand), ...target('index-memory', perThousand / (1024 * 1024)) });
        rows.push({ metric: 'one changed file re-indexed (watched-file event to the index changed, median)', value: `${ms(change.median)} (p90 ${ms(change.p90)})`, ...target('index-change', change.median) });
        results.workspaceIndex = { count, bytes: total, buildMs, heapPerThousand: perThousand, change };
      } finally {
        await client.stop();
      }
    } finally {
      rmSync(root, { recursive: true, force: true });
      rmSync(empty, { recursive: true, force: true });
    }
  });
}
