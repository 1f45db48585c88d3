/**
 * Times of day as people write them: 14:02, 9:14, 14:02:17, 09:19:12.431, 2:14 PM, 2pm, 14h02,
 * noon, midnight; with an optional zone after them: Z, UTC, GMT+2, +02:00, CET, PST...
 * (dotted 09.24 only where a time is certain to be meant: a timeline's Time cell).
 */
import { LetterPattern } from '../text/letterPattern';
import { zoneNamePattern, zoneOffsets } from './words';

export interface FoundTime {
  start: number;
  end: number;
  /** Seconds since midnight. */
  seconds: number;
  /** Written with seconds. */
  hasSeconds: boolean;
  /** Written with AM or PM. */
  twelveHour: boolean;
  /** Offset from UTC in minutes, when a zone follows the time. */
  zone?: number;
  /** The zone as written ("UTC", "+02:00"). */
  zoneText?: string;
  /** Why it is no time of day ("hours run 0-23"). */
  problem?: string;
  text: string;
}

export interface TimeScanOptions {
  /** Also read 09.24 as a time. */
  dotted?: boolean;
}

const clock = /(?<![\p{N}:.,])(\d{1,2})(?::|h(?=\d{2}))(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?![\p{N}]|:\p{N})(?:\s*([AaPp])\.?\s?[Mm]\.?(?![\p{L}]))?/gu;
const dottedClock = /(?<![\p{N}:.,])(\d{1,2})\.(\d{2})(?![\p{N}]|[.:]\p{N})(?:\s*([AaPp])\.?\s?[Mm]\.?(?![\p{L}]))?/gu;
const hourOnly = /(?<![\p{N}:.,])(\d{1,2})\s*([AaPp])\.?\s?[Mm]\.?(?![\p{L}])/gu;
const timeWords = /(?<![\p{L}])(noon|midday|midnight)(?![\p{L}])/giu;
const zoneAfter = new LetterPattern(
  `^\\s?\\(?\\s*(Z(?![\\p{L}])|(?:UTC|GMT)[+−-]\\d{1,2}(?::?\\d{2})?(?![\\p{N}])|[+−-]\\d{2}:?\\d{2}(?![\\p{N}])|(?:${zoneNamePattern})(?![\\p{L}]))\\)?`,
  'iu',
);

/** Every time of day in the text, in order. */
export function findTimes(text: string, options: TimeScanOptions = {}): FoundTime[] {
  const found: FoundTime[] = [];
  let m: RegExpExecArray | null;
  // Chosen once for the text: an ASCII text's every remainder is ASCII too.
  const zone = zoneAfter.for(text);
  if (text.indexOf(':') !== -1 || text.indexOf('h') !== -1) {
    clock.lastIndex = 0;
    while ((m = clock.exec(text)) !== null) {
      const fraction = m[4] ? Number(`0.${m[4]}`) : 0;
      found.push(timeOf(text, zone, m.index, m[0], Number(m[1]), Number(m[2]), m[3] === undefined ? undefined : Number(m[3]) + fraction, m[5]));
    }
  }
  if (options.dotted && text.indexOf('.') !== -1) {
    dottedClock.lastIndex = 0;
    while ((m = dottedClock.exec(text)) !== null) {
      if (Number(m[1]) <= 23 && Number(m[2]) <= 59) found.push(timeOf(text, zone, m.index, m[0], Number(m[1]), Number(m[2]), undefined, m[3]));
    }
  }
  if (/[ap]\.?\s?m/i.test(text)) {
    hourOnly.lastIndex = 0;
    while ((m = hourOnly.exec(text)) !== null) found.push(timeOf(text, zone, m.index, m[0], Number(m[1]), 0, undefined, m[2]));
  }
  if (/noon|midday|midnight/i.test(text)) {
    timeWords.lastIndex = 0;
    while ((m = timeWords.exec(text)) !== null) {
      found.push(timeOf(text, zone, m.index, m[0], m[1].toLowerCase() === 'midnight' ? 0 : 12, 0, undefined, undefined));
    }
  }
  if (found.length > 1) {
    found.sort((a, b) => a.start - b.start || b.end - a.end);
    // A time inside another is part of it: the offset of "08:14+01:00" is no time of its own.
    let kept = 1;
    for (let k = 1; k < found.length; k++) if (found[k].start >= found[kept - 1].end) found[kept++] = found[k];
    found.length = kept;
  }
  return found;
}

function timeOf(text: string, zonePattern: RegExp, start: number, matched: string, hours: number, minutes: number, seconds: number | undefined, meridiem: string | undefined): FoundTime {
  let end = start + matched.length;
  const time: FoundTime = { start, end, seconds: 0, hasSeconds: seconds !== undefined, twelveHour: meridiem !== undefined, text: matched };
  const zone = zonePattern.exec(text.slice(end));
  // "13:58-14:10" is a range, not 13:58 at UTC-14:10: a bare "-hh:mm" is an offset only in an
  // ISO date-time ("2026-06-10T09:14-05:00").
  const isoTime = text.charCodeAt(start - 1) === 84 /* T */;
  if (zone && (isoTime || !/^[−-]/.test(zone[1]))) {
    const offset = zoneOffset(zone[1]);
    if (offset !== undefined && Math.abs(offset) <= 14 * 60) {
      time.zone = offset;
      time.zoneText = zone[1];
      end += zone[0].length;
      time.end = end;
      time.text = text.slice(start, end);
    }
  }
  if (meridiem !== undefined) {
    if (hours < 1 || hours > 12) {
      time.problem = `${hours} is no hour on a 12-hour clock`;
      return time;
    }
    hours = (hours % 12) + (meridiem.toLowerCase() === 'p' ? 12 : 0);
  }
  if (hours > 23) time.problem = 'hours run from 0 to 23';
  else if (minutes > 59) time.problem = 'minutes run from 0 to 59';
  else if (seconds !== undefined && seconds >= 60) time.problem = 'seconds run from 0 to 59';
  time.seconds = hours * 3600 + minutes * 60 + (seconds ?? 0);
  return time;
}

/** The offset in minutes of a zone as written after a time, or undefined for an unknown one. */
export function zoneOffset(text: string): number | undefined {
  const named = zoneOffsets.get(text.toLowerCase());
  if (named !== undefined) return named;
  const m = /^(?:UTC|GMT)?\s*([+−-])\s*(\d{1,2})(?::?(\d{2}))?$/i.exec(text);
  if (!m) return undefined;
  const minutes = Number(m[2]) * 60 + (m[3] ? Number(m[3]) : 0);
  return m[1] === '+' ? minutes : -minutes;
}

/** Two digits: 9 -> 09. */
export const pad = (n: number) => String(n).padStart(2, '0');

/** HH:MM, or HH:MM:SS when `withSeconds`, of seconds since midnight. */
export function formatClock(seconds: number, withSeconds = false): string {
  const s = ((Math.floor(seconds) % 86400) + 86400) % 86400;
  const hm = `${pad(Math.floor(s / 3600))}:${pad(Math.floor((s % 3600) / 60))}`;
  return withSeconds ? `${hm}:${pad(s % 60)}` : hm;
}

/** 2:05 PM of seconds since midnight. */
export function formatTwelveHour(seconds: number): string {
  const s = ((Math.floor(seconds) % 86400) + 86400) % 86400;
  const hours = Math.floor(s / 3600);
  return `${hours % 12 === 0 ? 12 : hours % 12}:${pad(Math.floor((s % 3600) / 60))} ${hours < 12 ? 'AM' : 'PM'}`;
}
