/**
 * Insert a timeline row above or below the current row, or at the end of the table, with the
 * table's column count and a time prefilled that keeps the rows in order.
 */
import { CodeActionKind, type CodeAction } from 'vscode-languageserver-types';
import { cellText, tableAt, type TimelineTable } from '../document/timeline';
import { formatClock } from '../values/time';
import { cursorTo, versionedEdit, wants, type CodeActionRequest } from './context';

export const insertRowKind = `${CodeActionKind.Refactor}.insert.timelineRow`;

export function insertTimelineRowActions(request: CodeActionRequest): CodeAction[] {
  const { analysis } = request;
  const timeline = analysis.timeline;
  if (!timeline || !wants(request, insertRowKind)) return [];
  const heading = analysis.doc.headings[timeline.section];
  const line = request.range.start.line;
  if (line < heading.line || line >= heading.end) return [];

  const { table, rowIndex } = tableAt(timeline, line);
  const onHeader = line === table.table.header.line || line === table.table.delimiterLine;
  const actions: CodeAction[] = [];
  if (rowIndex !== -1) {
    actions.push(insertAction(request, table, 'above', rowIndex));
    actions.push(insertAction(request, table, 'below', rowIndex));
  } else if (onHeader) {
    actions.push(insertAction(request, table, 'below', -1));
  }
  if (rowIndex !== table.rows.length - 1 || rowIndex === -1) {
    actions.push(insertAction(request, table, 'end', table.rows.length - 1));
  }
  return actions;
}

function insertAction(request: CodeActionRequest, timeline: TimelineTable, where: 'above' | 'below' | 'end', rowIndex: number): CodeAction {
  const { doc } = request.analysis;
  const { table } = timeline;
  const eol = doc.text.eol;
  // The row that will sit just above the new one gives its time, so the order stays valid.
  const aboveIndex = where === 'above' ? rowIndex - 1 : rowIndex;
  const time = timeAtOrBefore(request, timeline, aboveIndex);
  const columns = table.header.cells.length;
  const cells: string[] = Array.from({ length: columns }, (_, c) => (c === timeline.columns.time ? time : ''));
  const rowText = `| ${cells.join(' | ')} |`;
  // The cursor goes to the first cell to type in: the Event column, else the first non-time one.
  const target = timeline.columns.event >= 0 ? timeline.columns.event : cells.findIndex((_, c) => c !== timeline.columns.time);
  let character = 2;
  for (let c = 0; c < Math.max(target, 0); c++) character += cells[c].length + 3;

  let newLine: number;
  let edit;
  if (where === 'above') {
    const at = table.rows[rowIndex].line;
    edit = { range: { start: { line: at, character: 0 }, end: { line: at, character: 0 } }, newText: rowText + eol };
    newLine = at;
  } else {
    const after = rowIndex >= 0 ? table.rows[rowIndex].line : table.delimiterLine;
    const end = doc.text.lines[after].length;
    edit = { range: { start: { line: after, character: end }, end: { line: after, character: end } }, newText: eol + rowText };
    newLine = after + 1;
  }
  const title =
    where === 'end' ? 'Insert timeline row at the end of the table' : `Insert timeline row ${where}`;
  return {
    title,
    kind: insertRowKind,
    edit: versionedEdit(request, [edit]),
    command: cursorTo(request, newLine, character),
  };
}

function timeAtOrBefore(request: CodeActionRequest, timeline: TimelineTable, index: number): string {
  const { doc } = request.analysis;
  const timeText = (i: number) => {
    const r = timeline.rows[i];
    if (r.time.state !== 'ok') return undefined;
    return cellText(doc.text.lines[r.row.line], r.row.cells[timeline.columns.time]);
  };
  for (let i = index; i >= 0; i--) {
    const text = timeText(i);
    if (text !== undefined) return text;
  }
  // Nothing above has a time: the first time below keeps the order (equal times are in order).
  for (let i = 0; i < timeline.rows.length; i++) {
    const text = timeText(i);
    if (text !== undefined) return text;
  }
  return formatClock(request.now.getUTCHours() * 3600 + request.now.getUTCMinutes() * 60);
}
