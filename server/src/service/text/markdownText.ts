/**
 * Small helpers over one line of Markdown that several parts of the service need.
 */

/**
 * Replaces HTML comments and inline code spans with spaces of the same length, so positions are
 * kept but their content is not taken for the author's field values or placeholders; and what
 * renders as blank space outside them (`&nbsp;`, `<br>`, as exports from Notion, Confluence and
 * Google Docs fill cells with), so that a cell or value of nothing else is empty.
 * Comments spanning lines are not handled here: the parser marks those lines itself.
 */
export function maskCommentsAndCode(line: string): string {
  const masked = maskSpans(line);
  if (masked.indexOf('&') === -1 && masked.indexOf('<') === -1) return masked;
  return masked.replace(blankHtml, (blank) => ' '.repeat(blank.length));
}

/** HTML that GitHub shows as blank space: the space entities and a line break. */
export const blankHtml = /&(?:nbsp|ensp|emsp|thinsp|#160|#x[aA]0);|<br\s*\/?>/gi;

function maskSpans(line: string): string {
  const firstTick = line.indexOf('`');
  if (firstTick === -1 && line.indexOf('<!--') === -1) return line;
  // The runs of backticks and, for each, the next run of the same length: a code span closes at
  // the first later run of exactly as many backticks (CommonMark), and a run with none is text.
  // Known at once rather than by a search to the end of the line for each run (quadratic).
  const runStart: number[] = [];
  const runEnd: number[] = [];
  for (let k = firstTick; k !== -1; ) {
    let end = k + 1;
    while (line.charCodeAt(end) === 96 /* ` */) end++;
    runStart.push(k);
    runEnd.push(end);
    k = line.indexOf('`', end);
  }
  const runs = runStart.length;
  const nextOfLength = new Int32Array(runs);
  const latestOfLength = new Map<number, number>();
  for (let r = runs - 1; r >= 0; r--) {
    const length = runEnd[r] - runStart[r];
    nextOfLength[r] = latestOfLength.get(length) ?? -1;
    latestOfLength.set(length, r);
  }

  let out = '';
  /** line[copied, i) is still to be copied as it is. */
  let copied = 0;
  /** The first run that ends after i. */
  let run = 0;
  let i = 0;
  while (i < line.length) {
    const code = line.charCodeAt(i);
    if (code === 60 /* < */ && line.startsWith('<!--', i)) {
      const end = line.indexOf('-->', i + 4);
      const stop = end === -1 ? line.length : end + 3;
      out += line.slice(copied, i) + ' '.repeat(stop - i);
      i = copied = stop;
      continue;
    }
    if (code === 96) {
      // i is where a run starts: spans and comments end on a whole run or on '>'.
      while (runEnd[run] <= i) run++;
      const close = nextOfLength[run];
      if (close === -1) {
        // No closing run: the ticks are text.
        i = runEnd[run];
        continue;
      }
      const stop = runEnd[close];
      out += line.slice(copied, i) + ' '.repeat(stop - i);
      i = copied = stop;
      continue;
    }
    i++;
  }
  return copied === 0 ? line : out + line.slice(copied);
}

/** Trimmed [start, end) of line[from, to). */
export function trimRange(line: string, from: number, to: number): [number, number] {
  let start = from;
  let end = to;
  while (start < end && isSpace(line.charCodeAt(start))) start++;
  while (end > start && isSpace(line.charCodeAt(end - 1))) end--;
  return [start, end];
}

/** Markdown's space or tab: what indents a line. */
export function isSpaceOrTab(code: number): boolean {
  return code === 32 || code === 9;
}

/** Space, tab or a stray byte order mark: what is trimmed around a value or cell. */
export function isSpace(code: number): boolean {
  return isSpaceOrTab(code) || code === 0xfeff;
}

/**
 * The text without * and _ at its ends, trimmed: the same as .replace(/^[*_]+|[*_]+$/g, '').trim(),
 * whose second regex is tried at every character of a long run of * or _ (quadratic).
 */
export function stripEmphasis(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && isEmphasis(text.charCodeAt(start))) start++;
  while (end > start && isEmphasis(text.charCodeAt(end - 1))) end--;
  return (start === 0 && end === text.length ? text : text.slice(start, end)).trim();
}

function isEmphasis(code: number): boolean {
  return code === 42 /* * */ || code === 95 /* _ */;
}

/** A character of a regular expression's \s: Unicode white space, line terminators and U+FEFF. */
export function isWhitespace(code: number): boolean {
  if (code <= 32) return code === 32 || (code >= 9 && code <= 13);
  if (code < 0xa0) return false;
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

/** "Lowercase words" for a hint taken from a placeholder, keeping acronyms (CPU, API). */
export function toHint(text: string): string {
  const trimmed = text.trim();
  if (trimmed === trimmed.toUpperCase() && /[A-Z]{3}/.test(trimmed) && trimmed.includes(' ')) {
    return trimmed.toLowerCase();
  }
  if (/^[A-Z][a-z]/.test(trimmed)) return trimmed[0].toLowerCase() + trimmed.slice(1);
  return trimmed;
}

/** "A, B, C or D". */
export function listWithOr(values: readonly string[]): string {
  return listWith(values, 'or');
}

/** "A, B, C and D". */
export function listWithAnd(values: readonly string[]): string {
  return listWith(values, 'and');
}

function listWith(values: readonly string[], word: string): string {
  if (values.length <= 1) return values.join('');
  return `${values.slice(0, -1).join(', ')} ${word} ${values[values.length - 1]}`;
}

/** Text to match literally inside a regular expression. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
