/**
 * The `postmortem.template` setting over LSP: the bundled server with a temp workspace holding
 * a team's own template. Diagnostics, completion and New Post-Mortem follow it; a broken schema
 * is told once (warning, output, diagnostics on the schema file) while the shipped template
 * keeps working; mending the file, changing the setting or trusting the workspace recovers.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { CompletionList, Diagnostic } from 'vscode-languageserver-types';
import { templateText, templateDiagnosticCount } from '../support/service';
import { LspClient } from '../support/lspClient';
import { customSchema, customTemplate } from '../support/customTemplate';

const report = '# Outage report\n\n## Summary\n\n**Impact**: HALF\n\n## Steps\n\n| When | What |\n|---|---|\n| 10:00 | a |\n';
const impactLine = 4;
const badSchema = customSchema.replace('    kind: choice', '    kind: colour');
const badLine = customSchema.split('\n').indexOf('    kind: choice');

function workspace(): { root: string; uri: string; file: (name: string) => string } {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'pm-custom-')));
  mkdirSync(join(root, 'templates'));
  writeFileSync(join(root, 'templates/outage.md'), customTemplate);
  return { root, uri: pathToFileURL(root).href, file: (name) => pathToFileURL(join(root, name)).href };
}

const messages = (diagnostics: Diagnostic[]) => diagnostics.map((d) => d.message);

/** A registration of the template's file watchers (not the workspace index's, of every Markdown file). */
const isTemplateWatcher = (r: { method: string; registerOptions?: unknown }) =>
  r.method === 'workspace/didChangeWatchedFiles' && JSON.stringify(r.registerOptions).includes('schema.yaml');

describe('postmortem.template (VS Code-like client: pull diagnostics, workspace/configuration, watched files)', () => {
  let client: LspClient;
  let settings: Record<string, unknown> = { template: 'templates/outage.md' };
  const ws = workspace();
  writeFileSync(join(ws.root, 'templates/outage.schema.yaml'), customSchema);
  const doc = ws.file('incidents/db.md');
  before(async () => {
    client = await LspClient.start({
      pull: true,
      settings: () => settings,
      workspaceFolder: ws.uri,
      initializationOptions: { trusted: false },
      workspaceCapabilities: { didChangeWatchedFiles: { dynamicRegistration: true, relativePatternSupport: true } },
    });
  });
  after(() => client.stop());

  it('checks and completes a document with the custom template', async () => {
    await client.open(doc, report);
    assert.deepEqual(messages(await client.pull(doc)), ["Impact 'HALF' is not one of NONE, SOME or ALL"]);
    const list = await client.request<CompletionList>('textDocument/completion', {
      textDocument: { uri: doc },
      position: { line: impactLine, character: 12 },
      context: { triggerKind: 1 },
    });
    assert.deepEqual(list.items.map((i) => i.label), ['NONE', 'SOME', 'ALL']);
    assert.match(JSON.stringify(list.items[1].documentation), /Some users were affected\./);
    // The shipped template's post-mortem is no post-mortem of this team's.
    await client.open(ws.file('shipped.md'), templateText);
    assert.deepEqual(await client.pull(ws.file('shipped.md')), []);
  });

  it('makes New Post-Mortem from it', async () => {
    const result = await client.request<{ text: string }>('postmortem/newDocument', { title: 'Disk full', date: '2026-11-28' });
    assert.ok(result.text.startsWith('# Disk full\n\n## Summary\n\n**Impact**: [NONE/SOME/ALL]'), result.text);
  });

  it('asks the client to watch both files', async () => {
    // The template's watchers (the workspace index registers its own, for every Markdown file).
    const registration = await client.until(() => [...client.registrations.values()].find(isTemplateWatcher), 'a file watcher registration');
    assert.deepEqual(registration.registerOptions, {
      watchers: [
        { globPattern: { baseUri: ws.file('templates'), pattern: 'outage.md' } },
        { globPattern: { baseUri: ws.file('templates'), pattern: 'outage.schema.yaml' } },
      ],
    });
  });

  it('keeps the shipped template working and says why, once, when the schema breaks; recovers when it is mended', async () => {
    const schemaPath = join(ws.root, 'templates/outage.schema.yaml');
    const schemaUri = ws.file('templates/outage.schema.yaml');
    writeFileSync(schemaPath, badSchema);
    const refreshes = client.refreshes;
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: schemaUri, type: 2 }] });
    const warning = await client.until(() => client.messages.find((m) => m.type === 2), 'a warning');
    assert.equal(
      warning.message,
      `Cannot use the post-mortem template; using the shipped one instead. ${schemaPath}:${badLine + 1}: fields.0.kind: unknown kind 'colour' (expected one of text, choice, datetime, date, duration, number, percentage, person, id)`,
    );
    const published = await client.until(() => client.published.get(schemaUri), 'diagnostics on the schema file');
    assert.deepEqual(
      published.diagnostics.map((d) => [d.range.start.line, d.range.end.character, d.source, d.code, d.severity]),
      [[badLine, '    kind: colour'.length, 'postmortem', 'template-schema', 1]],
    );
    assert.ok(client.logs.some((l) => l.includes(`${schemaPath}:${badLine + 1}: fields.0.kind`)), 'the problem is in the output');
    await client.until(() => client.refreshes > refreshes, 'a diagnostics refresh');
    assert.equal((await client.pull(ws.file('shipped.md'))).length, templateDiagnosticCount, 'the shipped template is in use');
    assert.deepEqual(await client.pull(doc), [], 'the team document is no post-mortem of the shipped template');

    // The same problem again (a settings change reloads) is not told twice.
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: schemaUri, type: 2 }] });
    await client.pull(doc);
    assert.equal(client.messages.length, 1);

    writeFileSync(schemaPath, customSchema);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: schemaUri, type: 2 }] });
    await client.until(() => client.published.get(schemaUri)?.diagnostics.length === 0, 'the schema diagnostics cleared');
    assert.deepEqual(messages(await client.pull(doc)), ["Impact 'HALF' is not one of NONE, SOME or ALL"]);
    assert.equal(client.messages.length, 1, 'recovering is not a warning');
  });

  it('follows the setting: empty is the shipped template again', async () => {
    settings = { template: '' };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    assert.equal((await client.pull(ws.file('shipped.md'))).length, templateDiagnosticCount);
    assert.deepEqual(await client.pull(doc), []);
    await client.until(() => ![...client.registrations.values()].some(isTemplateWatcher), 'the file watchers unregistered');
  });
});

describe('postmortem.template (client without workspace/configuration or file watching)', () => {
  it('polls the files: a broken schema is told with the shipped template in use, a mended one recovers', async () => {
    const ws = workspace();
    const schemaPath = join(ws.root, 'templates/outage.schema.yaml');
    const schemaUri = ws.file('templates/outage.schema.yaml');
    writeFileSync(schemaPath, 'name: Outage\nfields: [\n  - label: Impact\n');
    const client = await LspClient.start({ workspaceFolder: ws.uri, initializationOptions: { settings: { template: 'templates/outage.md' } } });
    try {
      const doc = ws.file('report.md');
      await client.open(doc, report);
      await client.open(ws.file('shipped.md'), templateText);
      assert.equal((await client.pushed(ws.file('shipped.md'), 1)).length, templateDiagnosticCount);
      const warning = await client.until(() => client.messages.find((m) => m.type === 2), 'a warning');
      assert.match(warning.message, new RegExp(`^Cannot use the post-mortem template; using the shipped one instead\\. ${schemaPath}:\\d+: `));
      const schemaDiagnostics = await client.until(() => client.published.get(schemaUri)?.diagnostics, 'schema diagnostics');
      assert.ok(schemaDiagnostics.length >= 1 && schemaDiagnostics.every((d) => d.code === 'template-schema'));

      writeFileSync(schemaPath, customSchema);
      await client.until(() => client.published.get(schemaUri)?.diagnostics.length === 0, 'the schema diagnostics cleared', 8000);
      const recovered = await client.until(() => {
        const d = client.published.get(doc)?.diagnostics;
        return d && d.length === 1 ? d : undefined;
      }, 'the report checked with the custom template', 8000);
      assert.deepEqual(messages(recovered), ["Impact 'HALF' is not one of NONE, SOME or ALL"]);
      assert.equal(client.messages.length, 1);
    } finally {
      await client.stop();
    }
  });

  it('refuses a template without sections with a warning, and publishes nothing on the template itself', async () => {
    const ws = workspace();
    const templatePath = join(ws.root, 'templates/outage.md');
    writeFileSync(templatePath, '# Just a title\n\n**Impact**: [NONE/SOME/ALL]\n');
    writeFileSync(join(ws.root, 'templates/outage.schema.yaml'), customSchema);
    const client = await LspClient.start({ workspaceFolder: ws.uri, initializationOptions: { settings: { template: 'templates/outage.md' } } });
    try {
      const warning = await client.until(() => client.messages.find((m) => m.type === 2), 'a warning');
      assert.equal(
        warning.message,
        `Cannot use the post-mortem template; using the shipped one instead. ${templatePath}:1: the template has no sections (## headings), so no document would be recognised as one of its post-mortems`,
      );
      await client.open(ws.file('shipped.md'), templateText);
      assert.equal((await client.pushed(ws.file('shipped.md'), 1)).length, templateDiagnosticCount);
      assert.equal(client.published.get(ws.file('templates/outage.md')), undefined);
    } finally {
      await client.stop();
    }
  });

  it('refuses a template outside the workspace until the workspace is trusted', async () => {
    const outside = workspace();
    writeFileSync(join(outside.root, 'templates/outage.schema.yaml'), customSchema);
    const ws = workspace();
    const templatePath = join(outside.root, 'templates/outage.md');
    const client = await LspClient.start({ workspaceFolder: ws.uri, initializationOptions: { settings: { template: templatePath } } });
    try {
      const warning = await client.until(() => client.messages.find((m) => m.type === 2), 'a warning');
      assert.equal(
        warning.message,
        `Cannot use the post-mortem template; using the shipped one instead. Setting postmortem.template '${templatePath}': an absolute path is used only in a trusted workspace; give a path relative to the workspace folder`,
      );
      const doc = ws.file('report.md');
      await client.open(doc, report);
      assert.deepEqual(await client.pushed(doc, 1), []);

      await client.connection.sendNotification('postmortem/workspaceTrusted', { trusted: true });
      const checked = await client.until(() => {
        const d = client.published.get(doc)?.diagnostics;
        return d && d.length === 1 ? d : undefined;
      }, 'the report checked with the trusted template');
      assert.deepEqual(messages(checked), ["Impact 'HALF' is not one of NONE, SOME or ALL"]);
    } finally {
      await client.stop();
    }
  });
});

describe('workspace folders added and removed while the server runs', () => {
  it('reads a relative postmortem.template against the folder added later, and drops it when the folder goes', async () => {
    const ws = workspace();
    writeFileSync(join(ws.root, 'templates/outage.schema.yaml'), customSchema);
    const client = await LspClient.start({
      initializationOptions: { settings: { template: 'templates/outage.md' } },
      workspaceCapabilities: { workspaceFolders: true },
    });
    try {
      let folders: { uri: string; name: string }[] | Error = [];
      client.connection.onRequest('workspace/workspaceFolders', () => {
        if (folders instanceof Error) throw folders;
        return folders;
      });
      const doc = ws.file('report.md');
      await client.open(doc, report);
      assert.deepEqual(await client.pushed(doc, 1), [], 'without a folder the shipped template is in use, and this is none of its post-mortems');

      // The server asks for the list, in the client's order.
      folders = [{ uri: ws.uri, name: 'ws' }];
      await client.connection.sendNotification('workspace/didChangeWorkspaceFolders', { event: { added: folders, removed: [] } });
      const checked = await client.until(() => {
        const d = client.published.get(doc)?.diagnostics;
        return d && d.length === 1 ? d : undefined;
      }, 'the report checked with the template of the added folder');
      assert.deepEqual(messages(checked), ["Impact 'HALF' is not one of NONE, SOME or ALL"]);

      // A client that cannot list its folders: the event itself is applied.
      folders = new Error('no list');
      await client.connection.sendNotification('workspace/didChangeWorkspaceFolders', { event: { added: [], removed: [{ uri: ws.uri, name: 'ws' }] } });
      await client.until(() => client.published.get(doc)?.diagnostics.length === 0, 'the shipped template again once the folder is gone');
    } finally {
      await client.stop();
    }
  });
});
