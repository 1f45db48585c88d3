/**
 * Post-Mortem: New Post-Mortem. Asks for a title, has the server make the document from the
 * template, and creates it in the workspace's post-mortem folder (never over an existing file),
 * or as an untitled document when no folder is open.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { newDocumentRequest, type NewDocumentParams, type NewDocumentResult } from '../../../common/protocol';
import { createExclusively, describeCreateError, ensureFolder } from '../newPostmortem/createFile';
import { withFolderLock } from '../newPostmortem/folderLock';
import { chooseFileName, lineEndingFor, localDate, slugify, withLineEndings } from '../newPostmortem/fileNames';
import { resolveTargetFolder } from '../newPostmortem/targetFolder';
import { readNewDocumentResult, validateTitle } from '../newPostmortem/validation';
import type { ServerController } from '../serverController';

export const newPostmortemCommand = 'postmortem.newPostmortem';

/** An error whose message is written for the author. */
class CommandError extends Error {}

export function registerNewPostmortemCommand(controller: ServerController, output: vscode.LogOutputChannel): vscode.Disposable {
  return vscode.commands.registerCommand(newPostmortemCommand, async () => {
    try {
      await newPostmortem(controller, output);
    } catch (error) {
      const message = error instanceof CommandError ? error.message : `New Post-Mortem failed: ${(error as Error)?.message ?? error}`;
      output.error(message);
      void vscode.window.showErrorMessage(message);
    }
  });
}

async function newPostmortem(controller: ServerController, output: vscode.LogOutputChannel): Promise<void> {
  const title = await vscode.window.showInputBox({
    title: 'New Post-Mortem',
    prompt: 'Title of the incident',
    placeHolder: 'Checkout latency after database failover',
    ignoreFocusOut: true,
    validateInput: validateTitle,
  });
  if (title === undefined) return;
  const folder = await pickWorkspaceFolder();
  if (folder === 'cancelled') return;
  const date = localDate(new Date());

  if (folder === undefined) {
    const result = await requestDocument(controller, { title: title.trim(), date });
    const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: result.text });
    await showNew(document, result);
    return;
  }

  const target = resolveTargetFolder(folder.uri.fsPath, vscode.workspace.getConfiguration('postmortem', folder.uri).get('folder'));
  if ('error' in target) throw new CommandError(target.error);
  const { folderPath } = target;
  try {
    await ensureFolder(folderPath);
  } catch (error) {
    throw new CommandError(describeCreateError(error, folderPath));
  }
  // A post-mortem of this title already there (of any date): the author may mean that one.
  const existing = await sameTitleIn(folderPath, title);
  if (existing) {
    const choice = await vscode.window.showWarningMessage(
      `A post-mortem titled "${title.trim()}" exists: ${existing}.`,
      { modal: true, detail: 'Open it, or create another post-mortem with a new Incident ID?' },
      'Open It',
      'Create Another',
    );
    if (choice === undefined) return;
    if (choice === 'Open It') {
      await vscode.window.showTextDocument(vscode.Uri.file(path.join(folderPath, existing)), { preview: false });
      return;
    }
  }
  const eol = lineEndingFor(vscode.workspace.getConfiguration('files', folder.uri).get('eol'), process.platform);
  // One at a time per folder, in every window, so the server sees the file of the previous command and gives a new ID.
  const { filePath, result } = await withFolderLock(folderPath, async (locked) => {
    if (!locked) output.warn(`New Post-Mortem: another window held ${folderPath} for too long; going on, so the Incident ID may repeat one made at the same moment.`);
    const result = await requestDocument(controller, { title: title.trim(), date, folderPath });
    const fileName = chooseFileName(result.fileName, title, date);
    try {
      return { filePath: await createExclusively(folderPath, fileName, withLineEndings(result.text, eol)), result };
    } catch (error) {
      throw new CommandError(describeCreateError(error, folderPath));
    }
  }, {
    // Only if this window stalled for longer than the lock's stale time: the other window goes on too.
    onCompromised: (error) => output.warn(`New Post-Mortem: ${error.message} Going on, so the Incident ID may repeat one made at the same moment.`),
  });
  output.info(`New post-mortem ${result.incidentId} created: ${filePath}`);
  const document = await vscode.workspace.openTextDocument(vscode.Uri.file(filePath));
  await showNew(document, result);
}

/**
 * The new post-mortem's editor: its first placeholder selected, so that typing replaces it; and
 * the indentation the user's settings give Markdown, not the one guessed from the template's
 * three-space list items ("Spaces: 3"). The editor opens with the selection in place: set after
 * it opened, the keys typed in between went to the top of the file.
 */
async function showNew(document: vscode.TextDocument, result: NewDocumentResult): Promise<void> {
  const { start, end } = result.selection ?? { start: result.cursor, end: result.cursor };
  const range = document.validateRange(new vscode.Range(start.line, start.character, end.line, end.character));
  const editor = await vscode.window.showTextDocument(document, { preview: false, selection: range });
  const settings = vscode.workspace.getConfiguration('editor', { languageId: 'markdown', uri: document.uri });
  const tabSize = settings.get<number | string>('tabSize');
  const insertSpaces = settings.get<boolean | string>('insertSpaces');
  editor.options = {
    ...(typeof tabSize === 'number' ? { tabSize, indentSize: tabSize } : {}),
    ...(typeof insertSpaces === 'boolean' ? { insertSpaces } : {}),
  };
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

/** The latest Markdown file in the folder made for the same title (`<date>-<slug>.md` or `-2.md`..., as New Post-Mortem names them), if any. */
async function sameTitleIn(folderPath: string, title: string): Promise<string | undefined> {
  const slug = slugify(title);
  try {
    const names = await fs.promises.readdir(folderPath);
    // A slug is letters, digits and hyphens only: nothing to escape.
    const named = new RegExp(`^\\d{4}-\\d{2}-\\d{2}-${slug}(?:-\\d+)?\\.md$`, 'i');
    return names.filter((name) => named.test(name)).sort().pop();
  } catch {
    return undefined;
  }
}

/** The workspace folder on disk to create the file in; undefined when there is none. */
async function pickWorkspaceFolder(): Promise<vscode.WorkspaceFolder | undefined | 'cancelled'> {
  const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file');
  if (folders.length <= 1) return folders[0];
  const picked = await vscode.window.showQuickPick(
    folders.map((folder) => ({ label: folder.name, description: folder.uri.fsPath, folder })),
    { title: 'New Post-Mortem', placeHolder: 'Workspace folder for the new post-mortem', ignoreFocusOut: true },
  );
  return picked?.folder ?? 'cancelled';
}

async function requestDocument(controller: ServerController, params: NewDocumentParams): Promise<NewDocumentResult> {
  const client = await controller.runningClient().catch((error: Error) => {
    throw new CommandError(error.message);
  });
  let answer: unknown;
  try {
    answer = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'New Post-Mortem' }, () =>
      client.sendRequest(newDocumentRequest, params),
    );
  } catch (error) {
    throw new CommandError(`The language server could not make the new post-mortem: ${(error as Error)?.message ?? error}`);
  }
  const result = readNewDocumentResult(answer);
  if (!result) throw new CommandError('The language server answered New Post-Mortem with something that is not a document.');
  return result;
}
