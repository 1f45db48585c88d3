/**
 * Points in time as a field or a timeline cell writes them: a date, a time of day, or both, with
 * a zone, a weekday, "Day 2", or a time relative to the incident's start ("T+5m"). Read without
 * the document's context: which reading an ambiguous date takes, which year a date without one
 * has and which day a time of day is on are decided later, by whoever knows the context
 * (document/clock.ts).
 */
import { dateUnder, daysInMonth, findDates, type DateOrder, type DateParts, type FoundDate } from './date';
import { findDuration } from './duration';
import { findTimes, type FoundTime } from './time';
import { plainValue } from './text';

export interface Moment {
  /** The calendar date, when one is written and reads one way. */
  date?: DateParts;
  /** Both readings of a date whose day and month could be swapped (03/04/2026). */
  ambiguousDate?: { dayFirst: DateParts; monthFirst: DateParts };
  /** Seconds since midnight, when a time of day is written. */
  seconds?: number;
  /** Offset from UTC in minutes, when a zone is written. */
  zone?: number;
  /** "Day 2": the incident's second day. */
  dayNumber?: number;
  /** "T+5m": seconds after the incident's start. */
  relative?: number;
  /** How it is written, so a new time can be written the same way. */
  style: MomentStyle;
}

export interface MomentStyle {
  date: 'none' | 'iso' | 'numeric' | 'month-name' | 'day-number';
  /** Time with seconds (14:02:17). */
  seconds: boolean;
  twelveHour: boolean;
  /** ISO date-time with T (2026-06-10T09:14:00Z). */
  isoT: boolean;
  /** The zone as written after the time ("UTC"), to write it again. */
  zoneText?: string;
  relative: boolean;
}

export type MomentReading = { moment: Moment; start: number; end: number } | { problem: string; text: string } | undefined;

const dayNumberPattern = /(?<![\p{L}\p{N}])(?:day|d|tag|jour|día|dia)\s*#?\s*(\d{1,3})(?![\p{N}:.])/iu;
const relativePattern = /^(?:~|≈|approx\.?\s*|ca\.?\s*)?T\s*(?:([+−-])\s*(.+)|0)$/iu;

/** A timeline cell's time: the first time (with the date, day or zone around it) in the cell; undefined when there is none. */
export function readTimelineMoment(raw: string): MomentReading {
  const common = commonMoment(raw);
  if (common !== null) return common;
  const plain = plainValue(raw);
  const relative = relativePattern.exec(plain);
  if (relative) {
    if (relative[1] === undefined) return { moment: { relative: 0, style: relativeStyle }, start: 0, end: plain.length };
    // "T+5" counts minutes, as "T+5m".
    const duration = /^\d+$/.test(relative[2]) ? { seconds: Number(relative[2]) * 60, start: 0 } : findDuration(relative[2]);
    if (duration?.seconds !== undefined && duration.start === 0) {
      const sign = relative[1] === '+' ? 1 : -1;
      return { moment: { relative: sign * duration.seconds, style: relativeStyle }, start: 0, end: plain.length };
    }
  }
  const dates = findDates(plain, { order: 'auto', yearless: true });
  const times = findTimes(plain, { dotted: true });
  // A dotted pair is a date before a time ("10.06 09:14") and a time on its own ("09.24").
  const time = times.find((t) => !dates.some((d) => overlaps(d, t))) ?? times[0];
  if (time) {
    const date = dates.find((d) => d.end <= time.start && !overlaps(d, time)) ?? dates.find((d) => d.start >= time.end);
    const day = dayNumberPattern.exec(plain.slice(0, time.start));
    return momentOf(date, time, day ? Number(day[1]) : undefined);
  }
  // A date alone orders the row by its day, when it is a whole date (with a year or a month's
  // name); "25.10" alone is a mistyped time, not 25 October.
  const date = dates[0];
  if (date && (date.date?.year !== undefined || /\p{L}/u.test(date.text))) return momentOf(date, undefined, undefined);
  const dotted = date && /^(\d{1,2})\.(\d{2})$/.exec(date.text);
  if (dotted && Number(dotted[1]) > 23) return { problem: 'is not a time of day: hours run from 0 to 23', text: date.text };
  return undefined;
}

/** A point in time inside a field's value ("2026-11-20 13:58 UTC"): its first date and the time after it. */
export function momentOf(date: FoundDate | undefined, time: FoundTime | undefined, dayNumber: number | undefined): MomentReading {
  if (date?.problem) return { problem: `is not a real date: ${date.problem}`, text: date.text };
  if (time?.problem) return { problem: `is not a time of day: ${time.problem}`, text: time.text };
  const moment: Moment = {
    style: {
      date: dayNumber !== undefined ? 'day-number' : !date ? 'none' : /^\d{4}/.test(date.text) ? 'iso' : /\p{L}/u.test(date.text) ? 'month-name' : 'numeric',
      seconds: time?.hasSeconds ?? false,
      twelveHour: time?.twelveHour ?? false,
      isoT: !!date && !!time && /^\d{4}\D\d{1,2}\D\d{1,2}$/.test(date.text) && time.start === date.end + 1,
      zoneText: time?.zoneText,
      relative: false,
    },
  };
  if (date?.date) moment.date = date.date;
  if (date?.ambiguous) moment.ambiguousDate = date.ambiguous;
  if (time) {
    moment.seconds = time.seconds;
    if (time.zone !== undefined) moment.zone = time.zone;
  }
  if (dayNumber !== undefined) moment.dayNumber = dayNumber;
  const start = Math.min(date?.start ?? Infinity, time?.start ?? Infinity);
  const end = Math.max(date?.end ?? -Infinity, time?.end ?? -Infinity);
  return { moment, start, end };
}

const relativeStyle: MomentStyle = { date: 'none', seconds: false, twelveHour: false, isoT: false, relative: true };

function overlaps(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start < b.end && b.start < a.end;
}

const clockStyle: MomentStyle = { date: 'none', seconds: false, twelveHour: false, isoT: false, relative: false };
const clockSecondsStyle: MomentStyle = { ...clockStyle, seconds: true };
const dateClockStyle: MomentStyle = { ...clockStyle, date: 'iso' };
const dateClockSecondsStyle: MomentStyle = { ...dateClockStyle, seconds: true };

/**
 * The times written most often, read without a regular expression (a timeline of thousands of
 * rows reads one per row): H:MM, HH:MM, HH:MM:SS, YYYY-MM-DD HH:MM[:SS]. Each reads exactly as
 * the general reading would (test/unit/values.test.ts compares them); null for any other text.
 */
function commonMoment(text: string): MomentReading | null {
  const n = text.length;
  if (n === 4 || n === 5) {
    const h = n - 4;
    if (text.charCodeAt(h + 1) !== 58 /* : */ || !digits(text, 0, h + 1) || !digits(text, h + 2, n)) return null;
    return clockMoment(text, number(text, 0, h + 1), number(text, h + 2, n), undefined);
  }
  if (n === 8) {
    if (text.charCodeAt(2) !== 58 || text.charCodeAt(5) !== 58 || !digits(text, 0, 2) || !digits(text, 3, 5) || !digits(text, 6, 8)) return null;
    return clockMoment(text, number(text, 0, 2), number(text, 3, 5), number(text, 6, 8));
  }
  if (n === 16 || n === 19) {
    if (text.charCodeAt(10) !== 32 || text.charCodeAt(4) !== 45 /* - */ || text.charCodeAt(7) !== 45 || text.charCodeAt(13) !== 58) return null;
    if (!digits(text, 0, 4) || !digits(text, 5, 7) || !digits(text, 8, 10) || !digits(text, 11, 13) || !digits(text, 14, 16)) return null;
    if (n === 19 && (text.charCodeAt(16) !== 58 || !digits(text, 17, 19))) return null;
    const year = number(text, 0, 4);
    const month = number(text, 5, 7);
    const day = number(text, 8, 10);
    const hours = number(text, 11, 13);
    const minutes = number(text, 14, 16);
    const seconds = n === 19 ? number(text, 17, 19) : undefined;
    if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hours > 23 || minutes > 59 || (seconds ?? 0) > 59) return null;
    return {
      moment: { date: { year, month, day }, seconds: hours * 3600 + minutes * 60 + (seconds ?? 0), style: seconds === undefined ? dateClockStyle : dateClockSecondsStyle },
      start: 0,
      end: n,
    };
  }
  return null;
}

function clockMoment(text: string, hours: number, minutes: number, seconds: number | undefined): MomentReading | null {
  if (hours > 23 || minutes > 59 || (seconds ?? 0) > 59) return null;
  return { moment: { seconds: hours * 3600 + minutes * 60 + (seconds ?? 0), style: seconds === undefined ? clockStyle : clockSecondsStyle }, start: 0, end: text.length };
}

function digits(text: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) {
    const code = text.charCodeAt(k);
    if (code < 48 || code > 57) return false;
  }
  return true;
}

function number(text: string, from: number, to: number): number {
  let value = 0;
  for (let k = from; k < to; k++) value = value * 10 + text.charCodeAt(k) - 48;
  return value;
}

/** The date a moment names, under the date order; undefined for an ambiguous one under auto. */
export function dateOf(moment: Moment, order: DateOrder): DateParts | undefined {
  return moment.date ?? dateUnder({ ambiguous: moment.ambiguousDate }, order);
}
