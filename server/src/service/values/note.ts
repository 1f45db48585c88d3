/**
 * Where a value ends and the author's note after it starts: "Hardware (disk)", "HIGH - paged",
 * "SEV1; downgraded later". What a completion or a fix replaces, so the note stays.
 */
import { isWhitespace, stripEmphasis } from '../text/markdownText';

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
