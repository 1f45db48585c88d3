/**
 * The server's V8 code cache (server/src/bootstrap.ts), through the real entry point
 * dist/server.js: written once in the folder the client names, used as it is by the next starts,
 * replaced when it is damaged or of another build, and never in the way of a start.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { templateText, templateDiagnosticCount } from '../support/service';
import { LspClient } from '../support/lspClient';

const uri = 'file:///work/incidents/cache.md';

/** Starts the server with the cache folder, checks it serves diagnostics, and stops it. */
async function serve(cacheDir: string): Promise<void> {
  const client = await LspClient.start({ env: { POSTMORTEM_CODE_CACHE_DIR: cacheDir } });
  try {
    await client.open(uri, templateText);
    assert.equal((await client.pushed(uri, 1)).length, templateDiagnosticCount);
  } finally {
    await client.stop();
  }
}

const caches = (dir: string) => (existsSync(dir) ? readdirSync(dir) : []);

describe('the server\'s code cache', () => {
  it('is written at the first start, then read as it is by the next ones', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'pm-cache-')), 'code-cache');
    await serve(dir);
    const [name, ...others] = caches(dir);
    assert.match(name ?? '', /^languageServer-[0-9a-f]{32}\.v8cache$/);
    assert.deepEqual(others, [], 'one cache file, no partial file left');
    const file = join(dir, name);
    const written = readFileSync(file);
    assert.ok(written.length > 50_000, `${written.length} bytes of cache`);
    const mtime = statSync(file).mtimeMs;
    await serve(dir);
    await serve(dir);
    assert.deepEqual(caches(dir), [name]);
    assert.equal(statSync(file).mtimeMs, mtime, 'V8 accepted the cache: it was not written again');
  });

  it('is replaced when damaged, and an older build\'s cache goes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pm-cache-'));
    await serve(dir);
    const [name] = caches(dir);
    writeFileSync(join(dir, name), Buffer.alloc(4096, 7));
    writeFileSync(join(dir, 'languageServer-0123456789abcdef0123456789abcdef.v8cache'), 'an older build');
    await serve(dir);
    assert.deepEqual(caches(dir), [name]);
    assert.ok(readFileSync(join(dir, name)).length > 50_000, 'the damaged cache was written anew');
  });

  it('is written when the editor ends the server with SIGTERM, which still ends it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pm-cache-'));
    const client = await LspClient.start({ env: { POSTMORTEM_CODE_CACHE_DIR: dir } });
    await client.open(uri, templateText);
    assert.equal((await client.pushed(uri, 1)).length, templateDiagnosticCount);
    const ended = new Promise<NodeJS.Signals | null>((resolve) => client.process.once('exit', (_code, signal) => resolve(signal)));
    client.process.kill('SIGTERM');
    assert.equal(await ended, 'SIGTERM');
    assert.match(caches(dir).join(','), /^languageServer-[0-9a-f]{32}\.v8cache$/);
    await client.stop();
  });

  it('never stops a start: a folder that cannot be made leaves the server without a cache', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'pm-cache-'));
    writeFileSync(join(parent, 'file'), 'a file, not a folder');
    await serve(join(parent, 'file', 'code-cache'));
    assert.equal(readFileSync(join(parent, 'file'), 'utf8'), 'a file, not a folder');
  });
});
