/**
 * Fixes for timeline rows out of order: move one row to its place, or sort the whole timeline
 * (also the `source.fixAll` action). Rows without a valid time keep their places.
 */
import { CodeActionKind, type CodeAction, type TextEdit } from 'vscode-languageserver-types';
import { unordered, type Timeline } from '../document/timeline';
import type { LineText } from '../text/lines';
import { diagnosticsOn, versionedEdit, wants, type CodeActionRequest } from './context';

export const fixAllKind = `${CodeActionKind.SourceFixAll}.postmortem`;

export function outOfOrderRows(timeline: Timeline): number[] {
  const rows: number[] = [];
  let latest: number | undefined;
  for (const r of timeline.rows) {
    if (r.time.state !== 'ok') continue;
    if (latest !== undefined && r.time.key < latest) rows.push(r.index);
    else latest = r.time.key;
  }
  return rows;
}

type Row = Timeline['rows'][number];

/** The rows in sorted order: timed rows sorted (stably) into the timed rows' places. */
export function sortedRows(timeline: Timeline): Row[] {
  const timed = timeline.rows.filter((r) => r.time.state === 'ok');
  const sorted = [...timed].sort((a, b) => key(a) - key(b) || a.index - b.index);
  let next = 0;
  return timeline.rows.map((r) => (r.time.state === 'ok' ? sorted[next++] : r));
}

const key = (r: Row) => (r.time.state === 'ok' ? r.time.key : 0);
const timeOf = (r: Row) => (r.time.state === 'ok' ? r.time.time : undefined);

/**
 * Whether rows in this order read chronologically once their keys are worked out again: a time
 * of day takes its day from the dated row above it, so a move can change what it means. A fix
 * that would not leave the timeline in order is not offered.
 */
function ordered(rows: readonly Row[]): boolean {
  return unordered(rows.map(timeOf)) === 0;
}

export function timelineOrderActions(request: CodeActionRequest): CodeAction[] {
  const timeline = request.analysis.timeline;
  if (!timeline) return [];
  const unordered = outOfOrderRows(timeline);
  if (unordered.length === 0) return [];
  const actions: CodeAction[] = [];
  // One sort serves every action that offers it.
  let sorted: TextEdit | undefined | null = null;
  const sortAll = () => {
    if (sorted === null) {
      const rows = sortedRows(timeline);
      sorted = ordered(rows) ? sortEdit(timeline, rows, request.analysis.doc.text) : undefined;
    }
    return sorted;
  };

  if (wants(request, CodeActionKind.QuickFix)) {
    for (const index of unordered) {
      const { row } = timeline.rows[index];
      if (row.line < request.range.start.line || row.line > request.range.end.line) continue;
      const diagnostics = diagnosticsOn(request, 'timeline-out-of-order', row.line);
      const move = moveRowEdits(request, timeline, index);
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
          edit: versionedEdit(request, [sort]),
        });
      }
    }
  }
  const sort = wants(request, fixAllKind) ? sortAll() : undefined;
  if (sort) actions.push({ title: 'Sort the timeline by time', kind: fixAllKind, edit: versionedEdit(request, [sort]) });
  return actions;
}

function sortEdit(timeline: Timeline, rows: readonly Row[], text: LineText): TextEdit {
  const { lines } = text;
  const first = timeline.rows[0].row.line;
  const last = timeline.rows[timeline.rows.length - 1].row.line;
  // Rows keep the line breaks between them as they were.
  let newText = '';
  for (let k = 0; k < rows.length; k++) {
    newText += lines[rows[k].row.line];
    if (k < rows.length - 1) newText += text.breaks?.[timeline.rows[k].row.line] || text.eol;
  }
  return { range: { start: { line: first, character: 0 }, end: { line: last, character: lines[last].length } }, newText };
}

function moveRowEdits(request: CodeActionRequest, timeline: Timeline, index: number): TextEdit[] | undefined {
  const lines = request.analysis.doc.text.lines;
  const moving = timeline.rows[index];
  const movingKey = key(moving);
  // Its place: before the first other timed row that is later than it.
  const target = timeline.rows.find((r) => r.index !== index && r.time.state === 'ok' && r.time.key > movingKey);
  if (!target || target.index > index) return undefined;
  const order = timeline.rows.filter((r) => r.index !== index);
  order.splice(order.indexOf(target), 0, moving);
  // Offered when it leaves fewer rows out of order than there are now.
  if (unordered(order.map(timeOf)) >= unordered(timeline.rows.map(timeOf))) return undefined;
  const targetLine = target.row.line;
  const line = moving.row.line;
  const eol = request.analysis.doc.text.breaks?.[line - 1] || request.analysis.doc.text.eol;
  return [
    { range: { start: { line: targetLine, character: 0 }, end: { line: targetLine, character: 0 } }, newText: lines[line] + eol },
    { range: { start: { line: line - 1, character: lines[line - 1].length }, end: { line, character: lines[line].length } }, newText: '' },
  ];
}
