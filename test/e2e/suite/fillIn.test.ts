/**
 * Filling a post-mortem in, inside a real editor: Next/Previous Field select the placeholder
 * whole, Tab moves through a timeline row (and is Tab elsewhere), a draft's gaps are hints while
 * a final one's are errors, and Mark Ready for Review refuses, then moves the status.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { findLine, open, postmortemDiagnostics, readText, ruleOf, scratchCopy, waitForClean, waitForDiagnostics, workspaceUri } from './helpers';

const draftFixture = 'postmortems/2026-02-02-search-index-stall.md';
const completeFixture = 'postmortems/2026-03-14-checkout-latency.md';

/** Runs `fn` with one of `vscode.window`'s message functions answering `answer`, and the messages it was given. */
async function answering<T>(kind: 'showWarningMessage' | 'showInformationMessage', answer: string | undefined, fn: () => Thenable<T>): Promise<{ result: T; messages: string[] }> {
  const window = vscode.window as unknown as Record<string, (message: string, ...rest: unknown[]) => Thenable<unknown>>;
  const original = window[kind];
  const messages: string[] = [];
  window[kind] = async (message: string) => {
    messages.push(message);
    return answer;
  };
  try {
    return { result: await fn(), messages };
  } finally {
    window[kind] = original;
  }
}

describe('Filling in', () => {
  it('Next Field and Previous Field select the placeholder whole, so that typing replaces it', async () => {
    const uri = await scratchCopy(draftFixture);
    const editor = await open(uri);
    await waitForDiagnostics(uri, (d) => d.length > 0, 'the draft checked');
    const duration = findLine(editor.document, /^\*\*Duration\*\*:/);
    editor.selection = new vscode.Selection(duration, 0, duration, 0);
    await vscode.commands.executeCommand('postmortem.nextField');
    assert.equal(editor.document.getText(editor.selection), '[TOTAL DURATION]');
    assert.equal(editor.selection.start.line, duration);
    await vscode.commands.executeCommand('postmortem.nextField');
    const second = editor.selection;
    assert.ok(second.start.line > duration, 'moved on');
    assert.match(editor.document.getText(second), /^\[.+\]$|^_{3,}$/);
    await vscode.commands.executeCommand('postmortem.previousField');
    assert.equal(editor.document.getText(editor.selection), '[TOTAL DURATION]');
    await editor.edit((edit) => edit.replace(editor.selection, '2h 10m'));
    assert.equal(editor.document.lineAt(duration).text, '**Duration**: 2h 10m');
  });

  it('Tab moves to the next cell of a timeline row, and is Tab on a line of prose', async () => {
    const uri = await scratchCopy(draftFixture);
    const editor = await open(uri);
    await waitForDiagnostics(uri, (d) => d.length > 0, 'the draft checked');
    const row = findLine(editor.document, /^\| \d{2}:\d{2} \|/);
    const text = editor.document.lineAt(row).text;
    const secondPipe = text.indexOf('|', 1);
    editor.selection = new vscode.Selection(row, 2, row, 2);
    await vscode.commands.executeCommand('postmortem.tab');
    const cell = editor.document.getText(editor.selection);
    assert.equal(editor.selection.start.line, row);
    assert.ok(editor.selection.start.character > secondPipe, `the second cell, not ${JSON.stringify(cell)}`);
    assert.equal(cell, text.slice(secondPipe + 1, text.indexOf('|', secondPipe + 1)).trim());
    await vscode.commands.executeCommand('postmortem.shiftTab');
    assert.equal(editor.document.getText(editor.selection), text.slice(1, secondPipe).trim());
    // Outside a table and with no placeholder selected, Tab indents as it always does.
    const prose = findLine(editor.document, /^### What Happened\?/) + 1;
    const before = editor.document.lineAt(prose).text;
    editor.selection = new vscode.Selection(prose, 0, prose, 0);
    await vscode.commands.executeCommand('postmortem.tab');
    assert.notEqual(editor.document.lineAt(prose).text, before);
    assert.ok(editor.document.lineAt(prose).text.endsWith(before.trimStart()));
  });

  it('shows a draft\'s gaps as hints, and every gap as an error once the status is final', async () => {
    const uri = await scratchCopy(draftFixture, (t) => `---\nstatus: draft\n---\n${t}`);
    await open(uri);
    const draft = await waitForDiagnostics(uri, (d) => d.some((x) => ruleOf(x) === 'unfilled-placeholder'), 'the draft checked');
    const gaps = draft.filter((d) => ruleOf(d) === 'unfilled-placeholder');
    assert.deepEqual([...new Set(gaps.map((d) => d.severity))], [vscode.DiagnosticSeverity.Hint]);
    // Its wrong Severity is still an error.
    assert.ok(draft.some((d) => ruleOf(d) === 'invalid-choice' && d.severity === vscode.DiagnosticSeverity.Error));
    const editor = vscode.window.activeTextEditor!;
    await editor.edit((edit) => edit.replace(new vscode.Range(1, 0, 1, editor.document.lineAt(1).text.length), 'status: final'));
    const final = await waitForDiagnostics(uri, (d) => d.some((x) => ruleOf(x) === 'unfilled-placeholder' && x.severity === vscode.DiagnosticSeverity.Error), 'the gaps as errors');
    assert.equal(final.filter((d) => ruleOf(d) === 'unfilled-placeholder').length, gaps.length);
    assert.deepEqual([...new Set(postmortemDiagnostics(uri).filter((d) => ruleOf(d) === 'unfilled-placeholder').map((d) => d.severity))], [vscode.DiagnosticSeverity.Error]);
  });

  it('Mark Ready for Review refuses while something is left, then moves a complete draft to in-review', async () => {
    const draft = await scratchCopy(draftFixture, (t) => `---\nstatus: draft\n---\n${t}`);
    const editor = await open(draft);
    await waitForDiagnostics(draft, (d) => d.length > 0, 'the draft checked');
    const refused = await answering('showWarningMessage', undefined, () => vscode.commands.executeCommand('postmortem.markReadyForReview'));
    assert.equal(refused.messages.length, 1);
    assert.match(refused.messages[0], /^Not ready for review: \d+ still to fill in, in .*Incident Summary \(\d+\).*\. The status stays draft\.$/);
    assert.equal(editor.document.lineAt(1).text, 'status: draft');

    const complete = await scratchCopy(completeFixture, (t) => `---\nstatus: draft\n---\n${t}`);
    const completeEditor = await open(complete);
    await waitForClean(completeEditor, 'the complete post-mortem checked');
    const moved = await answering('showInformationMessage', undefined, () => vscode.commands.executeCommand('postmortem.markReadyForReview'));
    assert.match(moved.messages[0] ?? '', /^Ready for review: nothing is left to fill in, and the status is now in-review/);
    assert.equal(completeEditor.document.lineAt(1).text, 'status: in-review');
    assert.ok((await readText(workspaceUri('postmortems/2026-03-14-checkout-latency.md'))).startsWith('# '), 'the fixture itself is untouched');
  });

  it('links each finding to its rule page, opened rendered in the Markdown preview', async () => {
    const uri = await scratchCopy(draftFixture);
    await open(uri);
    const [finding] = await waitForDiagnostics(uri, (d) => d.length > 0, 'the draft checked');
    const target = (finding.code as { target: vscode.Uri }).target;
    assert.equal(target.scheme, vscode.env.uriScheme, 'the link goes to the extension, which renders the page');
    assert.equal(target.path, '/rule');
    assert.equal(new URLSearchParams(target.query).get('id'), ruleOf(finding));
    await vscode.commands.executeCommand('postmortem.showRuleDocs', ruleOf(finding));
    const preview = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputWebview && /markdown\.preview/.test(t.input.viewType) && t.label.includes(ruleOf(finding)));
    for (let k = 0; k < 50 && !preview(); k++) await new Promise((resolve) => setTimeout(resolve, 100));
    assert.ok(preview(), `no Markdown preview of ${ruleOf(finding)}.md: ${vscode.window.tabGroups.all.flatMap((g) => g.tabs).map((t) => t.label).join(', ')}`);
  });

  it('marks the placeholders left in the Markdown preview, and nothing in a README', async () => {
    const uri = await scratchCopy(draftFixture, (t) => `---\nstatus: draft\n---\n${t}`);
    await open(uri);
    await waitForDiagnostics(uri, (d) => d.length > 0, 'the draft checked');
    // The preview's own renderer, with the extensions' markdown-it plugins (what the preview shows).
    let html = '';
    for (let k = 0; k < 50 && !html.includes('postmortem-placeholder'); k++) {
      html = await vscode.commands.executeCommand<string>('markdown.api.render', (await vscode.workspace.openTextDocument(uri)));
      if (!html.includes('postmortem-placeholder')) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.match(html, /<mark class="postmortem-placeholder"[^>]*>\[[^\]]+\]<\/mark>/);
    const readme = await vscode.commands.executeCommand<string>('markdown.api.render', await vscode.workspace.openTextDocument(workspaceUri('README.md')));
    assert.ok(!readme.includes('postmortem-placeholder'), 'a README is not marked');
  });

  it('lists what is left per section from the status bar, and choosing one selects its first gap', async () => {
    const uri = await scratchCopy(draftFixture);
    const editor = await open(uri);
    await waitForDiagnostics(uri, (d) => d.length > 0, 'the draft checked');
    const window = vscode.window as unknown as { showQuickPick: (items: readonly vscode.QuickPickItem[], options?: vscode.QuickPickOptions) => Thenable<unknown> };
    const original = window.showQuickPick;
    const offered: string[] = [];
    window.showQuickPick = async (items) => {
      const list = await items;
      offered.push(...list.filter((i) => i.kind !== vscode.QuickPickItemKind.Separator).map((i) => `${i.label} ${i.description ?? ''}`.trim()));
      return list.find((i) => i.label.includes('Timeline'));
    };
    try {
      // The status bar's item knows the file once it has asked the server about it.
      for (let k = 0; k < 50 && offered.length === 0; k++) {
        await vscode.commands.executeCommand('postmortem.showWhatIsLeft');
        if (offered.length === 0) await new Promise((resolve) => setTimeout(resolve, 100));
      }
    } finally {
      window.showQuickPick = original;
    }
    assert.ok(offered.some((o) => /^\$\(edit\) Incident Summary \d+ to fill$/.test(o)), offered.join(' | '));
    assert.ok(offered.some((o) => o.includes('Timeline')), offered.join(' | '));
    // The first gap of the Timeline section is selected.
    const timeline = findLine(editor.document, /^## Timeline/);
    assert.ok(editor.selection.start.line > timeline, `selection at line ${editor.selection.start.line + 1}, the timeline at ${timeline + 1}`);
    assert.ok(!editor.selection.isEmpty || editor.document.lineAt(editor.selection.start.line).text.includes('|'), 'a gap of the timeline selected');
  });
});
