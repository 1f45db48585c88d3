/**
 * Numbers and percentages as authors write them: "1,204", "~40", "1.2k", "7/10", "3 (all
 * false)", "zero"; "18% during incident", "peaked at 38%, averaged 11%", "0.4 percent".
 */
import { numberWordPattern, numberWords } from './words';

export interface FoundNumber {
  value: number;
  /** Where the number's text is in the value. */
  start: number;
  end: number;
  /** Followed by a per cent sign or word. */
  percent: boolean;
  /** What follows the number (and its %), for telling a unit from a note. */
  after: string;
}

const numberToken =
  /(?<![\p{L}\p{N}.,_-])([-−]?)(?:(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?|\.(\d+))(?:\s?([kKmM])(?![\p{L}\p{N}]))?(\s*(?:%|percent(?![\p{L}])|per cent(?![\p{L}])|pct(?![\p{L}])))?/gu;
const numberWordToken = new RegExp(`(?<![\\p{L}\\p{N}])(${numberWordPattern})(?![\\p{L}\\p{N}])`, 'giu');

/** Every number in the text, in order: digits (with separators, a k or M suffix, a %) and number words. */
export function findNumbers(text: string): FoundNumber[] {
  const found: FoundNumber[] = [];
  numberToken.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = numberToken.exec(text)) !== null) {
    const whole = m[2] === undefined ? 0 : Number(m[2].replace(/,/g, ''));
    const fraction = m[3] ?? m[4];
    let value = fraction === undefined ? whole : Number(`${whole}.${fraction}`);
    if (m[5]) value *= m[5].toLowerCase() === 'k' ? 1e3 : 1e6;
    if (m[1]) value = -value;
    const end = m.index + m[0].length;
    found.push({ value, start: m.index, end, percent: m[6] !== undefined, after: text.slice(end) });
  }
  if (/[a-z]/i.test(text)) {
    numberWordToken.lastIndex = 0;
    while ((m = numberWordToken.exec(text)) !== null) {
      const end = m.index + m[0].length;
      found.push({ value: numberWords.get(m[1].toLowerCase()) ?? 0, start: m.index, end, percent: /^\s*(?:%|percent|per cent)/i.test(text.slice(end)), after: text.slice(end) });
    }
    found.sort((a, b) => a.start - b.start);
  }
  return found;
}

/** What may follow a bare number that is a percentage without its sign: nothing, or a note. */
const noteAfterBareNumber = /^(?:\s*$|\s*[(,;/]|\s+[-–—]\s|\s*[-–—]\s*\d|\s+(?:during|at|over|on|in|of|for|across|avg|average|mean|peak|max|maximum|min|so far|overall|total|at peak|then|and|or|to|vs)(?![\p{L}]))/iu;

export type NumberReading = { value: number; start: number; end: number } | { problem: 'no-number' | 'other-unit' };

/** The field's number: the first number in the value; the rest is a note. */
export function readNumberValue(plain: string): NumberReading {
  const first = findNumbers(plain)[0];
  return first ? { value: first.value, start: first.start, end: first.end } : { problem: 'no-number' };
}

/**
 * The field's percentage: the first number with a % sign (or "percent") anywhere in the value,
 * else a bare number followed by nothing or a note ("18", "18 (5xx only)"); a number with
 * another unit ("12 GB") is no percentage.
 */
export function readPercentageValue(plain: string): NumberReading {
  const numbers = findNumbers(plain);
  const withSign = numbers.find((n) => n.percent);
  if (withSign) return { value: withSign.value, start: withSign.start, end: withSign.end };
  const bare = numbers.find((n) => noteAfterBareNumber.test(n.after));
  if (bare) return { value: bare.value, start: bare.start, end: bare.end };
  return { problem: numbers.length ? 'other-unit' : 'no-number' };
}
