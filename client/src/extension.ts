/**
 * The extension's entry point: starts the Post-Mortem language server and registers the
 * commands. Activation only creates objects; the server starts in the background.
 */
import type MarkdownIt from 'markdown-it';
import * as vscode from 'vscode';
import { registerFillInCommands } from './commands/fillIn';
import { registerNewPostmortemCommand } from './commands/newPostmortem';
import { extendMarkdownIt } from './preview/preview';
import { registerSetCursorCommand } from './commands/setCursor';
import { clientName, createLanguageClient } from './languageClient';
import { RestartBudget } from './restartBudget';
import { registerRuleDocs } from './ruleDocs';
import { registerStatusBar } from './statusBar';
import { ServerController } from './serverController';
import { registerWorkspaceTrust } from './workspaceTrust';
import { registerWorkspaceViews } from './views/workspaceViews';

export const restartServerCommand = 'postmortem.restartServer';

let controller: ServerController | undefined;

export function activate(context: vscode.ExtensionContext): { extendMarkdownIt(md: MarkdownIt): MarkdownIt } {
  const output = vscode.window.createOutputChannel(clientName, { log: true });
  const budget = new RestartBudget();
  const offerRestart = (restarts: number, windowMs: number) => {
    const message = `The Post-Mortem language server stopped ${restarts + 1} times within ${windowMs / 60000} minutes and was not restarted. Post-mortem checks and completions are off until it is.`;
    void vscode.window.showErrorMessage(message, 'Restart', 'Show Output').then((choice) => {
      if (choice === 'Restart') void vscode.commands.executeCommand(restartServerCommand);
      else if (choice === 'Show Output') output.show(true);
    });
  };
  const serverController = new ServerController(
    (isCurrent) => createLanguageClient(context, output, { budget, isCurrent, onGiveUp: offerRestart }),
    (message) => output.warn(message),
  );
  controller = serverController;

  context.subscriptions.push(
    output,
    registerSetCursorCommand(),
    registerNewPostmortemCommand(serverController, output),
    registerWorkspaceTrust(serverController, output),
    registerStatusBar(serverController, output),
    registerFillInCommands(serverController, output),
    registerRuleDocs(context),
    registerWorkspaceViews(context, serverController, output),
    vscode.commands.registerCommand(restartServerCommand, async () => {
      budget.reset();
      await serverController.restart();
      if (await serverController.start()) {
        vscode.window.setStatusBarMessage('Post-Mortem language server restarted', 3000);
      } else {
        const choice = await vscode.window.showErrorMessage('The Post-Mortem language server did not start.', 'Show Output');
        if (choice === 'Show Output') output.show(true);
      }
    }),
    { dispose: () => void serverController.dispose() },
  );
  void serverController.start();
  // The Markdown preview marks the placeholders left in a post-mortem (markdown.markdownItPlugins).
  return { extendMarkdownIt: (md: MarkdownIt) => extendMarkdownIt(md, serverController) };
}

export function deactivate(): Promise<void> | undefined {
  const stopping = controller?.dispose();
  controller = undefined;
  return stopping;
}
