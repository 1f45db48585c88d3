/**
 * Durations as authors write them: "2h 33m", "153 minutes", "2 hours 12 minutes", "1.5 hours",
 * "~45 min", "an hour", "half an hour", "1:12", "PT1H12M", "2 days 7 hours".
 */
import { numberWordPattern, numberWords } from './words';

export interface FoundDuration {
  /** Length in seconds; undefined for a vague one ("a few minutes"). */
  seconds: number | undefined;
  negative: boolean;
  start: number;
  end: number;
}

const unitSeconds: readonly [RegExp, number][] = [
  [/^(?:ms|msecs?|milliseconds?)$/i, 0.001],
  [/^(?:s|secs?|seconds?)$/i, 1],
  [/^(?:m|mins?|minutes?|minutos?|minuten)$/i, 60],
  [/^(?:h|hrs?|hours?|heures?|horas?|stunden?)$/i, 3600],
  [/^(?:d|days?|jours?|tage?|días?)$/i, 86400],
  [/^(?:w|wks?|weeks?)$/i, 604800],
];
const unitPattern = 'milliseconds?|msecs?|ms|seconds?|secs?|s|minutes?|minutos?|minuten|mins?|m|hours?|heures?|horas?|stunden?|hrs?|h|days?|jours?|tage?|días?|d|weeks?|wks?|w';
const wordUnitPattern = 'milliseconds?|seconds?|minutes?|hours?|days?|weeks?';
/** One amount and unit: "2h", "33 m", "an hour", "1.5 hours". */
const part = `(?:(?:\\d+(?:[.,]\\d+)?)\\s*(?:${unitPattern})|(?:half an?|an?|half|${numberWordPattern})\\s+(?:${wordUnitPattern}))(?![\\p{L}])`;
const durationToken = new RegExp(`(?<![\\p{L}\\p{N}.,:])([-−]\\s*)?${part}(?:\\s*(?:,|and|&|\\+)?\\s*${part})*`, 'giu');
// Read inside a duration already found: a part may follow another with no space ("2h33m").
const partToken = new RegExp(
  `(?<![\\p{N}.,])(?:(\\d+(?:[.,]\\d+)?)\\s*(${unitPattern})|(half an?|an?|half|${numberWordPattern})\\s+(${wordUnitPattern}))(?![\\p{L}])`,
  'giu',
);
const isoDuration = /(?<![\p{L}\p{N}])P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?(?![\p{L}\p{N}])/u;
const clockDuration = /(?<![\p{N}:.])([-−])?(\d{1,3}):([0-5]\d)(?::([0-5]\d))?(?![\p{N}:])/u;
const vagueDuration = /(?<![\p{L}])(?:a\s+)?(?:few|couple(?:\s+of)?|several|many|some)\s+(?:seconds|minutes|hours|days|weeks)(?![\p{L}])/iu;
const bareNumber = /^[~≈<>]?\s*(\d+(?:[.,]\d+)?)(?![\p{N}])/u;

/** The first duration in the text: amounts with units first, then ISO 8601, then h:mm, then a vague one. */
export function findDuration(text: string): FoundDuration | undefined {
  durationToken.lastIndex = 0;
  const m = durationToken.exec(text);
  if (m) return { seconds: secondsOf(m[0]), negative: m[1] !== undefined, start: m.index, end: m.index + m[0].length };
  const iso = isoDuration.exec(text);
  if (iso && iso[0].length > 1) {
    const [w, d, h, min, s] = iso.slice(1).map((v) => (v === undefined ? 0 : Number(v)));
    return { seconds: w * 604800 + d * 86400 + h * 3600 + min * 60 + s, negative: false, start: iso.index, end: iso.index + iso[0].length };
  }
  const clock = clockDuration.exec(text);
  if (clock) {
    const seconds = Number(clock[2]) * 3600 + Number(clock[3]) * 60 + (clock[4] ? Number(clock[4]) : 0);
    return { seconds, negative: clock[1] !== undefined, start: clock.index, end: clock.index + clock[0].length };
  }
  const vague = vagueDuration.exec(text);
  if (vague) return { seconds: undefined, negative: false, start: vague.index, end: vague.index + vague[0].length };
  // A number alone ("45"): a duration whose unit the reader has to guess; not wrong.
  const bare = bareNumber.exec(text);
  if (bare && text.slice(bare[0].length).trim() === '') return { seconds: undefined, negative: false, start: 0, end: bare[0].length };
  return undefined;
}

function secondsOf(text: string): number {
  let total = 0;
  partToken.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = partToken.exec(text)) !== null) {
    const amount = amountOf((m[1] ?? m[3]).toLowerCase());
    const unitText = m[2] ?? m[4];
    const unit = unitSeconds.find(([pattern]) => pattern.test(unitText))?.[1] ?? 0;
    total += amount * unit;
  }
  return Math.round(total * 1000) / 1000;
}

function amountOf(word: string): number {
  if (/^\d/.test(word)) return Number(word.replace(',', '.'));
  if (word.startsWith('half')) return 0.5;
  if (word === 'a' || word === 'an') return 1;
  return numberWords.get(word) ?? 1;
}

/** A duration in the product's one format: "1h 12m", "45m", "2d 3h", "30s". */
export function formatDuration(seconds: number): string {
  let rest = Math.round(seconds);
  const days = Math.floor(rest / 86400);
  rest -= days * 86400;
  const hours = Math.floor(rest / 3600);
  rest -= hours * 3600;
  const minutes = Math.floor(rest / 60);
  const secs = rest - minutes * 60;
  const parts: string[] = [];
  if (days) parts.push(`${days}d`);
  if (hours) parts.push(`${hours}h`);
  if (minutes) parts.push(`${minutes}m`);
  if (secs && !days && !hours) parts.push(`${secs}s`);
  return parts.length ? parts.join(' ') : '0m';
}
