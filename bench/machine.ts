/** The machine and build a run measures: CPU, memory, Node, load, commit; file ages. */
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import * as os from 'node:os';
import { join } from 'node:path';

export const repoRoot = join(__dirname, '..');

function git(...gitArgs: string[]): string | undefined {
  try {
    return execFileSync('git', gitArgs, { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}

export const loadAverage = () => os.loadavg().map((x) => Math.round(x * 100) / 100);

export function machine() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    availableParallelism: os.availableParallelism?.() ?? cpus.length,
    memory: os.totalmem(),
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    v8: process.versions.v8,
    loadAverageAtStart: loadAverage(),
    commit: git('rev-parse', '--short', 'HEAD'),
    dirty: (git('status', '--porcelain', '--untracked-files=no', '--', 'server', 'common') ?? '') !== '',
  };
}

/** The newest modification time of the files under a folder, in ms. */
export function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}
