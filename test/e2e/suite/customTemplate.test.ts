/**
 * postmortem.template in a real editor: a team's own template checks the documents, a broken
 * schema is reported on the schema file while the shipped template takes over, and mending the
 * file (seen through the file watcher the server asks VS Code for) brings the team template back.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { customSchema, customTemplate } from '../../support/customTemplate';
import { open, ruleOf, waitForDiagnostics, workspaceUri, writeText } from './helpers';

const report = '# Outage report\n\n## Summary\n\n**Impact**: HALF\n\n## Steps\n\n| When | What |\n|---|---|\n| 10:00 | a |\n';
const badSchema = customSchema.replace('    kind: choice', '    kind: colour');
const badLine = customSchema.split('\n').indexOf('    kind: choice');

function setting(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration('postmortem');
}

const teamCheck = (d: vscode.Diagnostic[]) => d.length === 1 && ruleOf(d[0]) === 'invalid-choice' && d[0].message === "Impact 'HALF' is not one of NONE, SOME or ALL";

describe('Custom template (postmortem.template)', () => {
  after(async () => {
    await setting().update('template', undefined, vscode.ConfigurationTarget.Workspace);
  });

  it('checks and completes with the team template, reports a broken schema on its file, and recovers when it is mended', async () => {
    const schema = workspaceUri('scratch/team/outage.schema.yaml');
    await writeText(workspaceUri('scratch/team/outage.md'), customTemplate);
    await writeText(schema, customSchema);
    const doc = workspaceUri('scratch/team-report.md');
    await writeText(doc, report);
    await setting().update('template', 'scratch/team/outage.md', vscode.ConfigurationTarget.Workspace);
    await open(doc);
    await waitForDiagnostics(doc, teamCheck, "the team template's invalid-choice on Impact");
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc, new vscode.Position(4, 13));
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    assert.deepEqual(labels.filter((l) => ['NONE', 'SOME', 'ALL'].includes(l)), ['NONE', 'SOME', 'ALL']);

    await writeText(schema, badSchema);
    const onSchema = await waitForDiagnostics(schema, (d) => d.some((x) => ruleOf(x) === 'template-schema'), 'template-schema diagnostics on the broken schema');
    assert.equal(onSchema[0].range.start.line, badLine);
    assert.match(onSchema[0].message, /fields\.0\.kind: unknown kind 'colour'/);
    await waitForDiagnostics(doc, (d) => d.length === 0, 'no diagnostics on the report with the shipped template in use');

    await writeText(schema, customSchema);
    await waitForDiagnostics(schema, (d) => d.length === 0, 'the schema diagnostics cleared once it is mended');
    await waitForDiagnostics(doc, teamCheck, 'the team template back after mending the schema');
  });
});
