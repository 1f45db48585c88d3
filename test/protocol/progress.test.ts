/**
 * Filling a post-mortem in over LSP, from the bundled server, as the extension's commands ask:
 * Next/Previous Field, Tab through a timeline row, the placeholder under a double-click,
 * selection ranges, what is left per section, the review status's levels on the diagnostics
 * pulled, and Mark Ready for Review.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Diagnostic, Range, SelectionRange } from 'vscode-languageserver-types';
import {
  cellStepRequest,
  gapSectionsRequest,
  gapStepRequest,
  placeholderAtRequest,
  readinessRequest,
  type GapSectionsResult,
  type GapStepResult,
  type ReadinessResult,
} from '../../common/protocol';
import { cleanPostmortem } from '../support/corpus';
import { LspClient } from '../support/lspClient';
import { applyEdits, service } from '../support/service';

const draftUri = 'file:///work/postmortems/2026-12-01-ledger-failover.md';
const completeUri = 'file:///work/postmortems/2026-11-20-db-failover.md';
// A new post-mortem, with CRLF line breaks, as Windows users get it.
const draft = service.newDocument({ title: 'Ledger failover 🗄️', date: '2026-12-01' }).text.replace(/\n/g, '\r\n');
const lines = draft.split('\r\n');
const complete = `---\r\nstatus: draft\r\n---\r\n${cleanPostmortem().replace(/\n/g, '\r\n')}`;
const textAt = (text: string, range: Range) => text.split('\r\n')[range.start.line].slice(range.start.character, range.end.character);

describe('filling in over LSP', () => {
  let client: LspClient;
  before(async () => {
    client = await LspClient.start({ pull: true });
    await client.open(draftUri, draft);
    await client.open(completeUri, complete);
  });
  after(() => client.stop());

  it('shows a new post-mortem as a draft: its gaps are hints, none in the Problems panel', async () => {
    const diagnostics = await client.pull(draftUri);
    assert.ok(diagnostics.length > 50);
    assert.deepEqual([...new Set(diagnostics.map((d: Diagnostic) => d.severity))], [4]);
    const status = (await client.request('postmortem/documentStatus', { uri: draftUri })) as { toFill: number; warnings: number; errors: number; reviewStatus?: string };
    assert.deepEqual([status.reviewStatus, status.errors, status.warnings, status.toFill], ['draft', 0, 0, diagnostics.length]);
  });

  it('steps through the gaps from the cursor New Post-Mortem leaves, and back', async () => {
    const start = service.newDocument({ title: 'Ledger failover 🗄️', date: '2026-12-01' }).cursor;
    const at = { start, end: start };
    const first = await client.request<GapStepResult>(gapStepRequest, { uri: draftUri, selection: at, direction: 'next' });
    assert.equal(textAt(draft, first!.range), '[START TIME]');
    const second = await client.request<GapStepResult>(gapStepRequest, { uri: draftUri, selection: first!.range, direction: 'next' });
    assert.equal(textAt(draft, second!.range), '[END TIME]');
    assert.equal(second!.index, 2);
    const back = await client.request<GapStepResult>(gapStepRequest, { uri: draftUri, selection: second!.range, direction: 'previous' });
    assert.deepEqual(back!.range, first!.range);
    // A finished post-mortem has nothing to step to.
    assert.equal(await client.request<GapStepResult>(gapStepRequest, { uri: completeUri, selection: at, direction: 'next' }), null);
  });

  it('tabs through a timeline row, and selects a placeholder whole', async () => {
    const row = lines.findIndex((l) => l.startsWith('| 00:05 |'));
    const inComponent = { line: row, character: lines[row].indexOf('[Alerting') + 3 };
    const next = await client.request<Range | null>(cellStepRequest, { uri: draftUri, position: inComponent, direction: 'next' });
    assert.equal(textAt(draft, next!), '[Initial response]');
    const placeholder = await client.request<Range | null>(placeholderAtRequest, { uri: draftUri, position: inComponent });
    assert.equal(textAt(draft, placeholder!), '[Alerting system]');
    const [ranges] = await client.request<SelectionRange[]>('textDocument/selectionRange', { textDocument: { uri: draftUri }, positions: [inComponent] });
    assert.equal(textAt(draft, ranges.range), '[Alerting system]');
    assert.equal(textAt(draft, ranges.parent!.range), lines[row]);
  });

  it('lists what is left per section, with the count the status bar gives', async () => {
    const sections = await client.request<GapSectionsResult>(gapSectionsRequest, { uri: draftUri });
    const total = sections!.reduce((n, s) => n + s.count, 0);
    assert.equal(total, (await client.pull(draftUri)).length);
    assert.equal(sections![0].title, 'Incident Summary');
    assert.equal(textAt(draft, sections![0].first), '[START TIME]');
  });

  it('refuses to mark a draft with gaps ready, and gives the edit that moves a complete one to in-review', async () => {
    const refused = await client.request<ReadinessResult>(readinessRequest, { uri: draftUri });
    assert.equal(refused!.ready, false);
    assert.deepEqual(refused!.edits, []);
    assert.ok(refused!.left.length > 5);
    const ready = await client.request<ReadinessResult>(readinessRequest, { uri: completeUri });
    assert.equal(ready!.ready, true);
    assert.equal(ready!.version, 1);
    const moved = applyEdits(complete, ready!.edits);
    assert.equal(moved.split('\r\n')[1], 'status: in-review');
    // Once in review, a gap is an error: the pulled diagnostics follow the front matter.
    await client.change(completeUri, [{ range: ready!.edits[0].range, text: ready!.edits[0].newText }]);
    const duration = moved.split('\r\n').findIndex((l) => l.startsWith('**Duration**'));
    await client.change(completeUri, [{ range: { start: { line: duration, character: 14 }, end: { line: duration, character: moved.split('\r\n')[duration].length } }, text: '[TOTAL DURATION]' }]);
    const diagnostics = await client.pull(completeUri);
    assert.deepEqual(diagnostics.map((d: Diagnostic) => [d.range.start.line, d.severity, d.code]), [[duration, 1, 'unfilled-placeholder']]);
  });
});
