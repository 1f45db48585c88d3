/**
 * The New Post-Mortem folder lock (client/src/newPostmortem/folderLock.ts) in one process:
 * holders one after another, a dead holder's lock taken over, a live one refreshed and so kept,
 * the wait given up after maxWaitMs, the lock released when the task throws, and a lock lost
 * while held reported without a throw. Across processes: test/unit/client-newPostmortem.test.ts.
 * Times are small (stale 1 s) and the assertions are on order, not on durations.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { folderLockPath, withFolderLock, type FolderLockOptions } from '../../client/src/newPostmortem/folderLock';
import { repoRoot } from '../support/service';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const roots: string[] = [];
after(async () => {
  for (const root of roots) await fs.rm(root, { recursive: true, force: true });
});

/** A post-mortem folder and a lock root of its own, and the folder's lock directory. */
async function setUp(): Promise<{ folder: string; lock: string; options: FolderLockOptions }> {
  const root = await fs.mkdtemp(join(tmpdir(), 'pm-folderlock-'));
  roots.push(root);
  const folder = join(root, 'postmortems');
  const lockRoot = join(root, 'locks');
  await fs.mkdir(folder);
  await fs.mkdir(lockRoot);
  return { folder, lock: await folderLockPath(folder, lockRoot), options: { lockRoot } };
}

describe('folder lock', () => {
  it('is outside the folder, in the lock root, the same for every spelling of the folder', async () => {
    const { folder, lock, options } = await setUp();
    assert.equal(join(lock, '..'), options.lockRoot);
    assert.match(lock, /postmortem-new-[0-9a-f]{16}\.lock$/);
    assert.equal(await folderLockPath(join(folder, '..', 'postmortems'), options.lockRoot), lock);
    await fs.symlink(folder, join(folder, '..', 'link'));
    assert.equal(await folderLockPath(join(folder, '..', 'link'), options.lockRoot), lock, 'named after the real path');
    if (process.platform === 'win32' || process.platform === 'darwin')
      assert.equal(await folderLockPath(folder.toUpperCase(), options.lockRoot), lock, 'case-folded');
  });

  it('serializes holders: the second task starts after the first one ends, and the lock is removed after both', async () => {
    const { folder, lock, options } = await setUp();
    const events: string[] = [];
    let inside = 0;
    const holder = (name: string) =>
      withFolderLock(
        folder,
        async (locked) => {
          inside++;
          events.push(`${name} in ${locked} ${inside}`);
          await sleep(300);
          events.push(`${name} out`);
          inside--;
        },
        { ...options, maxWaitMs: 30_000 },
      );
    await Promise.all([holder('a'), holder('b'), holder('c')]);
    assert.equal(events.length, 6);
    for (let i = 0; i < 6; i += 2) {
      const [name, , locked, count] = events[i].split(' ');
      assert.deepEqual([locked, count, events[i + 1]], ['true', '1', `${name} out`], events.join(', '));
    }
    assert.equal(existsSync(lock), false, 'released');
  });

  it('takes over a lock left by a dead holder (not touched for longer than staleMs)', async () => {
    const { folder, lock, options } = await setUp();
    await fs.mkdir(lock);
    const old = new Date(Date.now() - 60_000);
    await fs.utimes(lock, old, old);
    // Were it not taken over, the task would run after maxWaitMs, told it has no lock.
    assert.equal(await withFolderLock(folder, async (locked) => locked, { ...options, staleMs: 15_000, maxWaitMs: 5_000 }), true);
    assert.equal(existsSync(lock), false);
    assert.deepEqual(await fs.readdir(join(lock, '..')), [], 'nothing left beside it (the stale lock was renamed away, then removed)');
  });

  it('takes over a stale lock once when several holders find it at the same moment', async () => {
    const { folder, lock, options } = await setUp();
    await fs.mkdir(lock);
    const old = new Date(Date.now() - 60_000);
    await fs.utimes(lock, old, old);
    let inside = 0;
    let most = 0;
    const results = await Promise.all(
      Array.from({ length: 8 }, () =>
        withFolderLock(
          folder,
          async (locked) => {
            most = Math.max(most, ++inside);
            await sleep(30);
            inside--;
            return locked;
          },
          { ...options, staleMs: 5_000, maxWaitMs: 30_000, pollMs: 5 },
        ),
      ),
    );
    assert.deepEqual(results, Array(8).fill(true));
    assert.equal(most, 1, 'two holders at once');
    assert.deepEqual(await fs.readdir(join(lock, '..')), []);
  });

  it('puts back a live lock that another window took between its look at the stale one and its rename', async () => {
    const { folder, lock, options } = await setUp();
    await fs.mkdir(lock);
    const old = new Date(Date.now() - 60_000);
    await fs.utimes(lock, old, old);
    // Another window takes the stale lock over just before this one renames it away: the race is
    // made certain by doing that inside fs.promises.rename, which folderLock.ts calls.
    const rename = fs.rename;
    let raced = false;
    fs.rename = async (from, to) => {
      if (!raced && from === lock) {
        raced = true;
        await fs.rmdir(lock);
        await fs.mkdir(lock);
      }
      return rename(from, to);
    };
    try {
      assert.equal(await withFolderLock(folder, async (locked) => locked, { ...options, staleMs: 15_000, maxWaitMs: 300 }), false);
    } finally {
      fs.rename = rename;
    }
    assert.ok(raced);
    const kept = await fs.stat(lock);
    assert.ok(Date.now() - kept.mtimeMs < 15_000, 'the other window\'s fresh lock is back in place');
    assert.deepEqual(await fs.readdir(join(lock, '..')), [basename(lock)], 'and nothing beside it');
  });

  it('refreshes the lock while it is held, so a waiter does not take over a task longer than staleMs', async () => {
    const { folder, lock, options } = await setUp();
    const lockOptions = { ...options, staleMs: 1000, updateMs: 200, maxWaitMs: 30_000 };
    const events: string[] = [];
    const compromised: Error[] = [];
    let ages: number[] = [];
    const first = withFolderLock(
      folder,
      async (locked) => {
        events.push(`first in ${locked}`);
        const start = Date.now();
        while (Date.now() - start < 2500) {
          await sleep(100);
          ages.push(Date.now() - (await fs.stat(lock)).mtimeMs);
        }
        events.push('first out');
      },
      { ...lockOptions, onCompromised: (error) => compromised.push(error) },
    );
    await sleep(100);
    const second = withFolderLock(folder, async (locked) => events.push(`second in ${locked}`), lockOptions);
    await Promise.all([first, second]);
    assert.deepEqual(events, ['first in true', 'first out', 'second in true']);
    assert.deepEqual(compromised, []);
    ages = ages.slice(5); // from 500 ms on, past a first refresh
    assert.ok(Math.max(...ages) < 1000, `the lock's mtime fell behind by ${Math.max(...ages)} ms (staleMs 1000)`);
    assert.equal(existsSync(lock), false);
  });

  it('frees the lock when the window exits while holding it, without waiting staleMs', async () => {
    const { folder, lock, options } = await setUp();
    const child = `
      const { withFolderLock } = require(${JSON.stringify(join(repoRoot, 'client/src/newPostmortem/folderLock.ts'))});
      const { existsSync } = require('node:fs');
      withFolderLock(process.argv[1], async () => {
        console.log(existsSync(process.argv[2]) ? 'held' : 'not held');
        process.exit(0);
      }, { lockRoot: process.argv[3] });`;
    const out = execFileSync(process.execPath, ['--import', 'tsx', '-e', child, folder, lock, options.lockRoot!], { encoding: 'utf8' });
    assert.equal(out.trim(), 'held');
    assert.equal(existsSync(lock), false);
  });

  it('runs the task anyway after maxWaitMs, told it has no lock, and leaves the holder\'s lock alone', async () => {
    const { folder, lock, options } = await setUp();
    let release!: () => void;
    const releasing = new Promise<void>((resolve) => (release = resolve));
    let holding!: () => void;
    const held = new Promise<void>((resolve) => (holding = resolve));
    const holder = withFolderLock(
      folder,
      async (locked) => {
        holding();
        await releasing;
        return locked;
      },
      options,
    );
    await held;
    assert.equal(await withFolderLock(folder, async (locked) => locked, { ...options, maxWaitMs: 200 }), false);
    assert.equal(existsSync(lock), true, 'a lock it did not get is not removed');
    release();
    assert.equal(await holder, true);
    assert.equal(existsSync(lock), false);
  });

  it('releases the lock when the task throws, and passes the error on', async () => {
    const { folder, lock, options } = await setUp();
    const failure = new Error('the server could not make the document');
    await assert.rejects(
      withFolderLock(folder, async () => {
        assert.equal(existsSync(lock), true);
        throw failure;
      }, options),
      (error) => error === failure,
    );
    assert.equal(existsSync(lock), false);
    // The next one gets it at once: with maxWaitMs 0 a lock still there would mean no lock.
    assert.equal(await withFolderLock(folder, async (locked) => locked, { ...options, maxWaitMs: 0 }), true);
  });

  const losses = [
    ['taken over by another window', 'was taken over', async (lock: string) => {
      await fs.rmdir(lock);
      await fs.mkdir(lock); // another window's lock now
    }],
    ['removed', 'was removed', (lock: string) => fs.rmdir(lock)],
  ] as const;
  // Found by the refresh while the task goes on, or at the release when that comes first.
  const whens = [
    ['while the task runs', { updateMs: 100, pauseMs: 600 }],
    ['just before the task ends', { updateMs: 500, pauseMs: 0 }],
  ] as const;
  for (const [what, said, lose] of losses) {
    for (const [when, { updateMs, pauseMs }] of whens) {
      it(`tells onCompromised when its lock is ${what} ${when}, goes on with the task, and throws from no timer`, async () => {
        const { folder, lock, options } = await setUp();
        const compromised: Error[] = [];
        const result = await withFolderLock(
          folder,
          async (locked) => {
            await lose(lock);
            await sleep(pauseMs);
            return locked;
          },
          {
            ...options,
            staleMs: 1000,
            updateMs,
            onCompromised: (error) => {
              compromised.push(error);
              throw new Error('a throwing handler must not reach the timer');
            },
          },
        );
        assert.equal(result, true);
        assert.equal(compromised.length, 1, compromised.join('; '));
        assert.match(compromised[0].message, new RegExp(`lock .* ${said}`));
        assert.equal(existsSync(lock), what !== 'removed', 'another window\'s lock is not removed');
        await sleep(700); // no refresh after the release, and nothing thrown meanwhile
        assert.equal(compromised.length, 1);
      });
    }
  }
});
