/**
 * The template's snippets (the schema's `snippets`), offered in a post-mortem where a block
 * starts: at the start of a line or after a list marker, from the first letters of the prefix or
 * the name (`tim` for pm-timeline-row, Timeline row), sorted above words. Their dates and times
 * are now, in UTC.
 */
import { CompletionItemKind, InsertTextFormat, type CompletionItem, type Position } from 'vscode-languageserver-types';
import type { Analysis } from '../analysis';
import { LineKind } from '../document/model';

export function snippetCompletions(analysis: Analysis, position: Position, now: Date): CompletionItem[] | undefined {
  const snippets = analysis.template.schema.snippets;
  if (snippets.length === 0 || analysis.doc.lineKinds[position.line] !== LineKind.Text) return undefined;
  const before = (analysis.doc.text.lines[position.line] ?? '').slice(0, position.character);
  const typed = /^[ \t]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)?([\w-]*)$/.exec(before);
  if (!typed) return undefined;
  const iso = now.toISOString();
  const values: Record<string, string> = { date: iso.slice(0, 10), time: iso.slice(11, 16), datetime: `${iso.slice(0, 19)}Z` };
  const range = { start: { line: position.line, character: position.character - typed[1].length }, end: position };
  return snippets.map((snippet, i) => ({
    label: snippet.prefix,
    labelDetails: { description: snippet.name },
    kind: CompletionItemKind.Snippet,
    detail: snippet.description,
    filterText: `${snippet.prefix} ${snippet.name}`,
    // Above the editor's word suggestions, in the schema's order.
    sortText: `!${String(i).padStart(3, '0')}`,
    insertTextFormat: InsertTextFormat.Snippet,
    textEdit: { range, newText: snippet.body.replace(/\{(date|time|datetime)\}/g, (_, key: string) => values[key]) },
  }));
}
