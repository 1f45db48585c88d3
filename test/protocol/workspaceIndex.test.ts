/**
 * The workspace index over LSP, from the bundled server: built at start with progress shown,
 * kept current from watched-file events (created, changed, deleted, renamed) and open
 * documents, and from folders added; the duplicate Incident ID diagnostic across files with its
 * quick fix, workspace symbols, the index request the views read, and owner completion from the
 * workspace.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, CompletionList, Diagnostic, SymbolInformation } from 'vscode-languageserver-types';
import { workspaceIndexRequest, type WorkspaceIndexResult } from '../../common/protocol';
import { cleanPostmortem } from '../support/corpus';
import { LspClient } from '../support/lspClient';

/** The clean post-mortem with another title, Incident ID and owner. */
const postmortem = (title: string, id: string, owner = '@maria') =>
  cleanPostmortem()
    .replace(/^# .*$/m, `# Post-Mortem: ${title}`)
    .replace(/^\*\*Incident ID\*\*: .*$/m, `**Incident ID**: ${id}`)
    .replace(/@maria/g, owner);

describe('the workspace index over LSP', () => {
  let root: string;
  let second: string;
  let client: LspClient;
  const uriOf = (...parts: string[]) => pathToFileURL(join(root, ...parts)).href;
  const index = () => client.request<WorkspaceIndexResult>(workspaceIndexRequest, {});
  const titles = async () => (await index()).postmortems.map((p) => p.summary.title).sort();
  /** Waits until the index holds `n` post-mortems (after a change the server reads files in the background). */
  const indexed = async (n: number) => {
    const deadline = Date.now() + 10_000;
    while ((await index()).postmortems.length !== n) {
      if (Date.now() > deadline) throw new Error(`index never held ${n}: ${JSON.stringify(await titles())}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const eventually = async (predicate: () => Promise<boolean>, what: string) => {
    const deadline = Date.now() + 10_000;
    while (!(await predicate())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(await titles())}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const watched = (changes: { uri: string; type: 1 | 2 | 3 }[]) => client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes });

  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'pm-index-'));
    second = mkdtempSync(join(tmpdir(), 'pm-index-2-'));
    mkdirSync(join(root, 'postmortems', '2026'), { recursive: true });
    mkdirSync(join(root, 'node_modules', 'x'), { recursive: true });
    writeFileSync(join(root, 'postmortems', '2026-11-20-db-failover.md'), postmortem('Database failover split brain', 'INC-20261120-01', '@sam'));
    writeFileSync(join(root, 'postmortems', '2026', 'copy.md'), postmortem('Copied failover 🗄️', 'INC-20261120-01', '@ana'));
    writeFileSync(join(root, 'postmortems', 'cache.md'), postmortem('Cache stampede', 'INC-20261120-02'));
    writeFileSync(join(root, 'README.md'), '# Our team\n\nNotes, not a post-mortem.\n');
    writeFileSync(join(root, 'node_modules', 'x', 'template.md'), postmortem('In node_modules', 'INC-20261120-09'));
    writeFileSync(join(second, 'other.md'), postmortem('In the second folder', 'INC-20261120-05'));
    client = await LspClient.start({
      pull: true,
      workspaceFolder: pathToFileURL(root).href,
      windowCapabilities: { workDoneProgress: true },
      workspaceCapabilities: { didChangeWatchedFiles: { dynamicRegistration: true }, workspaceFolders: true },
    });
  });
  after(async () => {
    await client.stop();
    rmSync(root, { recursive: true, force: true });
    rmSync(second, { recursive: true, force: true });
  });

  it('indexes the post-mortems under the folder at start, with progress, and watches Markdown files', async () => {
    await client.until(() => [...client.progress.values()].some((p) => p.some((v) => v.kind === 'end')), 'the end of the indexing progress', 15_000);
    const [events] = [...client.progress.values()];
    assert.equal(events[0].kind, 'begin');
    assert.equal(events[0].title, 'Indexing post-mortems');
    assert.deepEqual(await titles(), ['Cache stampede', 'Copied failover 🗄️', 'Database failover split brain']);
    const result = await index();
    const failover = result.postmortems.find((p) => p.summary.title === 'Database failover split brain')!;
    assert.equal(failover.uri, uriOf('postmortems', '2026-11-20-db-failover.md'));
    assert.equal(failover.summary.id, 'INC-20261120-01');
    assert.equal(failover.summary.date, '2026-11-20');
    assert.equal(failover.summary.fields.Severity, 'CRITICAL');
    assert.ok(failover.summary.metrics.Duration > 0);
    assert.ok(failover.summary.actionItems.length >= 5);
    assert.ok([...client.registrations.values()].some((r) => r.method === 'workspace/didChangeWatchedFiles'));
  });

  it('reports an Incident ID another post-mortem has, with a fix to the next free one', async () => {
    const uri = uriOf('postmortems', '2026-11-20-db-failover.md');
    await client.open(uri, postmortem('Database failover split brain', 'INC-20261120-01', '@sam'));
    const diagnostics = await client.pull(uri);
    const duplicate = diagnostics.find((d: Diagnostic) => d.code === 'duplicate-incident-id');
    assert.ok(duplicate, JSON.stringify(diagnostics.map((d) => d.code)));
    assert.equal(duplicate.severity, 2);
    assert.match(String(duplicate.message), /^Incident ID INC-20261120-01 is also the ID of .*postmortems\/2026\/copy\.md: give this post-mortem an ID of its own \(INC-20261120-03 is free\)$/);
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: duplicate.range, context: { diagnostics: [duplicate] } });
    const fix = actions.find((a) => a.title === 'Change the Incident ID to INC-20261120-03');
    assert.ok(fix, JSON.stringify(actions.map((a) => a.title)));
    await client.close(uri);
  });

  it('finds post-mortems by ID and title in workspace symbols', async () => {
    const byId = await client.request<SymbolInformation[]>('workspace/symbol', { query: '#INC-20261120-01' });
    assert.deepEqual(byId.map((s) => s.name).sort(), ['INC-20261120-01 Copied failover 🗄️', 'INC-20261120-01 Database failover split brain']);
    const byTitle = await client.request<SymbolInformation[]>('workspace/symbol', { query: 'cache' });
    assert.deepEqual(byTitle.map((s) => [s.name, s.location.uri]), [['INC-20261120-02 Cache stampede', uriOf('postmortems', 'cache.md')]]);
  });

  it('follows files created, changed, renamed and deleted, and the duplicate goes away', async () => {
    writeFileSync(join(root, 'postmortems', 'new.md'), postmortem('Queue backlog', 'INC-20261120-04'));
    await watched([{ uri: uriOf('postmortems', 'new.md'), type: 1 }]);
    await eventually(async () => (await titles()).includes('Queue backlog'), 'the file created');
    writeFileSync(join(root, 'postmortems', 'new.md'), postmortem('Queue backlog, again', 'INC-20261120-04'));
    await watched([{ uri: uriOf('postmortems', 'new.md'), type: 2 }]);
    await eventually(async () => (await titles()).includes('Queue backlog, again'), 'the file changed');
    // Renamed: deleted under one name, created under another.
    renameSync(join(root, 'postmortems', 'new.md'), join(root, 'postmortems', 'renamed.md'));
    await watched([
      { uri: uriOf('postmortems', 'new.md'), type: 3 },
      { uri: uriOf('postmortems', 'renamed.md'), type: 1 },
    ]);
    await eventually(async () => {
      const uris = (await index()).postmortems.map((p) => p.uri);
      return uris.includes(uriOf('postmortems', 'renamed.md')) && !uris.includes(uriOf('postmortems', 'new.md'));
    }, 'the file renamed');
    // The copy deleted: the failover's ID is its own again.
    rmSync(join(root, 'postmortems', '2026', 'copy.md'));
    await watched([{ uri: uriOf('postmortems', '2026', 'copy.md'), type: 3 }]);
    await indexed(3);
    const uri = uriOf('postmortems', '2026-11-20-db-failover.md');
    await client.open(uri, postmortem('Database failover split brain', 'INC-20261120-01', '@sam'));
    assert.deepEqual((await client.pull(uri)).filter((d) => d.code === 'duplicate-incident-id'), []);
    await client.close(uri);
  });

  it("reads an open document's text, and offers the workspace's owners in an action item", async () => {
    const uri = uriOf('postmortems', 'cache.md');
    // An item whose owner is still to write; @sam owns items only in another post-mortem.
    const text = postmortem('Cache stampede, edited', 'INC-20261120-02').replace('- [x] Add replica lag alert grouping per cluster - @maria - 2026-11-27', '- [ ] Add replica lag alert grouping per cluster - ');
    await client.open(uri, text);
    await eventually(async () => (await titles()).includes('Cache stampede, edited'), 'the open text');
    const line = text.split('\n').findIndex((l) => l.startsWith('- [ ] Add replica lag alert grouping per cluster - '));
    assert.notEqual(line, -1);
    const completion = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: { line, character: text.split('\n')[line].length } });
    const labels = completion.items.map((i) => i.label);
    assert.ok(labels.includes('@sam'), JSON.stringify(labels));
    assert.ok(labels.indexOf('@ana') < labels.indexOf('@sam'), `this post-mortem's owners first: ${JSON.stringify(labels)}`);
    await client.close(uri);
  });

  it('tells of index changes only a client that shows the index (the extension), not other editors', async () => {
    assert.equal(client.notifications.get('postmortem/indexChanged'), undefined, 'an editor that did not ask is sent no notification it does not know');
    const views = await LspClient.start({ pull: true, workspaceFolder: pathToFileURL(root).href, initializationOptions: { workspaceIndexViews: true }, workspaceCapabilities: { didChangeWatchedFiles: { dynamicRegistration: true } } });
    try {
      await views.until(() => (views.notifications.get('postmortem/indexChanged')?.length ?? 0) > 0, 'postmortem/indexChanged after the first build', 10_000);
      const before = views.notifications.get('postmortem/indexChanged')!.length;
      writeFileSync(join(root, 'postmortems', 'told.md'), postmortem('Told of', 'INC-20261120-07'));
      await views.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf('postmortems', 'told.md'), type: 1 }] });
      await views.until(() => views.notifications.get('postmortem/indexChanged')!.length > before, 'postmortem/indexChanged after a file created', 10_000);
    } finally {
      await views.stop();
      rmSync(join(root, 'postmortems', 'told.md'), { force: true });
      await watched([{ uri: uriOf('postmortems', 'told.md'), type: 3 }]);
    }
  });

  it('indexes a folder added to the workspace', async () => {
    const folders = [
      { uri: pathToFileURL(root).href, name: 'ws' },
      { uri: pathToFileURL(second).href, name: 'second' },
    ];
    // The server asks for the list, as VS Code answers it.
    client.connection.onRequest('workspace/workspaceFolders', () => folders);
    await client.connection.sendNotification('workspace/didChangeWorkspaceFolders', { event: { added: [folders[1]], removed: [] } });
    await eventually(async () => (await titles()).includes('In the second folder'), `the folder added (${client.logs.join(' / ')})`);
    assert.equal((await titles()).length, 4);
  });
});
