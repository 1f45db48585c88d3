/**
 * Diagnostics as the editor shows them (squiggles, Problems panel) on the three fixture
 * post-mortems: the untouched template, a partly filled one, a filled one.
 */
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as vscode from 'vscode';
import { open, partialFixture, postmortemDiagnostics, ruleOf, waitForClean, waitForDiagnostics, waitForExactly, workspaceUri } from './helpers';

/** The rules of the server. */
const ruleIds = [
  'unfilled-placeholder',
  'invalid-choice',
  'choice-alias',
  'invalid-value',
  'ambiguous-date',
  'id-format',
  'missing-section',
  'empty-section',
  'timeline-cell-count',
  'timeline-invalid-time',
  'timeline-empty-cell',
  'timeline-out-of-order',
  'action-item-overdue',
  'action-item-incomplete',
];

/**
 * Diagnostics on the untouched template: its 186 placeholders and blanks, but the 111 in its 22
 * example lists and tables (the timeline's rows, the action items...) count once per list.
 */
const blankPlaceholderCount = 186 - 111 + 22;

describe('Diagnostics', () => {
  it('on the untouched template: every placeholder is reported as unfilled, with the rule and its docs link', async () => {
    const uri = workspaceUri('postmortems/blank.md');
    await open(uri);
    const diagnostics = await waitForDiagnostics(
      uri,
      (d) => d.length === blankPlaceholderCount,
      `${blankPlaceholderCount} unfilled-placeholder diagnostics on the untouched template`,
    );
    const rules = new Set(diagnostics.map(ruleOf));
    assert.deepEqual([...rules], ['unfilled-placeholder']);
    const severity = diagnostics.find((d) => d.range.start.line === 7);
    assert.ok(severity, 'no diagnostic on the Severity line (line 8)');
    assert.equal(severity.message, 'Severity is not filled in: choose CRITICAL, HIGH, MEDIUM or LOW');
    assert.equal(severity.severity, vscode.DiagnosticSeverity.Warning);
    assert.deepEqual(
      [severity.range.start.character, severity.range.end.character],
      [14, 14 + '[CRITICAL/HIGH/MEDIUM/LOW]'.length],
      'the squiggle covers the placeholder',
    );
    for (const d of diagnostics) {
      assert.equal(d.source, 'postmortem');
      assert.ok(typeof d.code === 'object' && d.code.target instanceof vscode.Uri, `diagnostic ${d.message} has no link to its rule's docs`);
      assert.match(d.code.target.toString(), /unfilled-placeholder/, 'the docs link names the rule');
    }
    const docs = (severity.code as { target: vscode.Uri }).target;
    if (docs.scheme === 'file') assert.ok(existsSync(docs.fsPath), `the rule doc the diagnostic links to is missing: ${docs.fsPath}`);
  });

  it('on a partly filled post-mortem: exactly the problems it has, each rule once or more', async () => {
    const uri = workspaceUri(partialFixture.path);
    await open(uri);
    const diagnostics = await waitForExactly(uri, partialFixture.expected, 'the partly filled post-mortem\'s diagnostics');
    assert.deepEqual(new Set(diagnostics.map(ruleOf)), new Set(ruleIds), 'every rule is represented');
    const byRule = (rule: string) => diagnostics.find((d) => ruleOf(d) === rule)!;
    assert.equal(byRule('invalid-choice').message, "Severity 'SEVERE' is not one of CRITICAL, HIGH, MEDIUM or LOW");
    assert.equal(byRule('missing-section').message, "Section 'Incident Classification' is missing");
    for (const d of diagnostics) {
      assert.ok(typeof d.code === 'object' && d.code.target instanceof vscode.Uri, `${ruleOf(d)} has no docs link`);
      assert.match(d.code.target.toString(), new RegExp(ruleOf(d)), `the docs link of ${ruleOf(d)} names it`);
    }
  });

  it('on a filled post-mortem: none', async () => {
    const uri = workspaceUri('postmortems/2026-03-14-checkout-latency.md');
    const editor = await open(uri);
    await waitForClean(editor, 'the filled post-mortem');
    assert.deepEqual(vscode.languages.getDiagnostics(uri), [], 'no diagnostics from any source');
    assert.equal(postmortemDiagnostics(uri).length, 0);
    await vscode.commands.executeCommand('workbench.action.files.save');
  });
});
