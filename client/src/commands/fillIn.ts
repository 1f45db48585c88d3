/**
 * Filling a post-mortem in from the keyboard: Next Field / Previous Field (Alt+] / Alt+[) select
 * the next placeholder whole, so that typing replaces it; Tab and Shift+Tab move between the
 * cells of a table row, or to the next field from a selected placeholder; a double-click on a
 * placeholder selects all of it; Mark Ready for Review moves the review status when nothing
 * required is left. What a gap or a cell is, the server says (one reading of the document);
 * the context keys set here only decide when Tab is ours to take.
 */
import * as vscode from 'vscode';
import {
  cellStepRequest,
  gapStepRequest,
  placeholderAtRequest,
  readinessRequest,
  type CellStepParams,
  type GapStepParams,
  type GapStepResult,
  type PlaceholderAtParams,
  type ReadinessParams,
  type ReadinessResult,
} from '../../../common/protocol';
import type { ServerController } from '../serverController';

export const nextFieldCommand = 'postmortem.nextField';
export const previousFieldCommand = 'postmortem.previousField';
export const tabCommand = 'postmortem.tab';
export const shiftTabCommand = 'postmortem.shiftTab';
export const markReadyCommand = 'postmortem.markReadyForReview';
/** The status bar's list of what is left, per section (see statusBar.ts). */
export const showWhatIsLeftCommand = 'postmortem.showWhatIsLeft';

/** Context keys: the selection is exactly a placeholder or blank; the cursor is on a line with a table's pipe. */
const placeholderSelectedKey = 'postmortem.placeholderSelected';
const inTableRowKey = 'postmortem.inTableRow';

type Direction = 'next' | 'previous';

export function registerFillInCommands(controller: ServerController, output: vscode.LogOutputChannel): vscode.Disposable {
  const markdownEditor = () => {
    const editor = vscode.window.activeTextEditor;
    return editor && editor.document.languageId === 'markdown' ? editor : undefined;
  };
  const toRange = (r: { start: { line: number; character: number }; end: { line: number; character: number } }) =>
    new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
  const select = (editor: vscode.TextEditor, range: vscode.Range) => {
    editor.selection = new vscode.Selection(range.start, range.end);
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  };
  const fromServer = async <T>(method: string, params: unknown): Promise<T | null> => {
    try {
      return await (await controller.runningClient()).sendRequest<T | null>(method, params);
    } catch (error) {
      output.debug(`${method}: ${(error as Error)?.message ?? error}`);
      return null;
    }
  };

  const stepField = async (direction: Direction): Promise<boolean> => {
    const editor = markdownEditor();
    if (!editor) return false;
    const { selection, document } = editor;
    const params: GapStepParams = { uri: document.uri.toString(), selection: { start: selection.start, end: selection.end }, direction };
    const version = document.version;
    const step = await fromServer<NonNullable<GapStepResult>>(gapStepRequest, params);
    // Typed on meanwhile: the answer is of an older text.
    if (document.version !== version || vscode.window.activeTextEditor !== editor) return true;
    if (!step) {
      vscode.window.setStatusBarMessage('Post-mortem: nothing left to fill', 3000);
      return false;
    }
    select(editor, toRange(step.range));
    // Only where it went: the count of what is left is the status bar item's (an example list counts once there).
    if (step.wrapped) vscode.window.setStatusBarMessage(`Post-mortem: ${direction === 'next' ? 'back to the first field to fill' : 'on to the last field to fill'}`, 3000);
    return true;
  };

  /** Tab: the next cell of a table row, else (from a selected placeholder) the next field, else Tab's own work. */
  const tab = async (direction: Direction) => {
    const editor = markdownEditor();
    if (editor) {
      const { document, selection } = editor;
      const version = document.version;
      const params: CellStepParams = { uri: document.uri.toString(), position: selection.active, direction };
      const cell = await fromServer<{ start: vscode.Position; end: vscode.Position }>(cellStepRequest, params);
      if (document.version !== version) return;
      if (cell) {
        select(editor, toRange(cell));
        return;
      }
      if (isPlaceholderText(document.getText(selection)) && (await stepField(direction))) return;
    }
    await vscode.commands.executeCommand(direction === 'next' ? 'tab' : 'outdent');
  };

  const markReady = async () => {
    const editor = markdownEditor();
    if (!editor) {
      void vscode.window.showInformationMessage('Open a post-mortem to mark it ready for review.');
      return;
    }
    const { document } = editor;
    const params: ReadinessParams = { uri: document.uri.toString() };
    const readiness = await fromServer<NonNullable<ReadinessResult>>(readinessRequest, params);
    if (!readiness) {
      void vscode.window.showInformationMessage('This file is not checked as a post-mortem, or its template has no review statuses.');
      return;
    }
    if (!readiness.ready) {
      const sections = readiness.left.slice(0, 4).map((s) => `${s.title} (${s.count})`).join(', ');
      const more = readiness.left.length > 4 ? `, and ${readiness.left.length - 4} more section${readiness.left.length === 5 ? '' : 's'}` : '';
      const choice = await vscode.window.showWarningMessage(
        `Not ready for review: ${readiness.toFill} still to fill in, in ${sections}${more}. The status stays ${readiness.from ?? 'unset'}.`,
        'Next Field',
        'Show What Is Left',
      );
      if (choice === 'Next Field') await stepField('next');
      else if (choice === 'Show What Is Left') await vscode.commands.executeCommand(showWhatIsLeftCommand);
      return;
    }
    if (readiness.version !== document.version) {
      void vscode.window.showWarningMessage('The post-mortem changed meanwhile; run Mark Ready for Review again.');
      return;
    }
    const edit = new vscode.WorkspaceEdit();
    for (const e of readiness.edits) edit.replace(document.uri, toRange(e.range), e.newText);
    if (!(await vscode.workspace.applyEdit(edit))) {
      void vscode.window.showErrorMessage('Could not write the review status into the front matter.');
      return;
    }
    void vscode.window.showInformationMessage(`Ready for review: nothing is left to fill in, and the status is now ${readiness.status}. Every gap from now on is an error.`);
  };

  // Context keys for Tab, from the selection alone (cheap on every move).
  let lastKeys = '';
  const updateKeys = (editor: vscode.TextEditor | undefined) => {
    const markdown = editor && editor.document.languageId === 'markdown' && editor.selections.length === 1 ? editor : undefined;
    // A placeholder is one line: a selection of the whole document is not copied to find out.
    const placeholder = !!markdown && markdown.selection.isSingleLine && !markdown.selection.isEmpty && isPlaceholderText(markdown.document.getText(markdown.selection));
    const inTable = !!markdown && markdown.document.lineAt(markdown.selection.active.line).text.includes('|');
    const keys = `${placeholder} ${inTable}`;
    if (keys === lastKeys) return;
    lastKeys = keys;
    void vscode.commands.executeCommand('setContext', placeholderSelectedKey, placeholder);
    void vscode.commands.executeCommand('setContext', inTableRowKey, inTable);
  };

  // A double-click selects a word; on a placeholder, all of it ([START TIME], not START).
  const expandDoubleClick = async (event: vscode.TextEditorSelectionChangeEvent) => {
    const editor = event.textEditor;
    if (event.kind !== vscode.TextEditorSelectionChangeKind.Mouse || editor.document.languageId !== 'markdown' || editor.selections.length !== 1) return;
    const selection = editor.selection;
    if (selection.isEmpty || !selection.isSingleLine) return;
    const line = editor.document.lineAt(selection.start.line).text;
    // Only a selection inside brackets or a run of underscores can be part of a placeholder.
    if (!/\[[^\]]*$/.test(line.slice(0, selection.start.character + 1)) && !line.slice(Math.max(0, selection.start.character - 1), selection.end.character + 1).includes('_')) return;
    const version = editor.document.version;
    const params: PlaceholderAtParams = { uri: editor.document.uri.toString(), position: selection.start };
    const placeholder = await fromServer<{ start: vscode.Position; end: vscode.Position }>(placeholderAtRequest, params);
    if (!placeholder || editor.document.version !== version || !editor.selection.isEqual(selection)) return;
    const range = toRange(placeholder);
    if (range.contains(selection) && !range.isEqual(selection)) editor.selection = new vscode.Selection(range.start, range.end);
  };

  updateKeys(vscode.window.activeTextEditor);
  return vscode.Disposable.from(
    vscode.commands.registerCommand(nextFieldCommand, () => stepField('next')),
    vscode.commands.registerCommand(previousFieldCommand, () => stepField('previous')),
    vscode.commands.registerCommand(tabCommand, () => tab('next')),
    vscode.commands.registerCommand(shiftTabCommand, () => tab('previous')),
    vscode.commands.registerCommand(markReadyCommand, markReady),
    vscode.window.onDidChangeTextEditorSelection((event) => {
      if (event.textEditor === vscode.window.activeTextEditor) updateKeys(event.textEditor);
      void expandDoubleClick(event);
    }),
    vscode.window.onDidChangeActiveTextEditor(updateKeys),
  );
}

/** Whether a selected text is a whole placeholder or blank, as the template writes them. */
export function isPlaceholderText(text: string): boolean {
  return /^\[[^[\]\n]+\]$/.test(text) || /^_{3,}$/.test(text);
}
