/**
 * The bundled server over stdio, driven as an editor would: push and pull diagnostics,
 * incremental edits, completion, code actions, settings, and the New Post-Mortem request.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { CodeAction, CompletionList, Diagnostic, Hover, MarkupContent, TextEdit } from 'vscode-languageserver-types';
import type { DocumentStatus } from '../../common/protocol';
import { applyEdits, repoRoot, templateText, templateDiagnosticCount } from '../support/service';
import { LspClient } from '../support/lspClient';
import { LSPErrorCodes } from 'vscode-languageserver-protocol';

const pmUri = 'file:///work/incidents/2026-11-20-payments.md';
const readmeUri = 'file:///work/README.md';
const readme = '# Tool\n\n- [ ] [Component] to do\n\n## Timeline\n\n[START TIME]\n';
const severityLine = templateText.split('\n').findIndex((l) => l.startsWith('**Severity**'));

describe('push diagnostics (clients without pull support)', () => {
  let client: LspClient;
  before(async () => (client = await LspClient.start()));
  after(() => client.stop());

  it('publishes the unfilled fields of a post-mortem, with rule ids and doc links', async () => {
    await client.open(pmUri, templateText);
    const diagnostics = await client.pushed(pmUri, 1);
    assert.equal(diagnostics.length, templateDiagnosticCount);
    const severity = diagnostics.find((d) => d.range.start.line === severityLine) as Diagnostic;
    assert.equal(severity.message, 'Severity is not filled in: choose CRITICAL, HIGH, MEDIUM or LOW');
    assert.equal(severity.source, 'postmortem');
    assert.equal(severity.code, 'unfilled-placeholder');
    const href = severity.codeDescription?.href ?? '';
    assert.match(href, /^file:.*\/docs\/rules\/unfilled-placeholder\.md$/);
    assert.ok(readFileSync(new URL(href), 'utf8').includes('unfilled-placeholder'), 'the linked rule doc exists');
  });

  it('publishes nothing for an ordinary README', async () => {
    await client.open(readmeUri, readme);
    assert.deepEqual(await client.pushed(readmeUri, 1), []);
  });

  it('follows incremental edits', async () => {
    const start = templateText.split('\n')[severityLine].indexOf('[');
    const version = await client.change(pmUri, [
      { range: { start: { line: severityLine, character: start }, end: { line: severityLine, character: start + 26 } }, text: 'SEVERE' },
    ]);
    const diagnostics = await client.pushed(pmUri, version);
    assert.equal(diagnostics.length, templateDiagnosticCount);
    assert.deepEqual(
      diagnostics.filter((d) => d.code === 'invalid-choice').map((d) => d.message),
      ["Severity 'SEVERE' is not one of CRITICAL, HIGH, MEDIUM or LOW"],
    );
  });

  it('answers completion and code actions on the edited document', async () => {
    const list = await client.request<CompletionList>('textDocument/completion', {
      textDocument: { uri: pmUri },
      position: { line: severityLine, character: 16 },
      context: { triggerKind: 1 },
    });
    assert.deepEqual(list.items.map((i) => i.label), ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW']);
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: pmUri },
      range: { start: { line: severityLine, character: 15 }, end: { line: severityLine, character: 15 } },
      context: { diagnostics: [] },
    });
    const set = actions.find((a) => a.title === 'Set Severity to LOW') as CodeAction;
    const change = set.edit?.documentChanges?.[0] as { textDocument: { version: number }; edits: TextEdit[] };
    assert.equal(change.textDocument.version, 2);
    assert.equal(applyEdits('**Severity**: SEVERE', change.edits.map((e) => ({ ...e, range: { start: { ...e.range.start, line: 0 }, end: { ...e.range.end, line: 0 } } }))), '**Severity**: LOW');
  });

  it('completes Duration from Date/Time, and Date/Time from the timeline', async () => {
    const uri = 'file:///work/postmortems/2026-11-27-api.md';
    const text = templateText.replace('**Date/Time**: [START TIME] - [END TIME]', '**Date/Time**: 2026-11-27 23:40 - [END TIME]');
    await client.open(uri, text);
    await client.pushed(uri, 1);
    const lines = text.split('\n');
    const at = async (prefix: string, placeholder: string) => {
      const line = lines.findIndex((l) => l.startsWith(prefix));
      const list = await client.request<CompletionList>('textDocument/completion', {
        textDocument: { uri },
        position: { line, character: lines[line].indexOf(placeholder) + 1 },
        context: { triggerKind: 1 },
      });
      return list.items.map((i) => `${i.label}: ${(i.textEdit as TextEdit).newText}`);
    };
    // The template's example rows are no times of this incident: the end offers only now.
    const end = await at('**Date/Time**', '[END TIME]');
    assert.equal(end.length, 1);
    assert.match(end[0], /^(\d\d:\d\d) UTC: \1 UTC$/);
    const dateTimeLine = lines.findIndex((l) => l.startsWith('**Date/Time**'));
    const edited = await client.change(uri, [
      { range: { start: { line: dateTimeLine, character: 0 }, end: { line: dateTimeLine, character: lines[dateTimeLine].length } }, text: '**Date/Time**: 2026-11-27 23:40 - 2026-11-28 01:10 UTC' },
    ]);
    await client.pushed(uri, edited);
    assert.deepEqual(await at('**Duration**', '[TOTAL DURATION]'), ['1h 30m: 1h 30m']);
  });

  it('answers hover on a field line: the allowed values with their meaning; nothing in a README', async () => {
    const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: pmUri }, position: { line: severityLine, character: 4 } });
    assert.match((hover?.contents as MarkupContent).value, /- `HIGH`: Major function degraded/);
    assert.deepEqual(hover?.range?.start, { line: severityLine, character: 0 });
    assert.equal(await client.request('textDocument/hover', { textDocument: { uri: readmeUri }, position: { line: 0, character: 1 } }), null);
  });
});

describe('pull diagnostics and settings (VS Code-like clients)', () => {
  let client: LspClient;
  let settings: Record<string, unknown> = {};
  before(async () => (client = await LspClient.start({ pull: true, settings: () => settings, workspaceFolder: 'file:///work' })));
  after(() => client.stop());

  it('answers textDocument/diagnostic', async () => {
    await client.open(pmUri, templateText);
    assert.equal((await client.pull(pmUri)).length, templateDiagnosticCount);
    await client.open(readmeUri, readme);
    assert.deepEqual(await client.pull(readmeUri), []);
    assert.equal(client.published.size, 0, 'no pushed diagnostics when the client pulls');
  });

  it('answers "unchanged" after an edit that leaves the diagnostics as they were', async () => {
    const first = await client.request<{ kind: string; resultId: string; items: Diagnostic[] }>('textDocument/diagnostic', { textDocument: { uri: pmUri } });
    assert.equal(first.kind, 'full');
    const line = templateText.split('\n').indexOf('All times in UTC.');
    await client.change(pmUri, [{ range: { start: { line, character: 3 }, end: { line, character: 3 } }, text: 'x' }]);
    const second = await client.request<{ kind: string; resultId: string }>('textDocument/diagnostic', {
      textDocument: { uri: pmUri },
      previousResultId: first.resultId,
    });
    assert.deepEqual(second, { kind: 'unchanged', resultId: first.resultId });
    // A client without the previous result gets the full report again.
    const fresh = await client.request<{ kind: string; items: Diagnostic[] }>('textDocument/diagnostic', { textDocument: { uri: pmUri } });
    assert.equal(fresh.kind, 'full');
    assert.equal(fresh.items.length, templateDiagnosticCount);
    // An edit that changes a diagnostic gets a full report with a new id.
    const severity = templateText.split('\n').findIndex((l) => l.startsWith('**Severity**'));
    await client.change(pmUri, [{ range: { start: { line: severity, character: 14 }, end: { line: severity, character: 40 } }, text: 'HIGH' }]);
    const third = await client.request<{ kind: string; resultId: string; items: Diagnostic[] }>('textDocument/diagnostic', {
      textDocument: { uri: pmUri },
      previousResultId: first.resultId,
    });
    assert.equal(third.kind, 'full');
    assert.notEqual(third.resultId, first.resultId);
    assert.equal(third.items.length, templateDiagnosticCount - 1);
  });

  it('applies a changed rule setting after a refresh, without a restart', async () => {
    settings = { rules: { 'unfilled-placeholder': 'off' } };
    const refreshes = client.refreshes;
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await client.until(() => client.refreshes > refreshes, 'a diagnostics refresh');
    assert.deepEqual(await client.pull(pmUri), []);
  });

  it('logs a bad setting and keeps the default', async () => {
    settings = { rules: { 'unfilled-placeholder': 'loud' } };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    assert.equal((await client.pull(pmUri)).length, templateDiagnosticCount - 1);
    assert.ok(client.logs.some((l) => l.includes("postmortem.rules.unfilled-placeholder: 'loud'")));
  });

  it('treats files matching postmortem.files as post-mortems', async () => {
    settings = { files: ['incidents/**/*.md'] };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const uri = 'file:///work/incidents/notes.md';
    await client.open(uri, '# Notes\n\n**Severity**: [CRITICAL/HIGH/MEDIUM/LOW]\n');
    const diagnostics = await client.pull(uri);
    assert.ok(diagnostics.some((d) => String(d.message).startsWith('Severity is not filled in')));
    assert.ok(diagnostics.some((d) => d.code === 'missing-section'));
  });

  it('treats the Markdown files of postmortem.folder as post-mortems, but not its README', async () => {
    settings = {};
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const notes = '# Notes\n\n**Severity**: [CRITICAL/HIGH/MEDIUM/LOW]\n';
    const inFolder = 'file:///work/postmortems/2026/notes.md';
    await client.open(inFolder, notes);
    assert.ok((await client.pull(inFolder)).some((d) => String(d.message).startsWith('Severity is not filled in')));
    const status = await client.request<DocumentStatus>('postmortem/documentStatus', { uri: inFolder });
    assert.equal(status.checked, true);
    assert.match(status.reason, /postmortems\/, the folder New Post-Mortem writes to/);
    const guide = 'file:///work/postmortems/README.md';
    await client.open(guide, notes);
    assert.deepEqual(await client.pull(guide), []);
    settings = { folder: 'incidents/reviews' };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    assert.deepEqual(await client.pull(inFolder), [], 'another folder is set');
  });

  it('reads dates by postmortem.dateOrder', async () => {
    settings = {};
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const uri = 'file:///work/incidents/dates.md';
    const text = templateText.replace('### Review Date: [Date, 1 week after incident]', '### Review Date: 03/04/2026');
    const reviewLine = text.split('\n').findIndex((l) => l.startsWith('### Review Date: 03/04/2026'));
    await client.open(uri, text);
    const hint = (await client.pull(uri)).filter((d) => d.range.start.line === reviewLine);
    assert.deepEqual(hint.map((d) => [d.code, d.severity]), [['ambiguous-date', 4]]);
    assert.match(String(hint[0].message), /could be 3 April 2026 or 4 March 2026/);
    settings = { dateOrder: 'dmy' };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    assert.deepEqual((await client.pull(uri)).filter((d) => d.range.start.line === reviewLine), []);
    settings = { dateOrder: 'sideways' };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    assert.equal((await client.pull(uri)).filter((d) => d.range.start.line === reviewLine).length, 1, 'a bad setting is auto');
    assert.ok(client.logs.some((l) => l.includes("postmortem.dateOrder: 'sideways'")));
  });

  it('tells whether a file is checked and why, and checks it as a post-mortem on request', async () => {
    settings = {};
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const checked = await client.request<DocumentStatus>('postmortem/documentStatus', { uri: pmUri });
    assert.equal(checked.checked, true);
    assert.match(checked.reason, /^It has 16 of the template's 16 sections\.$/);
    const pulled = await client.pull(pmUri);
    assert.equal(checked.toFill, pulled.filter((d) => d.code === 'unfilled-placeholder').length);
    assert.equal(checked.errors, pulled.filter((d) => d.severity === 1).length);

    const uri = 'file:///work/notes/short.md';
    const text = '\uFEFF# Checkout outage\r\n\r\n## Timeline\r\n\r\n| Time | Event |\r\n|---|---|\r\n| 14:02 | Alert |\r\n| 13:50 | Deploy |\r\n';
    await client.open(uri, text);
    const before = await client.request<DocumentStatus>('postmortem/documentStatus', { uri });
    assert.equal(before.checked, false);
    assert.match(before.reason, /^It has 1 of the template's 16 sections, 1 of its 6 required ones and 0 fields in place\./);
    assert.deepEqual(await client.pull(uri), []);
    const result = await client.request<{ edits: TextEdit[]; version: number }>('postmortem/checkAsPostmortem', { uri, check: true });
    assert.equal(result.version, 1);
    const edited = applyEdits(text, result.edits);
    assert.ok(edited.startsWith('\uFEFF---\r\npostmortem: true\r\n---\r\n# Checkout outage'), JSON.stringify(edited.slice(0, 40)));
    await client.change(uri, result.edits.map((e) => ({ range: e.range, text: e.newText })));
    const after = await client.request<DocumentStatus>('postmortem/documentStatus', { uri });
    assert.equal(after.checked, true);
    assert.equal(after.reason, 'Its front matter says postmortem: true.');
    assert.ok((await client.pull(uri)).some((d) => d.code === 'timeline-out-of-order'));
    // And back: the same key, set to false.
    const off = await client.request<{ edits: TextEdit[] }>('postmortem/checkAsPostmortem', { uri, check: false });
    assert.deepEqual(off.edits.map((e) => [e.range.start.line, e.newText]), [[1, 'postmortem: false']]);
  });
});

describe('timeline editing over LSP', () => {
  it('inserts a row with the cursor command the client offered, and completes milestones', async () => {
    const client = await LspClient.start({ initializationOptions: { cursorCommand: 'postmortem.internal.setCursor' } });
    try {
      await client.open(pmUri, templateText);
      const lines = templateText.split('\n');
      const row = lines.findIndex((l) => l.startsWith('| 00:20 |'));
      const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
        textDocument: { uri: pmUri },
        range: { start: { line: row, character: 3 }, end: { line: row, character: 3 } },
        context: { diagnostics: [] },
      });
      const below = actions.find((a) => a.title === 'Insert timeline row below') as CodeAction;
      assert.equal(below.kind, 'refactor.insert.timelineRow');
      const change = below.edit?.documentChanges?.[0] as { edits: TextEdit[] };
      const edited = applyEdits(templateText, change.edits);
      assert.equal(edited.split('\n')[row + 1], '| 00:20 |  |  |  |');
      assert.deepEqual(below.command, { title: 'Move the cursor', command: 'postmortem.internal.setCursor', arguments: [{ uri: pmUri, line: row + 1, character: 10 }] });

      const version = await client.change(pmUri, [{ range: { start: { line: row + 1, character: 0 }, end: { line: row + 1, character: 0 } }, text: '| 00:20 |  |  |  |\n' }]);
      assert.equal(version, 2);
      const list = await client.request<CompletionList>('textDocument/completion', {
        textDocument: { uri: pmUri },
        position: { line: row + 1, character: 10 },
        context: { triggerKind: 2, triggerCharacter: ' ' },
      });
      assert.equal(list.items[0].label, 'Incident start');
      assert.equal(list.items.length, 7);
    } finally {
      await client.stop();
    }
  });
});

describe('settings from initialization options (clients without workspace/configuration)', () => {
  const cases = [
    { title: 'uses them', options: {} },
    { title: 'uses them when workspace/configuration answers null (Neovim without `settings`)', options: { settings: () => null } },
  ];
  for (const { title, options } of cases) {
    it(title, async () => {
      const client = await LspClient.start({ ...options, initializationOptions: { settings: { rules: { 'unfilled-placeholder': 'hint' } } } });
      try {
        await client.open(pmUri, templateText);
        const diagnostics = await client.pushed(pmUri, 1);
        assert.ok(diagnostics.length > 0 && diagnostics.every((d) => d.severity === 4));
      } finally {
        await client.stop();
      }
    });
  }
});

describe('postmortem/newDocument', () => {
  let client: LspClient;
  before(async () => (client = await LspClient.start()));
  after(() => client.stop());

  it('returns the text with an ID unique in the folder', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'pm-new-'));
    const first = await client.request<{ text: string; incidentId: string; fileName: string }>('postmortem/newDocument', {
      title: 'Card declines',
      date: '2026-11-28',
      folderPath: folder,
    });
    assert.equal(first.incidentId, 'INC-20261128-01');
    writeFileSync(join(folder, first.fileName), first.text);
    const second = await client.request<{ incidentId: string }>('postmortem/newDocument', { title: 'Again', date: '2026-11-28', folderPath: folder });
    assert.equal(second.incidentId, 'INC-20261128-02');
  });

  it('works without a folder, and answers a bad request with an error, staying up', async () => {
    const untitled = await client.request<{ incidentId: string }>('postmortem/newDocument', { title: 'x', date: '2026-11-28' });
    assert.equal(untitled.incidentId, 'INC-20261128-01');
    await assert.rejects(client.request('postmortem/newDocument', { title: '', date: 'today' }), /A title is required/);
    const again = await client.request<{ incidentId: string }>('postmortem/newDocument', { title: 'y', date: '2026-11-28' });
    assert.equal(again.incidentId, 'INC-20261128-01');
  });
});

describe('the rule docs the diagnostics link to', () => {
  it('ship beside the server bundle', () => {
    const href = pathToFileURL(join(repoRoot, 'docs/rules/unfilled-placeholder.md'));
    assert.ok(readFileSync(href, 'utf8').length > 100);
  });
});

/** The response with id `id` as the server writes it, read beside the client's own reader. */
function responseTo(client: LspClient, id: string): Promise<unknown> {
  return new Promise((resolve) => {
    let buffer = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      for (;;) {
        const headerEnd = buffer.indexOf('\r\n\r\n');
        if (headerEnd === -1) return;
        const length = Number(/Content-Length: (\d+)/i.exec(buffer.subarray(0, headerEnd).toString('ascii'))?.[1]);
        if (buffer.length < headerEnd + 4 + length) return;
        const message = JSON.parse(buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8'));
        buffer = buffer.subarray(headerEnd + 4 + length);
        if (message.id === id && !('method' in message)) {
          client.process.stdout!.off('data', onData);
          resolve(message);
          return;
        }
      }
    };
    client.process.stdout!.on('data', onData);
  });
}

describe('resilience', () => {
  it('answers a request cancelled before it ran with RequestCancelled, and the next one normally', async () => {
    const client = await LspClient.start();
    try {
      await client.open(pmUri, templateText);
      const params = { textDocument: { uri: pmUri }, position: { line: severityLine, character: 16 } };
      // The request and its cancellation in one write, as they reach a server that is busy when
      // the user types on: both are read before the request is dispatched. (Sent through the
      // client connection they are two writes, and a fast server may run the request between.)
      const frame = (message: object) => {
        const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...message }), 'utf8');
        return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]);
      };
      const answer = responseTo(client, 'cancel-probe');
      client.process.stdin!.write(
        Buffer.concat([
          frame({ id: 'cancel-probe', method: 'textDocument/completion', params }),
          frame({ method: '$/cancelRequest', params: { id: 'cancel-probe' } }),
        ]),
      );
      const response = (await answer) as { error?: { code: number }; result?: unknown };
      assert.equal(response.error?.code, LSPErrorCodes.RequestCancelled, JSON.stringify(response));
      const list = await client.request<CompletionList>('textDocument/completion', params);
      assert.equal(list.items.length, 4);
    } finally {
      await client.stop();
    }
  });

  it('declines a document beyond the size limit with one diagnostic, and keeps serving others', async () => {
    const client = await LspClient.start();
    try {
      const huge = templateText + '\n```\n' + ('y'.repeat(99) + '\n').repeat(210_000) + '```\n';
      await client.open('file:///work/huge.md', huge);
      await client.open(pmUri, templateText);
      const declined = await client.pushed('file:///work/huge.md', 1);
      assert.equal(declined.length, 1);
      assert.equal(declined[0].code, 'document-too-large');
      assert.match(String(declined[0].message), /too large for post-mortem checks \(21\.\d million characters; the limit is 20 million\)/);
      assert.equal((await client.pushed(pmUri, 1)).length, templateDiagnosticCount);
    } finally {
      await client.stop();
    }
  });
});
