/**
 * The language server: a thin adapter between LSP and the pure post-mortem service.
 * Run as `node dist/server.js --stdio` (any editor) or over IPC (VS Code).
 */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createConnection,
  DiagnosticSeverity,
  DidChangeConfigurationNotification,
  DocumentDiagnosticReportKind,
  ProposedFeatures,
  ResponseError,
  ErrorCodes,
  LSPErrorCodes,
  TextDocuments,
  TextDocumentSyncKind,
  type CancellationToken,
  type Diagnostic,
  type InitializeResult,
  type WorkspaceFoldersChangeEvent,
} from 'vscode-languageserver/node';
import {
  checkAsPostmortemRequest,
  documentStatusRequest,
  newDocumentRequest,
  workspaceTrustedNotification,
  type CheckAsPostmortemParams,
  type CheckAsPostmortemResult,
  type DocumentStatus,
  type DocumentStatusParams,
  type InitializationOptions,
  type NewDocumentParams,
  type PostmortemSettings,
  type WorkspaceTrustedParams,
} from '../../common/protocol';
import { TemplateManager } from './customTemplate/manager';
import { bundledSchemaReader } from './schemaReaderBundle';
import { defaultTemplateModel, maxDocumentLength } from './defaultTemplate';
import { DiagnosticsCache } from './diagnosticsCache';
import { lineDocuments, type LineDocument } from './documents';
import { matchingPattern } from './fileMatch';
import { postmortemFolderOf } from './postmortemFolder';
import { handleNewDocument } from './newDocumentHandler';
import { classify, codeActionKinds, completionTriggerCharacters, describeDetection, serviceFor, type Analysis, type Detection, type PostmortemService } from './service/service';
import { SettingsStore } from './settings';
import { URI } from './uri';

const connection = createConnection(ProposedFeatures.all);
const log = (message: string) => connection.console.log(message);
const logError = (message: string) => connection.console.error(message);

// One bad document or handler must never take the server, and the user's diagnostics, down.
process.on('uncaughtException', (error) => logError(`Uncaught exception: ${error?.stack ?? error}`));
process.on('unhandledRejection', (reason) => logError(`Unhandled rejection: ${(reason as Error)?.stack ?? reason}`));

/**
 * The service, made when first needed: the initialize request is answered without it, so the
 * editor hears back sooner, and it is made right after (see onInitialized).
 */
let serviceInstance: PostmortemService | undefined;
function service(): PostmortemService {
  const custom = templates?.service();
  if (custom) return custom;
  serviceInstance ??= serviceFor(defaultTemplateModel());
  return serviceInstance;
}
/** The `postmortem.template` setting's template (see customTemplate/). */
let templates: TemplateManager | undefined;
const documents = new TextDocuments(lineDocuments);
const docsBaseUri = pathToFileURL(path.join(__dirname, '..', 'docs', 'rules') + path.sep).href;

let settings: SettingsStore;
let pullDiagnostics = false;
let refreshSupport = false;
let configurationChangeRegistration = false;
let cursorCommand: string | undefined;
let workspaceFolders: string[] = [];
let folderChanges = false;

const sent = new DiagnosticsCache();

function tooLarge(document: LineDocument): number | undefined {
  const length = document.text.length;
  return length > maxDocumentLength ? length : undefined;
}

/** For a document too large to parse: do its headings alone make it a post-mortem? */
function headingsLookLikePostmortem(lines: readonly string[]): boolean {
  const { template } = service();
  const wanted = new Set(template.topSectionKeys);
  const found = new Set<string>();
  for (const line of lines) {
    if (line.charCodeAt(0) !== 35 /* # */) continue;
    const key = template.sectionKeyOf(line.replace(/^#+\s*/, ''));
    if (wanted.has(key)) found.add(key);
  }
  return wanted.size > 0 && found.size / wanted.size >= template.schema.detection.minSectionShare;
}

/** The analysis of each open document's current version, shared by every request on it. */
const analyses = new Map<string, { version: number; service: PostmortemService; dateOrder: string; analysis: Analysis | undefined }>();

/** The document's analysis under its settings, or undefined for a document too large to analyse. */
function analysisOf(document: LineDocument, documentSettings: PostmortemSettings): Analysis | undefined {
  const current = service();
  const dateOrder = documentSettings.dateOrder ?? 'auto';
  const cached = analyses.get(document.uri);
  if (cached && cached.version === document.version && cached.service === current && cached.dateOrder === dateOrder) return cached.analysis;
  const analysis = tooLarge(document) === undefined ? current.analyze(document.text, { dateOrder }) : undefined;
  analyses.set(document.uri, { version: document.version, service: current, dateOrder, analysis });
  return analysis;
}

/** Whether the document is checked as a post-mortem, and why: the service's one detection, with what the server knows of the file's place. */
function classified(document: LineDocument, analysis: Analysis, documentSettings: PostmortemSettings): Detection {
  return classify(analysis, {
    pattern: matchingPattern(document.uri, documentSettings.files, workspaceFolders),
    folder: postmortemFolderOf(document.uri, documentSettings.folder, workspaceFolders),
  });
}

async function diagnose(document: LineDocument): Promise<Diagnostic[]> {
  await templates?.settled();
  const s = await settings.get(document.uri);
  const analysis = analysisOf(document, s);
  if (!analysis) {
    const length = tooLarge(document) ?? 0;
    if (!headingsLookLikePostmortem(document.text.lines) && !matchingPattern(document.uri, s.files, workspaceFolders) && !postmortemFolderOf(document.uri, s.folder, workspaceFolders)) return [];
    return [
      {
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: document.text.lines[0].length } },
        severity: DiagnosticSeverity.Information,
        source: 'postmortem',
        code: 'document-too-large',
        message: `This document is too large for post-mortem checks (${(length / 1e6).toFixed(1)} million characters; the limit is ${maxDocumentLength / 1e6} million).`,
      },
    ];
  }
  if (!classified(document, analysis, s).postmortem) return [];
  return service().diagnostics(analysis, { levels: s.rules, docsBaseUri });
}

/** What the status bar shows for a Markdown document: checked or not, why, and what is left. */
async function documentStatus(document: LineDocument): Promise<DocumentStatus> {
  await templates?.settled();
  const s = await settings.get(document.uri);
  const analysis = analysisOf(document, s);
  if (!analysis) {
    const diagnostics = await diagnose(document);
    return { checked: false, tooLarge: true, reason: String(diagnostics[0]?.message ?? 'This document is too large for post-mortem checks.'), toFill: 0, errors: 0, warnings: 0 };
  }
  const detection = classified(document, analysis, s);
  const reason = describeDetection(detection, analysis);
  if (!detection.postmortem) return { checked: false, reason, toFill: 0, errors: 0, warnings: 0 };
  const diagnostics = await diagnose(document);
  return {
    checked: true,
    reason,
    toFill: diagnostics.filter((d) => gaps.has(String(d.code))).length,
    errors: diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error).length,
    warnings: diagnostics.filter((d) => d.severity === DiagnosticSeverity.Warning).length,
  };
}

/** The rules whose findings are something still to write, not something wrong. */
const gaps = new Set(['unfilled-placeholder', 'timeline-empty-cell', 'missing-section', 'empty-section']);

/**
 * Handlers named in POSTMORTEM_INJECT_FAULTS (comma-separated) throw: how the tests prove that a
 * failing handler is answered with an error and the next request is served normally.
 */
const injectedFaults = new Set((process.env.POSTMORTEM_INJECT_FAULTS ?? '').split(',').filter(Boolean));

/** Runs a handler so that a throw is logged and answered with an LSP error, never fatal. */
function guarded<P, R>(name: string, handler: (params: P, token: CancellationToken) => R | Promise<R>) {
  return async (params: P, token: CancellationToken): Promise<R> => {
    try {
      // A request the client no longer wants (an older version's) is answered at no cost.
      if (token?.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, `${name} cancelled`);
      if (injectedFaults.delete(name)) throw new Error(`fault injected into ${name}`);
      return await handler(params, token);
    } catch (error) {
      if (error instanceof ResponseError) throw error;
      logError(`${name} failed: ${(error as Error)?.stack ?? error}`);
      throw new ResponseError(ErrorCodes.InternalError, `${name} failed: ${(error as Error)?.message ?? error}`);
    }
  };
}

connection.onInitialize((params): InitializeResult => {
  const capabilities = params.capabilities;
  pullDiagnostics = !!capabilities.textDocument?.diagnostic;
  refreshSupport = !!capabilities.workspace?.diagnostics?.refreshSupport;
  configurationChangeRegistration = !!capabilities.workspace?.didChangeConfiguration?.dynamicRegistration;
  folderChanges = !!capabilities.workspace?.workspaceFolders;
  const options = (params.initializationOptions ?? {}) as InitializationOptions;
  cursorCommand = typeof options.cursorCommand === 'string' ? options.cursorCommand : undefined;
  workspaceFolders = (params.workspaceFolders ?? []).map((f) => f.uri);
  if (workspaceFolders.length === 0 && params.rootUri) workspaceFolders = [params.rootUri];
  settings = new SettingsStore(connection, !!capabilities.workspace?.configuration, log);
  settings.setGlobal(options.settings);
  const watchedFiles = capabilities.workspace?.didChangeWatchedFiles;
  templates = new TemplateManager({
    connection,
    setting: async () => (await settings.window()).template,
    workspaceFolders: () => workspaceFolders.map((f) => URI.toPath(f)).filter((f): f is string => f !== undefined),
    trusted: options.trusted === true,
    readSchema: bundledSchemaReader,
    onChange: templateChanged,
    clientWatches: !!watchedFiles?.dynamicRegistration,
    relativePatterns: !!watchedFiles?.relativePatternSupport,
  });

  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      completionProvider: { triggerCharacters: completionTriggerCharacters, resolveProvider: false },
      hoverProvider: true,
      codeActionProvider: { codeActionKinds, resolveProvider: false },
      diagnosticProvider: pullDiagnostics
        ? { identifier: 'postmortem', interFileDependencies: false, workspaceDiagnostics: false }
        : undefined,
      workspace: folderChanges ? { workspaceFolders: { supported: true, changeNotifications: true } } : undefined,
    },
    serverInfo: { name: 'postmortem-language-server', version: '0.1.0' },
  };
});

connection.onInitialized(() => {
  if (configurationChangeRegistration) {
    void connection.client.register(DidChangeConfigurationNotification.type, undefined);
  }
  if (folderChanges) {
    connection.workspace.onDidChangeWorkspaceFolders((event) => {
      workspaceFoldersChanged(event).catch((error) => logError(`Workspace folders change failed: ${(error as Error)?.stack ?? error}`));
    });
  }
  // Ready for the first document, unless one is already here to make it.
  setImmediate(service);
  void templates?.reload();
});

/**
 * A folder was added to the workspace or removed from it. `postmortem.files` patterns and a
 * relative `postmortem.template` are read against the folders, the template against the first:
 * the client's list, in its order, when it answers; otherwise the event applied to ours.
 */
async function workspaceFoldersChanged(event: WorkspaceFoldersChangeEvent): Promise<void> {
  const removed = new Set(event.removed.map((f) => f.uri));
  const applied = [...workspaceFolders.filter((f) => !removed.has(f)), ...event.added.map((f) => f.uri).filter((f) => !workspaceFolders.includes(f))];
  const listed = await connection.workspace.getWorkspaceFolders().catch(() => undefined);
  workspaceFolders = listed ? listed.map((f) => f.uri) : applied;
  reanalyseAll();
  void templates?.reload();
}

connection.onDidChangeConfiguration((change) => {
  settings.clear();
  const raw = (change.settings as Record<string, unknown> | undefined)?.postmortem;
  if (raw !== undefined) settings.setGlobal(raw);
  reanalyseAll();
  void templates?.reload();
});

connection.onDidChangeWatchedFiles((change) => templates?.filesChanged(change.changes));
connection.onNotification(workspaceTrustedNotification, (params: WorkspaceTrustedParams) => templates?.setTrusted(params?.trusted === true));

/**
 * Another template is in use. The facts memoised beside each document's lines were read with the
 * old template's placeholders, so they go with the analyses.
 */
function templateChanged(): void {
  analyses.clear();
  for (const document of documents.all()) document.text.memo = new Array(document.text.lines.length);
  reanalyseAll();
}

/** Diagnostics of every open document again, after the settings or the template changed. */
function reanalyseAll(): void {
  sent.clear();
  if (pullDiagnostics) {
    if (refreshSupport) connection.languages.diagnostics.refresh();
  } else {
    for (const document of documents.all()) schedulePush(document);
  }
}

// Pull diagnostics (VS Code and other clients that announce support).
connection.languages.diagnostics.on(
  guarded('Diagnostics', async (params) => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    const items = await diagnose(document);
    const { resultId, unchanged } = sent.pulled(document.uri, items, params.previousResultId);
    return unchanged
      ? { kind: DocumentDiagnosticReportKind.Unchanged, resultId }
      : { kind: DocumentDiagnosticReportKind.Full, resultId, items };
  }),
);

// Push diagnostics for clients without pull support (older Neovim, many other editors).
const pending = new Map<string, NodeJS.Immediate>();
function schedulePush(document: LineDocument): void {
  if (pullDiagnostics) return;
  const previous = pending.get(document.uri);
  if (previous) clearImmediate(previous);
  pending.set(
    document.uri,
    setImmediate(() => {
      pending.delete(document.uri);
      const current = documents.get(document.uri);
      if (!current) return;
      const version = current.version;
      diagnose(current)
        .then((diagnostics) => {
          // Edits may have landed meanwhile: only the latest version's diagnostics are sent.
          if (documents.get(current.uri)?.version !== version) return;
          if (!sent.changed(current.uri, diagnostics)) return;
          void connection.sendDiagnostics({ uri: current.uri, version, diagnostics });
        })
        .catch((error) => logError(`Diagnostics failed: ${(error as Error)?.stack ?? error}`));
    }),
  );
}

documents.onDidChangeContent((change) => schedulePush(change.document));
documents.onDidClose((event) => {
  analyses.delete(event.document.uri);
  sent.forget(event.document.uri);
  settings.forget(event.document.uri);
  if (!pullDiagnostics) void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
});

/** An open document that is a post-mortem, with its analysis; undefined for any other. */
async function openPostmortem(uri: string): Promise<{ document: LineDocument; analysis: Analysis } | undefined> {
  const document = documents.get(uri);
  if (!document) return undefined;
  const s = await settings.get(document.uri);
  const analysis = analysisOf(document, s);
  if (!analysis || !classified(document, analysis, s).postmortem) return undefined;
  return { document, analysis };
}

connection.onCompletion(
  guarded('Completion', async (params) => {
    const open = await openPostmortem(params.textDocument.uri);
    return open ? service().completions(open.analysis, params.position) : null;
  }),
);

connection.onHover(
  guarded('Hover', async (params) => {
    const open = await openPostmortem(params.textDocument.uri);
    return open ? service().hover(open.analysis, params.position) : null;
  }),
);

connection.onCodeAction(
  guarded('Code actions', async (params) => {
    const open = await openPostmortem(params.textDocument.uri);
    if (!open) return [];
    return service().codeActions({
      analysis: open.analysis,
      uri: open.document.uri,
      version: open.document.version,
      range: params.range,
      diagnostics: params.context.diagnostics,
      only: params.context.only,
      cursorCommand,
    });
  }),
);

connection.onRequest(
  documentStatusRequest,
  guarded('Document status', async (params: DocumentStatusParams): Promise<DocumentStatus | null> => {
    const document = documents.get(params.uri);
    return document ? documentStatus(document) : null;
  }),
);

connection.onRequest(
  checkAsPostmortemRequest,
  guarded('Check as post-mortem', async (params: CheckAsPostmortemParams): Promise<CheckAsPostmortemResult> => {
    await templates?.settled();
    const document = documents.get(params.uri);
    if (!document) return {};
    // Parsed as it is (a document too large to check still gets its front matter).
    const analysis = service().analyze(document.text);
    return { edits: service().frontMatterFlagEdits(analysis, params.check !== false), version: document.version };
  }),
);

connection.onRequest(
  newDocumentRequest,
  guarded('New post-mortem', async (params: NewDocumentParams) => {
    await templates?.settled();
    return handleNewDocument(service(), params);
  }),
);

documents.listen(connection);
connection.listen();
