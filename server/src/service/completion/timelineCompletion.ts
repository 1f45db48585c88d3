/**
 * Completion in the timeline table: a time in the Time column, the template's milestones in
 * the Event column, the components the document already names in the Component column.
 */
import { CompletionItemKind, MarkupKind, type CompletionItem, type Position } from 'vscode-languageserver-types';
import type { Analysis } from '../analysis';
import { formatTime, type TimeFormat } from '../document/time';
import { maskCommentsAndCode } from '../text/markdownText';

export function timelineCompletions(analysis: Analysis, position: Position, now: Date): CompletionItem[] | undefined {
  const timeline = analysis.timeline;
  if (!timeline) return undefined;
  const { table } = timeline;
  if (position.line <= table.delimiterLine || position.line >= table.end) return undefined;
  const rowIndex = timeline.rows.findIndex((r) => r.row.line === position.line);
  if (rowIndex === -1) return undefined;
  const { row } = timeline.rows[rowIndex];
  const column = row.cells.findIndex((c) => position.character >= c.outerStart && position.character <= c.outerEnd);
  if (column === -1) return undefined;
  const cell = row.cells[column];
  const line = analysis.doc.text.lines[row.line];

  // Replace the cell's content; in an empty cell, insert at the cursor with padding, but never
  // inside a comment or code span (the value would be hidden, or break the comment): before it.
  const cursor = position.character;
  let from = cell.start;
  let to = cell.end;
  let before = '';
  let after = '';
  if (cell.start === cell.end) {
    from = to = outsideHiddenText(line, cursor);
    if (!/\s/.test(line[from - 1] ?? ' ')) before = ' ';
    if (!/\s/.test(line[from] ?? ' ')) after = ' ';
  }
  // VS Code needs the range to hold the cursor: what lies between it and the value is written back.
  const start = Math.min(from, cursor);
  const end = Math.max(to, cursor);
  const head = line.slice(start, from);
  const tail = line.slice(to, end);
  const range = { start: { line: row.line, character: start }, end: { line: row.line, character: end } };
  const item = (label: string, index: number, detail: string, documentation?: string): CompletionItem => ({
    label,
    kind: CompletionItemKind.Value,
    detail,
    documentation: documentation ? { kind: MarkupKind.Markdown, value: documentation } : undefined,
    sortText: String(index).padStart(4, '0'),
    textEdit: { range, newText: `${head}${before}${label}${after}${tail}` },
  });

  if (column === timeline.columns.time) {
    const previous = timeline.rows.slice(0, rowIndex).reverse().find((r) => r.time.state === 'ok');
    const format: TimeFormat = previous?.time.state === 'ok' ? previous.time.time.format : 'hm';
    const items: CompletionItem[] = [item(formatTime(now, format), 0, 'Now (UTC)')];
    if (previous?.time.state === 'ok') {
      const t = previous.time.time;
      // A time of day is seconds since midnight: as a 1970 instant it formats the same.
      const next = new Date((t.seconds + 5 * 60) * 1000);
      items.push(item(formatTime(next, format), 1, '5 minutes after the row above'));
    }
    return dedupe(items);
  }
  if (column === timeline.columns.event) {
    return (analysis.template.schema.timeline?.milestones ?? []).map((m, i) => item(m.value, i, 'Milestone', m.meaning));
  }
  if (column === timeline.columns.component) {
    const counts = new Map<string, number>();
    const placeholderCells = new Set<number>();
    for (const p of analysis.doc.placeholders) {
      if (p.owner.type === 'cell' && p.owner.table === timeline.tableIndex && p.owner.column === column) placeholderCells.add(p.line);
    }
    for (const r of timeline.rows) {
      const c = r.row.cells[column];
      if (!c || c.start === c.end || r.row.line === row.line || placeholderCells.has(r.row.line)) continue;
      const value = analysis.doc.text.lines[r.row.line].slice(c.start, c.end);
      counts.set(value, (counts.get(value) ?? 0) + 1);
    }
    return [...counts.entries()]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .map(([value, n], i) => item(value, i, `Component used in ${n} row${n === 1 ? '' : 's'}`));
  }
  return undefined;
}

function dedupe(items: CompletionItem[]): CompletionItem[] {
  const seen = new Set<string>();
  return items.filter((i) => !seen.has(i.label) && seen.add(i.label));
}

/**
 * The cursor, or the start of the comment or code span it sits inside. Masking blanks hidden
 * text; with the line's own blanks made visible first, a blank in the masked line is hidden.
 */
function outsideHiddenText(line: string, cursor: number): number {
  const masked = maskCommentsAndCode(line.replace(/[ \t]/g, '\u0001'));
  if (masked.charCodeAt(cursor - 1) !== 32 || masked.charCodeAt(cursor) !== 32) return cursor;
  let start = cursor;
  while (start > 0 && masked.charCodeAt(start - 1) === 32) start--;
  return start;
}
