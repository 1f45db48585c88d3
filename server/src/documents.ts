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

/**
 * The documents being worked on: the few last read (edited, pulled, hovered...) keep what their
 * session derived from their text, and any other open document keeps only its text, until it is
 * read again. What is derived is about 12 times the text (the facts of each line, the analysis,
 * the diagnostics): 300 KB for a 25 KB post-mortem, 60 MB with 200 open, most of which nobody is
 * looking at. Deriving it again costs a few milliseconds for a post-mortem of usual size, once,
 * when the document is read again.
 */
export class WorkingSet {
  /** Least recently read first. */
  private readonly recent: OpenDocument[] = [];
  private readonly released: ((document: OpenDocument) => void)[] = [];

  constructor(private readonly size: number) {}

  /** Calls `listener` with each document whose derived state is dropped. */
  onRelease(listener: (document: OpenDocument) => void): void {
    this.released.push(listener);
  }

  /** The document is being read: it keeps its derived state, and the least recently read beyond `size` lose theirs. */
  use(document: OpenDocument): void {
    const at = this.recent.indexOf(document);
    if (at === this.recent.length - 1 && at !== -1) return;
    if (at !== -1) this.recent.splice(at, 1);
    this.recent.push(document);
    while (this.recent.length > this.size) {
      const old = this.recent.shift()!;
      old.session.release();
      for (const listener of this.released) listener(old);
    }
  }

  /** The document closed. */
  forget(document: OpenDocument): void {
    const at = this.recent.indexOf(document);
    if (at !== -1) this.recent.splice(at, 1);
  }
}
