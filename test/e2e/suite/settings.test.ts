/** Settings take effect without a restart, and Restart Server brings the server back. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { findLine, open, partialFixture, replaceLine, ruleOf, scratchCopy, waitForDiagnostics, waitForExactly, workspaceUri } from './helpers';

const partial = partialFixture.path;
const partialAll = partialFixture.expected;
const withoutUnfilled = partialAll.filter((k) => !k.endsWith('unfilled-placeholder'));

function rulesSetting(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration('postmortem');
}

describe('Settings', () => {
  after(async () => {
    await rulesSetting().update('rules', undefined, vscode.ConfigurationTarget.Workspace);
  });

  it('postmortem.rules turns a rule off and changes a level at once, without a restart', async () => {
    const uri = workspaceUri(partial);
    await open(uri);
    const initial = await waitForExactly(uri, partialAll, 'all diagnostics with default settings');
    const defaultLevel = initial.find((d) => ruleOf(d) === 'invalid-choice')!.severity;
    assert.notEqual(defaultLevel, vscode.DiagnosticSeverity.Information);
    await rulesSetting().update('rules', { 'unfilled-placeholder': 'off', 'invalid-choice': 'information' }, vscode.ConfigurationTarget.Workspace);
    await waitForExactly(uri, withoutUnfilled, 'unfilled-placeholder off');
    await waitForDiagnostics(
      uri,
      (d) => d.find((x) => ruleOf(x) === 'invalid-choice')?.severity === vscode.DiagnosticSeverity.Information,
      'invalid-choice at level information',
    );
    await rulesSetting().update('rules', undefined, vscode.ConfigurationTarget.Workspace);
    await waitForExactly(uri, partialAll, 'all diagnostics back after removing the setting');
    await waitForDiagnostics(
      uri,
      (d) => d.find((x) => ruleOf(x) === 'invalid-choice')?.severity === defaultLevel,
      `invalid-choice back at its default level (${vscode.DiagnosticSeverity[defaultLevel]})`,
    );
  });
});

describe('Restart Server', () => {
  it('postmortem.restartServer brings the server back: diagnostics return and follow edits', async () => {
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('postmortem.restartServer'), 'postmortem.restartServer is not registered');
    const uri = workspaceUri(partial);
    await open(uri);
    await waitForExactly(uri, partialAll, 'diagnostics before the restart');
    await vscode.commands.executeCommand('postmortem.restartServer');
    await waitForExactly(uri, partialAll, 'diagnostics after the restart');
    // A change made after the restart is analysed by the new server.
    const copy = await scratchCopy(partial);
    const editor = await open(copy);
    await waitForExactly(copy, partialAll, 'diagnostics on a document opened after the restart');
    await replaceLine(editor, findLine(editor.document, /^\*\*Severity\*\*:/), '**Severity**: MEDIUM');
    await waitForExactly(copy, partialAll.filter((k) => !k.endsWith('invalid-choice')), 'the invalid-choice diagnostic gone after an edit');
  });
});
