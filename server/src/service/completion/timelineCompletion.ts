/**
 * Completion in the timeline tables: a time in the Time column (in the way the rows above write
 * theirs), the template's milestones in the Event column, the components the document already
 * names in the Component column.
 */
import { CompletionItemKind, MarkupKind, type CompletionItem, type Position } from 'vscode-languageserver-types';
import { dedupe } from './items';
import type { Analysis } from '../analysis';
import { zoneOfRow } from '../document/clock';
import { tableAt } from '../document/timeline';
import type { MomentStyle } from '../values/moment';
import { maskCommentsAndCode } from '../text/markdownText';
import { formatClock } from '../values/time';
import { writeMoment } from '../values/write';

const plainStyle: MomentStyle = { date: 'none', seconds: false, twelveHour: false, isoT: false, relative: false };

export function timelineCompletions(analysis: Analysis, position: Position, now: Date): CompletionItem[] | undefined {
  const timeline = analysis.timeline;
  if (!timeline) return undefined;
  const { table: timelineTable, rowIndex } = tableAt(timeline, position.line);
  const { table } = timelineTable;
  if (position.line <= table.delimiterLine || position.line >= table.end || rowIndex === -1) return undefined;
  const { row } = timelineTable.rows[rowIndex];
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

  if (column === timelineTable.columns.time) {
    // The latest row above with a time gives the style and the start of "5 minutes after".
    const order = analysis.timelineOrder;
    const above = order?.rows.filter((r) => r.row.row.line < row.line).pop();
    const style = above?.row.time.moment.style ?? plainStyle;
    const clock = analysis.clock;
    // Times are written in the zone the rows are read in (a "Time (CET)" header's, say).
    const zone = zoneOfRow(above?.row.time.moment, above?.table ?? timelineTable, timeline, clock);
    const startDay = clock.startDay;
    const nowSeconds = Math.floor(now.getTime() / 1000);
    const items: CompletionItem[] = [];
    if (!style.relative) items.push(item(writeMoment(style, nowSeconds, zone, { startDay }), 0, zone === 0 ? 'Now (UTC)' : `Now (UTC${zone > 0 ? '+' : '−'}${formatClock(Math.abs(zone) * 60)})`));
    if (above) {
      const next = above.key + 5 * 60;
      const startKey = order!.rows[0]?.key;
      const sinceStart = above.row.time.moment.relative !== undefined ? above.row.time.moment.relative + 5 * 60 : startKey === undefined ? undefined : next - startKey;
      items.push(item(writeMoment(style, next, zone, { startDay, sinceStart }), 1, '5 minutes after the row above'));
    }
    return dedupe(items);
  }
  if (column === timelineTable.columns.event) {
    return (analysis.template.schema.timeline?.milestones ?? []).map((m, i) => item(m.value, i, 'Milestone', m.meaning));
  }
  if (column === timelineTable.columns.component) {
    const counts = new Map<string, number>();
    for (const t of timeline.tables) {
      const placeholderCells = new Set<number>();
      for (const p of analysis.doc.placeholders) {
        if (p.owner.type === 'cell' && p.owner.table === t.tableIndex && p.owner.column === t.columns.component) placeholderCells.add(p.line);
      }
      if (t.columns.component === -1) continue;
      for (const r of t.rows) {
        const c = r.row.cells[t.columns.component];
        if (!c || c.start === c.end || r.row.line === row.line || placeholderCells.has(r.row.line)) continue;
        const value = analysis.doc.text.lines[r.row.line].slice(c.start, c.end);
        counts.set(value, (counts.get(value) ?? 0) + 1);
      }
    }
    return [...counts.entries()]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .map(([value, n], i) => item(value, i, `Component used in ${n} row${n === 1 ? '' : 's'}`));
  }
  return undefined;
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
