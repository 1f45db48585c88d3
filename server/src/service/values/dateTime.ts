/**
 * A field that holds a start and an end ("Date/Time": `2026-11-20 13:58 - 16:31 UTC`): the dates
 * and times in it grouped into a start and, after a range separator, an end.
 */
import { findDates, type FoundDate } from './date';
import type { DateOrder } from './date';
import { dateOf, momentOf, type Moment } from './moment';
import { findTimes, type FoundTime } from './time';
import { LetterPattern } from '../text/letterPattern';
import { monthNamePattern } from './words';

export type RangeReading =
  | { start: Moment; end?: Moment; ambiguous?: FoundDate }
  | { problem: string; text?: string; start?: Moment; end?: Moment };

type Token = { kind: 'date'; found: FoundDate } | { kind: 'time'; found: FoundTime };

const rangeSeparator = /^(?:-|–|—|~|to|until|till|through|thru|and|bis|und|au|à|et|jusqu'à|→|->|=>|\/)$/i;
const sameSide = /^(?:|,|t|at|@|on|from|between|since|um|von|ab|le|du|de|dès|el|desde|the)$/i;
/** A word that says the end is next ("Start: …, End: …", "…, resolved 16:31"). */
const endWord = /(?<![\p{L}])(?:end|ended|ends|until|resolved|recovered|mitigated|ende|fin)(?![\p{L}])/iu;
/** Words that label a side (removed before the words between two tokens are judged). */
const sideWord = /(?<![\p{L}])(?:start|started|starts|begin|began|end|ended|ends|ende|fin)(?![\p{L}])/giu;
/** Days of one month written as a range: "20-21 Nov 2026", "20.–21. März 2026". */
const dayRange = new LetterPattern(`(?<![\\p{N}])(\\d{1,2})(\\.?)\\s*[-–]\\s*(?=(\\d{1,2})\\.?\\s+((?:${monthNamePattern})\\.?\\s+\\d{4}))`, 'iu');

/** The start and end of a date/time range; a problem when it has no date or time, or an impossible one, or ends before it starts. */
/** Words for a day relative to when they were written: in a post-mortem read later they name no date. */
const relativeDay = /(?<![\p{L}])(yesterday|today|tonight|tomorrow|last night|this (?:morning|afternoon|evening)|gestern|heute|hier|aujourd'hui|ayer|hoy|ieri|oggi|gisteren|vandaag)(?![\p{L}])/iu;

export function readDateTimeRange(value: string): RangeReading {
  // "20-21 Nov 2026" is the 20th to the 21st: the first day is written out with the month.
  const days = dayRange.for(value).exec(value);
  const plain = days ? `${value.slice(0, days.index)}${days[1]}${days[2]} ${days[4]} – ${value.slice(days.index + days[0].length)}` : value;
  const dates = findDates(plain, { order: 'auto' });
  if (!dates.length) {
    const relative = relativeDay.exec(plain);
    if (relative) return { problem: 'relative-day', text: relative[1] };
  }
  const times = findTimes(plain).filter((t) => !dates.some((d) => d.start < t.end && t.start < d.end));
  if (!dates.length && !times.length) return { problem: 'no-date-or-time' };
  const asides = asideRanges(plain);
  const tokens: Token[] = [
    ...dates.map((found) => ({ kind: 'date' as const, found })),
    ...times.map((found) => ({ kind: 'time' as const, found })),
  ]
    // A time in an aside ("(detected 14:05)") is not one of the range's ends.
    .filter((t) => !asides.some(([from, to]) => t.found.start > from && t.found.end <= to))
    .sort((a, b) => a.found.start - b.found.start);
  const sides: { date?: FoundDate; time?: FoundTime }[] = [{}];
  let previousEnd = -1;
  for (const token of tokens) {
    if (previousEnd !== -1) {
      const gap = plain.slice(previousEnd, token.found.start);
      const words = gap.replace(/\([^)]*\)/g, ' ').replace(sideWord, ' ').replace(/[()[\]:;]/g, ' ').replace(/\s+/g, ' ').trim().replace(/^,\s*(?=\S)/, '');
      // An unspaced hyphen separates two times ("13:58-16:31"), a spaced one anything; so does a
      // word for the end ("Start: …, End: …").
      const separator = (rangeSeparator.test(words) && (words !== '-' || token.kind === 'time' || /\s-\s/.test(gap))) || ((words === '' || words === ',') && endWord.test(gap));
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

/** Where the asides are: parentheses whose words are not only zones and range words ("(detected 14:05)", not "(13:58–16:31 UTC)"). */
function asideRanges(text: string): [number, number][] {
  const found: [number, number][] = [];
  for (const m of text.matchAll(/\(([^()]*)\)/g)) {
    const words = m[1].match(/\p{L}{3,}/gu) ?? [];
    if (words.some((w) => !/^(?:utc|gmt|[a-z]{2,4}t|to|and|until|bis|und)$/i.test(w))) found.push([m.index, m.index + m[0].length]);
  }
  return found;
}
