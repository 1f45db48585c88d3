/** The language client: how the bundled server is started and which documents it sees. */
import * as path from 'node:path';
import type * as vscode from 'vscode';
import { LanguageClient, RevealOutputChannelOn, State, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { configurationSection, type InitializationOptions } from '../../common/protocol';
import { createErrorHandler, type ErrorHandlerOptions } from './errorHandler';
import { renderedRuleLink } from './ruleDocs';
import { serverEnvironment } from './serverEnvironment';
import { isWorkspaceTrusted } from './workspaceTrust';

/** Client id: also the prefix of the `postmortem.trace.server` setting the client reads. */
export const clientId = 'postmortem';
export const clientName = 'Post-Mortem Authoring';
export const cursorCommand = 'postmortem.internal.setCursor';

/**
 * The language client, quiet where the library would pop up "couldn't create connection to
 * server" or "Server initialization failed" for a start that fails while the error handler restarts a crashed server (it tells the
 * user once, when it gives up) or for a client that Restart Server has already replaced.
 */
export class PostmortemLanguageClient extends LanguageClient {
  private restartingAfterCrash = false;
  private isCurrent: (() => boolean) | undefined;

  constructor(serverOptions: ServerOptions, clientOptions: LanguageClientOptions, isCurrent: () => boolean) {
    super(clientId, clientName, serverOptions, clientOptions);
    this.isCurrent = isCurrent;
    this.onDidChangeState(({ newState }) => {
      if (newState === State.Running) this.restartingAfterCrash = false;
    });
  }

  /** Until the server runs again, start failures go to the output only. */
  restartAfterCrash(): void {
    this.restartingAfterCrash = true;
  }

  override error(message: string, data?: unknown, showNotification: boolean | 'force' = true): void {
    const replaced = this.isCurrent !== undefined && !this.isCurrent();
    const quiet = showNotification === 'force' && (this.restartingAfterCrash || replaced);
    super.error(message, data, quiet ? false : showNotification);
  }
}

export function createLanguageClient(
  context: vscode.ExtensionContext,
  outputChannel: vscode.LogOutputChannel,
  handler: Omit<ErrorHandlerOptions, 'onRestart'>,
): PostmortemLanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  // The server keeps its compiled code here, so starts after the first skip compiling it (server/src/bootstrap.ts).
  const storage = context.globalStorageUri;
  const env = { ...serverEnvironment, POSTMORTEM_CODE_CACHE_DIR: storage.scheme === 'file' ? path.join(storage.fsPath, 'code-cache') : undefined };
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc, options: { env } },
    debug: { module, transport: TransportKind.ipc, options: { env, execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  // Trust as it is now: a restarted server gets it anew, a running one by notification (workspaceTrust.ts).
  const initializationOptions: InitializationOptions = { cursorCommand, trusted: isWorkspaceTrusted(), workspaceIndexViews: true };
  let client: PostmortemLanguageClient | undefined;
  const withRenderedLink = (diagnostic: vscode.Diagnostic): vscode.Diagnostic => {
    if (typeof diagnostic.code === 'object' && diagnostic.code.target) diagnostic.code = { value: diagnostic.code.value, target: renderedRuleLink(context, diagnostic.code.target) };
    return diagnostic;
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'markdown' },
      { scheme: 'untitled', language: 'markdown' },
    ],
    synchronize: { configurationSection },
    initializationOptions,
    outputChannel,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    // A rule's link opens its page rendered, not its Markdown source (ruleDocs.ts).
    middleware: {
      handleDiagnostics: (uri, diagnostics, next) => next(uri, diagnostics.map(withRenderedLink)),
      provideDiagnostics: async (document, previousResultId, token, next) => {
        const report = await next(document, previousResultId, token);
        if (report && report.kind === 'full') report.items = report.items.map(withRenderedLink);
        return report;
      },
    },
    errorHandler: createErrorHandler({ ...handler, onRestart: () => client?.restartAfterCrash() }),
    // As the library does by default, but through error() so a restart after a crash stays quiet.
    initializationFailedHandler: (error) => {
      client?.error('Server initialization failed.', error, 'force');
      return false;
    },
  };
  client = new PostmortemLanguageClient(serverOptions, clientOptions, handler.isCurrent);
  return client;
}
