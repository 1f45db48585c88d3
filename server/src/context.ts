/**
 * What the handlers share: the connection, the open documents, the settings, the template in use
 * and what the client said it can do. It holds state and answers lookups; what a feature does is
 * the service's, and each area's handlers (handlers/) only carry requests to it.
 */
import type { Diagnostic } from 'vscode-languageserver';
import type { Connection, FileEvent, TextDocuments } from 'vscode-languageserver/node';
import type { PostmortemSettings } from '../../common/protocol';
import { matchingPattern } from '../../host/fileMatch';
import { postmortemFolderOf } from '../../host/postmortemFolder';
import { URI } from '../../host/uri';
import type { WorkspaceIndex } from '../../host/workspaceIndex';
import type { ServerHost } from './host';
import { WorkingSet, type OpenDocument } from './documents';
import type { TemplateManager } from './handlers/templateManager';
import { classify, type Analysis, type Detection, type PostmortemService } from './service/service';
import type { SettingsStore } from './settings';

/** What the client announced at initialize. */
export interface ClientCapabilities {
  pullDiagnostics: boolean;
  refreshSupport: boolean;
  configurationChangeRegistration: boolean;
  folderChanges: boolean;
  watchedFiles: boolean;
  relativePatterns: boolean;
  /** The client's command that puts the cursor after an edit (see common/protocol). */
  cursorCommand: string | undefined;
  /** It asks for inlay hints and code lenses again when told to (workspace/inlayHint/refresh, workspace/codeLens/refresh). */
  inlayHintRefresh: boolean;
  codeLensRefresh: boolean;
  /** It shows progress the server starts (`window/workDoneProgress/create`). */
  workDoneProgress: boolean;
  /** It shows the workspace index and wants `postmortem/indexChanged` (initializationOptions.workspaceIndexViews). */
  indexNotifications: boolean;
}

/** A Markdown document, read under its settings: its analysis and whether it is checked as a post-mortem. */
export interface ReadDocument {
  document: OpenDocument;
  /** The document's version when it was read. */
  version: number;
  settings: PostmortemSettings;
  analysis: Analysis;
  detection: Detection;
}

/**
 * How many documents keep their derived state: the one being edited, others visible beside it,
 * and one just left (a reviewer going back and forth between two post-mortems).
 */
const workingSetSize = 4;

export class ServerContext {
  capabilities: ClientCapabilities = {
    pullDiagnostics: false,
    refreshSupport: false,
    configurationChangeRegistration: false,
    folderChanges: false,
    watchedFiles: false,
    relativePatterns: false,
    cursorCommand: undefined,
    inlayHintRefresh: false,
    codeLensRefresh: false,
    workDoneProgress: false,
    indexNotifications: false,
  };
  /** Set once `initialized` has come. */
  initialized = false;
  /** Every post-mortem of the workspace folders (handlers/workspaceIndex.ts). */
  index: WorkspaceIndex | undefined;
  workspaceFolders: string[] = [];
  templates: TemplateManager | undefined;
  settings!: SettingsStore;
  /** Made when first needed: initialize is answered without it, and it is made right after. */
  private defaultService: PostmortemService | undefined;
  /** The documents being worked on, which keep what was derived from their text (documents.ts). */
  readonly workingSet = new WorkingSet(workingSetSize);
  /** What each area does when the settings, the folders or the template changed (every document's diagnostics again, the hints and lenses). */
  private readonly reanalyseListeners: (() => void)[] = [];

  onReanalyse(listener: () => void): void {
    this.reanalyseListeners.push(listener);
  }

  /** The settings, the folders or the template changed: every area reads the documents again. */
  reanalyse(): void {
    for (const listener of this.reanalyseListeners) listener();
  }

  private readonly indexListeners: (() => void)[] = [];
  private readonly watchedFileListeners: ((changes: readonly FileEvent[]) => void)[] = [];

  /** Files the client watches changed (`workspace/didChangeWatchedFiles`, which has one handler: this). */
  onWatchedFiles(listener: (changes: readonly FileEvent[]) => void): void {
    this.watchedFileListeners.push(listener);
  }

  watchedFilesChanged(changes: readonly FileEvent[]): void {
    for (const listener of this.watchedFileListeners) listener(changes);
  }

  /** Which post-mortems have which Incident ID changed: the cross-file diagnostics are made again. */
  onIndexChanged(listener: () => void): void {
    this.indexListeners.push(listener);
  }

  indexChanged(): void {
    for (const listener of this.indexListeners) listener();
  }

  constructor(
    readonly connection: Connection,
    readonly host: ServerHost,
    readonly documents: TextDocuments<OpenDocument>,
  ) {
    documents.onDidClose((event) => this.workingSet.forget(event.document));
  }

  log(message: string): void {
    this.connection.console.log(message);
  }

  logError(message: string): void {
    this.connection.console.error(message);
  }

  /** The service of the template in use: `postmortem.template`'s, else the shipped one. */
  service(): PostmortemService {
    const custom = this.templates?.service();
    if (custom) return custom;
    this.defaultService ??= this.host.serviceFor(this.host.defaultTemplate());
    return this.defaultService;
  }

  /** The document's analysis and detection under its settings, once the template in use is known. */
  async read(document: OpenDocument): Promise<ReadDocument> {
    await this.templates?.settled();
    const settings = await this.settings.get(document.uri);
    this.workingSet.use(document);
    const analysis = document.session.analysis({ dateOrder: settings.dateOrder });
    // The one detection, with what the server knows of the file's place.
    const detection = classify(analysis, {
      pattern: matchingPattern(document.uri, settings.files, this.workspaceFolders),
      folder: postmortemFolderOf(document.uri, settings.folder, this.workspaceFolders),
    });
    return { document, version: document.version, settings, analysis, detection };
  }

  /** An open document that is checked as a post-mortem (and can be: not too large), read; undefined for any other. */
  /** What the document shows: its diagnostics when it is checked as a post-mortem, else none. */
  shown(read: ReadDocument): Diagnostic[] {
    if (!read.detection.postmortem) return [];
    const filePath = this.index ? URI.toPath(read.document.uri) : undefined;
    const workspace = filePath ? this.index!.factsFor(filePath) : undefined;
    return read.document.session.diagnostics(read.analysis, { levels: read.settings.rules, docsBaseUri: this.host.docsBaseUri, workspace });
  }

  async postmortem(uri: string): Promise<ReadDocument | undefined> {
    const document = this.documents.get(uri);
    if (!document) return undefined;
    const read = await this.read(document);
    return read.detection.postmortem && read.analysis.tooLarge === undefined ? read : undefined;
  }
}
