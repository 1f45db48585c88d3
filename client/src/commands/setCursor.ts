/**
 * The internal command the server attaches to code actions that insert text: it moves the
 * cursor of the editor showing the document to where the author types next.
 */
import * as vscode from 'vscode';
import { parseCursorArgs } from '../cursorArgs';
import { cursorCommand } from '../languageClient';

export function registerSetCursorCommand(): vscode.Disposable {
  return vscode.commands.registerCommand(cursorCommand, (arg: unknown): boolean => {
    const args = parseCursorArgs(arg);
    if (!args) return false;
    const editor = editorShowing(vscode.Uri.parse(args.uri));
    if (!editor) return false;
    placeCursor(editor, args.line, args.character);
    return true;
  });
}

/** The active editor when it shows `uri`, else a visible one that does. */
function editorShowing(uri: vscode.Uri): vscode.TextEditor | undefined {
  const key = uri.toString();
  const active = vscode.window.activeTextEditor;
  if (active?.document.uri.toString() === key) return active;
  return vscode.window.visibleTextEditors.find((editor) => editor.document.uri.toString() === key);
}

/** Puts the cursor at line/character (clamped to the document) and scrolls it into view. */
export function placeCursor(editor: vscode.TextEditor, line: number, character: number): void {
  const position = editor.document.validatePosition(new vscode.Position(line, character));
  editor.selection = new vscode.Selection(position, position);
  editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}
