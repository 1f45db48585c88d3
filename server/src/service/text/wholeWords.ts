/**
 * Whole-word search without Unicode lookarounds in the pattern. A pattern such as
 * `(?<![\p{L}\p{N}])high(?![\p{L}\p{N}])` costs V8 1.5 to 3 ms to compile, once per process and
 * pattern: the classes hold every letter and digit of Unicode. With one pattern per choice value,
 * alias and part label, that was about 50 ms of the first analysis in each new server and in each
 * postmortem-check worker. Here the pattern is plain, and the letters around a match are checked
 * in code, with one shared class compiled once.
 */

const letterOrDigit = /^[\p{L}\p{N}]$/u;

function isLetterOrDigit(codePoint: number): boolean {
  if (codePoint < 128) return (codePoint >= 48 && codePoint <= 57) || ((codePoint | 32) >= 97 && (codePoint | 32) <= 122);
  return letterOrDigit.test(String.fromCodePoint(codePoint));
}

/** Whether the character (code point) that starts at `index` is a letter or digit; false at the end. */
export function letterOrDigitAt(text: string, index: number): boolean {
  return index < text.length && isLetterOrDigit(text.codePointAt(index)!);
}

/** Whether the character (code point) that ends at `index` is a letter or digit; false at the start. */
export function letterOrDigitBefore(text: string, index: number): boolean {
  if (index <= 0) return false;
  const last = text.charCodeAt(index - 1);
  if (last >= 0xdc00 && last <= 0xdfff && index >= 2) {
    const high = text.charCodeAt(index - 2);
    if (high >= 0xd800 && high <= 0xdbff) return isLetterOrDigit(text.codePointAt(index - 2)!);
  }
  return isLetterOrDigit(last);
}

export interface WordMatch {
  start: number;
  end: number;
}

/**
 * The first match of `pattern` (which must have the g flag) that no letter or digit precedes
 * and, with `wholeEnd`, none follows: what `(?<![\p{L}\p{N}])pattern(?![\p{L}\p{N}])` finds.
 * (An optional tail of letters, such as a plural "s", needs no backtracking: leaving it off
 * leaves a letter after the match.)
 */
export function findWholeWord(pattern: RegExp, text: string, wholeEnd: boolean): WordMatch | undefined {
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
    const start = m.index;
    const end = start + m[0].length;
    if (!letterOrDigitBefore(text, start) && (!wholeEnd || !letterOrDigitAt(text, end))) return { start, end };
    // Go on from the next character (a whole code point: the pattern has the u flag).
    pattern.lastIndex = start + (text.codePointAt(start)! > 0xffff ? 2 : 1);
  }
  return undefined;
}
