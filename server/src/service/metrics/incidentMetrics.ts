/**
 * The incident's numbers: its start and end, and each metric the schema defines (Duration, time
 * to detection...), from Date/Time and the timeline's milestones on the incident's clock
 * (document/clock.ts). What is computed says how sure it is: a row that starts with the
 * milestone's own words (not an alias) and is the only one to is certain; a milestone named by
 * an alias, among other words, by several rows, out of order, or the timeline's first row
 * standing in for the start is not. The one place that decides what a metric is; the rules, hints, lenses, fixes,
 * hover, completion and the CLI read it from here.
 */
import { clockStartKey, type IncidentClock, type TimelineOrder } from '../document/clock';
import type { FieldLine, ParsedDocument, TimelineRow } from '../document/model';
import { headingKey, labelKey } from '../document/normalize';
import { cellSpan, type Timeline, type TimelineTable } from '../document/timeline';
import type { TemplateModel } from '../template/templateModel';
import type { MetricSpec, MilestoneSpec } from '../template/schema';
import { dayNumber, type DateOrder } from '../values/date';
import { durationFigures, figureAgrees, type DurationFigure } from '../values/duration';
import { dateOf, type Moment } from '../values/moment';
import { notYetKnown } from '../values/status';
import { plainValue } from '../values/text';
import { milestoneOfRow } from './milestones';

/** A timeline row that names a milestone, on the clock. */
export interface MilestoneRow {
  milestone: MilestoneSpec;
  row: TimelineRow;
  table: TimelineTable;
  /** Seconds on the timeline's clock (PlacedRow.key). */
  key: number;
  /**
   * The row starts with the milestone's own words (not an alias, not among other words), no
   * other row does, and it is in order.
   */
  certain: boolean;
  /** The row is out of order in its table: its time is not to be trusted for a metric. */
  outOfOrder: boolean;
}

/** One end of a metric: Date/Time's start or end, a milestone's row, or the timeline's first row. */
export type MetricPoint = { key: number; certain: boolean } & (
  | { source: 'date-time-start' | 'date-time-end' }
  | { source: 'milestone'; row: MilestoneRow }
  | { source: 'first-row'; row: { row: TimelineRow; table: TimelineTable } }
);

export interface MetricValue {
  spec: MetricSpec;
  from: MetricPoint;
  to: MetricPoint;
  /** to - from; negative when the rows say the `to` milestone came first. */
  seconds: number;
  certain: boolean;
  /** Every reading the metric's ends allow, this one first: a written figure agrees with any. */
  readings: { from: MetricPoint; to: MetricPoint; seconds: number }[];
}

/** A metric's field in the document, and what is written in it. */
export interface MetricField {
  spec: MetricSpec;
  /** Index in doc.fields. */
  index: number;
  field: FieldLine;
  /** The value as written (after the colon, trimmed). */
  raw: string;
  /** A placeholder, nothing, or "TBD": the computed value may be filled in. */
  unfilled: boolean;
}

export interface IncidentMetrics {
  /** The incident's start and end, as the metrics `start` and `end` read them. */
  start?: MetricPoint;
  end?: MetricPoint;
  /** Date/Time's own start and end on the clock, when it has times. */
  dateTimeStart?: MetricPoint;
  dateTimeEnd?: MetricPoint;
  /** The row of each milestone the timeline names, by the milestone's value. */
  milestones: ReadonlyMap<string, MilestoneRow>;
  /** Every metric with both ends known and in order, in the schema's order. */
  values: MetricValue[];
  /** Metrics whose field is unfilled in the document and an end is a milestone no row names. */
  missing: { spec: MetricSpec; milestone: string }[];
  /** The metrics' fields present in the document, in the schema's order. */
  fields: MetricField[];
  /** The timeline has rows the author wrote (not only the template's examples). */
  written: boolean;
  /** It has a row out of order: nothing is measured from its milestones (see isDisordered). */
  disordered: boolean;
}

const none: IncidentMetrics = { milestones: new Map(), values: [], missing: [], fields: [], written: false, disordered: false };

interface Candidate extends MilestoneRow {
  leading: boolean;
  own: boolean;
  /** Rows naming the milestone as leadingly as this one. */
  rows: number;
}

/** What the metrics are computed from: the parts of an analysis they read (analysis.ts calls this). */
export interface MetricsInput {
  readonly doc: ParsedDocument;
  readonly template: TemplateModel;
  readonly dateOrder: DateOrder;
  readonly timeline: Timeline | undefined;
  readonly clock: IncidentClock;
  readonly timelineOrder: TimelineOrder | undefined;
}

export function incidentMetrics(analysis: MetricsInput): IncidentMetrics {
  const spec = analysis.template.schema.metrics;
  if (!spec) return none;
  const { doc, timeline, clock } = analysis;
  const lines = doc.text.lines;
  const milestoneSpecs = analysis.template.schema.timeline?.milestones ?? [];

  const { milestones, first, firstKey } = scanOf(analysis, milestoneSpecs);
  const startKey = clockStartKey(clock, timeline ?? {}, firstKey);
  const length = durationOf(clock.start, clock.end, analysis.dateOrder);
  const dateTimeStart: MetricPoint | undefined = startKey === undefined ? undefined : { source: 'date-time-start', key: startKey, certain: true };
  const dateTimeEnd: MetricPoint | undefined = startKey === undefined || length === undefined ? undefined : { source: 'date-time-end', key: startKey + length, certain: true };
  const milestonePoint = (name: string | undefined): MetricPoint | undefined => {
    const row = name === undefined ? undefined : milestones.get(name);
    return row && { source: 'milestone', key: row.key, certain: row.certain, row };
  };
  const firstPoint: MetricPoint | undefined = first && { source: 'first-row', key: first.key, certain: false, row: first };
  const whole = dateTimeStart && dateTimeEnd;
  const start = whole ? dateTimeStart : (milestonePoint(spec.start) ?? dateTimeStart ?? firstPoint);
  const end = whole ? dateTimeEnd : milestonePoint(spec.end);

  const pointOf = (name: string): MetricPoint | undefined => {
    if (name === 'start') return start;
    if (name === 'end') return end;
    return milestonePoint(name) ?? (name === spec.start ? start : name === spec.end ? end : undefined);
  };
  const fields = metricFields(analysis, spec.values);
  // Milestones some row names, with a usable time or not (a template example row, a placeholder
  // or invalid time): such a milestone is not missing, its row is unfilled or wrong.
  let namedByAnyRow: Set<string> | undefined;
  const named = () => {
    if (!namedByAnyRow) {
      namedByAnyRow = new Set(milestones.keys());
      for (const table of timeline?.tables ?? []) {
        for (const row of table.rows) {
          const match = milestoneOfRow(milestoneSpecs, row, table, lines);
          if (match) namedByAnyRow.add(match.milestone.value);
        }
      }
    }
    return namedByAnyRow;
  };
  const values: MetricValue[] = [];
  const missing: IncidentMetrics['missing'] = [];
  for (const metric of spec.values) {
    const found = (names: readonly string[]) => names.map(pointOf).filter((p): p is MetricPoint => p !== undefined);
    const from = found(metric.from)[0];
    const to = found(metric.to)[0];
    if (from && to) {
      // A row out of order has a time the author has yet to put right: nothing is measured from it.
      const trusted = (p: MetricPoint) => p.source !== 'milestone' || !p.row.outOfOrder;
      if (!trusted(from) || !trusted(to)) continue;
      const froms = [from, ...found(metric.alsoFrom).filter(trusted)];
      const tos = [to, ...found(metric.alsoTo).filter(trusted)];
      const readings = froms.flatMap((f) => tos.map((t) => ({ from: f, to: t, seconds: t.key - f.key })));
      values.push({ spec: metric, from, to, seconds: to.key - from.key, certain: from.certain && to.certain, readings });
      continue;
    }
    // Only where it would be filled in: a figure already written needs no milestone.
    if (!fields.some((f) => f.spec === metric && f.unfilled)) continue;
    for (const names of [from ? [] : metric.from, to ? [] : metric.to]) {
      const name = names.find((n) => n !== 'start' && n !== 'end');
      if (name !== undefined && !named().has(name) && !missing.some((m) => m.milestone === name && m.spec === metric)) missing.push({ spec: metric, milestone: name });
    }
  }
  return { start, end, dateTimeStart, dateTimeEnd, milestones, values, missing, fields, written: firstKey !== undefined, disordered: isDisordered(analysis) };
}

/**
 * The timeline has a row out of order. Which row is wrong is then a guess ("22:58, 03:40, 23:55,
 * 00:30": the 00:30 is reported, the 03:40 is wrong), so nothing is measured from its milestones
 * until the author puts it right.
 */
function isDisordered(analysis: MetricsInput): boolean {
  return (analysis.timelineOrder?.outOfOrder.length ?? 0) > 0;
}

interface Scan {
  milestones: Map<string, MilestoneRow>;
  first: { row: TimelineRow; table: TimelineTable; key: number } | undefined;
  firstKey: number | undefined;
}

/** The scan of the placed rows, kept for as long as the same rows are placed the same way (a keystroke elsewhere reads none again). */
const scans = new WeakMap<object, { of: readonly MilestoneSpec[]; scan: Scan }>();

/** Each milestone's row (the first that starts with its words, else the first naming it) and the first written row. */
function scanOf(analysis: MetricsInput, milestoneSpecs: readonly MilestoneSpec[]): Scan {
  const order = analysis.timelineOrder;
  const kept = order && scans.get(order.identity);
  if (kept && kept.of === milestoneSpecs) return kept.scan;
  const lines = analysis.doc.text.lines;
  const candidates = new Map<string, Candidate>();
  let first: { row: TimelineRow; table: TimelineTable; key: number } | undefined;
  let firstKey: number | undefined;
  const disordered = isDisordered(analysis);
  analysis.timelineOrder?.forEachPlaced((row, table, key, dayOnly, outOfSequence) => {
    // The template's own example rows ("00:05 Alert triggered") say nothing of this incident.
    if (row.templateExample) return;
    const outOfOrder = disordered || outOfSequence;
    firstKey ??= key;
    if (dayOnly) return;
    first ??= { row, table, key };
    const match = milestoneOfRow(milestoneSpecs, row, table, lines);
    if (!match) return;
    const known = candidates.get(match.milestone.value);
    if (known && (known.leading || !match.leading)) {
      if (known.leading === match.leading) known.rows++;
      return;
    }
    candidates.set(match.milestone.value, { milestone: match.milestone, row, table, key, outOfOrder, leading: match.leading, own: match.own, rows: 1, certain: false });
  });
  const milestones = new Map<string, MilestoneRow>();
  for (const [name, c] of candidates) {
    milestones.set(name, { milestone: c.milestone, row: c.row, table: c.table, key: c.key, outOfOrder: c.outOfOrder, certain: c.leading && c.own && c.rows === 1 && !c.outOfOrder });
  }

  const scan = { milestones, first, firstKey };
  if (order) scans.set(order.identity, { of: milestoneSpecs, scan });
  return scan;
}

/** The fields the metrics are written in: each metric's label, in its section. */
function metricFields(analysis: MetricsInput, metrics: readonly MetricSpec[]): MetricField[] {
  const { doc } = analysis;
  const found: MetricField[] = [];
  for (const spec of metrics) {
    const label = labelKey(spec.field);
    const section = spec.section === undefined ? undefined : headingKey(spec.section);
    const index = doc.fields.findIndex((field) => field.labelKey === label && (section === undefined || underSection(analysis, field.section, section)));
    if (index === -1) continue;
    const field = doc.fields[index];
    const raw = doc.text.lines[field.line].slice(field.valueStart, field.valueEnd);
    const plain = plainValue(raw);
    found.push({ spec, index, field, raw, unfilled: field.hasPlaceholder || plain === '' || notYetKnown(plain) !== undefined });
  }
  return found;
}

function underSection(analysis: MetricsInput, heading: number, key: string): boolean {
  for (let k = heading; k !== -1; k = analysis.doc.headings[k].parent) if (analysis.doc.headings[k].key === key) return true;
  return false;
}

/** Seconds from a start to an end as Date/Time writes them; the end on the next day when it is earlier and has no date. */
export function durationOf(start: Moment | undefined, end: Moment | undefined, order: DateOrder): number | undefined {
  if (start?.seconds === undefined || end?.seconds === undefined) return undefined;
  const startDate = dateOf(start, order);
  const endDate = dateOf(end, order);
  const day = (d: typeof startDate) => (d?.day !== undefined ? dayNumber(d.year ?? startDate?.year ?? 2000, d.month, d.day) : undefined);
  const startDay = day(startDate) ?? 0;
  let endDay = day(endDate) ?? startDay;
  const at = (dayIndex: number, m: Moment) => dayIndex * 86400 + m.seconds! - (m.zone ?? start.zone ?? 0) * 60;
  if (endDate?.day === undefined && at(endDay, end) < at(startDay, start)) endDay++;
  const seconds = at(endDay, end) - at(startDay, start);
  return seconds >= 0 ? seconds : undefined;
}

/**
 * What a metric field holds against the value the timeline gives: its figures, whether any
 * agrees with any reading of the metric, and the figure nearest the value (the one a fix
 * replaces and a message quotes).
 */
export function compareWritten(field: MetricField, value: MetricValue): { figures: DurationFigure[]; agrees: boolean; closest: DurationFigure | undefined } {
  const figures = durationFigures(field.raw);
  const agrees = figures.some((f) => value.readings.some((r) => r.seconds >= 0 && figureAgrees(f, r.seconds)));
  let closest: DurationFigure | undefined;
  for (const f of figures) if (!closest || Math.abs(f.seconds - value.seconds) < Math.abs(closest.seconds - value.seconds)) closest = f;
  return { figures, agrees, closest };
}

/** "from Incident start (row 2, 22:40) to Alert triggered (row 3, 22:52)". */
export function describeRoute(value: MetricValue, lines: readonly string[]): string {
  return `from ${describePoint(value.from, lines)} to ${describePoint(value.to, lines)}`;
}

/** How a message names a point: "Alert triggered (row 2, 14:07)", "Date/Time's start". */
export function describePoint(point: MetricPoint, lines: readonly string[]): string {
  switch (point.source) {
    case 'date-time-start':
      return "Date/Time's start";
    case 'date-time-end':
      return "Date/Time's end";
    case 'milestone':
      return `${point.row.milestone.value} (${rowName(point.row, lines)})`;
    case 'first-row':
      return `the first row (${rowName(point.row, lines)})`;
  }
}

/** How a message names a milestone's row: "Alert triggered (row 2, 14:07)". */
export function describeMilestone(row: MilestoneRow, lines: readonly string[]): string {
  return describePoint({ source: 'milestone', key: row.key, certain: row.certain, row }, lines);
}

function rowName({ row, table }: { row: TimelineRow; table: TimelineTable }, lines: readonly string[]): string {
  const line = lines[row.row.line];
  const cell = row.row.cells[table.columns.time];
  const span = cell && cellSpan(line, cell);
  const time = span ? line.slice(span.start, span.end) : '';
  return `row ${row.index + 1}${time ? `, ${time}` : ''}`;
}
