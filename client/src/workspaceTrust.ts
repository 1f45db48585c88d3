/**
 * Workspace trust, as the server needs it for `postmortem.template`: the client passes
 * `workspace.isTrusted` when it starts the server, and tells the running server when the user
 * grants trust later (VS Code does not restart extensions then). Untrusted, the server uses a
 * template only from inside a workspace folder.
 */
import * as vscode from 'vscode';
import { workspaceTrustedNotification, type WorkspaceTrustedParams } from '../../common/protocol';
import type { ServerController } from './serverController';

export function isWorkspaceTrusted(): boolean {
  return vscode.workspace.isTrusted;
}

export function registerWorkspaceTrust(controller: ServerController, output: vscode.LogOutputChannel): vscode.Disposable {
  return vscode.workspace.onDidGrantWorkspaceTrust(async () => {
    try {
      const client = await controller.runningClient();
      const params: WorkspaceTrustedParams = { trusted: true };
      await client.sendNotification(workspaceTrustedNotification, params);
    } catch (error) {
      // A server that is not running reads the trust from its initialization options when it starts.
      output.warn(`Telling the language server the workspace is trusted: ${(error as Error)?.message ?? error}`);
    }
  });
}
