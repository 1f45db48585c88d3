/** Quick fix for a timeline row with too few cells: pad it with empty cells. */
import { CodeActionKind, type CodeAction } from 'vscode-languageserver-types';
import { maskCommentsAndCode, trimRange } from '../text/markdownText';
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
      // The cells go after the row's last character, but before a comment left open at the end
      // ("| 10:02 <!-- check"), inside which they would not count.
      const open = unclosedCommentAt(text);
      const contentEnd = trimRange(text, 0, open === -1 ? text.length : open)[1];
      const content = maskCommentsAndCode(text.slice(0, contentEnd));
      let padding = '';
      // A lone "|" is both the leading and the trailing pipe of one empty cell.
      if (content.trim() === '|') padding = '  |'.repeat(columns);
      else {
        if (!content.endsWith('|') || content.endsWith('\\|')) padding = ' |';
        padding += '  |'.repeat(missing);
      }
      const rest = text.slice(contentEnd);
      const fixed = text.slice(0, contentEnd) + padding + (rest.trim() === '' ? '' : rest);
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

/** Where a comment that runs to the end of the line opens (not inside a code span), or -1. */
function unclosedCommentAt(text: string): number {
  const masked = maskCommentsAndCode(text);
  for (let open = text.indexOf('<!--'); open !== -1; open = text.indexOf('<!--', open + 1)) {
    if (text.indexOf('-->', open + 4) !== -1) continue;
    // The comment is real when the text before it masks the same on its own (no code span
    // opened before it runs over it) and everything from it on is masked.
    if (masked.slice(open).trim() === '' && maskCommentsAndCode(text.slice(0, open)) === masked.slice(0, open)) return open;
  }
  return -1;
}
