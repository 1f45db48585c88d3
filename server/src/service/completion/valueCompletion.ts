/**
 * Completion of a field's value that the document already knows: the incident's start and end
 * on Date/Time (now, or the timeline's first and last times), and its Duration from Date/Time.
 */
import { CompletionItemKind, type CompletionItem, type Position } from 'vscode-languageserver-types';
import { dedupe } from './items';
import type { Analysis } from '../analysis';
import { zoneOfRow, type PlacedRow } from '../document/clock';
import { dayNumber } from '../values/date';
import { findDates } from '../values/date';
import { formatDuration } from '../values/duration';
import { dateOf, type Moment } from '../values/moment';
import { replaceableValueSpan } from '../values/replaceSpan';
import { formatClock } from '../values/time';
import { writeMoment } from '../values/write';

export function valueCompletions(analysis: Analysis, position: Position, now: Date): CompletionItem[] | undefined {
  const { doc } = analysis;
  const fieldIndex = doc.fieldOfLine.get(position.line);
  if (fieldIndex === undefined) return undefined;
  const value = analysis.fieldValue(fieldIndex);
  if (!value || (value.spec.kind !== 'datetime' && value.spec.kind !== 'duration')) return undefined;
  const field = doc.fields[fieldIndex];
  const line = doc.text.lines[field.line];
  const cursor = position.character;
  if (cursor < field.valueStart && cursor < line.indexOf(':')) return undefined;

  // The placeholder the cursor is in, else the value's replaceable span.
  const placeholder = analysis.placeholdersOnLine(field.line).find((p) => p.start <= cursor && cursor <= p.end && p.start >= field.valueStart);
  let span: { start: number; end: number; prefix: string; suffix: string };
  if (placeholder) span = { start: placeholder.start, end: placeholder.end, prefix: '', suffix: '' };
  else if (value.reading.state === 'empty' || value.reading.state === 'placeholder') span = replaceableValueSpan(analysis, fieldIndex);
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
  if (value.spec.kind === 'duration') {
    const fromDateTime = durationOf(analysis.clock.start, analysis.clock.end, analysis.dateOrder);
    const items: CompletionItem[] = [];
    if (fromDateTime !== undefined) items.push(item(formatDuration(fromDateTime), 0, 'From Date/Time'));
    if (first && last && last !== first && last.key > first.key) items.push(item(formatDuration(last.key - first.key), 1, "From the timeline's first to its last row"));
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
  const rowTime = (row: PlacedRow | undefined, detail: string, index: number) => {
    if (!row) return;
    const moment = row.row.time.moment;
    const style = { ...moment.style, relative: false, date: dated || moment.style.date === 'none' ? ('none' as const) : ('iso' as const), isoT: false };
    items.push(item(writeMoment(style, row.key, zoneOfRow(moment, row.table, analysis.timeline ?? {}, analysis.clock)), index, detail));
  };
  if (!placeholder || !isEnd) rowTime(first, "The timeline's first time", 1);
  if (!placeholder || isEnd) rowTime(last, "The timeline's last time", 2);
  return dedupe(items);
}

/** Seconds from a start to an end as Date/Time writes them; the end on the next day when it is earlier and has no date. */
export function durationOf(start: Moment | undefined, end: Moment | undefined, order: 'auto' | 'dmy' | 'mdy'): number | undefined {
  if (start?.seconds === undefined || end?.seconds === undefined) return undefined;
  const startDate = dateOf(start, order);
  const endDate = dateOf(end, order);
  const day = (d: typeof startDate) => (d?.day !== undefined ? dayNumber(d.year ?? startDate?.year ?? 2000, d.month, d.day) : undefined);
  const startDay = day(startDate) ?? 0;
  let endDay = day(endDate) ?? startDay;
  const at = (dayIndex: number, m: Moment) => dayIndex * 86400 + m.seconds! - (m.zone ?? 0) * 60;
  if (endDate?.day === undefined && at(endDay, end) < at(startDay, start)) endDay++;
  const seconds = at(endDay, end) - at(startDay, start);
  return seconds >= 0 ? seconds : undefined;
}

