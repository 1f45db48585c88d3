/**
 * One New Post-Mortem at a time per folder, across VS Code windows. The next Incident ID is read
 * from the post-mortems already in the folder, so two windows reading at the same moment would
 * both give the same one; holding the lock from reading the IDs until the file is written makes
 * the second window see the first one's file. The lock is a directory in the system's temporary
 * folder named after the post-mortem folder (mkdir is atomic, and nothing appears in the user's
 * workspace). Node only, no `vscode`.
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

export interface FolderLockOptions {
  /** A lock older than this was left by a window that stopped while holding it: it is taken over. */
  staleMs?: number;
  /** After waiting this long the task runs anyway: a rare duplicate ID is better than no post-mortem. */
  maxWaitMs?: number;
  pollMs?: number;
  /** Where the locks are made; the system's temporary folder by default. */
  lockRoot?: string;
}

/** The lock directory of a post-mortem folder: the same for every window on this machine. */
export async function folderLockPath(folderPath: string, lockRoot = tmpdir()): Promise<string> {
  const real = await fs.realpath(folderPath).catch(() => path.resolve(folderPath));
  const key = process.platform === 'win32' || process.platform === 'darwin' ? real.toLowerCase() : real;
  return path.join(lockRoot, `postmortem-new-${createHash('sha256').update(key).digest('hex').slice(0, 16)}.lock`);
}

/** Runs `task` holding the folder's lock; `locked` tells whether it got it (false after maxWaitMs). */
export async function withFolderLock<T>(folderPath: string, task: (locked: boolean) => Promise<T>, options: FolderLockOptions = {}): Promise<T> {
  const { staleMs = 15000, maxWaitMs = 10000, pollMs = 20 } = options;
  const lock = await folderLockPath(folderPath, options.lockRoot);
  const deadline = Date.now() + maxWaitMs;
  let locked = false;
  while (!locked) {
    try {
      await fs.mkdir(lock);
      locked = true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') break; // no temporary folder to lock in: run unlocked
      if (await takeOverIfStale(lock, staleMs)) continue;
      if (Date.now() >= deadline) break;
      await new Promise((resolve) => setTimeout(resolve, pollMs + Math.random() * pollMs));
    }
  }
  try {
    return await task(locked);
  } finally {
    if (locked) await fs.rmdir(lock).catch(() => undefined);
  }
}

/**
 * Removes a lock older than `staleMs`. It is renamed away first, so of two windows taking over
 * the same stale lock only one removes it.
 */
async function takeOverIfStale(lock: string, staleMs: number): Promise<boolean> {
  try {
    const stat = await fs.stat(lock);
    if (Date.now() - stat.mtimeMs < staleMs) return false;
    const aside = `${lock}.stale-${process.pid}-${Math.random().toString(36).slice(2)}`;
    await fs.rename(lock, aside);
    await fs.rmdir(aside).catch(() => undefined);
    return true;
  } catch (error) {
    // Released or taken over by another window meanwhile: try again at once.
    return (error as NodeJS.ErrnoException).code === 'ENOENT';
  }
}
