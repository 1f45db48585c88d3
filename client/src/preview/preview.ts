/**
 * The Markdown preview's marking of placeholders (placeholderPlugin.ts), fed by the document
 * statuses the status bar asks the server for: a document is marked once the server has said
 * it is a post-mortem, with the placeholders it found there. A preview of a document not asked
 * about yet asks, then refreshes.
 */
import type MarkdownIt from 'markdown-it';
import * as vscode from 'vscode';
import { documentStatusRequest, type DocumentStatus, type DocumentStatusParams } from '../../../common/protocol';
import type { ServerController } from '../serverController';
import { placeholderPlugin, type DocumentPlaceholders } from './placeholderPlugin';

const known = new Map<string, DocumentPlaceholders | null>();
const asking = new Set<string>();

/** What the status bar learnt of a document (null: not a post-mortem, or nothing to mark). */
export function rememberStatus(uri: string, status: DocumentStatus | null): void {
  const placeholders = status?.checked && status.placeholders ? { texts: new Set(status.placeholders.texts), blanks: status.placeholders.blanks } : null;
  known.set(uri, placeholders);
  // Bounded: the documents of one session.
  if (known.size > 200) known.delete(known.keys().next().value as string);
}

export function extendMarkdownIt(md: MarkdownIt, controller: ServerController): MarkdownIt {
  return placeholderPlugin(md, (env) => {
    const document = (env as { currentDocument?: vscode.Uri } | undefined)?.currentDocument;
    if (!document) return undefined;
    const uri = document.toString();
    const placeholders = known.get(uri);
    if (placeholders === undefined && !asking.has(uri)) {
      asking.add(uri);
      void (async () => {
        try {
          const client = await controller.runningClient();
          const params: DocumentStatusParams = { uri };
          rememberStatus(uri, await client.sendRequest<DocumentStatus | null>(documentStatusRequest, params));
          if (known.get(uri)) await vscode.commands.executeCommand('markdown.preview.refresh');
        } catch {
          // No server: the preview stays as Markdown renders it.
        } finally {
          asking.delete(uri);
        }
      })();
    }
    return placeholders ?? undefined;
  });
}
