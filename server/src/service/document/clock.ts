/**
 * The incident's clock: what the Date/Time field says of the incident's start and end, and each
 * timeline row put on it as one absolute time, so rows can be ordered across midnight, days,
 * zones, "Day 2" and "T+5m". The one place that decides whether a row is out of order.
 */
import type { DateOrder, DateParts } from '../values/date';
import { dayNumber } from '../values/date';
import { dateOf, type Moment } from '../values/moment';
import type { TimelineRow } from './model';
import type { Timeline, TimelineTable } from './timeline';

const day = 86400;
const halfDay = day / 2;

export interface IncidentClock {
  /** The incident's start and end as the Date/Time field writes them. */
  start?: Moment;
  end?: Moment;
  /** How many times the timeline may cross midnight: known from Date/Time, or undefined when it does not say. */
  crossings?: number;
  /** The start's day (days since 1970), when Date/Time has a date. */
  startDay?: number;
  /** The start's year, for dates written without one. */
  year?: number;
}

/** What Date/Time's start and end say of the days the incident spans. */
export function incidentClock(start: Moment | undefined, end: Moment | undefined, dateOrder: DateOrder): IncidentClock {
  const clock: IncidentClock = { start, end };
  const startDate = start && dateOf(start, dateOrder);
  const endDate = end && dateOf(end, dateOrder);
  if (startDate?.day !== undefined) {
    clock.year = startDate.year;
    clock.startDay = dayNumber(startDate.year ?? 2000, startDate.month, startDate.day);
  }
  if (!start || !end) return clock;
  if (startDate?.day !== undefined && endDate?.day !== undefined) {
    const endDay = dayNumber(endDate.year ?? startDate.year ?? 2000, endDate.month, endDate.day);
    clock.crossings = Math.max(0, endDay - clock.startDay!);
  } else if (start.seconds !== undefined && end.seconds !== undefined && (startDate === undefined || endDate === undefined)) {
    // Times only, or a date on the start alone: the end is on the same day, or the next when earlier.
    clock.crossings = end.seconds < start.seconds ? 1 : 0;
  }
  return clock;
}


export interface PlacedRow {
  table: TimelineTable;
  row: TimelineRow & { time: { state: 'ok'; moment: Moment } };
  /** Seconds since 1970 (or since the incident's first day when no date is known), in UTC. */
  key: number;
  /** Only the day is known (a date without a time): ordered by day. */
  dayOnly: boolean;
  /** Earlier than the row with a time above it. */
  outOfOrder?: {
    /** The row above it, which is later. */
    after: PlacedRow;
    /** Why a jump back was not read as the next day. */
    because?: Because;
  };
}

type Because = 'one-day' | 'no-more-days' | 'beyond-a-day' | undefined;

export interface TimelineOrder {
  /** The timeline's rows with a time, in document order, on the incident's clock. */
  rows: PlacedRow[];
  outOfOrder: PlacedRow[];
  /** How many rows would be out of order in another order of the same rows (for the fixes). */
  countOutOfOrder(rows: readonly { table: TimelineTable; row: TimelineRow }[]): number;
  /**
   * Each row with a time, in document order, without making an object per row (a timeline may
   * have thousands): its row, table and key, whether only its day is known, and whether it is
   * out of sequence: out of order, or earlier than a row above the one it follows (after a row
   * that jumped back, or a day-only row), so that its time is not to be measured from.
   */
  forEachPlaced(visit: (row: PlacedRow['row'], table: TimelineTable, key: number, dayOnly: boolean, outOfSequence: boolean) => void): void;
  /**
   * The same object for as long as the same rows are placed the same way (a keystroke outside
   * the timeline): a key for what is derived from the placed rows (the metrics' milestones).
   */
  readonly identity: object;
}

/** A sequence of timeline rows, each with its table: the document's order, or one a fix proposes. */
interface RowSequence {
  rows: readonly TimelineRow[];
  tables: readonly TimelineTable[];
}

/**
 * Rows placed on the clock, as flat arrays (a timeline may have thousands of rows, and most
 * keystrokes ask only which few are out of order): for each placed row (one with a time) its
 * index in the sequence, its key, whether only its day is known; and the rows out of order.
 */
export interface Placement {
  index: Int32Array;
  keys: Float64Array;
  dayOnly: Uint8Array;
  /** Positions among the placed rows: the row out of order, the row above it, why. */
  outOfOrder: { at: number; after: number; because: Because }[];
}

/** Puts the timeline's rows on the incident's clock and tells which are out of order. */
/**
 * The zone a row's time is read in (minutes from UTC): its own, its table's header's, the
 * timeline section's, else Date/Time's. Keys are UTC in it, and times written back use it.
 */
export function zoneOfRow(moment: Pick<Moment, 'zone'> | undefined, table: Pick<TimelineTable, 'zone'>, timeline: Pick<Timeline, 'zone'>, clock: Pick<IncidentClock, 'start'>): number {
  return moment?.zone ?? table.zone ?? timeline.zone ?? clock.start?.zone ?? 0;
}

/** The last placement of a document's timeline, kept by its session for the next analysis. */
export interface PlacementMemo {
  last?: { key: string; rows: readonly TimelineRow[]; placement: Placement };
}

/** `memo`: where the document's session keeps the last placement (a keystroke outside the timeline places no row again). */
export function placeTimeline(timeline: Timeline, clock: IncidentClock, dateOrder: DateOrder, memo: PlacementMemo = {}): TimelineOrder {
  const place = (sequence: RowSequence): Placement => {
    if (clock.crossings !== undefined) return placeRows(sequence, timeline, clock, dateOrder, clock.crossings, false);
    // Date/Time does not say how many days the incident spans: one midnight crossing is
    // plausible, within a day; none is read when that explains the rows as well.
    const none = placeRows(sequence, timeline, clock, dateOrder, 0, false);
    // Only a row that went back by more than twelve hours could read as the next day.
    if (!none.outOfOrder.some((o) => o.because === 'one-day')) return none;
    const one = placeRows(sequence, timeline, clock, dateOrder, 1, true);
    return one.outOfOrder.length < none.outOfOrder.length ? one : none;
  };
  const sequence: RowSequence = { rows: [], tables: [] };
  for (const table of timeline.tables) {
    for (const row of table.rows) {
      (sequence.rows as TimelineRow[]).push(row);
      (sequence.tables as TimelineTable[]).push(table);
    }
  }
  // The same rows on the same clock as the last time (a keystroke outside the timeline): the
  // same places, without placing thousands of rows again.
  const key = placementKey(timeline, clock, dateOrder);
  let placement: Placement;
  const last = memo.last;
  if (last && last.key === key && sameRows(last.rows, sequence.rows)) placement = last.placement;
  else {
    placement = place(sequence);
    memo.last = { key, rows: sequence.rows, placement };
  }
  let rows: PlacedRow[] | undefined;
  let outOfOrder: PlacedRow[] | undefined;
  return {
    get rows() {
      return (rows ??= expanded(placement, sequence));
    },
    get outOfOrder() {
      return (outOfOrder ??= placement.outOfOrder.length === 0 ? [] : rows ? rows.filter((r) => r.outOfOrder) : outOfOrderOnly(placement, sequence));
    },
    countOutOfOrder: (order) => place({ rows: order.map((o) => o.row), tables: order.map((o) => o.table) }).outOfOrder.length,
    identity: placement,
    forEachPlaced(visit) {
      const late = placement.outOfOrder.length ? new Set(placement.outOfOrder.map((o) => o.at)) : undefined;
      /** The latest time of a row above, day-only rows aside. */
      let latest = -Infinity;
      for (let k = 0; k < placement.index.length; k++) {
        const at = placement.index[k];
        const key = placement.keys[k];
        const dayOnly = placement.dayOnly[k] === 1;
        const outOfSequence = (late !== undefined && late.has(k)) || (!dayOnly && key < latest);
        if (!dayOnly && key > latest) latest = key;
        visit(sequence.rows[at] as PlacedRow['row'], sequence.tables[at], key, dayOnly, outOfSequence);
      }
    },
  };
}

function placementKey(timeline: Timeline, clock: IncidentClock, dateOrder: DateOrder): string {
  const m = (x: Moment | undefined) => (x ? `${x.seconds}/${x.zone}/${x.relative}` : '-');
  const tables = timeline.tables.map((t) => `${t.rows.length}/${t.date?.year}-${t.date?.month}-${t.date?.day}/${t.dayNumber}/${t.zone}`).join(';');
  return `${dateOrder}|${timeline.zone}|${clock.crossings}|${clock.startDay}|${clock.year}|${m(clock.start)}|${tables}`;
}

function sameRows(a: readonly TimelineRow[], b: readonly TimelineRow[]): boolean {
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return false;
  return true;
}

function placedRow(placement: Placement, sequence: RowSequence, k: number): PlacedRow {
  const at = placement.index[k];
  return { table: sequence.tables[at], row: sequence.rows[at] as PlacedRow['row'], key: placement.keys[k], dayOnly: placement.dayOnly[k] === 1 };
}

/** The rows out of order, and the rows they are after, without the others. */
function outOfOrderOnly(placement: Placement, sequence: RowSequence): PlacedRow[] {
  const made = new Map<number, PlacedRow>();
  const at = (k: number) => {
    let row = made.get(k);
    if (!row) made.set(k, (row = placedRow(placement, sequence, k)));
    return row;
  };
  return placement.outOfOrder.map((o) => {
    const row = at(o.at);
    row.outOfOrder = { after: at(o.after), because: o.because };
    return row;
  });
}

function expanded(placement: Placement, sequence: RowSequence): PlacedRow[] {
  const rows: PlacedRow[] = [];
  for (let k = 0; k < placement.index.length; k++) rows.push(placedRow(placement, sequence, k));
  for (const o of placement.outOfOrder) rows[o.at].outOfOrder = { after: rows[o.after], because: o.because };
  return rows;
}

/**
 * Each row's place on the clock, in the sequence's order; and which are out of order: each
 * row earlier than the row with a time right above it. Only the row that jumps back is
 * reported, not every row after it, so one wrong time makes one warning: "09:02, 19:05,
 * 09:07, 09:10" reports 09:07, "13:58, 00:05, 00:10" reports 00:05.
 */
function placeRows(sequence: RowSequence, timeline: Timeline, clock: IncidentClock, dateOrder: DateOrder, crossings: number, withinADay: boolean): Placement {
  const n = sequence.rows.length;
  const index = new Int32Array(n);
  const keys = new Float64Array(n);
  const dayOnlyOf = new Uint8Array(n);
  const outOfOrder: Placement['outOfOrder'] = [];
  let placed = 0;
  /** The placed row the next is compared with. */
  let above = -1;
  /** The day the next time of day is on. */
  let currentDay = clock.startDay ?? 0;
  let year = clock.year;
  let left = crossings;
  let table: TimelineTable | undefined;
  const startKey = clock.start ? keyOfClockStart(clock, timeline) : undefined;
  for (let at = 0; at < n; at++) {
    const t = sequence.tables[at];
    const row = sequence.rows[at];
    if (t !== table) {
      table = t;
      // A table under "### Day 2 (Aug 15)" starts on that day.
      if (t.date?.day !== undefined) {
        const y = t.date.year ?? yearNear(year, currentDay, t.date);
        currentDay = dayNumber(y, t.date.month, t.date.day);
        year = y;
      } else if (t.dayNumber !== undefined) currentDay = (clock.startDay ?? 0) + t.dayNumber - 1;
    }
    if (row.time.state !== 'ok') continue;
    const moment = row.time.moment;
    const zone = zoneOfRow(moment, t, timeline, clock);
    let key: number;
    let dayOnly = false;
    let because: Because;
    const date = dateOf(moment, dateOrder);
    const previous = placed - 1;
    if (moment.relative !== undefined) {
      key = (startKey ?? currentDay * day) + moment.relative;
    } else if (date?.day !== undefined) {
      const y = date.year ?? yearNear(year, currentDay, date);
      year = y;
      currentDay = dayNumber(y, date.month, date.day);
      if (moment.seconds === undefined) {
        dayOnly = true;
        key = currentDay * day;
      } else key = currentDay * day + moment.seconds - zone * 60;
    } else if (moment.dayNumber !== undefined) {
      currentDay = (clock.startDay ?? 0) + moment.dayNumber - 1;
      key = currentDay * day + (moment.seconds ?? 0) - zone * 60;
    } else {
      key = currentDay * day + (moment.seconds ?? 0) - zone * 60;
      // A time of day well before the row above is the next day, while the incident may still cross midnight.
      if (previous >= 0 && !dayOnlyOf[previous] && key < keys[previous] - halfDay) {
        if (left > 0) {
          left--;
          currentDay++;
          key += day;
        } else because = crossings === 0 ? 'one-day' : 'no-more-days';
      }
    }
    index[placed] = at;
    keys[placed] = key;
    dayOnlyOf[placed] = dayOnly ? 1 : 0;
    // Without a date, the whole timeline is read within a day of its first row.
    if (withinADay && placed > 0 && key >= keys[0] + day && date === undefined && moment.dayNumber === undefined) {
      outOfOrder.push({ at: placed, after: 0, because: 'beyond-a-day' });
    } else {
      // Against the row with a time above it (leaving out those more than a day after the first).
      if (above >= 0) {
        const earlier = dayOnly || dayOnlyOf[above] ? Math.floor(key / day) < Math.floor(keys[above] / day) : key < keys[above];
        if (earlier) outOfOrder.push({ at: placed, after: above, because });
      }
      above = placed;
    }
    placed++;
  }
  return { index: index.subarray(0, placed), keys: keys.subarray(0, placed), dayOnly: dayOnlyOf.subarray(0, placed), outOfOrder };
}

/**
 * Date/Time's start on the timeline's clock, when it has a time: on its own date, else on the
 * day of the first row (`firstKey`) when the rows have dates, else on the clock's first day.
 */
export function clockStartKey(clock: IncidentClock, timeline: Pick<Timeline, 'zone'>, firstKey: number | undefined): number | undefined {
  const start = clock.start;
  if (start?.seconds === undefined) return undefined;
  const zone = start.zone ?? timeline.zone ?? 0;
  if (clock.startDay !== undefined) return clock.startDay * day + start.seconds - zone * 60;
  if (firstKey === undefined || firstKey < day) return start.seconds - zone * 60;
  let key = Math.floor(firstKey / day) * day + start.seconds - zone * 60;
  // 23:50 on the day before the first row at 00:10.
  if (key - firstKey > halfDay) key -= day;
  return key;
}

/** The incident's start on the clock, for rows relative to it (T+5m). */
function keyOfClockStart(clock: IncidentClock, timeline: Timeline): number | undefined {
  const start = clock.start!;
  if (start.seconds === undefined) return clock.startDay !== undefined ? clock.startDay * day : undefined;
  const zone = start.zone ?? timeline.zone ?? 0;
  return (clock.startDay ?? 0) * day + start.seconds - zone * 60;
}

/** The year of a date written without one: the one that puts it nearest after the day before it. */
function yearNear(year: number | undefined, currentDay: number, date: DateParts): number {
  if (year === undefined) {
    if (currentDay === 0) return 2000;
    year = new Date(currentDay * day * 1000).getUTCFullYear();
  }
  const candidate = dayNumber(year, date.month, date.day ?? 1);
  // Dec 31 then Jan 1: the next year.
  if (currentDay !== 0 && candidate < currentDay - 180) return year + 1;
  return year;
}
