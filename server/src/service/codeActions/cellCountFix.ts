/** Quick fix for a timeline row with too few cells: pad it with empty cells. */
import { CodeActionKind, type CodeAction } from 'vscode-languageserver-types';
import type { Cell } from '../document/model';
import { diagnosticsOn, versionedEdit, wants, type CodeActionRequest } from './context';

export function cellCountActions(request: CodeActionRequest): CodeAction[] {
  const timeline = request.analysis.timeline;
  if (!timeline || !wants(request, CodeActionKind.QuickFix)) return [];
  const actions: CodeAction[] = [];
  for (const { table, rows } of timeline.tables) {
    const columns = table.header.cells.length;
    for (const { row } of rows) {
      if (row.line < request.range.start.line || row.line > request.range.end.line) continue;
      const missing = columns - row.cells.length;
      if (missing <= 0) continue;
      const text = request.analysis.doc.text.lines[row.line];
      const fixed = padRow(text, row.cells, missing);
      const diagnostics = diagnosticsOn(request, 'timeline-cell-count', row.line);
      actions.push({
        title: `Add the missing cell${missing === 1 ? '' : 's'} (${missing})`,
        kind: CodeActionKind.QuickFix,
        diagnostics: diagnostics.length ? diagnostics : undefined,
        isPreferred: true,
        edit: versionedEdit(request, [
          { range: { start: { line: row.line, character: 0 }, end: { line: row.line, character: text.length } }, newText: fixed },
        ]),
      });
    }
  }
  return actions;
}

/**
 * The row with `missing` empty cells after its last one. They go where the row reader's last
 * cell ends, so that the row then has exactly as many cells as the reader will count: after a
 * closing pipe (before a comment left after it, "| 10:02 | <!-- check", which is an aside), or
 * after an unclosed last cell, before a comment that ends it ("| 10:02 <!-- check"), which then
 * stays the row's aside.
 */
function padRow(text: string, cells: readonly Cell[], missing: number): string {
  const last = cells[cells.length - 1];
  // No cell at all: only a leading pipe before an aside ("| <!-- tbd").
  const anchor = last ? last.outerEnd : text.indexOf('|');
  if (text.charCodeAt(anchor) === 124 /* | */) return text.slice(0, anchor + 1) + '  |'.repeat(missing) + text.slice(anchor + 1);
  const tail = text.slice(last.end, anchor);
  const at = /^\s*<!--/.test(tail) && tail.indexOf('`') === -1 ? last.end : anchor;
  const rest = text.slice(at);
  // An empty last cell ("|") is closed as the new ones are written: "|  |".
  const close = last.end === last.outerStart ? '  |' : ' |';
  return text.slice(0, at) + close + '  |'.repeat(missing) + (rest.trim() === '' ? '' : rest);
}
