/**
 * The timeline table of a post-mortem: which table it is, which column holds what, and each
 * row's time as a sortable key.
 */
import type { TimelineSpec } from '../template/schema';
import type { ParsedDocument, Table, TableRow } from './model';
import { headingKey } from './normalize';
import { cellTime, type LineFacts } from './lineFacts';
import { parseTime, type ParsedTime } from './time';

export type RowTime =
  | { state: 'ok'; time: ParsedTime; key: number }
  | { state: 'empty' | 'placeholder' | 'invalid' | 'missing' };

export interface TimelineRow {
  row: TableRow;
  /** Index in the table's rows. */
  index: number;
  time: RowTime;
}

export interface Timeline {
  table: Table;
  tableIndex: number;
  /** Heading index of the timeline section. */
  section: number;
  columns: { time: number; event: number; component: number };
  rows: TimelineRow[];
}

const halfDay = 12 * 3600;
const day = 24 * 3600;

export function findTimeline(doc: ParsedDocument, spec: TimelineSpec | undefined): Timeline | undefined {
  if (!spec) return undefined;
  const sectionKey = headingKey(spec.section);
  const section = doc.headings.findIndex((h) => h.key === sectionKey);
  if (section === -1) return undefined;
  const heading = doc.headings[section];
  const timeKey = headingKey(spec.columns.time);
  for (let t = 0; t < doc.tables.length; t++) {
    const table = doc.tables[t];
    const line = table.header.line;
    if (line < heading.line || line >= heading.end) continue;
    const header = table.header.cells.map((c) => headingKey(doc.text.lines[line].slice(c.start, c.end)));
    const time = header.indexOf(timeKey);
    if (time === -1) continue;
    const column = (name: string | undefined) => (name ? header.indexOf(headingKey(name)) : -1);
    return {
      table,
      tableIndex: t,
      section,
      columns: { time, event: column(spec.columns.event), component: column(spec.columns.component) },
      rows: rowTimes(doc, table, t, time),
    };
  }
  return undefined;
}

/**
 * Sortable keys for times read top to bottom. Times of day that go back by more than twelve
 * hours are taken as the next day; a time of day after a dated row is on that row's day.
 */
export function timeKeyer(): (time: ParsedTime) => number {
  let dayBase = 0;
  let lastKey: number | undefined;
  return (parsed) => {
    let key: number;
    if (parsed.hasDate) {
      key = parsed.seconds;
      dayBase = Math.floor(key / day) * day;
    } else {
      key = dayBase + parsed.seconds;
      if (lastKey !== undefined && key < lastKey - halfDay) {
        dayBase += day;
        key += day;
      }
    }
    lastKey = key;
    return key;
  };
}

/** How many of these times (undefined: no valid time) are earlier than one above them. */
export function unordered(times: readonly (ParsedTime | undefined)[]): number {
  const keyOf = timeKeyer();
  let latest = -Infinity;
  let count = 0;
  for (const t of times) {
    if (!t) continue;
    const key = keyOf(t);
    if (key < latest) count++;
    else latest = key;
  }
  return count;
}

/**
 * Row times with sortable keys. Times of day that go back by more than twelve hours are taken
 * as the next day, so an incident across midnight (23:50, 00:10) reads in order.
 */
function rowTimes(doc: ParsedDocument, table: Table, tableIndex: number, timeColumn: number): TimelineRow[] {
  const placeholderLines = new Set<number>();
  for (const p of doc.placeholders) {
    if (p.owner.type === 'cell' && p.owner.table === tableIndex && p.owner.column === timeColumn) placeholderLines.add(p.line);
  }
  const keyOf = timeKeyer();
  const memo = doc.text.memo as (LineFacts | undefined)[] | undefined;
  return table.rows.map((row, index) => {
    const cell = row.cells[timeColumn];
    const line = doc.text.lines[row.line];
    const known = memo?.[row.line];
    const facts = known !== undefined && known.text === line && !known.code ? known : undefined;
    let state: RowTime['state'];
    let parsed: ParsedTime | undefined;
    let key = 0;
    if (!cell) state = 'missing';
    else if (cell.start === cell.end) state = 'empty';
    else if (placeholderLines.has(row.line)) state = 'placeholder';
    else {
      parsed = facts ? cellTime(facts, timeColumn, cell) : parseTime(line.slice(cell.start, cell.end));
      if (!parsed) state = 'invalid';
      else {
        state = 'ok';
        key = keyOf(parsed);
      }
    }
    // The row this line made in the last parse, if it is the same.
    const last = facts?.timelineRow;
    if (last !== undefined && last.row === row && last.index === index && last.time.state === state && (state !== 'ok' || (last.time.state === 'ok' && last.time.time === parsed && last.time.key === key))) {
      return last;
    }
    const time: RowTime = state === 'ok' ? { state, time: parsed!, key } : { state };
    const timelineRow: TimelineRow = { row, index, time };
    if (facts) facts.timelineRow = timelineRow;
    return timelineRow;
  });
}
