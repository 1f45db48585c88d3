/** Post-Mortem: New Post-Mortem from the command palette, and the contributed snippets. */
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import * as vscode from 'vscode';
import { extension, readText, today, waitForActiveEditor, waitForDiagnostics, workspaceUri, writeText } from './helpers';

const newCommand = 'postmortem.newPostmortem';
const title = 'Disk full on ledger primary';
const slug = 'disk-full-on-ledger-primary';

function incidentIdOf(text: string): string | undefined {
  return /^\*\*Incident ID\*\*:[ \t]*(.*?)\s*$/m.exec(text)?.[1];
}

/** Incident IDs of the post-mortems in postmortems/, by file name. */
async function idsInFolder(): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const name of await readdir(workspaceUri('postmortems').fsPath)) {
    if (!name.endsWith('.md')) continue;
    const id = incidentIdOf(await readText(workspaceUri(`postmortems/${name}`)));
    if (id) ids.set(name, id);
  }
  return ids;
}

function exists(uri: vscode.Uri): boolean {
  return existsSync(uri.fsPath);
}

type InputBox = typeof vscode.window.showInputBox;

/**
 * Runs New Post-Mortem as a person would, answering its title prompt with `answer`. The prompt is
 * stubbed on the `vscode` API object this suite shares with the extension (the suite is loaded
 * from inside the extension's folder), and put back afterwards.
 */
async function runNewPostmortem(answer: string, sameTitle?: 'Open It' | 'Create Another'): Promise<{ prompts: vscode.InputBoxOptions[]; warnings: string[] }> {
  const window = vscode.window as { showInputBox: InputBox; showWarningMessage: (message: string, ...rest: unknown[]) => Thenable<unknown> };
  const original = window.showInputBox;
  const originalWarning = window.showWarningMessage;
  const prompts: vscode.InputBoxOptions[] = [];
  const warnings: string[] = [];
  // The question New Post-Mortem asks when the title is taken, answered as `sameTitle`.
  window.showWarningMessage = async (message: string) => {
    warnings.push(message);
    return sameTitle;
  };
  window.showInputBox = (async (options?: vscode.InputBoxOptions) => {
    prompts.push(options ?? {});
    const problem = await options?.validateInput?.(answer);
    assert.ok(!problem, `the title prompt rejects "${answer}": ${JSON.stringify(problem)}`);
    return answer;
  }) as InputBox;
  assert.equal(vscode.window.showInputBox, window.showInputBox, 'could not stub window.showInputBox');
  try {
    await vscode.commands.executeCommand(newCommand);
  } finally {
    window.showInputBox = original;
    window.showWarningMessage = originalWarning;
  }
  assert.ok(prompts.length > 0, `${newCommand} never asked for a title (did it run? is the window.showInputBox stub shared with the extension?)`);
  return { prompts, warnings };
}

describe('New Post-Mortem', () => {
  let firstId: string | undefined;

  before(async () => {
    // Post-mortems of today already in the folder hold the IDs the command would otherwise take.
    const date = today();
    const compact = date.replace(/-/g, '');
    const filled = await readText(workspaceUri('postmortems/2026-03-14-checkout-latency.md'));
    for (const [i, id] of [`INC-${compact}-01`, `INC-${compact}-02`].entries()) {
      await writeText(workspaceUri(`postmortems/${date}-earlier-incident-${i + 1}.md`), filled.replace(/^(\*\*Incident ID\*\*:).*$/m, `$1 ${id}`));
    }
  });

  it('is contributed to the command palette', async () => {
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes(newCommand), `${newCommand} is not registered`);
    const manifest = extension().packageJSON as { contributes?: { commands?: { command: string; title: string; category?: string }[] } };
    const entry = manifest.contributes?.commands?.find((c) => c.command === newCommand);
    assert.ok(entry, `${newCommand} is not in contributes.commands`);
    assert.equal(`${entry.category ? `${entry.category}: ` : ''}${entry.title}`, 'Post-Mortem: New Post-Mortem');
  });

  it('creates postmortems/YYYY-MM-DD-<slug>.md from the template with a unique Incident ID, and opens it', async () => {
    const before = await idsInFolder();
    const expected = workspaceUri(`postmortems/${today()}-${slug}.md`);
    assert.equal(exists(expected), false, 'the workspace already has the file the test expects to be created');
    await runNewPostmortem(title);
    const editor = await waitForActiveEditor((e) => e.document.uri.path === expected.path, `an editor on ${expected.path}`);
    assert.ok(exists(expected), `${expected.path} is not on disk`);
    const text = editor.document.getText();
    // A draft, in front matter, then the title heading.
    assert.deepEqual(text.split(/\r?\n/).slice(0, 3), ['---', 'status: draft', '---']);
    assert.match(text.split(/\r?\n/)[3], new RegExp(`^# .*${title}`), 'the first heading carries the title');
    // The first placeholder is selected: typing replaces it.
    assert.equal(editor.document.getText(editor.selection), '[START TIME]');
    await editor.edit((edit) => edit.replace(editor.selection, '14:02'));
    assert.match(editor.document.getText(), /^\*\*Date\/Time\*\*: \d{4}-\d{2}-\d{2} 14:02 - \[END TIME\]$/m);
    await vscode.commands.executeCommand('workbench.action.files.save');
    firstId = incidentIdOf(text);
    assert.ok(firstId && !firstId.includes('['), `no generated Incident ID in the new document: ${firstId}`);
    assert.ok(![...before.values()].includes(firstId), `Incident ID ${firstId} is already used in postmortems/: ${[...before].map(([f, id]) => `${f}=${id}`).join(', ')}`);
    assert.match(text, /^## Timeline$/m, 'the body is the template');
  });

  it('asks before making a second post-mortem of a title, and opens the first one when asked to', async () => {
    const first = workspaceUri(`postmortems/${today()}-${slug}.md`);
    const namesBefore = await readdir(workspaceUri('postmortems').fsPath);
    const { warnings } = await runNewPostmortem(title, 'Open It');
    assert.deepEqual(warnings, [`A post-mortem titled "${title}" exists: ${today()}-${slug}.md.`]);
    await waitForActiveEditor((e) => e.document.uri.path === first.path, `an editor on ${first.path}`);
    assert.deepEqual(await readdir(workspaceUri('postmortems').fsPath), namesBefore, 'a file was created');
  });

  it('never overwrites: the same title again creates ...-2.md and leaves the first file as it was', async () => {
    const first = workspaceUri(`postmortems/${today()}-${slug}.md`);
    const second = workspaceUri(`postmortems/${today()}-${slug}-2.md`);
    assert.ok(firstId, 'depends on the previous test');
    // The first file as the author left it: saved with an edit of theirs.
    const firstText = (await readText(first)).replace(/^(### What Happened\?\r?\n).*$/m, '$1The ledger primary ran out of disk.');
    await writeText(first, firstText);
    const bytesBefore = readFileSync(first.fsPath);
    const before = await idsInFolder();
    await runNewPostmortem(title, 'Create Another');
    const editor = await waitForActiveEditor((e) => e.document.uri.path === second.path, `an editor on ${second.path}`);
    const bytesAfter = readFileSync(first.fsPath);
    assert.ok(bytesAfter.equals(bytesBefore), `${first.path} was changed`);
    const secondId = incidentIdOf(editor.document.getText());
    assert.ok(secondId && !secondId.includes('['), `no generated Incident ID in ${second.path}`);
    assert.ok(![...before.values()].includes(secondId), `Incident ID ${secondId} is already used in postmortems/`);
    assert.notEqual(secondId, firstId);
  });
});

describe('Snippets', () => {
  it('are offered by Ctrl+Space in a post-mortem, above words, and not in other Markdown files', async () => {
    const uri = workspaceUri('postmortems/2026-02-02-search-index-stall.md');
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document, { preview: false });
    // A blank line of the post-mortem, once the server has read it (its diagnostics are there).
    await waitForDiagnostics(uri, (d) => d.length > 0, 'the post-mortem checked');
    const blank = [...Array(document.lineCount).keys()].find((line) => line > 3 && document.lineAt(line).text === '')!;
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, new vscode.Position(blank, 0));
    const labelOf = (i: vscode.CompletionItem) => (typeof i.label === 'string' ? i.label : i.label.label);
    const ours = list.items.filter((i) => i.kind === vscode.CompletionItemKind.Snippet && labelOf(i).startsWith('pm-'));
    assert.deepEqual(ours.map(labelOf).sort(), ['pm-action', 'pm-factor', 'pm-lesson', 'pm-log', 'pm-timeline-row']);
    assert.ok(ours.every((i) => (i.sortText ?? '').startsWith('!')), 'sorted above words');
    // A README is no post-mortem: none of them there.
    const readme = workspaceUri('README.md');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(readme), { preview: false });
    const other = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', readme, new vscode.Position(0, 0));
    assert.deepEqual(other.items.filter((i) => labelOf(i).startsWith('pm-')).map(labelOf), []);
  });
});
