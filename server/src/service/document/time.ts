/**
 * Timeline times: the forms authors write, parsed to seconds so rows can be ordered.
 */
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
  const text = raw.replace(/^[*_]+|[*_]+$/g, '').trim();
  let m = timeOfDay.exec(text);
  if (m) {
    let hours = Number(m[1]);
    const minutes = Number(m[2]);
    const seconds = m[3] === undefined ? 0 : Number(m[3]);
    if (m[4]) {
      if (hours < 1 || hours > 12) return undefined;
      const pm = m[4].toLowerCase() === 'p';
      hours = (hours % 12) + (pm ? 12 : 0);
    }
    if (hours > 23 || minutes > 59 || seconds > 59) return undefined;
    return { seconds: hours * 3600 + minutes * 60 + seconds, hasDate: false, format: m[3] === undefined ? 'hm' : 'hms' };
  }
  m = dateTime.exec(text);
  if (m) {
    const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const hours = m[5] === undefined ? 0 : Number(m[5]);
    const minutes = m[6] === undefined ? 0 : Number(m[6]);
    const seconds = m[7] === undefined ? 0 : Number(m[7]);
    if (month < 1 || month > 12 || hours > 23 || minutes > 59 || seconds > 59) return undefined;
    const ms = Date.UTC(year, month - 1, day, hours, minutes, seconds);
    if (new Date(ms).getUTCDate() !== day) return undefined;
    let offset = 0;
    const zone = m[8];
    if (zone && /^[+-]/.test(zone)) {
      const digits = zone.replace(':', '');
      offset = (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5))) * (zone[0] === '-' ? -1 : 1);
    }
    const format: TimeFormat = m[4] === 'T' ? 'iso' : m[7] === undefined ? 'date-hm' : 'date-hms';
    return { seconds: ms / 1000 - offset * 60, hasDate: true, format };
  }
  return undefined;
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
