/** What the in-host tests share: the workspace, documents, and waiting on the editor's events. */
import * as assert from 'node:assert/strict';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import * as vscode from 'vscode';

export const extensionId = 'postmortem-authoring.postmortem-authoring';
export const diagnosticSource = 'postmortem';

/** How long a test waits for the language server before it says what it did not see. */
/**
 * postmortems/2026-02-02-search-index-stall.md, the partly filled fixture: one or more findings
 * of every rule, as line:character rule (1-based lines).
 */
export const partialFixture = {
  path: 'postmortems/2026-02-02-search-index-stall.md',
  expected: [
    '1:0 missing-section', // Incident Classification removed
    '5:17 id-format', // **Incident ID**: INC-4521 (PagerDuty)
    '7:14 unfilled-placeholder', // **Duration**: [TOTAL DURATION]
    '8:14 invalid-choice', // **Severity**: SEVERE
    '27:2 timeline-invalid-time', // 09:2x
    '28:0 timeline-cell-count', // a row of 3 cells
    '29:0 timeline-empty-cell', // | 10:02 | ... | ? |
    '31:2 timeline-out-of-order', // 10:31 below 10:40
    '120:11 invalid-value', // CPU Usage: 140%
    '134:0 empty-section', // ## Lessons Learned with nothing under it
    '145:52 action-item-overdue', // - [ ] Canary stage for configuration - Lena Ortiz - 2026-02-09
    '149:6 action-item-incomplete', // - [ ] Back-pressure in the database pool
    '190:20 choice-alias', // **Before Fixes**: Moderate
    '212:17 ambiguous-date', // ### Review Date: 04/03/2026
    '236:20 unfilled-placeholder', // **Technical Lead**: ____
    '236:47 unfilled-placeholder', // ... Date: ____
  ],
};

export const serverTimeoutMs = Number(process.env.POSTMORTEM_E2E_SERVER_TIMEOUT) || 15000;

/**
 * Whether any `postmortem` diagnostic has been seen in this run. Once a wait has timed out
 * without one, the server is taken to be down and later waits give up after a short time, so a
 * broken build fails in seconds per test, not in minutes.
 */
let seenServer = false;
let serverDown = false;
vscode.languages.onDidChangeDiagnostics((event) => {
  if (!seenServer) seenServer = event.uris.some((uri) => postmortemDiagnostics(uri).length > 0);
});

export function extension(): vscode.Extension<unknown> {
  const ext = vscode.extensions.getExtension(extensionId);
  assert.ok(ext, `extension ${extensionId} is not loaded in this editor (extensionDevelopmentPath wrong?)`);
  return ext;
}

export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the editor has no workspace folder open (the launcher opens the fixture workspace)');
  return folder.uri;
}

export function workspaceUri(relative: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), ...relative.split('/'));
}

// Files are read and written with Node's fs: the extension host runs beside the workspace (in
// code-server and in desktop VS Code alike), and this skips a round trip through the workbench.
export async function readText(uri: vscode.Uri): Promise<string> {
  return readFile(uri.fsPath, 'utf8');
}

export async function writeText(uri: vscode.Uri, text: string): Promise<void> {
  await mkdir(dirname(uri.fsPath), { recursive: true });
  await writeFile(uri.fsPath, text);
}

let scratchCount = 0;
/**
 * A new file under scratch/ holding `text` (by default a fixture's), so that a test that edits a
 * document never changes what another test reads.
 */
export async function scratchCopy(fixture: string, transform: (text: string) => string = (t) => t): Promise<vscode.Uri> {
  const name = fixture.split('/').pop()!.replace(/\.md$/, '');
  const copy = ++scratchCount;
  // A copy is another post-mortem: with the fixture's Incident ID it would be a duplicate-incident-id of it.
  // (Digits added to its last number: the ID keeps the form it had, in the template's format or not.)
  const text = transform(await readText(workspaceUri(fixture))).replace(/^(\*\*Incident ID\*\*:[ \t]*[^\s(]*\d)(?=[\s(]|$)/m, `$1${copy}`);
  const uri = workspaceUri(`scratch/${name}-${copy}.md`);
  await writeText(uri, text);
  return uri;
}

export async function open(uri: vscode.Uri): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(uri);
  return vscode.window.showTextDocument(document, { preview: false });
}

export function ruleOf(diagnostic: vscode.Diagnostic): string {
  const code = diagnostic.code;
  if (code === undefined) return '(no code)';
  return typeof code === 'object' ? String(code.value) : String(code);
}

export function postmortemDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === diagnosticSource);
}

/** `line:character rule` with 1-based lines, as a person reads them in the Problems panel. */
export function keyOf(diagnostic: vscode.Diagnostic): string {
  return `${diagnostic.range.start.line + 1}:${diagnostic.range.start.character} ${ruleOf(diagnostic)}`;
}

export function summary(diagnostics: readonly vscode.Diagnostic[]): string[] {
  return diagnostics.map(keyOf).sort(compareKeys);
}

function compareKeys(a: string, b: string): number {
  const [la, ca] = a.split(/[: ]/).map(Number);
  const [lb, cb] = b.split(/[: ]/).map(Number);
  return la - lb || ca - cb || a.localeCompare(b);
}

function listForMessage(diagnostics: readonly vscode.Diagnostic[], max = 25): string {
  if (diagnostics.length === 0) return '(none)';
  const lines = summary(diagnostics);
  const shown = lines.slice(0, max).join('\n      ');
  return `${diagnostics.length}:\n      ${shown}${lines.length > max ? `\n      ... ${lines.length - max} more` : ''}`;
}

/**
 * Resolves with the document's `postmortem` diagnostics as soon as `predicate` holds for them,
 * checking now and on every `onDidChangeDiagnostics` for the document: never a sleep. On timeout
 * it says what it waited for and what the editor had instead.
 */
export function waitForDiagnostics(
  uri: vscode.Uri,
  predicate: (diagnostics: vscode.Diagnostic[]) => boolean,
  what: string,
  timeoutMs = serverTimeoutMs,
): Promise<vscode.Diagnostic[]> {
  if (serverDown && !seenServer) timeoutMs = Math.min(timeoutMs, 2000);
  return new Promise((resolve, reject) => {
    let everFromServer = postmortemDiagnostics(uri).length > 0;
    const check = (): boolean => {
      const diagnostics = postmortemDiagnostics(uri);
      if (diagnostics.length) everFromServer = true;
      if (!predicate(diagnostics)) return false;
      clearTimeout(timer);
      subscription.dispose();
      resolve(diagnostics);
      return true;
    };
    const subscription = vscode.languages.onDidChangeDiagnostics((event) => {
      if (event.uris.some((u) => u.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      subscription.dispose();
      const name = vscode.workspace.asRelativePath(uri);
      if (!seenServer) serverDown = true;
      const hint = everFromServer
        ? ''
        : `\n    No '${diagnosticSource}' diagnostic at all arrived for ${name}: the language server is most likely not ` +
          `running (was its bundle packaged? the launcher prints the extension's output channel).`;
      reject(
        new Error(
          `${what}: not seen within ${timeoutMs} ms on ${name}.\n    Diagnostics there now: ` +
            `${listForMessage(postmortemDiagnostics(uri))}${hint}`,
        ),
      );
    }, timeoutMs);
    check();
  });
}

/** Waits until the document's diagnostics are exactly `expected` (`line:character rule`, 1-based lines). */
export async function waitForExactly(uri: vscode.Uri, expected: readonly string[], what: string): Promise<vscode.Diagnostic[]> {
  const want = [...expected].sort(compareKeys);
  try {
    return await waitForDiagnostics(uri, (d) => JSON.stringify(summary(d)) === JSON.stringify(want), what);
  } catch (error) {
    const have = summary(postmortemDiagnostics(uri));
    const missing = want.filter((k) => !have.includes(k));
    const extra = have.filter((k) => !want.includes(k));
    throw new Error(
      `${(error as Error).message}\n    Missing: ${missing.join(', ') || '(none)'}\n    Unexpected: ${extra.join(', ') || '(none)'}`,
    );
  }
}

/**
 * Waits for the server to have analysed the editor's document and found it clean. An empty list
 * is also what a document has before the server answers, so this first puts the template's
 * placeholder back on the Severity line, waits for the server to report it, then undoes it and
 * waits for the list to empty again.
 */
export async function waitForClean(editor: vscode.TextEditor, what: string): Promise<void> {
  const uri = editor.document.uri;
  const line = findLine(editor.document, /^\*\*Severity\*\*:/);
  const original = editor.document.lineAt(line).text;
  await replaceLine(editor, line, '**Severity**: [CRITICAL/HIGH/MEDIUM/LOW]');
  await waitForDiagnostics(
    uri,
    (d) => d.length >= 1 && d.every((x) => x.range.start.line === line),
    `${what}: the server reports the placeholder put back on line ${line + 1}`,
  );
  await replaceLine(editor, line, original);
  await waitForDiagnostics(uri, (d) => d.length === 0, `${what}: no diagnostics`);
}

/** Replaces a line's text through a workspace edit (works whether or not the editor is visible). */
export async function replaceLine(editor: vscode.TextEditor, line: number, text: string): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  edit.replace(editor.document.uri, editor.document.lineAt(line).range, text);
  assert.ok(await vscode.workspace.applyEdit(edit), `editing line ${line + 1} of ${editor.document.uri.path} failed`);
}

export function findLine(document: vscode.TextDocument, pattern: RegExp | string): number {
  for (let line = 0; line < document.lineCount; line++) {
    const text = document.lineAt(line).text;
    if (typeof pattern === 'string' ? text === pattern : pattern.test(text)) return line;
  }
  assert.fail(`no line matching ${pattern} in ${vscode.workspace.asRelativePath(document.uri)}`);
}

/** Applies a code action as the editor does: its workspace edit, then its command. */
export async function applyCodeAction(action: vscode.CodeAction | vscode.Command): Promise<void> {
  if ('edit' in action || 'kind' in action || 'diagnostics' in action || 'isPreferred' in action) {
    const codeAction = action as vscode.CodeAction;
    if (codeAction.edit) assert.ok(await vscode.workspace.applyEdit(codeAction.edit), `applying "${codeAction.title}" failed`);
    if (codeAction.command) await vscode.commands.executeCommand(codeAction.command.command, ...(codeAction.command.arguments ?? []));
  } else {
    const command = action as vscode.Command;
    await vscode.commands.executeCommand(command.command, ...(command.arguments ?? []));
  }
}

export async function codeActionsAt(uri: vscode.Uri, range: vscode.Range): Promise<(vscode.CodeAction | vscode.Command)[]> {
  return (await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', uri, range)) ?? [];
}

/** Today's date as YYYY-MM-DD in local time, as New Post-Mortem names files. */
export function today(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Resolves when `condition` holds, checked now and on every change of the active editor. */
export function waitForActiveEditor(condition: (editor: vscode.TextEditor) => boolean, what: string, timeoutMs = serverTimeoutMs): Promise<vscode.TextEditor> {
  return new Promise((resolve, reject) => {
    const check = (editor: vscode.TextEditor | undefined): void => {
      if (!editor || !condition(editor)) return;
      clearTimeout(timer);
      subscription.dispose();
      resolve(editor);
    };
    const subscription = vscode.window.onDidChangeActiveTextEditor(check);
    const timer = setTimeout(() => {
      subscription.dispose();
      const active = vscode.window.activeTextEditor?.document.uri;
      reject(new Error(`${what}: not seen within ${timeoutMs} ms; active editor: ${active ? vscode.workspace.asRelativePath(active) : 'none'}`));
    }, timeoutMs);
    check(vscode.window.activeTextEditor);
  });
}

/** Saves what the tests changed (scratch files only) and closes every editor, without prompts. */
export async function closeAllEditors(): Promise<void> {
  await vscode.workspace.saveAll(false);
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}
