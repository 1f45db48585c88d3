/**
 * Inlay hints of the incident's numbers: after each timeline row's time, its offset from the
 * incident's start ("+5m", "+1d 2h", "−10m" for the lead-up); after each metric field still
 * unfilled, the value the timeline gives. Only for the lines asked for: a timeline may have
 * thousands of rows, and an editor asks for the visible ones.
 */
import { InlayHintKind, MarkupKind, type InlayHint, type Range } from 'vscode-languageserver-types';
import type { Analysis } from '../analysis';
import { cellSpan } from '../document/timeline';
import { formatDuration } from '../values/duration';
import { fillableMetrics, metricText } from './fill';
import { describePoint, describeRoute } from './incidentMetrics';

export function metricInlayHints(analysis: Analysis, range: Range): InlayHint[] {
  const hints: InlayHint[] = [];
  const metrics = analysis.metrics;
  const lines = analysis.doc.text.lines;
  const within = (line: number) => line >= range.start.line && line <= range.end.line;
  const start = metrics.start;
  // No offsets from a start row whose time is not to be trusted (a timeline out of order).
  if (start && !(start.source === 'milestone' && start.row.outOfOrder)) {
    analysis.timelineOrder?.forEachPlaced((row, table, key, dayOnly, outOfSequence) => {
      const line = row.row.line;
      // Rows out of order get their warning, not an offset read off a wrong time.
      if (row.templateExample || dayOnly || outOfSequence || !within(line)) return;
      const cell = row.row.cells[table.columns.time];
      if (!cell) return;
      const offset = key - start.key;
      hints.push({
        position: { line, character: cellSpan(lines[line], cell).end },
        label: offsetLabel(offset),
        paddingLeft: true,
        tooltip: `From the incident's start: ${describePoint(start, lines)}`,
      });
    });
  }
  for (const { field, value } of fillableMetrics(analysis)) {
    const line = field.field.line;
    if (!within(line)) continue;
    hints.push({
      position: { line, character: lines[line].trimEnd().length },
      label: `= ${metricText(analysis, value)}`,
      kind: InlayHintKind.Parameter,
      paddingLeft: true,
      tooltip: {
        kind: MarkupKind.Markdown,
        value: `${field.spec.field} from the timeline: ${describeRoute(value, lines)}. The quick fix (Ctrl+.) or the lens above the timeline fills it in.`,
      },
    });
  }
  return hints.sort((a, b) => a.position.line - b.position.line || a.position.character - b.position.character);
}

/** "+5m", "+1h 12m", "+1d 2h", "−10m"; the start itself is "+0m". */
export function offsetLabel(seconds: number): string {
  return `${seconds < 0 ? '−' : '+'}${formatDuration(Math.abs(seconds))}`;
}
