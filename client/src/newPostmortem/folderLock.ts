/**
 * One New Post-Mortem at a time per folder, across VS Code windows. The next Incident ID is read
 * from the post-mortems already in the folder, so two windows reading at the same moment would
 * both give the same one; holding the lock from reading the IDs until the file is written makes
 * the second window see the first one's file. The lock is a directory in the system's temporary
 * folder named after the post-mortem folder (mkdir is atomic, and nothing appears in the user's
 * workspace). Node only, no `vscode`.
 *
 * Staleness is told by the lock's mtime, as proper-lockfile does: the holder touches it every
 * `updateMs` while it holds it, so a lock older than `staleMs` was left by a window that stopped
 * (it is taken over), while a long task (the server may read thousands of files) keeps its lock.
 * A holder that finds its lock gone or replaced (compromised: the event loop or the machine slept
 * past `staleMs` and another window took it over) says so through `onCompromised` and goes on.
 * proper-lockfile itself is not used: with graceful-fs, retry and signal-exit it adds 21.2 KB to
 * the client bundle and takes the .vsix over its 400 KB budget (404.8 KB, against 398.7 KB with
 * this), and on loading patches fs.close and the process's exit and signals for every extension
 * in the host. The lock is the same directory as before, so windows running an older version
 * still wait for it.
 */
import { createHash } from 'node:crypto';
import { promises as fs, rmdirSync, statSync, type Stats } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

export interface FolderLockOptions {
  /** A lock not touched for this long was left by a window that stopped while holding it: it is taken over. */
  staleMs?: number;
  /** How often the holder touches its lock, so that it never looks stale; staleMs / 3 by default, at most staleMs / 2. */
  updateMs?: number;
  /** After waiting this long the task runs anyway: a rare duplicate ID is better than no post-mortem. */
  maxWaitMs?: number;
  pollMs?: number;
  /** Where the locks are made; the system's temporary folder by default. */
  lockRoot?: string;
  /**
   * Called (at most once) when the lock is found removed or taken over while the task holds it.
   * The task goes on; the lock is then another window's and is not removed. Never throws out of
   * the refresh timer: an error it throws is dropped.
   */
  onCompromised?: (error: Error) => void;
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
  const updateMs = Math.max(1, Math.min(options.updateMs ?? staleMs / 3, staleMs / 2));
  const lock = await folderLockPath(folderPath, options.lockRoot);
  const deadline = Date.now() + maxWaitMs;
  let mine: Stats | undefined;
  while (!mine) {
    try {
      await fs.mkdir(lock);
      mine = await fs.stat(lock);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') break; // no temporary folder to lock in: run unlocked
      if (await takeOverIfStale(lock, staleMs)) continue;
      if (Date.now() >= deadline) break;
      await new Promise((resolve) => setTimeout(resolve, pollMs + Math.random() * pollMs));
    }
  }
  const held = mine && holdLock(lock, mine, staleMs, updateMs, options.onCompromised);
  try {
    return await task(held !== undefined);
  } finally {
    await held?.release();
  }
}

/**
 * Keeps a lock fresh while it is held: every `updateMs` checks that it is still this holder's
 * (same directory, same mtime as last set) and sets its mtime to now. `release` stops that and
 * removes the lock if it is still this holder's.
 */
function holdLock(lock: string, acquired: Stats, staleMs: number, updateMs: number, onCompromised: FolderLockOptions['onCompromised']) {
  const { ino } = acquired;
  let mtimeMs = acquired.mtimeMs;
  let lastUpdate = Date.now();
  let lost = false;
  let releasing = false;
  let timer: NodeJS.Timeout | undefined;
  let refreshing: Promise<void> = Promise.resolve();

  const isMine = (stat: Stats) => stat.ino === ino && stat.mtimeMs === mtimeMs;
  const lose = (why: string) => {
    lost = true;
    process.off('exit', removeOnExit);
    try {
      onCompromised?.(new Error(`The New Post-Mortem lock ${lock} ${why} while it was held.`));
    } catch {
      // A timer must not throw: that would take the extension host down.
    }
  };
  const refresh = async () => {
    try {
      if (!isMine(await fs.stat(lock))) return lose('was taken over by another window');
      const now = new Date();
      await fs.utimes(lock, now, now);
      const stat = await fs.stat(lock);
      if (stat.ino !== ino) return lose('was taken over by another window');
      mtimeMs = stat.mtimeMs;
      lastUpdate = Date.now();
    } catch (error) {
      // Gone, or not touched for longer than staleMs: another window may hold it by now. Else try again.
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') lose('was removed');
      else if (Date.now() - lastUpdate > staleMs) lose(`could not be refreshed (${(error as Error).message})`);
    }
  };
  const schedule = () => {
    timer = setTimeout(() => {
      refreshing = refresh().then(() => {
        if (!lost && !releasing) schedule();
      });
    }, updateMs);
    timer.unref(); // a lock held by a window that is closing does not keep it open
  };
  // A window that exits while holding the lock (closed mid-command) frees it at once, not after staleMs.
  function removeOnExit() {
    try {
      if (isMine(statSync(lock))) rmdirSync(lock);
    } catch {
      // Already gone.
    }
  }

  process.once('exit', removeOnExit);
  schedule();
  return {
    async release(): Promise<void> {
      if (releasing) return;
      releasing = true;
      clearTimeout(timer);
      await refreshing; // never rejects
      if (lost) return;
      process.off('exit', removeOnExit);
      try {
        if (isMine(await fs.stat(lock))) await fs.rmdir(lock);
        else lose('was taken over by another window');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') lose('was removed');
      }
    },
  };
}

/**
 * Removes a lock not touched for `staleMs`. It is renamed away first, so of two windows taking
 * over the same stale lock only one removes it; one that finds it has renamed a fresh lock (taken
 * by a third window between its look and its rename) puts it back.
 */
async function takeOverIfStale(lock: string, staleMs: number): Promise<boolean> {
  try {
    const stat = await fs.stat(lock);
    if (Date.now() - stat.mtimeMs < staleMs) return false;
    const aside = `${lock}.stale-${process.pid}-${Math.random().toString(36).slice(2)}`;
    await fs.rename(lock, aside);
    const moved = await fs.stat(aside);
    if (moved.ino !== stat.ino || Date.now() - moved.mtimeMs < staleMs) {
      await fs.rename(aside, lock).catch(() => fs.rmdir(aside).catch(() => undefined));
      return false;
    }
    await fs.rmdir(aside).catch(() => undefined);
    return true;
  } catch (error) {
    // Released or taken over by another window meanwhile: try again at once.
    return (error as NodeJS.ErrnoException).code === 'ENOENT';
  }
}
