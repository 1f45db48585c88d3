/**
 * Writing a computed metric into its field: the whole value when it is unfilled (a placeholder,
 * nothing, "TBD"), else only the figure that disagrees, so the author's note around it stays
 * ("~3 hours of write unavailability" -> "2h 40m of write unavailability").
 */
import type { TextEdit } from 'vscode-languageserver-types';
import type { Analysis } from '../analysis';
import { writeDuration } from '../values/duration';
import { replaceableValueSpan } from '../values/replaceSpan';
import { compareWritten, type MetricField, type MetricValue } from './incidentMetrics';

/** The value as the schema's format writes it. */
export function metricText(analysis: Analysis, value: MetricValue): string {
  return writeDuration(value.seconds, analysis.template.schema.metrics?.format ?? 'short');
}

/** The edit that writes `value` into `field`, if it can be computed (not negative). */
export function metricFieldEdit(analysis: Analysis, field: MetricField, value: MetricValue): TextEdit | undefined {
  if (value.seconds < 0) return undefined;
  const text = metricText(analysis, value);
  const line = field.field.line;
  if (field.unfilled) {
    const span = replaceableValueSpan(analysis, field.index);
    return { range: { start: { line, character: span.start }, end: { line, character: span.end } }, newText: `${span.prefix}${text}${span.suffix}` };
  }
  const { closest } = compareWritten(field, value);
  if (!closest) return undefined;
  const at = field.field.valueStart;
  return { range: { start: { line, character: at + closest.start }, end: { line, character: at + closest.end } }, newText: text };
}

/** The metric fields still unfilled that the timeline gives a value for, with their values. */
export function fillableMetrics(analysis: Analysis): { field: MetricField; value: MetricValue }[] {
  const { fields, values } = analysis.metrics;
  const found: { field: MetricField; value: MetricValue }[] = [];
  for (const field of fields) {
    if (!field.unfilled) continue;
    const value = values.find((v) => v.spec === field.spec);
    if (value && value.seconds >= 0) found.push({ field, value });
  }
  return found;
}

/** The edits that fill every unfilled metric field the timeline gives a value for. */
export function fillMetricsEdits(analysis: Analysis): TextEdit[] {
  return fillableMetrics(analysis)
    .map(({ field, value }) => metricFieldEdit(analysis, field, value))
    .filter((e): e is TextEdit => e !== undefined);
}
