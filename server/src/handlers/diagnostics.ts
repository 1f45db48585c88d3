/**
 * Diagnostics, pulled (VS Code and other clients that announce support) or pushed (older Neovim
 * and many other editors), and the status bar's document status, which counts what they show.
 */
import { DocumentDiagnosticReportKind, type Diagnostic } from 'vscode-languageserver/node';
import { documentStatusRequest, type DocumentStatus, type DocumentStatusParams } from '../../../common/protocol';
import type { ReadDocument, ServerContext } from '../context';
import { DiagnosticsCache } from '../diagnosticsCache';
import type { OpenDocument } from '../documents';
import { guarded } from '../guarded';

export function registerDiagnostics(context: ServerContext): void {
  const { connection, documents } = context;
  const sent = new DiagnosticsCache();

  const shown = (read: ReadDocument): Diagnostic[] => context.shown(read);
  /** The document's diagnostics now, and the version they are of. */
  const diagnose = async (document: OpenDocument) => {
    const read = await context.read(document);
    return { version: read.version, diagnostics: shown(read) };
  };
  // A document outside the working set keeps only the result id of what it was sent.
  context.workingSet.onRelease((document) => sent.release(document.uri));

  connection.languages.diagnostics.on(
    guarded('Diagnostics', context.logError.bind(context), async (params) => {
      const document = documents.get(params.textDocument.uri);
      if (!document) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
      const held = sent.unchanged(document.uri, document.version, params.previousResultId);
      if (held !== undefined) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId: held };
      const { version, diagnostics: items } = await diagnose(document);
      const { resultId, unchanged } = sent.pulled(document.uri, version, items, params.previousResultId);
      return unchanged ? { kind: DocumentDiagnosticReportKind.Unchanged, resultId } : { kind: DocumentDiagnosticReportKind.Full, resultId, items };
    }),
  );

  const pending = new Map<string, NodeJS.Immediate>();
  const schedulePush = (document: OpenDocument): void => {
    if (context.capabilities.pullDiagnostics) return;
    const previous = pending.get(document.uri);
    if (previous) clearImmediate(previous);
    pending.set(
      document.uri,
      setImmediate(() => {
        pending.delete(document.uri);
        const current = documents.get(document.uri);
        if (!current) return;
        diagnose(current)
          .then(({ version, diagnostics }) => {
            // Edits may have landed meanwhile: only the latest version's diagnostics are sent.
            if (documents.get(current.uri)?.version !== version) return;
            if (!sent.changed(current.uri, version, diagnostics)) return;
            void connection.sendDiagnostics({ uri: current.uri, version, diagnostics });
          })
          .catch((error) => context.logError(`Diagnostics failed: ${(error as Error)?.stack ?? error}`));
      }),
    );
  };

  documents.onDidOpen((change) => {
    // Asked now, the document's settings are there when its first diagnostics are.
    void context.settings.get(change.document.uri);
  });
  documents.onDidChangeContent((change) => schedulePush(change.document));
  documents.onDidClose((event) => {
    sent.forget(event.document.uri);
    context.settings.forget(event.document.uri);
    if (!context.capabilities.pullDiagnostics) void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
  });

  const again = () => {
    sent.clear();
    if (context.capabilities.pullDiagnostics) {
      if (context.capabilities.refreshSupport) void connection.languages.diagnostics.refresh();
    } else {
      for (const document of documents.all()) schedulePush(document);
    }
  };
  context.onReanalyse(again);
  // Another post-mortem took or gave up an Incident ID: the duplicate-ID diagnostics may change.
  context.onIndexChanged(again);

  connection.onRequest(
    documentStatusRequest,
    guarded('Document status', context.logError.bind(context), async (params: DocumentStatusParams): Promise<DocumentStatus | null> => {
      const document = documents.get(params.uri);
      if (!document) return null;
      const read = await context.read(document);
      return context.service().status(read.analysis, read.detection, shown(read));
    }),
  );
}
