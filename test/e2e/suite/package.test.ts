/**
 * The extension as a person installs it: every file the manifest names is in the package, it
 * activates on a post-mortem, and it says nothing about an ordinary Markdown file.
 */
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import * as vscode from 'vscode';
import { extension, extensionId, findLine, open, postmortemDiagnostics, replaceLine, scratchCopy, waitForDiagnostics, workspaceUri } from './helpers';

interface Manifest {
  main?: string;
  bin?: Record<string, string>;
  contributes?: {
    'markdown.previewStyles'?: string[];
    grammars?: { path: string }[];
    languages?: { configuration?: string }[];
  };
}

describe('Packaged extension', () => {
  it('holds every file its manifest names (client, language server, preview styles, grammars)', () => {
    const ext = extension();
    const manifest = ext.packageJSON as Manifest;
    const wanted: [string, string][] = [];
    if (manifest.main) wanted.push(['the extension client (package.json main)', /\.[cm]?js$/.test(manifest.main) ? manifest.main : `${manifest.main}.js`]);
    for (const [name, path] of Object.entries(manifest.bin ?? {})) wanted.push([`the language server bundle (package.json bin ${name})`, path]);
    for (const style of manifest.contributes?.['markdown.previewStyles'] ?? []) wanted.push(['a preview style (contributes.markdown.previewStyles)', style]);
    for (const g of manifest.contributes?.grammars ?? []) wanted.push(['a grammar (contributes.grammars)', g.path]);
    for (const l of manifest.contributes?.languages ?? []) if (l.configuration) wanted.push(['a language configuration', l.configuration]);
    assert.ok(manifest.main, 'package.json has no "main": the extension has no client to run');
    const missing = wanted.filter(([, path]) => !existsSync(join(ext.extensionPath, path)));
    assert.deepEqual(
      missing.map(([what, path]) => `${what}: ${path}`),
      [],
      `files missing from the packaged extension at ${ext.extensionPath} (check .vscodeignore and the build)`,
    );
  });

  it('activates when a post-mortem is opened and reports its unfilled fields', async () => {
    const uri = workspaceUri('postmortems/blank.md');
    await open(uri);
    await waitForDiagnostics(uri, (d) => d.length > 0, 'diagnostics on the untouched template (postmortems/blank.md)');
    assert.equal(extension().isActive, true, 'diagnostics arrived but the extension is not active');
  });

  it('stays quiet on an ordinary README, even after it is edited', async () => {
    const readme = workspaceUri('README.md');
    const readmeEditor = await open(readme);
    // Give the README a template field line, then change a post-mortem after it: once the
    // server has answered for the later change, it has seen the README's.
    const last = readmeEditor.document.lineCount - 1;
    const lastText = readmeEditor.document.lineAt(last).text;
    await replaceLine(readmeEditor, last, `${lastText}\n**Duration**: [TOTAL DURATION]`);
    const pm = await scratchCopy('postmortems/blank.md');
    const pmEditor = await open(pm);
    const before = await waitForDiagnostics(pm, (d) => d.length > 0, 'diagnostics on a copy of the template');
    const line = findLine(pmEditor.document, /^\*\*Duration\*\*:/);
    await replaceLine(pmEditor, line, '**Duration**: 45 minutes');
    await waitForDiagnostics(pm, (d) => d.length === before.length - 1, 'the Duration diagnostic gone after filling it in');
    assert.deepEqual(
      vscode.languages.getDiagnostics(readme).map((d) => `${d.source}: ${d.message}`),
      [],
      'README.md is not a post-mortem and must have no diagnostics',
    );
    assert.equal(postmortemDiagnostics(readme).length, 0);
    await replaceLine(readmeEditor, last + 1, '');
  });

  it('starts its language server without NODE_EXTRA_CA_CERTS, which costs every Node start ~40 ms', async function () {
    if (process.platform !== 'linux') this.skip(); // the server's environment is read from /proc
    assert.ok(process.env.NODE_EXTRA_CA_CERTS, 'the launcher sets NODE_EXTRA_CA_CERTS for the editor; without it this test proves nothing');
    const server = await runningServer();
    assert.ok(server.environment.some((v) => v.startsWith('HOME=')), 'the server environment was read');
    assert.deepEqual(server.environment.filter((v) => v.startsWith('NODE_EXTRA_CA_CERTS=')), [], 'the server inherited NODE_EXTRA_CA_CERTS');
  });

  it('has its server keep a V8 code cache in the extension\'s global storage', async function () {
    if (process.platform !== 'linux') this.skip(); // the server's environment is read from /proc
    this.timeout(30000);
    const server = await runningServer();
    const setting = server.environment.find((v) => v.startsWith('POSTMORTEM_CODE_CACHE_DIR='));
    assert.ok(setting, 'the client names no code cache folder');
    const folder = setting.slice('POSTMORTEM_CODE_CACHE_DIR='.length);
    assert.ok(folder.endsWith(join('globalStorage', extensionId, 'code-cache')), folder);
    // Written 5 s after the server started, unless a cache of this build was already there.
    const deadline = Date.now() + 20000;
    const caches = () => (existsSync(folder) ? readdirSync(folder).filter((n) => n.endsWith('.v8cache')) : []);
    while (caches().length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal(caches().length, 1, `one cache file in ${folder}: ${existsSync(folder) ? readdirSync(folder).join(', ') : 'no folder'}`);
  });
});

/** The language server's process, once it has answered for a post-mortem: the one child of the extension host running dist/server.js. */
async function runningServer(): Promise<{ pid: number; argv: string[]; environment: string[] }> {
  const uri = workspaceUri('postmortems/blank.md');
  await open(uri);
  await waitForDiagnostics(uri, (d) => d.length > 0, 'diagnostics, so the server is running');
  const servers = childProcesses().filter((p) => p.argv.some((arg) => arg.endsWith(`${sep}dist${sep}server.js`)));
  assert.equal(servers.length, 1, `one language server process under the extension host (pid ${process.pid}), found: ${JSON.stringify(childProcesses().map((p) => p.argv))}`);
  return servers[0];
}

/** The extension host's child processes, with their arguments and environment (Linux). */
function childProcesses(): { pid: number; argv: string[]; environment: string[] }[] {
  const children: { pid: number; argv: string[]; environment: string[] }[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // Fields after the command name, which may hold spaces and parentheses: state, ppid, ...
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (parent !== process.pid) continue;
      const argv = readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0').filter(Boolean);
      const environment = readFileSync(`/proc/${name}/environ`, 'utf8').split('\0').filter(Boolean);
      children.push({ pid: Number(name), argv, environment });
    } catch {
      // The process ended while it was read.
    }
  }
  return children;
}
