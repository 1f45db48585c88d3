/** The pure and file-system parts of New Post-Mortem: names, folder, exclusive creation, errors. */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { createExclusively, describeCreateError, ensureFolder } from '../../client/src/newPostmortem/createFile';
import { folderLockPath, withFolderLock } from '../../client/src/newPostmortem/folderLock';
import { chooseFileName, fileNameCandidates, lineEndingFor, localDate, slugify, withLineEndings } from '../../client/src/newPostmortem/fileNames';
import { resolveTargetFolder } from '../../client/src/newPostmortem/targetFolder';
import { postmortemFolderOf } from '../../host/postmortemFolder';
import { URI } from '../../host/uri';
import { readNewDocumentResult, validateTitle } from '../../client/src/newPostmortem/validation';
import { repoRoot } from '../support/service';

describe('new post-mortem file names', () => {
  it('dates in local time as YYYY-MM-DD', () => {
    assert.equal(localDate(new Date(2026, 0, 5, 23, 59)), '2026-01-05');
    assert.equal(localDate(new Date(2026, 10, 28, 0, 0)), '2026-11-28');
  });

  it('slugs titles to lower-case ASCII words joined by dashes', () => {
    assert.equal(slugify('Disk full on ledger primary'), 'disk-full-on-ledger-primary');
    assert.equal(slugify('  Café  outage: DNS / TLS!! '), 'cafe-outage-dns-tls');
    assert.equal(slugify('???'), 'postmortem');
    assert.equal(slugify('日本語'), 'postmortem');
    const long = slugify('word '.repeat(40));
    assert.ok(long.length <= 60 && !long.endsWith('-'), long);
  });

  it('keeps the server\'s file name when it is a plain .md name, else makes one', () => {
    assert.equal(chooseFileName('2026-11-28-disk-full.md', 'Disk full', '2026-11-28'), '2026-11-28-disk-full.md');
    for (const bad of ['../escape.md', 'a/b.md', 'a\\b.md', '.hidden.md', 'no-extension', '', 42, undefined, 'x:y.md', ' spaced.md'])
      assert.equal(chooseFileName(bad, 'Disk full', '2026-11-28'), '2026-11-28-disk-full.md', String(bad));
  });

  it('offers name.md, then name-2.md, name-3.md...', () => {
    assert.deepEqual([...fileNameCandidates('2026-11-28-x.md', 4)], ['2026-11-28-x.md', '2026-11-28-x-2.md', '2026-11-28-x-3.md', '2026-11-28-x-4.md']);
    assert.deepEqual([...fileNameCandidates('notes.MD', 2)], ['notes.MD', 'notes-2.MD']);
  });

  it('writes the line endings files.eol asks for', () => {
    assert.equal(withLineEndings('a\nb\r\nc', '\r\n'), 'a\r\nb\r\nc');
    assert.equal(withLineEndings('a\r\nb\n', '\n'), 'a\nb\n');
    assert.equal(lineEndingFor('\r\n', 'linux'), '\r\n');
    assert.equal(lineEndingFor('auto', 'win32'), '\r\n');
    assert.equal(lineEndingFor(undefined, 'darwin'), '\n');
  });

  it('accepts any non-blank title and reads the server\'s answer', () => {
    assert.ok(validateTitle(''));
    assert.ok(validateTitle('   '));
    assert.ok(validateTitle('x'.repeat(201)));
    assert.equal(validateTitle('Disk full'), undefined);
    assert.deepEqual(readNewDocumentResult({ text: 'T', fileName: 'f.md', incidentId: 'INC-1', cursor: { line: 5, character: 2 } }), {
      text: 'T',
      fileName: 'f.md',
      incidentId: 'INC-1',
      cursor: { line: 5, character: 2 },
    });
    assert.deepEqual(readNewDocumentResult({ text: 'T', fileName: 'f.md' })?.cursor, { line: 0, character: 0 });
    assert.equal(readNewDocumentResult({ fileName: 'f.md' }), undefined);
    assert.equal(readNewDocumentResult(null), undefined);
  });
});

describe('new post-mortem folder', () => {
  it('is postmortem.folder inside the workspace folder, postmortems by default', () => {
    assert.deepEqual(resolveTargetFolder('/work/space', undefined), { folderPath: '/work/space/postmortems' });
    assert.deepEqual(resolveTargetFolder('/work/space', ' docs/incidents '), { folderPath: '/work/space/docs/incidents' });
    assert.deepEqual(resolveTargetFolder('/work/space', ''), { folderPath: '/work/space' });
    assert.deepEqual(resolveTargetFolder('/work/space', '/work/space/pm'), { folderPath: '/work/space/pm' });
  });

  it('refuses a folder outside the workspace folder', () => {
    for (const setting of ['..', '../elsewhere', '/etc', 'a/../../b']) {
      const result = resolveTargetFolder('/work/space', setting);
      assert.ok('error' in result, setting);
      assert.match(result.error, /outside the workspace folder/);
    }
    assert.ok('folderPath' in resolveTargetFolder('/work/space', '..notes'), 'a name that starts with two dots is inside');
  });
});

describe('creating the file', async () => {
  const root = await fs.mkdtemp(join(tmpdir(), 'postmortem-client-'));
  after(() => fs.rm(root, { recursive: true, force: true }));

  it('creates the folder when missing and the file under the suggested name', async () => {
    const folder = join(root, 'one', 'postmortems');
    await ensureFolder(folder);
    const path = await createExclusively(folder, '2026-11-28-x.md', '# X\n');
    assert.equal(path, join(folder, '2026-11-28-x.md'));
    assert.equal(await fs.readFile(path, 'utf8'), '# X\n');
  });

  it('never overwrites: a taken name moves on to -2, -3, and the existing file keeps its bytes', async () => {
    const folder = join(root, 'two');
    await ensureFolder(folder);
    await fs.writeFile(join(folder, 'a.md'), 'mine');
    await fs.mkdir(join(folder, 'a-2.md'));
    const path = await createExclusively(folder, 'a.md', 'new');
    assert.equal(path, join(folder, 'a-3.md'));
    assert.equal(await fs.readFile(join(folder, 'a.md'), 'utf8'), 'mine');
    assert.equal(await fs.readFile(path, 'utf8'), 'new');
  });

  it('creates as many files as there are simultaneous calls', async () => {
    const folder = join(root, 'three');
    await ensureFolder(folder);
    const paths = await Promise.all(Array.from({ length: 8 }, (_, i) => createExclusively(folder, 'same.md', `text ${i}`)));
    assert.equal(new Set(paths).size, 8);
    const texts = await Promise.all(paths.map((p) => fs.readFile(p, 'utf8')));
    assert.deepEqual(texts.sort(), Array.from({ length: 8 }, (_, i) => `text ${i}`).sort());
    assert.equal((await fs.readdir(folder)).length, 8);
  });

  it('gives up after the limit of names', async () => {
    const folder = join(root, 'four');
    await ensureFolder(folder);
    await fs.writeFile(join(folder, 'b.md'), '');
    await fs.writeFile(join(folder, 'b-2.md'), '');
    await assert.rejects(createExclusively(folder, 'b.md', 'x', 2), (error: NodeJS.ErrnoException) => error.code === 'ETOOMANY');
  });

  it('fails with a clear message when the folder cannot be made', async () => {
    const file = join(root, 'a-file');
    await fs.writeFile(file, '');
    const error = await ensureFolder(join(file, 'postmortems')).then(
      () => assert.fail('made a folder inside a file'),
      (e: unknown) => e,
    );
    assert.match(describeCreateError(error, join(file, 'postmortems')), /is a file, not a folder/);
    const notFolder = await ensureFolder(file).then(
      () => assert.fail('took a file for a folder'),
      (e: unknown) => e,
    );
    assert.match(describeCreateError(notFolder, file), /is a file, not a folder/);
  });

  it('explains permission and read-only errors', () => {
    const error = (code: string) => Object.assign(new Error(`${code}: nope`), { code });
    assert.match(describeCreateError(error('EACCES'), '/x'), /^Cannot create the post-mortem in \/x: permission denied/);
    assert.match(describeCreateError(error('EPERM'), '/x'), /permission denied/);
    assert.match(describeCreateError(error('EROFS'), '/x'), /read-only/);
    assert.match(describeCreateError(error('ENOSPC'), '/x'), /no space/);
    assert.match(describeCreateError(error('EWHAT'), '/x'), /EWHAT: nope/);
  });

  it('refuses to write into a read-only folder (when not running as root)', { skip: process.getuid?.() === 0 && 'root may write anywhere' }, async () => {
    const folder = join(root, 'read-only');
    await ensureFolder(folder);
    await fs.chmod(folder, 0o555);
    try {
      const error = await createExclusively(folder, 'c.md', 'x').then(
        () => assert.fail('wrote into a read-only folder'),
        (e: unknown) => e,
      );
      assert.match(describeCreateError(error, folder), /permission denied/);
    } finally {
      await fs.chmod(folder, 0o755);
    }
  });
});

describe('New Post-Mortem in several windows at once', () => {
  it('gives every post-mortem its own Incident ID: the folder lock makes each window see the files of the others', async () => {
    const root = await fs.mkdtemp(join(tmpdir(), 'pm-windows-'));
    const folder = join(root, 'postmortems');
    const lockRoot = join(root, 'locks');
    await fs.mkdir(folder);
    await fs.mkdir(lockRoot);
    try {
      const windows = ['a', 'b', 'c'].map((name) => {
        const child = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'test/support/newPostmortemWindow.ts'), folder, lockRoot, '6', name], { stdio: ['pipe', 'pipe', 'pipe'] });
        let out = '';
        let err = '';
        child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
        child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
        const ready = new Promise<void>((resolve, reject) => {
          const check = () => (out.startsWith('ready\n') ? resolve() : undefined);
          child.stdout.on('data', check);
          child.on('exit', () => reject(new Error(`window ${name} ended before it was ready: ${err}`)));
        });
        const done = new Promise<string[]>((resolve, reject) => {
          child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out.slice('ready\n'.length)) as string[]) : reject(new Error(`window ${name} failed (${code}): ${err}`))));
        });
        return { child, ready, done };
      });
      await Promise.all(windows.map((w) => w.ready));
      for (const w of windows) w.child.stdin.end('go\n');
      const ids = (await Promise.all(windows.map((w) => w.done))).flat();
      assert.equal(ids.length, 18);
      assert.deepEqual([...new Set(ids)].sort(), [...ids].sort(), `an Incident ID given twice: ${ids.join(', ')}`);
      assert.equal((await fs.readdir(folder)).length, 18);
      assert.deepEqual(await fs.readdir(lockRoot), [], 'the lock is released');
    } finally {
      await fs.rm(root, { recursive: true, force: true });
    }
  });

  it('takes over a lock left by a window that stopped while holding it, and waits for a live one', async () => {
    const root = await fs.mkdtemp(join(tmpdir(), 'pm-lock-'));
    try {
      const lock = await folderLockPath(root, root);
      await fs.mkdir(lock);
      const old = new Date(Date.now() - 60_000);
      await fs.utimes(lock, old, old);
      assert.equal(await withFolderLock(root, async (locked) => locked, { lockRoot: root, staleMs: 15000 }), true);
      assert.equal(existsSync(lock), false);

      // A live lock: the task waits until it is released.
      await fs.mkdir(lock);
      const order: string[] = [];
      const waiting = withFolderLock(root, async (locked) => order.push(`task ${locked}`), { lockRoot: root });
      await new Promise((resolve) => setTimeout(resolve, 100));
      order.push('released');
      await fs.rmdir(lock);
      await waiting;
      assert.deepEqual(order, ['released', 'task true']);

      // One that is never released: after maxWaitMs the task runs anyway, told it has no lock.
      await fs.mkdir(lock);
      assert.equal(await withFolderLock(root, async (locked) => locked, { lockRoot: root, maxWaitMs: 100 }), false);
      assert.equal(existsSync(lock), true, 'a lock it did not get is not removed');
    } finally {
      await fs.rm(root, { recursive: true, force: true });
    }
  });
});

describe('postmortem.folder, read the same by New Post-Mortem and by the checks', () => {
  it('a post-mortem New Post-Mortem writes is in the folder the checks know, for every way of writing the setting', () => {
    const root = '/work/space';
    for (const setting of ['postmortems', ' postmortems ', './postmortems/', 'docs\\incidents', 'docs/./incidents', 'a/../incidents', '/work/space/pm', undefined]) {
      const target = resolveTargetFolder(root, setting);
      assert.ok('folderPath' in target, String(setting));
      const written = `${target.folderPath}/2026-12-01-outage.md`;
      assert.ok(postmortemFolderOf(URI.fromPath(written), setting, [URI.fromPath(root)]), `${setting}: ${written}`);
      assert.equal(postmortemFolderOf(URI.fromPath(`${root}/elsewhere/2026-12-01-outage.md`), setting, [URI.fromPath(root)]), undefined, String(setting));
    }
    for (const setting of ['..', '../elsewhere', 'a/../../b', '/etc']) {
      assert.ok('error' in resolveTargetFolder(root, setting), setting);
      assert.equal(postmortemFolderOf(URI.fromPath('/etc/x.md'), setting, [URI.fromPath(root)]), undefined, setting);
    }
  });
});
