/**
 * The arithmetic behind a metric, where an author looks for it: on a metric field, which rows
 * and times the timeline gives it from and whether what is written agrees; on a milestone row,
 * its offset from the incident's start and the metrics it starts or ends.
 */
import type { Position } from 'vscode-languageserver-types';
import type { Analysis } from '../analysis';
import { compareWritten, describePoint, describeRoute, type MetricValue } from '../metrics/incidentMetrics';
import { metricText } from '../metrics/fill';
import { offsetLabel } from '../metrics/inlayHints';

/** Markdown paragraphs for the hover at a position, with the line range they are about; undefined where there is no metric. */
export function metricHover(analysis: Analysis, position: Position): { paragraphs: string[]; start: number; end: number } | undefined {
  const { metrics } = analysis;
  const lines = analysis.doc.text.lines;
  const line = lines[position.line] ?? '';
  const field = metrics.fields.find((f) => f.field.line === position.line);
  if (field) {
    const value = metrics.values.find((v) => v.spec === field.spec);
    const paragraphs = [`**${field.spec.field}** from the timeline: ${value ? describeValue(analysis, value) : 'not computed'}`];
    if (!value) {
      const missing = metrics.missing.filter((m) => m.spec === field.spec).map((m) => `'${m.milestone}'`);
      paragraphs.push(
        missing.length ? `No timeline row names ${missing.join(' or ')}.` : metrics.disordered ? 'The timeline has rows out of order: nothing is measured from it until they are put right.' : 'Date/Time or the timeline has no time for it.',
      );
    } else if (!field.unfilled) {
      const { figures, agrees } = compareWritten(field, value);
      paragraphs.push(figures.length === 0 ? 'What is written has no figure to compare.' : agrees ? 'What is written agrees.' : 'What is written disagrees.');
    }
    return { paragraphs, start: line.length - line.trimStart().length, end: line.trimEnd().length };
  }
  const row = [...metrics.milestones.values()].find((m) => m.row.row.line === position.line);
  if (!row) return undefined;
  const paragraphs = [`**${row.milestone.value}**${row.milestone.meaning ? `: ${row.milestone.meaning}` : ''}`];
  if (metrics.start) paragraphs.push(`${offsetLabel(row.key - metrics.start.key)} from the incident's start (${describePoint(metrics.start, lines)}).`);
  const involved = metrics.values.filter((v) => (v.from.source === 'milestone' && v.from.row === row) || (v.to.source === 'milestone' && v.to.row === row));
  for (const value of involved) paragraphs.push(`${value.spec.field}: ${describeValue(analysis, value)}`);
  if (!row.certain) paragraphs.push('Read from other words than the milestone\'s own, or from one of several rows naming it: a disagreement is information, not a warning.');
  return { paragraphs, start: line.length - line.trimStart().length, end: line.trimEnd().length };
}

function describeValue(analysis: Analysis, value: MetricValue): string {
  const lines = analysis.doc.text.lines;
  if (value.seconds < 0) return `not computed: ${describePoint(value.to, lines)} is before ${describePoint(value.from, lines)}`;
  return `**${metricText(analysis, value)}**, ${describeRoute(value, lines)}`;
}
