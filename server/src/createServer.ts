/**
 * The language server over a connection and a host: initialize, then each area's handlers
 * (handlers/). Wiring only: the features are the service's, the state is the context's.
 */
import { DidChangeConfigurationNotification, TextDocuments, TextDocumentSyncKind, type Connection, type InitializeResult } from 'vscode-languageserver/node';
import { fillMetricsCommand, type InitializationOptions } from '../../common/protocol';
import { ServerContext } from './context';
import { openDocuments } from './documents';
import { registerDiagnostics } from './handlers/diagnostics';
import { registerEditing } from './handlers/editing';
import { registerProgress } from './handlers/progress';
import { registerMetrics } from './handlers/metrics';
import { registerTemplate } from './handlers/template';
import { registerWorkspace, watchWorkspaceFolders } from './handlers/workspace';
import { registerWorkspaceIndex } from './handlers/workspaceIndex';
import type { ServerHost } from './host';
import { codeActionKinds, completionTriggerCharacters } from './service/service';
import { SettingsStore } from './settings';

export function createServer(connection: Connection, host: ServerHost): ServerContext {
  let context: ServerContext;
  const documents = new TextDocuments(openDocuments(() => context.service()));
  context = new ServerContext(connection, host, documents);

  connection.onInitialize((params): InitializeResult => {
    const capabilities = params.capabilities;
    const options = (params.initializationOptions ?? {}) as InitializationOptions;
    const watchedFiles = capabilities.workspace?.didChangeWatchedFiles;
    context.capabilities = {
      pullDiagnostics: !!capabilities.textDocument?.diagnostic,
      refreshSupport: !!capabilities.workspace?.diagnostics?.refreshSupport,
      configurationChangeRegistration: !!capabilities.workspace?.didChangeConfiguration?.dynamicRegistration,
      folderChanges: !!capabilities.workspace?.workspaceFolders,
      watchedFiles: !!watchedFiles?.dynamicRegistration,
      relativePatterns: !!watchedFiles?.relativePatternSupport,
      cursorCommand: typeof options.cursorCommand === 'string' ? options.cursorCommand : undefined,
      inlayHintRefresh: !!capabilities.workspace?.inlayHint?.refreshSupport,
      codeLensRefresh: !!capabilities.workspace?.codeLens?.refreshSupport,
      workDoneProgress: !!capabilities.window?.workDoneProgress,
      indexNotifications: options.workspaceIndexViews === true,
    };
    context.workspaceFolders = (params.workspaceFolders ?? []).map((f) => f.uri);
    if (context.workspaceFolders.length === 0 && params.rootUri) context.workspaceFolders = [params.rootUri];
    context.settings = new SettingsStore(connection, !!capabilities.workspace?.configuration, context.log.bind(context));
    context.settings.setGlobal(options.settings);
    registerTemplate(context, options.trusted === true);

    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        completionProvider: { triggerCharacters: completionTriggerCharacters, resolveProvider: false },
        hoverProvider: true,
        codeActionProvider: { codeActionKinds, resolveProvider: false },
        inlayHintProvider: true,
        codeLensProvider: { resolveProvider: false },
        selectionRangeProvider: true,
        workspaceSymbolProvider: true,
        executeCommandProvider: { commands: [fillMetricsCommand] },
        diagnosticProvider: context.capabilities.pullDiagnostics ? { identifier: 'postmortem', interFileDependencies: false, workspaceDiagnostics: false } : undefined,
        workspace: context.capabilities.folderChanges ? { workspaceFolders: { supported: true, changeNotifications: true } } : undefined,
      },
      serverInfo: { name: 'postmortem-language-server', version: '0.1.0' },
    };
  });

  connection.onInitialized(() => {
    context.initialized = true;
    if (context.capabilities.configurationChangeRegistration) void connection.client.register(DidChangeConfigurationNotification.type, undefined);
    if (context.capabilities.folderChanges) watchWorkspaceFolders(context);
    // Ready for the first document, unless one is already here to make it.
    setImmediate(() => context.service());
    void context.templates?.reload();
    workspaceIndex.start();
  });

  connection.onDidChangeWatchedFiles((change) => context.watchedFilesChanged(change.changes));
  registerDiagnostics(context);
  registerEditing(context);
  registerMetrics(context);
  registerProgress(context);
  registerWorkspace(context);
  const workspaceIndex = registerWorkspaceIndex(context);
  context.index = workspaceIndex.index;
  documents.listen(connection);
  return context;
}
