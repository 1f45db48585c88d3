/**
 * Durations as authors write them: "2h 33m", "153 minutes", "2 hours 12 minutes", "1.5 hours",
 * "~45 min", "an hour", "half an hour", "an hour and a half", "a quarter of an hour", "1h10"
 * (hours and minutes, as French and German teams write them), "1 Std. 5 Min.", "1:12",
 * "PT1H12M", "2 days 7 hours".
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
  [/^(?:h|hrs?|hours?|heures?|horas?|stunden?|std)$/i, 3600],
  [/^(?:d|days?|jours?|tage?|días?)$/i, 86400],
  [/^(?:w|wks?|weeks?)$/i, 604800],
];
const unitPattern = 'milliseconds?|msecs?|ms|seconds?|secs?|s|minutes?|minutos?|minuten|mins?|m|hours?|heures?|horas?|stunden?|std|hrs?|h|days?|jours?|tage?|días?|d|weeks?|wks?|w';
const wordUnitPattern = 'milliseconds?|seconds?|minutes?|hours?|days?|weeks?';
/**
 * One amount and unit: "2h", "33 m", "an hour", "1.5 hours", "one and a half hours", "an hour
 * and a half"; "1h10" (hours, then minutes); "a quarter of an hour", "three quarters of an hour".
 */
const part =
  `(?:\\d+h[0-5]\\d(?![\\p{N}\\p{L}])|(?:a\\s+|three\\s+)?quarters?\\s+of\\s+an\\s+hour|` +
  `(?:(?:\\d+(?:[.,]\\d+)?)\\s*(?:${unitPattern})|(?:(?:an?|${numberWordPattern})\\s+and\\s+a\\s+half|half an?|an?|half|${numberWordPattern})\\s+(?:${wordUnitPattern}))(?![\\p{L}])(?:\\s+and\\s+a\\s+half(?![\\p{L}]))?)`;
// Parts go on after a space, a comma, "and", "&" or "+", and after an abbreviation's dot ("1 Std. 5 Min.").
const durationToken = new RegExp(`(?<![\\p{L}\\p{N}.,:])([-−]\\s*)?${part}(?:\\.?\\s*(?:,|and|&|\\+)?\\s*${part})*`, 'giu');
// Read inside a duration already found: a part may follow another with no space ("2h33m").
const partToken = new RegExp(
  `(?<![\\p{N}.,])(?:(\\d+(?:[.,]\\d+)?)\\s*(${unitPattern})|((?:an?|${numberWordPattern})\\s+and\\s+a\\s+half|half an?|an?|half|${numberWordPattern})\\s+(${wordUnitPattern}))(?![\\p{L}])(\\s+and\\s+a\\s+half(?![\\p{L}]))?`,
  'giu',
);
/** "1h10": hours and minutes with no minute unit. */
const hoursMinutes = /(\d+)h([0-5]\d)(?![\p{N}\p{L}])/gu;
const quarterHour = /(?:a\s+|(three)\s+)?quarters?\s+of\s+an\s+hour/giu;

/** The duration's text with "1h10" as "1h 10m" and "a quarter of an hour" as "15 minutes", so that its parts read the same. */
function normalizedParts(text: string): string {
  let t = text;
  if (t.indexOf('h') !== -1) t = t.replace(hoursMinutes, '$1h $2m');
  if (/quarter/i.test(t)) t = t.replace(quarterHour, (_, three: string | undefined) => (three ? '45 minutes' : '15 minutes'));
  return t;
}
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
  const parts = normalizedParts(text);
  let m: RegExpExecArray | null;
  while ((m = partToken.exec(parts)) !== null) {
    const amount = amountOf((m[1] ?? m[3]).toLowerCase()) + (m[5] ? 0.5 : 0);
    const unitText = m[2] ?? m[4];
    const unit = unitSeconds.find(([pattern]) => pattern.test(unitText))?.[1] ?? 0;
    total += amount * unit;
  }
  return Math.round(total * 1000) / 1000;
}

function amountOf(word: string): number {
  if (/^\d/.test(word)) return Number(word.replace(',', '.'));
  // "one and a half", "an hour and a half" (the half added by the caller).
  const half = / and a half$/.exec(word);
  if (half) return amountOf(word.slice(0, half.index)) + 0.5;
  if (word.startsWith('half')) return 0.5;
  if (word === 'a' || word === 'an') return 1;
  return numberWords.get(word) ?? 1;
}

/** A duration in a schema's format: short as formatDuration, long "1 hour 12 minutes", "2 days 3 hours". */
export function writeDuration(seconds: number, format: 'short' | 'long'): string {
  if (format === 'short') return formatDuration(seconds);
  const names = { d: 'day', h: 'hour', m: 'minute', s: 'second' } as const;
  return formatDuration(seconds)
    .split(' ')
    .map((part) => {
      const amount = Number(part.slice(0, -1));
      const name = names[part.slice(-1) as keyof typeof names];
      return `${amount} ${name}${amount === 1 ? '' : 's'}`;
    })
    .join(' ');
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

/**
 * A figure of a duration written in a text, as a check compares it with a computed one: its
 * seconds, how precisely it is written (to the hour, the minute...), and whether it is a bound
 * ("under 5 minutes") or approximate ("~3 hours").
 */
export interface DurationFigure {
  seconds: number;
  start: number;
  end: number;
  /** The smallest unit written, times its decimals: 3600 for "3 hours", 360 for "1.5 hours", 60 for "1h 12m". */
  precision: number;
  qualifier?: 'approximate' | 'at-most' | 'at-least';
}

const qualifierBefore: readonly [RegExp, DurationFigure['qualifier']][] = [
  [/(?:~|≈|\babout|\bapprox\.?|\bapproximately|\broughly|\baround|\bcirca|\bca\.|\bnearly|\balmost|\bjust over|\bjust under|\bsome)\s*$/i, 'approximate'],
  [/(?:<=?|≤|\bunder|\bless than|\bwithin|\bbelow|\bup to|\bat most)\s*$/i, 'at-most'],
  [/(?:>=?|≥|\bover|\bmore than|\babove|\bat least)\s*$/i, 'at-least'],
];

/**
 * Every duration with units in the text ("~3 hours of write unavailability; 41 hours until all
 * reconciliation was complete" has two), and an h:mm or ISO 8601 one when the text is only that.
 * A vague one ("a few minutes") is no figure.
 */
export function durationFigures(text: string): DurationFigure[] {
  const figures: DurationFigure[] = [];
  durationToken.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = durationToken.exec(text)) !== null) {
    if (m[1] !== undefined) continue;
    const figure: DurationFigure = { seconds: secondsOf(m[0]), start: m.index, end: m.index + m[0].length, precision: precisionOf(m[0]) };
    const before = text.slice(Math.max(0, m.index - 16), m.index);
    for (const [pattern, qualifier] of qualifierBefore) if (pattern.test(before)) figure.qualifier = qualifier;
    // "2-3 hours", "2 to 3 hours": a range is approximate.
    if (/\d\s*(?:-|–|to)\s*$/.test(before)) figure.qualifier = 'approximate';
    figures.push(figure);
  }
  if (figures.length) return figures;
  const plain = text.trim().replace(/^[~≈]\s*/, '');
  const only = findDuration(plain);
  if (only?.seconds !== undefined && !only.negative && only.start === 0 && only.end === plain.length) {
    const offset = text.indexOf(plain);
    figures.push({ seconds: only.seconds, start: offset, end: offset + plain.length, precision: /:\d\d:\d\d/.test(plain) ? 1 : 60, qualifier: plain !== text.trim() ? 'approximate' : undefined });
  }
  return figures;
}

function precisionOf(text: string): number {
  let precision = Infinity;
  partToken.lastIndex = 0;
  const parts = normalizedParts(text);
  let m: RegExpExecArray | null;
  while ((m = partToken.exec(parts)) !== null) {
    const unitText = m[2] ?? m[4];
    const unit = unitSeconds.find(([pattern]) => pattern.test(unitText))?.[1] ?? 1;
    const amount = m[1] ?? '';
    const decimals = /[.,](\d+)$/.exec(amount)?.[1].length ?? 0;
    // "half an hour" and "an hour and a half" are written to the half hour.
    const halves = m[3]?.toLowerCase().startsWith('half') || / and a half$/i.test(m[3] ?? '') || m[5] !== undefined;
    const step = (halves ? 0.5 : 1) * unit * 10 ** -decimals;
    precision = Math.min(precision, step);
  }
  return precision === Infinity ? 60 : precision;
}

/**
 * Whether a figure written by hand agrees with a computed one: within a minute or 5%, or
 * within half the figure's own precision ("3 hours" agrees with 2h 40m); approximate figures
 * get twice that, and a bound agrees with anything on its side of it.
 */
export function figureAgrees(figure: DurationFigure, computed: number): boolean {
  let tolerance = Math.max(60, 0.05 * computed, figure.precision / 2);
  if (figure.qualifier === 'approximate') tolerance = Math.max(2 * tolerance, figure.precision);
  if (figure.qualifier === 'at-most') return computed <= figure.seconds + tolerance;
  if (figure.qualifier === 'at-least') return computed >= figure.seconds - tolerance;
  return Math.abs(computed - figure.seconds) <= tolerance;
}
