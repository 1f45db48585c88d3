/**
 * Post-Mortem: New Post-Mortem. Asks for a title, has the server make the document from the
 * template, and creates it in the workspace's post-mortem folder (never over an existing file),
 * or as an untitled document when no folder is open.
 */
import * as vscode from 'vscode';
import { newDocumentRequest, type NewDocumentParams, type NewDocumentResult } from '../../../common/protocol';
import { createExclusively, describeCreateError, ensureFolder } from '../newPostmortem/createFile';
import { withFolderLock } from '../newPostmortem/folderLock';
import { chooseFileName, lineEndingFor, localDate, withLineEndings } from '../newPostmortem/fileNames';
import { resolveTargetFolder } from '../newPostmortem/targetFolder';
import { readNewDocumentResult, validateTitle } from '../newPostmortem/validation';
import type { ServerController } from '../serverController';
import { placeCursor } from './setCursor';

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
    placeCursor(await vscode.window.showTextDocument(document, { preview: false }), result.cursor.line, result.cursor.character);
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
  placeCursor(await vscode.window.showTextDocument(document, { preview: false }), result.cursor.line, result.cursor.character);
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
