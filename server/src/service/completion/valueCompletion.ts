/**
 * Completion of a field's value that the document already knows: the incident's start and end
 * on Date/Time (now, or the timeline's first and last times), and its Duration from Date/Time.
 */
import { CompletionItemKind, type CompletionItem, type Position } from 'vscode-languageserver-types';
import { dedupe } from './items';
import type { Analysis } from '../analysis';
import { zoneOfRow, type PlacedRow } from '../document/clock';
import type { TimelineRow } from '../document/model';
import { findDates } from '../values/date';
import { formatDuration } from '../values/duration';
import { describeRoute, durationOf } from '../metrics/incidentMetrics';
import { metricText } from '../metrics/fill';
import { replaceableValueSpan } from '../values/replaceSpan';
import { formatClock } from '../values/time';
import { writeMoment } from '../values/write';

export function valueCompletions(analysis: Analysis, position: Position, now: Date): CompletionItem[] | undefined {
  const { doc } = analysis;
  const fieldIndex = doc.fieldOfLine.get(position.line);
  if (fieldIndex === undefined) return undefined;
  const value = analysis.fieldValue(fieldIndex);
  // A metric's field (Time to Detection...) is a duration whether or not the schema lists it.
  const metricField = analysis.metrics.fields.find((f) => f.index === fieldIndex);
  const kind = metricField ? 'duration' : value?.spec.kind;
  if (kind !== 'datetime' && kind !== 'duration') return undefined;
  const field = doc.fields[fieldIndex];
  const line = doc.text.lines[field.line];
  const cursor = position.character;
  if (cursor < field.valueStart && cursor < line.indexOf(':')) return undefined;

  // The placeholder the cursor is in, else the value's replaceable span.
  const placeholder = analysis.placeholdersOnLine(field.line).find((p) => p.start <= cursor && cursor <= p.end && p.start >= field.valueStart);
  let span: { start: number; end: number; prefix: string; suffix: string };
  if (placeholder) span = { start: placeholder.start, end: placeholder.end, prefix: '', suffix: '' };
  else if (metricField ? metricField.unfilled : value?.reading.state === 'empty' || value?.reading.state === 'placeholder') span = replaceableValueSpan(analysis, fieldIndex);
  else return undefined;
  const start = Math.min(span.start, cursor);
  const end = Math.max(span.end, cursor);
  const item = (label: string, index: number, detail: string): CompletionItem => ({
    label,
    kind: CompletionItemKind.Value,
    detail,
    sortText: String(index).padStart(4, '0'),
    filterText: line.slice(start, end) + label,
    textEdit: {
      range: { start: { line: field.line, character: start }, end: { line: field.line, character: end } },
      newText: `${line.slice(start, span.start)}${span.prefix}${label}${span.suffix}${line.slice(span.end, end)}`,
    },
  });

  // The template's own example rows ("00:00 Incident start") say nothing of this incident.
  const written = analysis.timelineOrder?.rows.filter((r) => !r.row.templateExample) ?? [];
  const first = written[0];
  const last = written[written.length - 1];
  if (kind === 'duration') {
    const items: CompletionItem[] = [];
    // The metric the field holds, computed from the timeline, first.
    const metric = metricField && analysis.metrics.values.find((v) => v.spec === metricField.spec);
    if (metric && metric.seconds >= 0) {
      const fromDateTime = metric.from.source === 'date-time-start' && metric.to.source === 'date-time-end';
      items.push(item(metricText(analysis, metric), 0, fromDateTime ? 'From Date/Time' : `From the timeline: ${describeRoute(metric, doc.text.lines)}`));
    }
    if (metricField && metricField.spec.from[0] !== 'start') return dedupe(items);
    const fromDateTime = durationOf(analysis.clock.start, analysis.clock.end, analysis.dateOrder);
    if (fromDateTime !== undefined) items.push(item(formatDuration(fromDateTime), 1, 'From Date/Time'));
    if (first && last && last !== first && last.key > first.key) items.push(item(formatDuration(last.key - first.key), 2, "From the timeline's first to its last row"));
    return dedupe(items);
  }

  // Date/Time: is a date already written before the cursor's placeholder ("2026-12-01 [START TIME]")?
  const before = line.slice(field.valueStart, span.start);
  const dated = findDates(before, { order: 'auto' }).length > 0;
  const isEnd = placeholder ? /\bend\b/i.test(placeholder.text) : false;
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const nowDate = now.toISOString().slice(0, 10);
  const nowTime = formatClock(nowSeconds % 86400);
  const items: CompletionItem[] = [item(dated ? `${nowTime} UTC` : `${nowDate} ${nowTime} UTC`, 0, 'Now (UTC)')];
  const rowTime = (row: Pick<PlacedRow, 'table' | 'key'> & { row: TimelineRow } | undefined, detail: string, index: number) => {
    if (!row || row.row.time.state !== 'ok') return;
    const moment = row.row.time.moment;
    const style = { ...moment.style, relative: false, date: dated || moment.style.date === 'none' ? ('none' as const) : ('iso' as const), isoT: false };
    items.push(item(writeMoment(style, row.key, zoneOfRow(moment, row.table, analysis.timeline ?? {}, analysis.clock)), index, detail));
  };
  // The rows that start and end the incident come before the first and last rows, which may be
  // the lead-up (a deploy) and the follow-up.
  const { metrics } = analysis.template.schema;
  const startRow = metrics?.start === undefined ? undefined : analysis.metrics.milestones.get(metrics.start);
  const endRow = metrics?.end === undefined ? undefined : analysis.metrics.milestones.get(metrics.end);
  if (!placeholder || !isEnd) {
    if (startRow && !startRow.outOfOrder) rowTime(startRow, `The timeline's ${startRow.milestone.value} row`, 1);
    rowTime(first, "The timeline's first time", 2);
  }
  if (!placeholder || isEnd) {
    if (endRow && !endRow.outOfOrder) rowTime(endRow, `The timeline's ${endRow.milestone.value} row`, 3);
    rowTime(last, "The timeline's last time", 4);
  }
  return dedupe(items);
}
