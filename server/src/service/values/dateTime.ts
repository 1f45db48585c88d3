/**
 * A field that holds a start and an end ("Date/Time": `2026-11-20 13:58 - 16:31 UTC`): the dates
 * and times in it grouped into a start and, after a range separator, an end.
 */
import { findDates, type FoundDate } from './date';
import type { DateOrder } from './date';
import { dateOf, momentOf, type Moment } from './moment';
import { findTimes, type FoundTime } from './time';

export type RangeReading =
  | { start: Moment; end?: Moment; ambiguous?: FoundDate }
  | { problem: string; text?: string; start?: Moment; end?: Moment };

type Token = { kind: 'date'; found: FoundDate } | { kind: 'time'; found: FoundTime };

const rangeSeparator = /^(?:-|–|—|~|to|until|till|through|thru|bis|au|à|jusqu'à|→|->|=>|\/)$/i;
const sameSide = /^(?:|,|t|at|@|on|um|le|el|the)$/i;

/** The start and end of a date/time range; a problem when it has no date or time, or an impossible one, or ends before it starts. */
/** Words for a day relative to when they were written: in a post-mortem read later they name no date. */
const relativeDay = /(?<![\p{L}])(yesterday|today|tonight|tomorrow|last night|this (?:morning|afternoon|evening)|gestern|heute|hier|aujourd'hui|ayer|hoy|ieri|oggi|gisteren|vandaag)(?![\p{L}])/iu;

export function readDateTimeRange(plain: string): RangeReading {
  const dates = findDates(plain, { order: 'auto' });
  if (!dates.length) {
    const relative = relativeDay.exec(plain);
    if (relative) return { problem: 'relative-day', text: relative[1] };
  }
  const times = findTimes(plain).filter((t) => !dates.some((d) => d.start < t.end && t.start < d.end));
  if (!dates.length && !times.length) return { problem: 'no-date-or-time' };
  const tokens: Token[] = [
    ...dates.map((found) => ({ kind: 'date' as const, found })),
    ...times.map((found) => ({ kind: 'time' as const, found })),
  ].sort((a, b) => a.found.start - b.found.start);

  const sides: { date?: FoundDate; time?: FoundTime }[] = [{}];
  let previousEnd = -1;
  for (const token of tokens) {
    if (previousEnd !== -1) {
      const gap = plain.slice(previousEnd, token.found.start);
      const words = gap.replace(/\([^)]*\)/g, ' ').replace(/\b(?:start|end|begin|began|started|ended)\b/gi, ' ').trim();
      // An unspaced hyphen separates two times ("13:58-16:31"), a spaced one anything.
      const separator = rangeSeparator.test(words) && (words !== '-' || token.kind === 'time' || /\s-\s/.test(gap));
      if (separator && sides.length === 1) sides.push({});
      else if (!sameSide.test(words)) break;
    }
    const current = sides[sides.length - 1];
    if (current[token.kind]) break;
    if (token.kind === 'date') current.date = token.found;
    else current.time = token.found;
    previousEnd = token.found.end;
  }

  const [first, second] = sides;
  const start = momentOf(first.date, first.time, undefined);
  if (start && 'problem' in start) return start;
  const end = second && (second.date || second.time) ? momentOf(second.date, second.time, undefined) : undefined;
  if (end && 'problem' in end) return end;
  const ambiguous = [first.date, second?.date].find((d) => d?.ambiguous);
  const reading: RangeReading = { start: start!.moment, end: end?.moment, ambiguous };
  // A zone written once applies to both ends ("13:58 - 16:31 UTC").
  if (reading.end) {
    if (reading.start.zone === undefined && reading.end.zone !== undefined) reading.start.zone = reading.end.zone;
    if (reading.end.zone === undefined && reading.start.zone !== undefined) reading.end.zone = reading.start.zone;
    if (endsBeforeStart(reading.start, reading.end, 'auto')) return { problem: 'end-before-start', start: reading.start, end: reading.end };
  }
  return reading;
}

/**
 * Whether a range's end is before its start, both dated (under the date order): instants when
 * both ends have a time, else days. Without dates on both ends, an earlier end is the next day's.
 */
export function endsBeforeStart(start: Moment, end: Moment, order: DateOrder): boolean {
  const startDate = dateOf(start, order);
  const endDate = dateOf(end, order);
  if (startDate?.day === undefined || endDate?.day === undefined) return false;
  const year = startDate.year ?? endDate.year ?? 2000;
  const withTimes = start.seconds !== undefined && end.seconds !== undefined;
  const at = (m: Moment, d: typeof startDate) => Date.UTC(d.year ?? year, d.month - 1, d.day!) / 1000 + (withTimes ? (m.seconds ?? 0) - (m.zone ?? 0) * 60 : 0);
  return at(end, endDate) < at(start, startDate);
}
