/**
 * The incident's numbers over LSP, from the bundled server, as an editor asks for them: inlay
 * hints on the visible lines, the lens above the timeline and its command (the server asks the
 * client to apply the edit), the quick fix and the hover on a metric field.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, CodeLens, Hover, InlayHint, MarkupContent, TextEdit } from 'vscode-languageserver-types';
import { fillMetricsCommand } from '../../common/protocol';
import { LspClient } from '../support/lspClient';
import { applyEdits, templateWith } from '../support/service';

const uri = 'file:///work/postmortems/2026-03-11-checkout.md';
// The shipped template with a real Date/Time and timeline (CRLF, a tab and an emoji in it).
const text = templateWith({
  '**Date/Time**: [START TIME] - [END TIME]': '**Date/Time**: 2026-03-11 22:40 - 2026-03-12 01:10 UTC',
  '| 00:00 | Incident start | [Component] | [Detection method] |': '| 22:31 | Deploy 4512 rolled out 🚀 | api | canary skipped |\n| 22:40 | Incident start | api | p99 over 2 s |',
  '| 00:05 | Alert triggered | [Alerting system] | [Initial response] |': '| 22:52 | Alert fired (PagerDuty) | alerting | paged |',
  '| 00:10 | Investigation began | [Team member] | [Diagnostic steps] |': '| 22:58 | Investigation began | on-call\t| dashboards |',
  '| 00:20 | Root cause identified | [Component] | [What was found] |': '| 23:40 | Root cause identified | db | pool exhausted |',
  '| 00:30 | Mitigation implemented | [Team member] | [Temporary fix] |': '| 23:55 | Mitigation implemented | api | rollback |',
  '| 00:45 | Permanent fix deployed | [Team member] | [Code/config change] |': '| 00:30 | Permanent fix deployed | api | pool size |',
  '| 01:00 | Service restored | [Component] | [Verification steps] |': '| 01:10 | Service restored | api | verified |',
  '- **Time to Mitigation**: [From diagnosis to temporary fix]': '- **Time to Mitigation**: 2 hours, mostly the CAB',
}).replace(/\n/g, '\r\n');
const lines = text.split('\r\n');
const lineOf = (match: string) => lines.findIndex((l) => l.includes(match));

describe('metrics over LSP', () => {
  let client: LspClient;
  before(async () => {
    client = await LspClient.start({ pull: true });
    await client.open(uri, text);
  });
  after(() => client.stop());

  it('gives inlay hints for the lines asked for: row offsets and unfilled metric values', async () => {
    const rows = { start: { line: lineOf('22:31'), character: 0 }, end: { line: lineOf('01:10 | Service'), character: 0 } };
    const hints = await client.request<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri }, range: rows });
    assert.deepEqual(hints.map((h) => h.label), ['−9m', '+0m', '+12m', '+18m', '+1h', '+1h 15m', '+1h 50m', '+2h 30m']);
    assert.deepEqual(hints[2].position, { line: lineOf('22:52'), character: lines[lineOf('22:52')].indexOf('22:52') + 5 });
    const field = lineOf('Time to Detection');
    const fieldHints = await client.request<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri }, range: { start: { line: field, character: 0 }, end: { line: field, character: 0 } } });
    assert.deepEqual(fieldHints.map((h) => h.label), ['= 12m']);
  });

  it('puts the numbers above the timeline, and its command fills the unfilled fields', async () => {
    const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
    assert.equal(lenses.length, 1);
    const [lens] = lenses;
    assert.equal(lens.range.start.line, lineOf('## Timeline'));
    assert.equal(lens.command?.title, 'Duration 2h 30m · detection 12m · investigation 6m · diagnosis 42m · mitigation 15m · resolution 35m — fill 5 fields');
    assert.equal(lens.command?.command, fillMetricsCommand);
    await client.request('workspace/executeCommand', { command: lens.command!.command, arguments: lens.command!.arguments });
    const applied = await client.until(() => client.appliedEdits[0], 'workspace/applyEdit');
    const change = applied.edit.documentChanges![0];
    assert.equal(change.textDocument.uri, uri);
    assert.equal(change.textDocument.version, 1);
    const filled = applyEdits(text, change.edits as TextEdit[]);
    assert.match(filled, /\*\*Duration\*\*: 2h 30m\r\n/);
    assert.match(filled, /\*\*Time to Detection\*\*: 12m\r\n/);
    assert.match(filled, /\*\*Time to Resolution\*\*: 35m\r\n/);
    assert.match(filled, /\*\*Time to Mitigation\*\*: 2 hours, mostly the CAB/, 'a written figure is left to its quick fix');
    // The client applies it: the document changes, and nothing but the written figure disagrees.
    await client.change(uri, [{ text: filled }]);
    const mismatches = (await client.pull(uri)).filter((d) => String(d.code).startsWith('metric') || d.code === 'timeline-milestone-missing');
    assert.deepEqual(mismatches.map((d) => d.message), ['Time to Mitigation says 2 hours, but the timeline gives 15m: from Root cause identified (row 5, 23:40) to Mitigation implemented (row 6, 23:55)']);
  });

  it('corrects the disagreeing figure with a quick fix, and shows the arithmetic on hover', async () => {
    const line = lineOf('Time to Mitigation');
    const diagnostics = (await client.pull(uri)).filter((d) => d.code === 'metric-mismatch');
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line, character: 5 }, end: { line, character: 5 } },
      context: { diagnostics },
    });
    const fix = actions.find((a) => a.title === 'Fill Time to Mitigation: 15m');
    assert.ok(fix, actions.map((a) => a.title).join(', '));
    assert.deepEqual(fix.diagnostics?.map((d) => d.code), ['metric-mismatch']);
    const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: { line, character: 8 } });
    const value = (hover.contents as MarkupContent).value;
    assert.match(value, /\*\*Time to Mitigation\*\* from the timeline: \*\*15m\*\*, from Root cause identified \(row 5, 23:40\) to Mitigation implemented \(row 6, 23:55\)/);
    assert.match(value, /What is written disagrees/);
  });

  it('answers the command for a document it does not have without failing', async () => {
    const before = client.appliedEdits.length;
    await client.request('workspace/executeCommand', { command: fillMetricsCommand, arguments: [{ uri: 'file:///nowhere.md' }] });
    await client.request('workspace/executeCommand', { command: fillMetricsCommand, arguments: [] });
    assert.equal(client.appliedEdits.length, before);
  });

  it('tells a client that can refresh its hints and lenses when the settings change', async () => {
    const refreshing = await LspClient.start({ pull: true, settings: () => ({}), workspaceCapabilities: { inlayHint: { refreshSupport: true }, codeLens: { refreshSupport: true } } });
    try {
      await refreshing.open(uri, text);
      await refreshing.pull(uri);
      await refreshing.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
      await refreshing.until(() => refreshing.inlayHintRefreshes > 0 && refreshing.codeLensRefreshes > 0, 'workspace/inlayHint/refresh and workspace/codeLens/refresh');
    } finally {
      await refreshing.stop();
    }
  });
});
