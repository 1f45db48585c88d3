/**
 * The server's handlers in this process (test/support/inProcessServer.ts): the real protocol over
 * in-memory streams, with the host in the test's hands, so it can make the service fail, count
 * the client's settings requests, or give a document the service declines to analyse.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CompletionList, Diagnostic } from 'vscode-languageserver-types';
import { serviceFor, type PostmortemService } from '../../server/src/service/service';
import { startInProcess } from '../support/inProcessServer';
import { service, templateDiagnosticCount, templateText } from '../support/service';

const uri = 'file:///work/incidents/2026-11-20-payments.md';
const severityLine = templateText.split('\n').findIndex((l) => l.startsWith('**Severity**'));

async function pull(client: { sendRequest: (method: string, params: unknown) => Promise<unknown> }, documentUri: string): Promise<Diagnostic[]> {
  const report = (await client.sendRequest('textDocument/diagnostic', { textDocument: { uri: documentUri } })) as { items: Diagnostic[] };
  return report.items;
}

function open(client: { sendNotification: (method: string, params: unknown) => Promise<void> }, documentUri: string, text: string) {
  return client.sendNotification('textDocument/didOpen', { textDocument: { uri: documentUri, languageId: 'markdown', version: 1, text } });
}

describe('server handlers, in process', () => {
  it('pulls the template diagnostics and the document status through the handlers', async () => {
    const server = await startInProcess();
    try {
      await open(server.client, uri, templateText);
      assert.equal((await pull(server.client, uri)).length, templateDiagnosticCount);
      const status = (await server.client.sendRequest('postmortem/documentStatus', { uri })) as { checked: boolean; toFill: number; warnings: number };
      assert.equal(status.checked, true);
      // Every finding of the template is something to fill (its example lists count once each).
      assert.equal(status.toFill, templateDiagnosticCount);
    } finally {
      server.dispose();
    }
  });

  it('answers a failing handler with an error and serves the next request normally (the fault injected from the test side)', async () => {
    let failures = 1;
    const failingOnce = (template: PostmortemService['template']): PostmortemService => {
      const real = serviceFor(template);
      return {
        ...real,
        completions: (...args) => {
          if (failures-- > 0) throw new Error('fault injected into completions');
          return real.completions(...args);
        },
      };
    };
    const server = await startInProcess({ host: { serviceFor: failingOnce } });
    try {
      await open(server.client, uri, templateText);
      const params = { textDocument: { uri }, position: { line: severityLine, character: 16 } };
      await assert.rejects(server.client.sendRequest('textDocument/completion', params), /Completion failed: fault injected into completions/);
      const list = (await server.client.sendRequest('textDocument/completion', params)) as CompletionList;
      assert.equal(list.items.length, 4);
      assert.equal((await pull(server.client, uri)).length, templateDiagnosticCount);
      assert.ok(server.logs.some((l) => l.includes('fault injected into completions')), 'the failure is logged');
    } finally {
      server.dispose();
    }
  });

  it('asks the client for a document\'s settings once, when it opens, not on every keystroke', async () => {
    const server = await startInProcess({ settings: { dateOrder: 'dmy' } });
    const asked: string[] = [];
    server.client.onRequest('workspace/configuration', (params: { items: { scopeUri?: string }[] }) => {
      for (const item of params.items) asked.push(item.scopeUri ?? '(window)');
      return params.items.map(() => ({ dateOrder: 'dmy' }));
    });
    try {
      await open(server.client, uri, templateText);
      await pull(server.client, uri);
      for (let version = 2; version < 6; version++) {
        await server.client.sendNotification('textDocument/didChange', {
          textDocument: { uri, version },
          contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'x' }],
        });
        await pull(server.client, uri);
      }
      assert.deepEqual(asked.filter((a) => a === uri), [uri]);
    } finally {
      server.dispose();
    }
  });

  it('reads a document too large to check by its outline: one diagnostic when it is a post-mortem, none when its front matter says no', async () => {
    const server = await startInProcess();
    const filler = `${'x'.repeat(99)}\n`.repeat(205_000);
    const large = `${templateText}\n\`\`\`\n${filler}\`\`\`\n`;
    try {
      await open(server.client, uri, large);
      const items = await pull(server.client, uri);
      assert.deepEqual(items.map((d) => d.code), ['document-too-large']);
      const status = (await server.client.sendRequest('postmortem/documentStatus', { uri })) as { checked: boolean; tooLarge?: boolean };
      assert.equal(status.checked, true);
      assert.equal(status.tooLarge, true);
      const optedOut = 'file:///work/notes/opted-out.md';
      await open(server.client, optedOut, `---\npostmortem: false\n---\n${large}`);
      assert.deepEqual(await pull(server.client, optedOut), []);
      const readme = 'file:///work/README.md';
      await open(server.client, readme, `# Notes\n\n${filler}`);
      assert.deepEqual(await pull(server.client, readme), []);
      const readmeStatus = (await server.client.sendRequest('postmortem/documentStatus', { uri: readme })) as { checked: boolean };
      assert.equal(readmeStatus.checked, false);
    } finally {
      server.dispose();
    }
  });

  it('keeps what was derived only for the documents in use; one left answers a pull of its version unchanged without being read, and an edit to it reads it again', async () => {
    const server = await startInProcess();
    type Report = { kind: string; resultId?: string; items?: Diagnostic[] };
    const pullReport = (documentUri: string, previousResultId?: string) =>
      server.client.sendRequest('textDocument/diagnostic', { textDocument: { uri: documentUri }, previousResultId }) as Promise<Report>;
    const uris = Array.from({ length: 6 }, (_, k) => `file:///work/incidents/2026-11-2${k}-outage.md`);
    const texts = uris.map((_, k) => templateText.replace('[INCIDENT TITLE]', `Queue backlog ${k} 🚨`));
    const session = (documentUri: string) => server.context.documents.get(documentUri)!.session;
    try {
      const first: Report[] = [];
      for (let k = 0; k < uris.length; k++) {
        await open(server.client, uris[k], texts[k]);
        first.push(await pullReport(uris[k]));
      }
      assert.deepEqual(uris.map((u) => session(u).holdsDerived), [false, false, true, true, true, true]);

      // The client pulls the first document again with what it holds: nothing is read.
      const again = await pullReport(uris[0], first[0].resultId);
      assert.deepEqual(again, { kind: 'unchanged', resultId: first[0].resultId });
      assert.equal(session(uris[0]).holdsDerived, false);

      // A pull without a previous result: the same diagnostics, under the same result id.
      const full = await pullReport(uris[1]);
      assert.equal(full.kind, 'full');
      assert.equal(full.resultId, first[1].resultId);
      assert.deepEqual(full.items, first[1].items);

      // An edit to a released document: its diagnostics are those of the new text.
      const line = texts[0].split('\n').findIndex((l) => l.startsWith('**Severity**'));
      const lineText = texts[0].split('\n')[line];
      await server.client.sendNotification('textDocument/didChange', {
        textDocument: { uri: uris[0], version: 2 },
        contentChanges: [{ range: { start: { line, character: 0 }, end: { line, character: lineText.length } }, text: '**Severity**: HIGH' }],
      });
      const edited = await pullReport(uris[0], first[0].resultId);
      assert.equal(edited.kind, 'full');
      const expected = texts[0].split('\n');
      expected[line] = '**Severity**: HIGH';
      const fresh = service.diagnostics(service.analyze(expected.join('\n')));
      assert.deepEqual(edited.items!.map((d) => [d.code, d.range.start.line, d.message]), fresh.map((d) => [d.code, d.range.start.line, d.message]));
      assert.equal(edited.items!.length, first[0].items!.length - 1);
      assert.equal(session(uris[0]).holdsDerived, true);
    } finally {
      server.dispose();
    }
  });
});
