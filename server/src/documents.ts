/**
 * Open documents as the server keeps them: one service session each (see
 * service/session.ts), which edits the lines in place by incremental changes, so each keystroke
 * re-examines only the edited lines. Plugs into vscode-languageserver's TextDocuments in place of
 * the default full-text document.
 */
import type { Range, TextDocumentContentChangeEvent, TextDocuments, TextDocumentsConfiguration } from 'vscode-languageserver/node';
import type { DocumentSession, PostmortemService } from './service/service';

export class OpenDocument {
  constructor(
    readonly uri: string,
    readonly languageId: string,
    public version: number,
    public session: DocumentSession,
  ) {}
}

/** `service`: the service in use when a document opens (a template change reopens the sessions: `reopen`). */
export function openDocuments(service: () => PostmortemService): TextDocumentsConfiguration<OpenDocument> {
  return {
    create: (uri, languageId, version, content) => new OpenDocument(uri, languageId, version, service().open(content)),
    update: (document, changes: TextDocumentContentChangeEvent[], version) => {
      document.session.apply(changes as { range?: Range; text: string }[]);
      document.version = version;
      return document;
    },
  };
}

/**
 * Another template is in use: the facts each session learned are the old template's, so every
 * open document gets a new session of the new service (the text is kept).
 */
export function reopen(documents: TextDocuments<OpenDocument>, service: PostmortemService): void {
  for (const document of documents.all()) {
    if (document.session.template !== service.template) document.session = service.open(document.session.getText());
  }
}
