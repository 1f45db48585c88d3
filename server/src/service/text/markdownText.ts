/**
 * Small helpers over one line of Markdown that several parts of the service need.
 */

/**
 * Replaces HTML comments and inline code spans with spaces of the same length, so positions are
 * kept but their content is not taken for the author's field values or placeholders.
 * Comments spanning lines are not handled here: the parser marks those lines itself.
 */
export function maskCommentsAndCode(line: string): string {
  if (line.indexOf('<!--') === -1 && line.indexOf('`') === -1) return line;
  let out = '';
  let i = 0;
  while (i < line.length) {
    if (line.startsWith('<!--', i)) {
      const end = line.indexOf('-->', i + 4);
      const stop = end === -1 ? line.length : end + 3;
      out += ' '.repeat(stop - i);
      i = stop;
      continue;
    }
    if (line.charCodeAt(i) === 96 /* ` */) {
      let ticks = 1;
      while (line.charCodeAt(i + ticks) === 96) ticks++;
      const fence = '`'.repeat(ticks);
      const end = line.indexOf(fence, i + ticks);
      if (end === -1) {
        out += fence;
        i += ticks;
        continue;
      }
      const stop = end + ticks;
      out += ' '.repeat(stop - i);
      i = stop;
      continue;
    }
    out += line[i];
    i++;
  }
  return out;
}

/** Trimmed [start, end) of line[from, to). */
export function trimRange(line: string, from: number, to: number): [number, number] {
  let start = from;
  let end = to;
  while (start < end && isSpace(line.charCodeAt(start))) start++;
  while (end > start && isSpace(line.charCodeAt(end - 1))) end--;
  return [start, end];
}

export function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 0xfeff;
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
  if (values.length <= 1) return values.join('');
  return `${values.slice(0, -1).join(', ')} or ${values[values.length - 1]}`;
}
