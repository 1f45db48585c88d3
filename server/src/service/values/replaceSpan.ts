/**
 * The part of a field's value that a new value replaces, shared by the choice completion and the
 * choice quick fixes so both write the same line.
 */
import type { Analysis } from '../analysis';
import { isSpace } from '../text/markdownText';
import { mainPart, mainSpan } from './note';

export interface ValueSpan {
  /** Line offsets of the text to replace. */
  start: number;
  end: number;
  /** A space to write before the new value: a value or placeholder against the label gets one. */
  prefix: string;
  /** A space to write after it: an empty value before a comment ("**Severity**: <!-- -->") gets one. */
  suffix: string;
}

/**
 * Field `fieldIndex`'s replaceable span. A real value keeps its emphasis and the author's note
 * ("**SEV1** (pager)": only SEV1). A placeholder goes with what is glued to it, but a note after
 * it stays ("[CRITICAL/HIGH/MEDIUM/LOW] (paged)": the placeholder only). An empty value is an
 * insertion point, after the colon and before any comment (a value inside one would not count).
 */
export function replaceableValueSpan(analysis: Analysis, fieldIndex: number): ValueSpan {
  const field = analysis.doc.fields[fieldIndex];
  const line = analysis.doc.text.lines[field.line];
  let start = field.valueStart;
  let end = field.valueEnd;
  if (field.hasPlaceholder) {
    let lastEnd = start;
    for (const p of analysis.placeholdersOnLine(field.line)) if (p.start >= start && p.end > lastEnd) lastEnd = p.end;
    // Kept when it reads as a note, as after a real value ("HIGH (paged)").
    if (lastEnd < end && mainPart(`x${line.slice(lastEnd, end)}`) === 'x') end = lastEnd;
  } else if (start !== end) {
    const span = mainSpan(line.slice(start, end));
    end = start + span.end;
    // Emphasis before the value stays ("**SEV1**" -> "**HIGH**"); white space the line's split
    // does not count as space (a pasted no-break space) goes with the old value.
    if (!/^\s*$/.test(line.slice(start, start + span.start))) start += span.start;
  }
  // White space left at the end of the line goes with the old value: the line ends clean.
  if (end < line.length && line.slice(end).trim() === '') end = line.length;
  const prefix = start === field.valueStart && start > 0 && !isSpace(line.charCodeAt(start - 1)) ? ' ' : '';
  const suffix = field.valueStart === field.valueEnd && end < line.length && !isSpace(line.charCodeAt(end)) ? ' ' : '';
  return { start, end, prefix, suffix };
}
