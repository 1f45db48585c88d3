/**
 * The workspace index (host/workspaceIndex.ts) in the server: built in the background once the
 * template is known, with progress shown (`window/workDoneProgress`); kept current from file
 * watching (`workspace/didChangeWatchedFiles`, registered when the client can) and from the open
 * documents (their text counts, read a moment after the last keystroke, never on it); rebuilt
 * when the folders, the settings or the template change. It feeds the cross-file diagnostics
 * (duplicate Incident IDs), workspace symbols (`#INC-2026` in Ctrl+T), owner completion and the
 * client's views (`postmortem/index`).
 */
import { DidChangeWatchedFilesNotification, FileChangeType, SymbolKind, type SymbolInformation } from 'vscode-languageserver/node';
import { workspaceIndexChangedNotification, workspaceIndexRequest, type WorkspaceIndexResult } from '../../../common/protocol';
import { matchingPattern } from '../../../host/fileMatch';
import { postmortemFolderOf } from '../../../host/postmortemFolder';
import { URI } from '../../../host/uri';
import { mostIndexedFiles, WorkspaceIndex, type BuildProgress } from '../../../host/workspaceIndex';
import type { ServerContext } from '../context';
import type { OpenDocument } from '../documents';
import { guarded } from '../guarded';
import { classify } from '../service/service';

/** How long after the last change an open document is read into the index. */
const openDocumentDelay = 400;

export function registerWorkspaceIndex(context: ServerContext): { index: WorkspaceIndex; start: () => void } {
  const { connection, documents } = context;
  let settings = context.settings?.globalSettings();
  const index = new WorkspaceIndex({
    service: () => context.service(),
    fs: context.host.fs,
    dateOrder: () => settings?.dateOrder ?? 'auto',
    isPostmortem: (filePath, analysis) => {
      const uri = URI.fromPath(filePath);
      return classify(analysis, {
        pattern: matchingPattern(uri, settings?.files, context.workspaceFolders),
        folder: postmortemFolderOf(uri, settings?.folder, context.workspaceFolders),
      }).postmortem;
    },
  });
  let building: BuildProgress | undefined;

  const rebuild = async () => {
    await context.templates?.settled();
    settings = await context.settings.window();
    const folders = context.workspaceFolders.map((uri) => URI.toPath(uri)).filter((p): p is string => p !== undefined);
    if (folders.length === 0) return;
    const progress = context.capabilities.workDoneProgress ? await connection.window.createWorkDoneProgress().catch(() => undefined) : undefined;
    progress?.begin('Indexing post-mortems', 0, undefined, false);
    let reported = 0;
    let left = 0;
    building = { done: 0, total: 0 };
    const started = performance.now();
    await index.build(folders, (p) => {
      building = p;
      left = p.left ?? 0;
      const percent = p.total === 0 ? 100 : Math.floor((100 * p.done) / p.total);
      // A report per percent at most: 5,000 files are 100 messages, not 5,000.
      if (percent > reported) {
        reported = percent;
        progress?.report(percent, `${p.done} of ${p.total} files`);
      }
    });
    building = undefined;
    progress?.done();
    context.log(`Indexed ${index.size} post-mortems in ${Math.round(performance.now() - started)} ms.`);
    if (left > 0) context.log(`The workspace has ${left} more Markdown files than the ${mostIndexedFiles} the index reads; post-mortems among them are not in the views or the cross-file checks.`);
  };
  const start = () => {
    rebuild().catch((error) => context.logError(`Indexing failed: ${(error as Error)?.stack ?? error}`));
  };

  // The index changed: the views are told; the open documents' cross-file diagnostics are made
  // again only when which files have which Incident ID changed (not after every keystroke's read).
  let idsGeneration = index.idsGeneration;
  index.onChange(() => {
    if (context.capabilities.indexNotifications) void connection.sendNotification(workspaceIndexChangedNotification, { generation: index.generation });
    if (index.idsGeneration === idsGeneration) return;
    idsGeneration = index.idsGeneration;
    context.indexChanged();
  });

  // Open documents: their text counts, read a moment after the last change.
  const timers = new Map<string, NodeJS.Timeout>();
  /** Whether a file is under a workspace folder: only those are the workspace's post-mortems. */
  const inWorkspace = (filePath: string) =>
    context.workspaceFolders.some((uri) => {
      const folder = URI.toPath(uri);
      return folder !== undefined && (filePath === folder || filePath.startsWith(folder.endsWith('/') ? folder : `${folder}/`));
    });
  const readOpen = (document: OpenDocument) => {
    const filePath = URI.toPath(document.uri);
    if (!filePath || !inWorkspace(filePath)) return;
    clearTimeout(timers.get(document.uri));
    timers.set(
      document.uri,
      setTimeout(() => {
        timers.delete(document.uri);
        const current = documents.get(document.uri);
        if (!current) return;
        context
          .read(current)
          .then((read) => index.setOpen(filePath, read.analysis, read.detection.postmortem && read.analysis.tooLarge === undefined))
          .catch((error) => {
            // The connection may be gone (the server stopping): nothing to tell then.
            try {
              context.logError(`Indexing ${document.uri} failed: ${(error as Error)?.stack ?? error}`);
            } catch {
              // Disposed.
            }
          });
      }, openDocumentDelay).unref(),
    );
  };
  documents.onDidOpen((event) => readOpen(event.document));
  documents.onDidChangeContent((event) => readOpen(event.document));
  documents.onDidClose((event) => {
    clearTimeout(timers.get(event.document.uri));
    timers.delete(event.document.uri);
    const filePath = URI.toPath(event.document.uri);
    if (filePath && inWorkspace(filePath)) void index.closed(filePath);
  });

  context.onWatchedFiles((changes) => {
    for (const change of changes) {
      const filePath = URI.toPath(change.uri);
      if (!filePath) continue;
      if (change.type === FileChangeType.Deleted) index.remove(filePath);
      else if (/\.md$/i.test(filePath)) void index.update(filePath);
    }
  });

  connection.onWorkspaceSymbol(
    guarded('Workspace symbols', context.logError.bind(context), (params): SymbolInformation[] => {
      const terms = params.query.toLowerCase().replace(/^#/, '').split(/\s+/).filter(Boolean);
      const found: SymbolInformation[] = [];
      for (const entry of index.all()) {
        const { id, title, titleLine } = entry.summary;
        const name = id ? `${id} ${title}` : title;
        const haystack = name.toLowerCase();
        if (!terms.every((t) => haystack.includes(t))) continue;
        found.push({
          name,
          kind: SymbolKind.File,
          containerName: [entry.summary.date, entry.summary.fields.Severity].filter(Boolean).join(' · ') || undefined,
          location: { uri: URI.fromPath(entry.path), range: { start: { line: titleLine, character: 0 }, end: { line: titleLine, character: 0 } } },
        });
        if (found.length >= 500) break;
      }
      return found;
    }),
  );

  connection.onRequest(
    workspaceIndexRequest,
    guarded('Workspace index', context.logError.bind(context), (): WorkspaceIndexResult => ({
      generation: index.generation,
      building,
      postmortems: index.all().map((entry) => ({ uri: URI.fromPath(entry.path), summary: entry.summary })),
    })),
  );

  context.onReanalyse(() => {
    // Settings, folders or template: every file may read otherwise.
    if (context.initialized) start();
  });
  return {
    index,
    // At `initialized` (createServer's, the one handler of it): watch the Markdown files, and build.
    start: () => {
      if (context.capabilities.watchedFiles) {
        void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.md' }] });
      }
      start();
    },
  };
}
