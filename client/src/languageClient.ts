/** The language client: how the bundled server is started and which documents it sees. */
import type * as vscode from 'vscode';
import { LanguageClient, RevealOutputChannelOn, TransportKind, type ErrorHandler, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { configurationSection, type InitializationOptions } from '../../common/protocol';

/** Client id: also the prefix of the `postmortem.trace.server` setting the client reads. */
export const clientId = 'postmortem';
export const clientName = 'Post-Mortem Authoring';
export const cursorCommand = 'postmortem.internal.setCursor';

export function createLanguageClient(
  context: vscode.ExtensionContext,
  outputChannel: vscode.LogOutputChannel,
  errorHandler: ErrorHandler,
): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const initializationOptions: InitializationOptions = { cursorCommand };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'markdown' },
      { scheme: 'untitled', language: 'markdown' },
    ],
    synchronize: { configurationSection },
    initializationOptions,
    outputChannel,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    errorHandler,
  };
  return new LanguageClient(clientId, clientName, serverOptions, clientOptions);
}
