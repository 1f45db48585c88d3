/**
 * Fixes for timeline rows out of order: move one row to its place, or sort the whole timeline
 * (also the `source.fixAll` action). Rows without a valid time keep their places.
 */
import { CodeActionKind, type CodeAction, type TextEdit } from 'vscode-languageserver-types';
import type { Timeline } from '../document/timeline';
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

/** The row lines in sorted order: timed rows sorted (stably) into the timed rows' places. */
export function sortedRowLines(timeline: Timeline, lines: readonly string[]): string[] {
  const timed = timeline.rows.filter((r) => r.time.state === 'ok');
  const sorted = [...timed].sort((a, b) => key(a) - key(b) || a.index - b.index);
  let next = 0;
  return timeline.rows.map((r) => lines[(r.time.state === 'ok' ? sorted[next++] : r).row.line]);
}

const key = (r: Timeline['rows'][number]) => (r.time.state === 'ok' ? r.time.key : 0);

export function timelineOrderActions(request: CodeActionRequest): CodeAction[] {
  const timeline = request.analysis.timeline;
  if (!timeline) return [];
  const unordered = outOfOrderRows(timeline);
  if (unordered.length === 0) return [];
  const actions: CodeAction[] = [];
  // One sort serves every action that offers it.
  let sorted: TextEdit | undefined;
  const sortAll = () => (sorted ??= sortEdit(timeline, request.analysis.doc.text));

  if (wants(request, CodeActionKind.QuickFix)) {
    for (const index of unordered) {
      const { row } = timeline.rows[index];
      if (row.line < request.range.start.line || row.line > request.range.end.line) continue;
      const diagnostics = diagnosticsOn(request, 'timeline-out-of-order', row.line);
      actions.push({
        title: 'Move row to its place in the timeline',
        kind: CodeActionKind.QuickFix,
        diagnostics: diagnostics.length ? diagnostics : undefined,
        isPreferred: true,
        edit: versionedEdit(request, moveRowEdits(request, timeline, index)),
      });
      actions.push({
        title: 'Sort the timeline by time',
        kind: CodeActionKind.QuickFix,
        diagnostics: diagnostics.length ? diagnostics : undefined,
        edit: versionedEdit(request, [sortAll()]),
      });
    }
  }
  if (wants(request, fixAllKind)) {
    actions.push({ title: 'Sort the timeline by time', kind: fixAllKind, edit: versionedEdit(request, [sortAll()]) });
  }
  return actions;
}

export function sortEdit(timeline: Timeline, text: LineText): TextEdit {
  const { lines } = text;
  const first = timeline.rows[0].row.line;
  const last = timeline.rows[timeline.rows.length - 1].row.line;
  return {
    range: { start: { line: first, character: 0 }, end: { line: last, character: lines[last].length } },
    newText: sortedRowLines(timeline, lines).join(text.eol),
  };
}

function moveRowEdits(request: CodeActionRequest, timeline: Timeline, index: number): TextEdit[] {
  const lines = request.analysis.doc.text.lines;
  const eol = request.analysis.doc.text.eol;
  const moving = timeline.rows[index];
  const key = moving.time.state === 'ok' ? moving.time.key : 0;
  // Its place: before the first other timed row that is later than it.
  const target = timeline.rows.find((r) => r.index !== index && r.time.state === 'ok' && r.time.key > key);
  const targetLine = target ? target.row.line : moving.row.line;
  const line = moving.row.line;
  return [
    { range: { start: { line: targetLine, character: 0 }, end: { line: targetLine, character: 0 } }, newText: lines[line] + eol },
    { range: { start: { line: line - 1, character: lines[line - 1].length }, end: { line, character: lines[line].length } }, newText: '' },
  ];
}
