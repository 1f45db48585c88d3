/**
 * Completion and code actions where a person looks for them: Ctrl+Space on a choice field,
 * Ctrl+. on a timeline row and on a flagged field. Each test edits its own scratch copy.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  applyCodeAction,
  codeActionsAt,
  findLine,
  open,
  ruleOf,
  scratchCopy,
  waitForDiagnostics,
} from './helpers';

const severityPlaceholderLine = '**Severity**: [CRITICAL/HIGH/MEDIUM/LOW]';

function labelOf(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

/** Applies a completion item the way the editor does: its main edit and its additional edits. */
async function applyCompletion(editor: vscode.TextEditor, item: vscode.CompletionItem, position: vscode.Position): Promise<void> {
  const range = item.range
    ? item.range instanceof vscode.Range
      ? item.range
      : item.range.replacing
    : editor.document.getWordRangeAtPosition(position) ?? new vscode.Range(position, position);
  const text = item.insertText === undefined ? labelOf(item) : typeof item.insertText === 'string' ? item.insertText : item.insertText.value;
  const edit = new vscode.WorkspaceEdit();
  if (item.insertText instanceof vscode.SnippetString) edit.set(editor.document.uri, [vscode.SnippetTextEdit.replace(range, item.insertText)]);
  else edit.replace(editor.document.uri, range, text);
  for (const extra of item.additionalTextEdits ?? []) edit.replace(editor.document.uri, extra.range, extra.newText);
  assert.ok(await vscode.workspace.applyEdit(edit), `applying completion ${labelOf(item)} failed`);
  if (item.command) await vscode.commands.executeCommand(item.command.command, ...(item.command.arguments ?? []));
}

function titles(actions: readonly (vscode.CodeAction | vscode.Command)[]): string[] {
  return actions.map((a) => a.title);
}

/** Cells of a Markdown table row: `| a | b |` is ['a', 'b']. */
function cells(row: string): string[] {
  return row.trim().replace(/^\|/, '').replace(/\|$/, '').split('|').map((c) => c.trim());
}

function timelineRows(document: vscode.TextDocument): string[] {
  const header = findLine(document, /^\|\s*Time\s*\|\s*Event\s*\|/);
  const rows: string[] = [];
  for (let line = header + 2; line < document.lineCount && document.lineAt(line).text.trim().startsWith('|'); line++) {
    rows.push(document.lineAt(line).text);
  }
  return rows;
}

describe('Completion and code actions', () => {
  it('Ctrl+Space at Severity offers CRITICAL HIGH MEDIUM LOW, and HIGH gives a clean line', async () => {
    const uri = await scratchCopy('postmortems/blank.md');
    const editor = await open(uri);
    await waitForDiagnostics(uri, (d) => d.length > 0, 'diagnostics on a copy of the template');
    const line = findLine(editor.document, severityPlaceholderLine);
    const position = new vscode.Position(line, '**Severity**: [CRI'.length);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, position);
    const labels = list.items.map(labelOf);
    for (const value of ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW']) {
      assert.ok(labels.includes(value), `completion at Severity lacks ${value}; offered: ${labels.slice(0, 30).join(', ')}`);
    }
    const high = list.items.find((item) => labelOf(item) === 'HIGH')!;
    await applyCompletion(editor, high, position);
    assert.equal(editor.document.lineAt(line).text, '**Severity**: HIGH');
    await waitForDiagnostics(uri, (d) => !d.some((x) => x.range.start.line === line), 'the Severity diagnostic gone');
  });

  it('hovering Severity shows the four values with their meaning', async () => {
    const uri = await scratchCopy('postmortems/blank.md');
    const editor = await open(uri);
    await waitForDiagnostics(uri, (d) => d.length > 0, 'diagnostics on a copy of the template');
    const line = findLine(editor.document, severityPlaceholderLine);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(line, 4));
    const text = hovers
      .flatMap((h) => h.contents)
      .map((c) => (typeof c === 'string' ? c : c.value))
      .join('\n');
    for (const value of ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW']) assert.ok(text.includes(`\`${value}\`:`), `hover lacks ${value}: ${text}`);
  });

  it('Ctrl+. on a timeline row offers "Insert timeline row", which adds a row of 4 cells', async () => {
    const uri = await scratchCopy('postmortems/2026-03-14-checkout-latency.md');
    const editor = await open(uri);
    const before = timelineRows(editor.document);
    const rowLine = findLine(editor.document, /^\| 09:21 \| Investigation began/);
    const actions = await codeActionsAt(uri, new vscode.Range(rowLine, 3, rowLine, 3));
    const inserts = actions.filter((a) => a.title.startsWith('Insert timeline row'));
    assert.ok(inserts.length, `no "Insert timeline row" action on a timeline row; offered: ${titles(actions).join(' | ') || '(none)'}`);
    const insert = inserts.find((a) => /below/.test(a.title)) ?? inserts[0];
    const rowIndex = before.indexOf(editor.document.lineAt(rowLine).text);
    await applyCodeAction(insert);
    const after = timelineRows(editor.document);
    assert.equal(after.length, before.length + 1, `"${insert.title}" adds one row; timeline now:\n${after.join('\n')}`);
    const added = after.filter((row) => !before.includes(row));
    assert.equal(added.length, 1, `exactly one new row; new: ${added.join(' / ')}`);
    assert.equal(cells(added[0]).length, 4, `the new row has the table's 4 cells: ${added[0]}`);
    if (/below/.test(insert.title)) assert.equal(after.indexOf(added[0]), rowIndex + 1, 'the new row is below the current one');
    if (/above/.test(insert.title)) assert.equal(after.indexOf(added[0]), rowIndex, 'the new row is above the current one');
  });

  it('quick fixes on a choice field: "Set Severity to HIGH" replaces an invalid value', async () => {
    const uri = await scratchCopy('postmortems/2026-02-02-search-index-stall.md');
    const editor = await open(uri);
    const [invalid] = await waitForDiagnostics(
      uri,
      (d) => d.some((x) => ruleOf(x) === 'invalid-choice'),
      'the invalid-choice diagnostic on Severity: SEVERE',
    ).then((d) => d.filter((x) => ruleOf(x) === 'invalid-choice'));
    const actions = await codeActionsAt(uri, invalid.range);
    const fix = actions.find((a) => a.title === 'Set Severity to HIGH');
    assert.ok(fix, `no "Set Severity to HIGH" quick fix; offered: ${titles(actions).join(' | ') || '(none)'}`);
    for (const value of ['CRITICAL', 'MEDIUM', 'LOW']) {
      assert.ok(titles(actions).includes(`Set Severity to ${value}`), `no "Set Severity to ${value}"`);
    }
    await applyCodeAction(fix);
    assert.equal(editor.document.lineAt(invalid.range.start.line).text, '**Severity**: HIGH');
    await waitForDiagnostics(uri, (d) => !d.some((x) => ruleOf(x) === 'invalid-choice'), 'the invalid-choice diagnostic gone');
  });

  it('quick fixes on an unfilled choice field: "Set Category to Human Error" fills the placeholder', async () => {
    const uri = await scratchCopy('postmortems/blank.md');
    const editor = await open(uri);
    const line = findLine(editor.document, /^\*\*Category\*\*:/);
    const diagnostics = await waitForDiagnostics(uri, (d) => d.some((x) => x.range.start.line === line), 'the unfilled Category diagnostic');
    const unfilled = diagnostics.find((x) => x.range.start.line === line)!;
    const actions = await codeActionsAt(uri, unfilled.range);
    const fix = actions.find((a) => a.title === 'Set Category to Human Error');
    assert.ok(fix, `no "Set Category to Human Error" quick fix; offered: ${titles(actions).join(' | ') || '(none)'}`);
    await applyCodeAction(fix);
    assert.equal(editor.document.lineAt(line).text, '**Category**: Human Error');
    await waitForDiagnostics(uri, (d) => !d.some((x) => x.range.start.line === line), 'the Category diagnostic gone');
  });
});
