/**
 * Open documents as the server keeps them: lines edited in place by incremental changes (see
 * EditableText), so each keystroke re-examines only the edited lines. Plugs into
 * vscode-languageserver's TextDocuments in place of the default full-text document.
 */
import type { TextDocumentContentChangeEvent, TextDocuments, TextDocumentsConfiguration } from 'vscode-languageserver/node';
import type { Range } from 'vscode-languageserver/node';
import { EditableText } from './service/text/editableText';

export class LineDocument {
  readonly text: EditableText;

  constructor(
    readonly uri: string,
    readonly languageId: string,
    public version: number,
    content: string,
  ) {
    this.text = new EditableText(content);
  }
}

export const lineDocuments: TextDocumentsConfiguration<LineDocument> = {
  create: (uri, languageId, version, content) => new LineDocument(uri, languageId, version, content),
  update: (document, changes: TextDocumentContentChangeEvent[], version) => {
    for (const change of changes) document.text.apply(change as { range?: Range; text: string });
    document.version = version;
    return document;
  },
};

export type LineDocuments = TextDocuments<LineDocument>;
