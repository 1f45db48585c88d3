/**
 * Numbers and percentages as authors write them: "1,204", "~40", "1.2k", "7/10", "3 (all
 * false)", "zero"; "18% during incident", "peaked at 38%, averaged 11%", "0.4 percent".
 */
import { LetterPattern } from '../text/letterPattern';
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

/**
 * A number's digits with what may group or split them: "1,204", "2.310", "3.000.000", "18,5",
 * "1.234,5", "1 842"; read by valueOfDigits, which says how much of it is the number.
 */
const numberToken = new LetterPattern(
  String.raw`(?<![\p{L}\p{N}.,_-])([-−]?)(\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d.,])|\d[\d.,]*\d|\d|\.\d+)(?:\s?([kKmM])(?![\p{L}\p{N}]))?(\s*(?:%|percent(?![\p{L}])|per cent(?![\p{L}])|pct(?![\p{L}])))?`,
  'gu',
);
const numberWordToken = new RegExp(`(?<![\\p{L}\\p{N}])(${numberWordPattern})(?![\\p{L}\\p{N}])`, 'giu');

/** Every number in the text, in order: digits (with separators, a k or M suffix, a %) and number words. */
export function findNumbers(text: string): FoundNumber[] {
  const found: FoundNumber[] = [];
  const token = numberToken.for(text);
  token.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = token.exec(text)) !== null) {
    const digits = valueOfDigits(m[2]);
    if (digits.length < m[2].length) {
      // Only a prefix is a number ("10.0.0.1", "1,2,3"): the rest is read again after it.
      const end = m.index + m[1].length + digits.length;
      found.push({ value: m[1] ? -digits.value : digits.value, start: m.index, end, percent: false, after: text.slice(end) });
      token.lastIndex = end;
      continue;
    }
    let value = digits.value;
    if (m[3]) value *= m[3].toLowerCase() === 'k' ? 1e3 : 1e6;
    if (m[1]) value = -value;
    const end = m.index + m[0].length;
    found.push({ value, start: m.index, end, percent: m[4] !== undefined, after: text.slice(end) });
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

/**
 * The number digits write, and how many of their characters it takes. Commas group thousands
 * in threes ("1,204"), else one or two digits after one are decimals ("18,5", "0,75"; "4242,4243" is
 * two numbers); dots are decimal, unless
 * they group thousands twice or more ("3.000.000") or before a decimal comma ("1.234,5"). A
 * single dot group ("2.310") stays a decimal here: a count reads it as thousands (index.ts).
 */
function valueOfDigits(raw: string): { value: number; length: number } {
  if (/^\d{1,3}(?:[ \u00a0\u202f]\d{3})+$/.test(raw)) return { value: Number(raw.replace(/\D/g, '')), length: raw.length };
  if (/^\.\d+$/.test(raw)) return { value: Number(`0${raw}`), length: raw.length };
  if (/^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/.test(raw)) return { value: Number(raw.replace(/,/g, '')), length: raw.length };
  if (/^\d{1,3}(?:\.\d{3}){2,}(?:,\d+)?$/.test(raw) || /^\d{1,3}(?:\.\d{3})+,\d+$/.test(raw)) {
    return { value: Number(raw.replace(/\./g, '').replace(',', '.')), length: raw.length };
  }
  if (/^\d+(?:\.\d+|,\d{1,2})?$/.test(raw)) return { value: Number(raw.replace(',', '.')), length: raw.length };
  const prefix = /^\d+(?:\.\d+)?/.exec(raw)![0];
  return { value: Number(prefix), length: prefix.length };
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
