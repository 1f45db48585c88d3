/**
 * Reading a field's value the way authors write it: "HIGH", "HIGH (trading halted)",
 * "97%", "1,204", "7/10", "n/a".
 */
import type { Analysis } from '../analysis';
import type { ChoiceValue } from '../template/schema';
import { isWhitespace, stripEmphasis } from '../text/markdownText';

/** The field's value text, or undefined when it is empty or still holds a placeholder. */
export function filledValue(analysis: Analysis, fieldIndex: number): string | undefined {
  const { doc } = analysis;
  const field = doc.fields[fieldIndex];
  if (field.valueStart === field.valueEnd || field.hasPlaceholder) return undefined;
  return doc.text.lines[field.line].slice(field.valueStart, field.valueEnd);
}

/** The allowed value the text names, with an optional note after it, or undefined. */
export function matchChoice(text: string, values: readonly ChoiceValue[]): ChoiceValue | undefined {
  const value = withoutCodeTicks(mainPart(text)).toLowerCase();
  return values.find((candidate) => candidate.value.toLowerCase() === value);
}

/** A value written as code (`HIGH`, `42`) names the same value as without its backticks. */
function withoutCodeTicks(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && text.charCodeAt(start) === 96 /* ` */) start++;
  while (end > start && text.charCodeAt(end - 1) === 96) end--;
  return text.slice(start, end).trim();
}

/** The value as it reads: without emphasis and code ticks ("**42**", "`42`", "**`42`**"). */
function unwrapped(text: string): string {
  return withoutCodeTicks(stripEmphasis(text));
}

/** The part of the value before a note: "Hardware (disk)" -> "Hardware". */
export function mainPart(text: string): string {
  const value = stripEmphasis(text);
  const note = noteStart(value);
  return stripEmphasis(note === -1 ? value : value.slice(0, note));
}

/**
 * Where a note starts after a value, with the white space before it: at "(", " - " (or an en or
 * em dash), ": ", "; " or ", "; -1 when there is none. The first match of
 * /\s*\(|\s+[-–—]\s|\s*[:;,]\s/, found in one pass (the regex backtracks quadratically on a long
 * run of white space), outside brackets: "[: CRITICAL/HIGH]" is one bracketed text, a mangled
 * placeholder, not "[" with a note.
 */
function noteStart(text: string): number {
  /** Where the run of white space before k starts, or -1. */
  let space = -1;
  /** No ']' after this index: a '[' there opens nothing (so the scan stays linear). */
  let noCloseFrom = text.length;
  for (let k = 0; k < text.length; k++) {
    const code = text.charCodeAt(k);
    if (code === 91 /* [ */ && k < noCloseFrom) {
      const close = text.indexOf(']', k + 1);
      if (close === -1) {
        noCloseFrom = k;
      } else {
        k = close;
        space = -1;
        continue;
      }
    }
    if (isWhitespace(code)) {
      if (space === -1) space = k;
      continue;
    }
    const start = space === -1 ? k : space;
    if (code === 40 /* ( */) return start;
    if (code === 58 /* : */ || code === 59 /* ; */ || code === 44 /* , */) {
      if (isWhitespace(text.charCodeAt(k + 1))) return start;
    } else if (code === 45 /* - */ || code === 0x2013 || code === 0x2014) {
      if (space !== -1 && isWhitespace(text.charCodeAt(k + 1))) return start;
    }
    space = -1;
  }
  return -1;
}

/**
 * Where the main part of a value sits in it, inside any emphasis: in "**SEV1** (pager)" it is
 * "SEV1", so a fix writes "**HIGH** (pager)".
 */
export function mainSpan(text: string): { start: number; end: number } {
  const lead = /^[*_]*\s*/.exec(text)?.[0].length ?? 0;
  const main = mainPart(text);
  const start = text.indexOf(main, lead);
  return start === -1 ? { start: 0, end: text.length } : { start, end: start + main.length };
}

const notApplicable = /^(?:n\/?a|none|unknown|not applicable|-|—)(?:\s|$|\()/i;

/**
 * A number as authors write it ("1,204", "~40", "7/10", "3 trips", "1.5k"), or why it is not one.
 * A percentage takes only an optional % sign after the number, and a note in parentheses.
 */
export function readNumber(
  text: string,
  kind: 'number' | 'percentage' = 'number',
): { value: number } | { problem: string } | 'not-applicable' {
  const t = unwrapped(text);
  if (notApplicable.test(t)) return 'not-applicable';
  const m = /^[~≈<>]?\s*(-?\d{1,3}(?:,\d{3})+(?:\.\d+)?|-?\d+(?:\.\d+)?)([kKmM](?![a-zA-Z]))?(.*)$/.exec(t);
  if (!m) return { problem: 'is not a number' };
  const rest = m[3].trim();
  if (kind === 'percentage') {
    if (m[2] || !/^%?\s*(?:\(.*\))?$/.test(rest)) return { problem: 'is not a percentage' };
  } else if (rest && !/^(?:\/\s*\d+|[\s(,;]|[a-zA-Z])/.test(m[3])) {
    return { problem: 'is not a number' };
  }
  const scale = m[2] ? (m[2].toLowerCase() === 'k' ? 1e3 : 1e6) : 1;
  return { value: Number(m[1].replace(/,/g, '')) * scale };
}

export function readDate(text: string): boolean {
  const t = unwrapped(text);
  const iso = /^(\d{4})-(\d{2})-(\d{2})\b/.exec(t);
  if (iso) {
    const [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
    const date = new Date(Date.UTC(y, m - 1, d));
    return m >= 1 && m <= 12 && date.getUTCDate() === d;
  }
  // "Nov 27, 2026", "27 November 2026"
  return /\b\d{4}\b/.test(t) && !Number.isNaN(Date.parse(t.slice(0, noteInParentheses(t))));
}

/**
 * Where a note in parentheses starts, with the white space before it, or the text's length: the
 * first match of /\s+\(/ without its backtracking, quadratic on a long run of white space.
 */
function noteInParentheses(text: string): number {
  for (let k = text.indexOf('('); k !== -1; k = text.indexOf('(', k + 1)) {
    if (!isWhitespace(text.charCodeAt(k - 1))) continue;
    let start = k - 1;
    while (start > 0 && isWhitespace(text.charCodeAt(start - 1))) start--;
    return start;
  }
  return text.length;
}
