/**
 * Fixes for timeline rows out of order: move one row to its place in its table, or sort the
 * tables (also the `source.fixAll` action). Rows without a valid time keep their places. Whether
 * a new order is in order is the incident clock's to say (document/clock.ts), as for the rule.
 */
import { CodeActionKind, type CodeAction, type TextEdit } from 'vscode-languageserver-types';
import type { PlacedRow, TimelineOrder } from '../document/clock';
import type { TimelineRow } from '../document/model';
import { timelineRows, type Timeline, type TimelineTable } from '../document/timeline';
import type { LineText } from '../text/lines';
import { diagnosticsOn, versionedEdit, wants, type CodeActionRequest } from './context';

export const fixAllKind = `${CodeActionKind.SourceFixAll}.postmortem`;

export function timelineOrderActions(request: CodeActionRequest): CodeAction[] {
  const { timeline, timelineOrder: order } = request.analysis;
  if (!timeline || !order || order.outOfOrder.length === 0) return [];
  const actions: CodeAction[] = [];
  // One sort serves every action that offers it.
  let sorted: TextEdit[] | undefined | null = null;
  const sortAll = () => {
    if (sorted === null) sorted = sortEdits(timeline, order, request.analysis.doc.text);
    return sorted;
  };

  if (wants(request, CodeActionKind.QuickFix)) {
    for (const placed of order.outOfOrder) {
      const line = placed.row.row.line;
      if (line < request.range.start.line || line > request.range.end.line) continue;
      const diagnostics = diagnosticsOn(request, 'timeline-out-of-order', line);
      const move = moveRowEdits(request, timeline, order, placed);
      if (move) {
        actions.push({
          title: 'Move row to its place in the timeline',
          kind: CodeActionKind.QuickFix,
          diagnostics: diagnostics.length ? diagnostics : undefined,
          isPreferred: true,
          edit: versionedEdit(request, move),
        });
      }
      const sort = sortAll();
      if (sort) {
        actions.push({
          title: 'Sort the timeline by time',
          kind: CodeActionKind.QuickFix,
          diagnostics: diagnostics.length ? diagnostics : undefined,
          edit: versionedEdit(request, sort),
        });
      }
    }
  }
  const sort = wants(request, fixAllKind) ? sortAll() : undefined;
  if (sort) actions.push({ title: 'Sort the timeline by time', kind: fixAllKind, edit: versionedEdit(request, sort) });
  return actions;
}

/**
 * Each table's timed rows sorted (stably, by their place on the clock) into the timed rows'
 * places; offered only when that leaves the whole timeline in order.
 */
function sortEdits(timeline: Timeline, order: TimelineOrder, text: LineText): TextEdit[] | undefined {
  const keyOf = new Map<TimelineRow, number>();
  for (const placed of order.rows) keyOf.set(placed.row, placed.key);
  const sortedTables = timeline.tables.map((table) => {
    const timed = table.rows.filter((r) => keyOf.has(r));
    const sorted = [...timed].sort((a, b) => keyOf.get(a)! - keyOf.get(b)! || a.index - b.index);
    let next = 0;
    return { table, rows: table.rows.map((r) => (keyOf.has(r) ? sorted[next++] : r)) };
  });
  const all = sortedTables.flatMap(({ table, rows }) => rows.map((row) => ({ table, row })));
  if (order.countOutOfOrder(all) !== 0) return undefined;
  const edits: TextEdit[] = [];
  for (const { table, rows } of sortedTables) {
    if (rows.every((r, k) => r === table.rows[k])) continue;
    edits.push(rowsEdit(table, rows, text));
  }
  return edits.length ? edits : undefined;
}

function rowsEdit(table: TimelineTable, rows: readonly TimelineRow[], text: LineText): TextEdit {
  const { lines } = text;
  const first = table.rows[0].row.line;
  const last = table.rows[table.rows.length - 1].row.line;
  // Rows keep the line breaks between them as they were.
  let newText = '';
  for (let k = 0; k < rows.length; k++) {
    newText += lines[rows[k].row.line];
    if (k < rows.length - 1) newText += text.breaks?.[table.rows[k].row.line] || text.eol;
  }
  return { range: { start: { line: first, character: 0 }, end: { line: last, character: lines[last].length } }, newText };
}

function moveRowEdits(request: CodeActionRequest, timeline: Timeline, order: TimelineOrder, moving: PlacedRow): TextEdit[] | undefined {
  const { lines, breaks, eol: documentEol } = request.analysis.doc.text;
  const { table } = moving;
  const keyOf = new Map<TimelineRow, number>();
  for (const placed of order.rows) if (placed.table === table) keyOf.set(placed.row, placed.key);
  // Its place: before the first other timed row of its table that is later than it, else last.
  const rows = table.rows.filter((r) => r !== moving.row);
  let at = rows.findIndex((r) => keyOf.has(r) && keyOf.get(r)! > moving.key);
  if (at === -1) at = rows.length;
  if (at === moving.row.index) return undefined;
  rows.splice(at, 0, moving.row);
  const proposed = timelineRows(timeline).map((entry) => (entry.table === table ? { table, row: rows[entry.row.index] } : entry));
  // Offered when it leaves fewer rows out of order than there are now.
  if (order.countOutOfOrder(proposed) >= order.outOfOrder.length) return undefined;
  const line = moving.row.row.line;
  const eol = breaks?.[line - 1] || documentEol;
  const remove = { range: { start: { line: line - 1, character: lines[line - 1].length }, end: { line, character: lines[line].length } }, newText: '' };
  if (at < rows.length - 1) {
    const targetLine = rows[at + 1].row.line;
    return [{ range: { start: { line: targetLine, character: 0 }, end: { line: targetLine, character: 0 } }, newText: lines[line] + eol }, remove];
  }
  const lastLine = table.rows[table.rows.length - 1].row.line;
  return [{ range: { start: { line: lastLine, character: lines[lastLine].length }, end: { line: lastLine, character: lines[lastLine].length } }, newText: eol + lines[line] }, remove];
}
