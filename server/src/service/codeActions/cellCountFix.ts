/** Quick fix for a timeline row with too few cells: pad it with empty cells. */
import { CodeActionKind, type CodeAction } from 'vscode-languageserver-types';
import { diagnosticsOn, versionedEdit, wants, type CodeActionRequest } from './context';

export function cellCountActions(request: CodeActionRequest): CodeAction[] {
  const timeline = request.analysis.timeline;
  if (!timeline || !wants(request, CodeActionKind.QuickFix)) return [];
  const columns = timeline.table.header.cells.length;
  const actions: CodeAction[] = [];
  for (const { row } of timeline.rows) {
    if (row.line < request.range.start.line || row.line > request.range.end.line) continue;
    const missing = columns - row.cells.length;
    if (missing <= 0) continue;
    const text = request.analysis.doc.text.lines[row.line];
    let fixed = text.trimEnd();
    // A lone "|" is both the leading and the trailing pipe of one empty cell.
    if (fixed.trim() === '|') fixed += '  |'.repeat(columns);
    else {
      if (!fixed.endsWith('|') || fixed.endsWith('\\|')) fixed += ' |';
      fixed += '  |'.repeat(missing);
    }
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
  return actions;
}
