/**
 * Timeline times: the forms authors write, parsed to seconds so rows can be ordered.
 */
import { stripEmphasis } from '../text/markdownText';

export type TimeFormat = 'hm' | 'hms' | 'date-hm' | 'date-hms' | 'iso';

export interface ParsedTime {
  /** Seconds since midnight for a time of day; seconds since 1970 (UTC) when a date is given. */
  seconds: number;
  hasDate: boolean;
  format: TimeFormat;
}

const timeOfDay = /^(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([AaPp])\.?[Mm]\.?)?(?:\s*(?:UTC|GMT|Z))?$/;
const dateTime =
  /^(\d{4})-(\d{2})-(\d{2})(?:([T ])(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|UTC|GMT|[+-]\d{2}:?\d{2})?$/;

export function parseTime(raw: string): ParsedTime | undefined {
  const text = stripEmphasis(raw);
  const quick = commonTime(text);
  if (quick !== null) return quick;
  let m = timeOfDay.exec(text);
  if (m) {
    const seconds = m[3] === undefined ? 0 : Number(m[3]);
    return timeOfDayOf(Number(m[1]), Number(m[2]), seconds, m[4], m[3] === undefined ? 'hm' : 'hms');
  }
  m = dateTime.exec(text);
  if (m) {
    const hours = m[5] === undefined ? 0 : Number(m[5]);
    const minutes = m[6] === undefined ? 0 : Number(m[6]);
    const seconds = m[7] === undefined ? 0 : Number(m[7]);
    const format: TimeFormat = m[4] === 'T' ? 'iso' : m[7] === undefined ? 'date-hm' : 'date-hms';
    return dateTimeOf(Number(m[1]), Number(m[2]), Number(m[3]), hours, minutes, seconds, m[8], format);
  }
  return undefined;
}

/**
 * The times written most often, read without a regular expression (a timeline of thousands of
 * rows reads one per row): HH:MM, H:MM, HH:MM:SS, YYYY-MM-DD HH:MM[:SS] and the same with T.
 * Each reads as timeOfDay or dateTime would; null for any other text, left to them.
 */
function commonTime(text: string): ParsedTime | undefined | null {
  const n = text.length;
  if (n === 4 || n === 5) {
    const h = n - 4;
    if (text.charCodeAt(h + 1) !== 58 /* : */ || !digits(text, 0, h + 1) || !digits(text, h + 2, n)) return null;
    return timeOfDayOf(number(text, 0, h + 1), number(text, h + 2, n), 0, undefined, 'hm');
  }
  if (n === 8) {
    if (text.charCodeAt(2) !== 58 || text.charCodeAt(5) !== 58 || !digits(text, 0, 2) || !digits(text, 3, 5) || !digits(text, 6, 8)) return null;
    return timeOfDayOf(number(text, 0, 2), number(text, 3, 5), number(text, 6, 8), undefined, 'hms');
  }
  if (n === 16 || n === 19) {
    const sep = text.charCodeAt(10);
    if (sep !== 32 && sep !== 84 /* T */) return null;
    if (text.charCodeAt(4) !== 45 /* - */ || text.charCodeAt(7) !== 45 || text.charCodeAt(13) !== 58) return null;
    if (!digits(text, 0, 4) || !digits(text, 5, 7) || !digits(text, 8, 10) || !digits(text, 11, 13) || !digits(text, 14, 16)) return null;
    let seconds = 0;
    if (n === 19) {
      if (text.charCodeAt(16) !== 58 || !digits(text, 17, 19)) return null;
      seconds = number(text, 17, 19);
    }
    const format: TimeFormat = sep === 84 ? 'iso' : n === 16 ? 'date-hm' : 'date-hms';
    return dateTimeOf(number(text, 0, 4), number(text, 5, 7), number(text, 8, 10), number(text, 11, 13), number(text, 14, 16), seconds, undefined, format);
  }
  return null;
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

function timeOfDayOf(hours: number, minutes: number, seconds: number, meridiem: string | undefined, format: TimeFormat): ParsedTime | undefined {
  if (meridiem) {
    if (hours < 1 || hours > 12) return undefined;
    const pm = meridiem.toLowerCase() === 'p';
    hours = (hours % 12) + (pm ? 12 : 0);
  }
  if (hours > 23 || minutes > 59 || seconds > 59) return undefined;
  return { seconds: hours * 3600 + minutes * 60 + seconds, hasDate: false, format };
}

function dateTimeOf(year: number, month: number, day: number, hours: number, minutes: number, seconds: number, zone: string | undefined, format: TimeFormat): ParsedTime | undefined {
  if (month < 1 || month > 12 || hours > 23 || minutes > 59 || seconds > 59) return undefined;
  const ms = Date.UTC(year, month - 1, day, hours, minutes, seconds);
  // The day must exist in its month (as new Date(ms).getUTCDate() === day, without the Date).
  if (day < 1 || day > daysInMonth(year, month)) return undefined;
  let offset = 0;
  if (zone && /^[+-]/.test(zone)) {
    const digits = zone.replace(':', '');
    offset = (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5))) * (zone[0] === '-' ? -1 : 1);
  }
  return { seconds: ms / 1000 - offset * 60, hasDate: true, format };
}

/** Days in a month of a year as Date.UTC reads the year (0-99 are 1900-1999). */
function daysInMonth(year: number, month: number): number {
  if (month !== 2) return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  const y = year >= 0 && year <= 99 ? 1900 + year : year;
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A time in the given format, for a UTC instant. */
export function formatTime(date: Date, format: TimeFormat): string {
  const hm = `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}`;
  const ymd = `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
  switch (format) {
    case 'hm':
      return hm;
    case 'hms':
      return `${hm}:${pad(date.getUTCSeconds())}`;
    case 'date-hm':
      return `${ymd} ${hm}`;
    case 'date-hms':
      return `${ymd} ${hm}:${pad(date.getUTCSeconds())}`;
    case 'iso':
      return `${ymd}T${hm}:${pad(date.getUTCSeconds())}Z`;
  }
}
