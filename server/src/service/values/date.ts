/**
 * Calendar dates in the forms people write: ISO (2026-03-21, 2026/03/21), day-first and
 * month-first with slashes, dots or dashes (23/03/2026, 21.03.2026, 03/23/2026, 23/03/26), month
 * names in English and the common European languages (21 March 2026, March 21, 2026,
 * 21-Mar-2026, 21. März 2026, 21 mars 2026), with or without a weekday.
 */
import { englishMonths, monthNamePattern, monthOfName } from './words';
import { LetterPattern } from '../text/letterPattern';

/** How to read a numeric date whose day and month could be swapped (03/04/2026). */
export type DateOrder = 'auto' | 'dmy' | 'mdy';

export interface DateParts {
  /** Undefined when the date has no year ("Jun 10"). */
  year?: number;
  month: number;
  /** Undefined for a month and year ("March 2026"). */
  day?: number;
}

export interface FoundDate {
  start: number;
  end: number;
  /** The date, when it reads one way (and exists). */
  date?: DateParts;
  /** Both readings of a numeric date whose day and month could be swapped, when `dateOrder` is auto. */
  ambiguous?: { dayFirst: DateParts; monthFirst: DateParts };
  /** Why the date does not exist ("February 2026 has 28 days"). */
  problem?: string;
  /** The text of the date, as written. */
  text: string;
}

export interface DateScanOptions {
  order: DateOrder;
  /** Also read a day and month without a year ("10/06"), as a timeline cell may have. */
  yearless?: boolean;
}

// After a slash only as the end of an ISO 8601 interval ("…T13:58Z/2026-11-20T16:31Z").
// Letter patterns (text/letterPattern.ts): their ASCII twins read ASCII texts.
const iso = new LetterPattern(String.raw`(?:(?<![\p{N}.\/-])|(?<=\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?\/))(\d{4})([-\/.])(\d{1,2})\2(\d{1,2})(?![\p{N}])`, 'gu');
const numeric = new LetterPattern(String.raw`(?<![\p{N}.\/-])(\d{1,2})([-\/.])(\d{1,2})\2(\d{4}|\d{2})(?![\p{N}]|[.\/-]\p{N})`, 'gu');
const numericYearless = new LetterPattern(String.raw`(?<![\p{N}.\/-])(\d{1,2})([\/.])(\d{1,2})(?![\p{N}]|[.\/-]\p{N})`, 'gu');
const month = `(${monthNamePattern})\\.?`;
const dayMonthYear = new LetterPattern(
  `(?<![\\p{L}\\p{N}])(\\d{1,2})(?:st|nd|rd|th|ste|er|de|e|º|\\.)?(?:\\s*[-\\s]\\s*|\\s*\\.\\s*)(?:de\\s+)?${month}(?![\\p{L}])(?:(?:,?\\s*[-\\s]\\s*|\\s+de\\s+)('\\d{2}|\\d{4})(?![\\p{N}:]))?`,
  'giu',
);
const monthDayYear = new LetterPattern(`(?<![\\p{L}])${month}\\s*[-\\s]\\s*(\\d{1,2})(?:st|nd|rd|th)?(?![\\p{N}:.])(?:,?\\s+(\\d{4})(?![\\p{N}:]))?`, 'giu');
// Chinese, Japanese and Korean: 2026年3月9日, 2026년 3월 9일 (the year may be left out).
const cjkDate = /(?<![\p{N}])(?:(\d{4})\s*[年년]\s*)?(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]/gu;
const monthYear = new LetterPattern(`(?<![\\p{L}])${month},?\\s+(\\d{4})(?![\\p{N}])`, 'giu');

/** Every date in the text, in order (overlapping readings: the earliest, then the longest). */
export function findDates(text: string, options: DateScanOptions): FoundDate[] {
  if (!/\d/.test(text)) return [];
  const found: FoundDate[] = [];
  const add = (start: number, text: string, parts: Omit<FoundDate, 'start' | 'end' | 'text'>) => found.push({ start, end: start + text.length, text, ...parts });
  let m: RegExpExecArray | null;

  const isoPattern = iso.for(text);
  isoPattern.lastIndex = 0;
  while ((m = isoPattern.exec(text)) !== null) add(m.index, m[0], checked({ year: Number(m[1]), month: Number(m[3]), day: Number(m[4]) }));

  const numericPattern = numeric.for(text);
  numericPattern.lastIndex = 0;
  while ((m = numericPattern.exec(text)) !== null) add(m.index, m[0], numericDate(Number(m[1]), Number(m[3]), yearOf(m[4]), m[2], options.order));
  if (options.yearless) {
    const yearless = numericYearless.for(text);
    yearless.lastIndex = 0;
    while ((m = yearless.exec(text)) !== null) add(m.index, m[0], numericDate(Number(m[1]), Number(m[3]), undefined, m[2], options.order));
  }

  if (/\p{L}/u.test(text)) {
    const dmy = dayMonthYear.for(text);
    dmy.lastIndex = 0;
    while ((m = dmy.exec(text)) !== null) {
      const monthNumber = monthOfName.get(m[2].toLowerCase());
      if (monthNumber) add(m.index, m[0], checked({ year: m[3] ? yearOf(m[3].replace("'", '')) : undefined, month: monthNumber, day: Number(m[1]) }));
    }
    const mdy = monthDayYear.for(text);
    mdy.lastIndex = 0;
    while ((m = mdy.exec(text)) !== null) {
      const monthNumber = monthOfName.get(m[1].toLowerCase());
      if (monthNumber) add(m.index, m[0], checked({ year: m[3] ? Number(m[3]) : undefined, month: monthNumber, day: Number(m[2]) }));
    }
    const my = monthYear.for(text);
    my.lastIndex = 0;
    while ((m = my.exec(text)) !== null) {
      const monthNumber = monthOfName.get(m[1].toLowerCase());
      if (monthNumber) add(m.index, m[0], { date: { year: Number(m[2]), month: monthNumber } });
    }
  }
  if (text.indexOf('月') !== -1 || text.indexOf('월') !== -1) {
    cjkDate.lastIndex = 0;
    while ((m = cjkDate.exec(text)) !== null) add(m.index, m[0], checked({ year: m[1] ? Number(m[1]) : undefined, month: Number(m[2]), day: Number(m[3]) }));
  }
  if (found.length < 2) return found;
  // Of readings that overlap, the whole date wins ("mar. 2026-09-01" is a Tuesday's date, not
  // March 2026), then the earlier and longer ("21 March 2026" is also "March 2026").
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: FoundDate[] = [];
  for (const date of found) {
    const last = kept[kept.length - 1];
    if (!last || date.start >= last.end) kept.push(date);
    else if (wholeness(date) > wholeness(last)) kept[kept.length - 1] = date;
  }
  return kept;
}

/** The first date in the text. */
export function findDate(text: string, options: DateScanOptions): FoundDate | undefined {
  return findDates(text, options)[0];
}

/** How much of a date a reading names: day, month and year; or fewer. */
function wholeness(date: FoundDate): number {
  const parts = date.date ?? date.ambiguous?.dayFirst;
  if (!parts) return 3;
  return (parts.day !== undefined ? 2 : 0) + (parts.year !== undefined ? 1 : 0);
}

function yearOf(text: string): number {
  const year = Number(text);
  return text.length === 2 ? 2000 + year : year;
}

/**
 * A numeric date by its two first numbers: day-first when only that reading exists (23/03),
 * month-first likewise (03/23); dots are always day-first (21.03.2026 is never month-first);
 * otherwise by the date order, and both readings under auto.
 */
function numericDate(first: number, second: number, year: number | undefined, separator: string, order: DateOrder): Omit<FoundDate, 'start' | 'end' | 'text'> {
  const dayFirst = { year, month: second, day: first };
  const monthFirst = { year, month: first, day: second };
  const dayFirstExists = exists(dayFirst);
  const monthFirstExists = exists(monthFirst);
  if (separator === '.' || (dayFirstExists && !monthFirstExists)) return checked(dayFirst);
  if (monthFirstExists && !dayFirstExists) return checked(monthFirst);
  if (!dayFirstExists) return checked(order === 'mdy' ? monthFirst : dayFirst);
  if (first === second || order === 'dmy') return { date: dayFirst };
  if (order === 'mdy') return { date: monthFirst };
  return { ambiguous: { dayFirst, monthFirst } };
}

function exists(parts: DateParts): boolean {
  return parts.month >= 1 && parts.month <= 12 && parts.day !== undefined && parts.day >= 1 && parts.day <= daysInMonth(parts.year, parts.month);
}

function checked(parts: DateParts): Omit<FoundDate, 'start' | 'end' | 'text'> {
  if (parts.month < 1 || parts.month > 12) return { problem: `there is no month ${parts.month}` };
  if (parts.day !== undefined) {
    const days = daysInMonth(parts.year, parts.month);
    if (parts.day < 1 || parts.day > days) {
      const monthName = englishMonths[parts.month - 1];
      return { problem: parts.month === 2 && parts.year !== undefined ? `February ${parts.year} has ${days} days` : `${monthName} has ${days} days` };
    }
  }
  return { date: parts };
}

/** Days in a month; February of an unknown year may have 29. */
export function daysInMonth(year: number | undefined, month: number): number {
  if (month !== 2) return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  if (year === undefined) return 29;
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
}

/** A date in ISO form, YYYY-MM-DD. */
export function formatDate(parts: Required<DateParts>): string {
  return `${parts.year}-${String(parts.month).padStart(2, '0')}-${String(parts.day).padStart(2, '0')}`;
}

/** How a date reads for a person: "3 April 2026" (for messages on ambiguous dates). */
export function describeDate(parts: DateParts): string {
  return [parts.day, englishMonths[parts.month - 1], parts.year].filter((p) => p !== undefined).join(' ');
}

/** Days since 1970-01-01 of a full date (the proleptic Gregorian calendar, as Date.UTC for years from 100 on). */
export function dayNumber(year: number, month: number, day: number): number {
  // Howard Hinnant's days_from_civil: arithmetic only, for timelines of thousands of dated rows.
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/** The date a found date names under the date order; undefined for an ambiguous one under auto. */
export function dateUnder(found: { date?: DateParts; ambiguous?: { dayFirst: DateParts; monthFirst: DateParts } }, order: DateOrder): DateParts | undefined {
  if (found.date) return found.date;
  if (found.ambiguous && order !== 'auto') return order === 'dmy' ? found.ambiguous.dayFirst : found.ambiguous.monthFirst;
  return undefined;
}

/** A day number (days since 1970, see dayNumber) as YYYY-MM-DD. */
export function dayText(day: number): string {
  // Howard Hinnant's civil_from_days (dayNumber's inverse): arithmetic, not a Date and its ISO string.
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const d = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yearOfEra + era * 400 + (m <= 2 ? 1 : 0);
  return `${y < 1000 ? String(y).padStart(4, '0') : y}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}
