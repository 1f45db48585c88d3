/**
 * Writing times and dates back into a document, the way the author already writes them: the
 * inverse of moment.ts for the forms completion and the fixes produce.
 */
import { formatDuration } from './duration';
import { englishMonths } from './words';
import type { MomentStyle } from './moment';
import { formatClock, formatTwelveHour, pad } from './time';

/**
 * A point in time written in a style: `utcSeconds` since 1970 (or since the incident's first day
 * when no date is known), shown in the zone `zone` (minutes from UTC). A relative style writes
 * `sinceStart` (seconds after the incident's start).
 */
export function writeMoment(style: MomentStyle, utcSeconds: number, zone: number, clock: { sinceStart?: number; startDay?: number } = {}): string {
  const { sinceStart, startDay } = clock;
  if (style.relative) return sinceStart === undefined || sinceStart <= 0 ? 'T+0' : `T+${formatDuration(sinceStart)}`;
  const local = utcSeconds + zone * 60;
  const secondsOfDay = ((local % 86400) + 86400) % 86400;
  let time = style.twelveHour ? formatTwelveHour(secondsOfDay) : formatClock(secondsOfDay, style.seconds);
  if (style.zoneText && !style.isoT) time += /^[+−-]/.test(style.zoneText) ? style.zoneText : ` ${style.zoneText}`;
  const date = new Date(Math.floor(local / 86400) * 86400 * 1000);
  const ymd = `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
  switch (style.date) {
    case 'iso':
      if (style.isoT) return `${ymd}T${formatClock(secondsOfDay, true)}${style.zoneText ?? 'Z'}`;
      return `${ymd} ${time}`;
    case 'month-name':
      return `${englishMonths[date.getUTCMonth()].slice(0, 3)} ${date.getUTCDate()} ${time}`;
    case 'day-number':
      return `Day ${Math.floor(local / 86400) - (startDay ?? 0) + 1} ${time}`;
    default:
      return time;
  }
}
