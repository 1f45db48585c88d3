/**
 * Which Markdown files are checked: the post-mortem folder's files whatever their structure,
 * and Check This File as a Post-Mortem / Stop Checking This File, which write the front matter.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { open, postmortemDiagnostics, replaceLine, ruleOf, waitForDiagnostics, workspaceUri, writeText } from './helpers';

/** Notes with a timeline out of order and none of the template's sections but it: not a post-mortem by its structure. */
const notes = '# Checkout incident notes\n\n## Timeline\n\n| Time | Event |\n|------|-------|\n| 14:02 | Alert fired |\n| 13:50 | Deploy |\n';

describe('Which files are checked', () => {
  it('a Markdown file in postmortems/ is a post-mortem whatever its structure, its README is not', async () => {
    const inFolder = workspaceUri('postmortems/drafts/checkout-notes.md');
    await writeText(inFolder, notes);
    await open(inFolder);
    const diagnostics = await waitForDiagnostics(inFolder, (d) => d.some((x) => ruleOf(x) === 'missing-section'), 'the missing sections of a file in postmortems/');
    assert.ok(diagnostics.some((d) => ruleOf(d) === 'timeline-out-of-order'), 'its timeline is checked too');
    const readme = workspaceUri('postmortems/README.md');
    await writeText(readme, notes);
    await open(readme);
    // Once the server has answered for a later change of the other file, it has seen the README.
    const editor = await open(inFolder);
    await replaceLine(editor, 7, '| 14:10 | Deploy |');
    await waitForDiagnostics(inFolder, (d) => !d.some((x) => ruleOf(x) === 'timeline-out-of-order'), 'the order fixed by an edit');
    assert.deepEqual(postmortemDiagnostics(readme), [], 'a README in the post-mortem folder is not checked');
  });

  it('Check This File as a Post-Mortem writes postmortem: true into new front matter, Stop Checking sets it false', async () => {
    const uri = workspaceUri('notes/checkout-notes.md');
    await writeText(uri, notes);
    const editor = await open(uri);
    await vscode.commands.executeCommand('postmortem.checkAsPostmortem');
    assert.equal(editor.document.getText().split('\n').slice(0, 4).join('\n'), '---\npostmortem: true\n---\n# Checkout incident notes');
    await waitForDiagnostics(uri, (d) => d.some((x) => ruleOf(x) === 'timeline-out-of-order'), 'the checks once the front matter says so');
    await vscode.commands.executeCommand('postmortem.stopChecking');
    assert.equal(editor.document.lineAt(1).text, 'postmortem: false');
    await waitForDiagnostics(uri, (d) => d.length === 0, 'no diagnostics once the front matter says postmortem: false');
  });
});
