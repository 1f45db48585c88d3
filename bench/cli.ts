/**
 * postmortem-check over folders of post-mortems on disk, as a CI job runs it: files per second
 * of the whole run (start-up included) on 1,000 generated post-mortems of 10-40 KB, its peak
 * resident memory there and on 5,000, and markdownlint (bench/peer-files.mjs) on the same
 * 1,000 files, stopped at a time cap. Output goes to a pipe the bench reads and drops.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import { join } from 'node:path';
import { Random } from '../test/support/random';
import { generatePostmortem, KB, type BenchTemplate } from './generate';
import { attempt } from './lsp';
import { shown, type BenchOptions } from './options';
import { markdownlintVersion } from './peers';
import { bytes, log, ms, section, target } from './report';
import { stats } from './stats';

const filesPerSet = 1000;

interface ProcessRun {
  ms: number;
  /** Peak resident set size in bytes: /usr/bin/time's, or VmHWM as last read from /proc. */
  peak?: number;
  status: number | null;
  stdoutBytes: number;
  stderr: string;
  /** Lines written to stderr (the markdownlint peer writes one per file done). */
  stderrLines: number;
  capped: boolean;
}

/** GNU time, for the peak RSS of a whole process (its rusage); undefined where there is none. */
const gnuTime = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

/**
 * Runs `node args...` to its end (or `capMs`, then it is killed), its output read and dropped;
 * times it and takes its peak RSS (by GNU time, but for a run with a cap: killing time would
 * leave node running).
 */
function runNode(args: readonly string[], capMs = Infinity): Promise<ProcessRun> {
  const timeFile = gnuTime && capMs === Infinity ? join(os.tmpdir(), `pm-bench-time-${process.pid}-${Date.now()}.txt`) : undefined;
  const [command, argv] = timeFile ? [gnuTime!, ['-v', '-o', timeFile, process.execPath, ...args]] : [process.execPath, [...args]];
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(command, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdoutBytes = 0;
    let stderr = '';
    let stderrLines = 0;
    let capped = false;
    let hwm: number | undefined;
    child.stdout.on('data', (chunk: Buffer) => (stdoutBytes += chunk.length));
    child.stderr.on('data', (chunk: Buffer) => {
      const text = chunk.toString();
      for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) stderrLines++;
      if (stderr.length < 1e5) stderr += text;
    });
    // Without GNU time: VmHWM of the process, read every 20 ms (the last reading before it ends).
    const poll = timeFile
      ? undefined
      : setInterval(() => {
          try {
            const kb = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1];
            if (kb) hwm = Number(kb) * 1024;
          } catch {
            // Ended, or no /proc.
          }
        }, 20);
    const timer =
      capMs === Infinity
        ? undefined
        : setTimeout(() => {
            capped = true;
            child.kill();
          }, capMs);
    child.on('error', reject);
    child.on('close', (status) => {
      const elapsed = performance.now() - t0;
      clearTimeout(timer);
      if (poll) clearInterval(poll);
      let peak = hwm;
      if (timeFile) {
        try {
          const kb = /Maximum resident set size \(kbytes\): (\d+)/.exec(readFileSync(timeFile, 'utf8'))?.[1];
          peak = kb ? Number(kb) * 1024 : undefined;
        } catch {
          peak = undefined;
        }
        rmSync(timeFile, { force: true });
      }
      resolve({ ms: elapsed, peak, status, stdoutBytes, stderr, stderrLines, capped });
    });
  });
}

/** Writes `sets` folders of 1,000 post-mortems of 10-40 KB (sizes and seeds drawn from a seeded generator). */
function writeSets(template: BenchTemplate, dir: string, sets: number): { folders: string[]; bytes: number[] } {
  const random = new Random(424242);
  const folders: string[] = [];
  const sizes: number[] = [];
  for (let s = 0; s < sets; s++) {
    const folder = join(dir, `set-${s}`);
    mkdirSync(folder);
    let total = 0;
    for (let i = 0; i < filesPerSet; i++) {
      const text = generatePostmortem(template, { targetBytes: random.int(10 * KB, 40 * KB), seed: 50000 + s * filesPerSet + i, shape: 'mixed' });
      writeFileSync(join(folder, `pm-${String(i).padStart(4, '0')}.md`), text);
      total += Buffer.byteLength(text);
    }
    folders.push(folder);
    sizes.push(total);
  }
  return { folders, bytes: sizes };
}

export async function cliBench(template: BenchTemplate, options: BenchOptions, results: Record<string, unknown>): Promise<void> {
  const { quick, cliPath } = options;
  const rows = section(`postmortem-check: node ${shown(cliPath)} <folder>, on post-mortems of 10-40 KB on disk (text output, read and dropped)`);
  if (!existsSync(cliPath)) {
    rows.push({ metric: 'postmortem-check', value: `${shown(cliPath)} is absent${options.cliPath.endsWith(join('dist', 'cli.js')) ? ': run `npm run build`' : ''}` });
    return;
  }
  const sets = quick ? 1 : 5;
  const dir = mkdtempSync(join(os.tmpdir(), 'pm-bench-cli-'));
  const cli: Record<string, unknown> = { peakFrom: gnuTime ? '/usr/bin/time -v (maximum resident set size)' : '/proc/<pid>/status VmHWM, polled' };
  results.cli = cli;
  try {
    const t0 = performance.now();
    const { folders, bytes: setBytes } = writeSets(template, dir, sets);
    log(`    ${sets * filesPerSet} post-mortems written in ${ms(performance.now() - t0)}`);
    const check = (paths: string[]) => runNode([cliPath, ...paths]);
    const summary = (run: ProcessRun) => run.stderr.trim().split('\n').pop() ?? '';
    const failed = (run: ProcessRun) => run.status !== 0 && run.status !== 1;

    await attempt(rows, 'postmortem-check on 1,000 files', async () => {
      const runs: ProcessRun[] = [];
      for (let i = 0; i < (quick ? 1 : 3); i++) {
        const run = await check([folders[0]]);
        if (failed(run)) throw new Error(`exit status ${run.status}: ${run.stderr.slice(0, 500)}`);
        runs.push(run);
      }
      const time = stats(runs.map((r) => r.ms));
      const perSecond = filesPerSet / (time.median / 1000);
      rows.push({
        metric: `1,000 files (${bytes(setBytes[0])}): files per second`,
        value: `${perSecond.toFixed(0)} files/s: ${ms(time.median)} a run (min ${ms(time.min)}, max ${ms(time.max)}, n=${time.n}); ${summary(runs[0])}; ${bytes(runs[0].stdoutBytes)} of output`,
        ...target('cli-throughput', perSecond),
      });
      const peaks = runs.map((r) => r.peak).filter((p): p is number => p !== undefined);
      if (peaks.length) rows.push({ metric: '  peak RSS on 1,000 files', value: bytes(Math.max(...peaks)) });
      cli.thousand = { files: filesPerSet, bytes: setBytes[0], time, filesPerSecond: perSecond, peak: peaks.length ? Math.max(...peaks) : undefined, outputBytes: runs[0].stdoutBytes, summary: summary(runs[0]) };
    });

    if (quick) {
      rows.push({ metric: '5,000 files: peak RSS', value: 'skipped in --quick', ...target('cli-rss-5000', undefined, 'skipped in --quick') });
    } else {
      await attempt(rows, 'postmortem-check on 5,000 files', async () => {
        const run = await check([dir]);
        if (failed(run)) throw new Error(`exit status ${run.status}: ${run.stderr.slice(0, 500)}`);
        const all = setBytes.reduce((a, b) => a + b, 0);
        rows.push({
          metric: `5,000 files (${bytes(all)}): peak RSS`,
          value: run.peak === undefined ? 'unavailable (no /usr/bin/time, no /proc)' : `${bytes(run.peak)}; ${ms(run.ms)}, ${((sets * filesPerSet) / (run.ms / 1000)).toFixed(0)} files/s; ${summary(run)}`,
          ...target('cli-rss-5000', run.peak === undefined ? undefined : run.peak / 1024 / 1024),
        });
        cli.fiveThousand = { files: sets * filesPerSet, bytes: all, ms: run.ms, peak: run.peak, summary: summary(run) };
      });
    }

    // markdownlint on the same 1,000 files, as its command line runs it, stopped at the cap.
    await attempt(rows, 'markdownlint on 1,000 files', async () => {
      const capMs = quick ? 10000 : 20000;
      const run = await runNode([join(__dirname, 'peer-files.mjs'), folders[0]], capMs);
      if (!run.capped && run.status !== 0) throw new Error(`exit status ${run.status}: ${run.stderr.slice(0, 500)}`);
      const done = run.stderrLines;
      const perSecond = done / (run.ms / 1000);
      const ours = (cli.thousand as { filesPerSecond?: number } | undefined)?.filesPerSecond;
      const value = `${perSecond.toFixed(1)} files/s: ${done} of ${filesPerSet} files in ${ms(run.ms)}${run.capped ? ` (stopped at the ${capMs / 1000} s cap)` : ''}${ours ? `; postmortem-check ${(ours / perSecond).toFixed(0)}× as many files/s` : ''}`;
      rows.push({ metric: `markdownlint ${markdownlintVersion()} (default rules), same 1,000 files`, value });
      cli.markdownlint = { version: markdownlintVersion(), capMs, files: done, ms: run.ms, filesPerSecond: perSecond, capped: run.capped, peak: run.peak };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
