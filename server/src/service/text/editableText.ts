/**
 * A document's text as lines, edited in place by LSP content changes: an edit touches only the
 * lines it changes, and says which, so whoever keeps something per line (a DocumentSession's
 * line facts) keeps it for every other line and the next analysis re-examines only what was typed.
 */
import { splitLines, type LineText } from './lines';

export interface Position {
  line: number;
  character: number;
}

export interface ContentChange {
  range?: { start: Position; end: Position };
  text: string;
}

/** Which lines an edit replaced: `removed` lines from `first` on gave way to `added` new ones. */
export interface LineSplice {
  first: number;
  removed: number;
  added: number;
}

const encoder = new TextEncoder();
/** ignoreBOM: a byte order mark at the start of the first line is kept, not dropped. */
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });

export class EditableText implements LineText {
  lines: string[];
  breaks: string[];
  /** Characters in the text, line breaks included (as getText().length), kept up to date by each edit. */
  length: number;
  /** Whether every line is a copy of its own since the last edit (`compact`). */
  private compacted = false;

  constructor(text: string) {
    const split = splitLines(text);
    this.lines = split.lines;
    this.breaks = split.breaks;
    this.length = text.length;
  }

  get eol(): string {
    for (const b of this.breaks) if (b) return b;
    return '\n';
  }

  getText(): string {
    let text = '';
    for (let i = 0; i < this.lines.length; i++) text += this.lines[i] + this.breaks[i];
    return text;
  }

  /**
   * Copies each line out of the text it was cut from, so that text can be freed. V8 keeps a
   * whole string alive for any slice of 13 characters or more, and one arrow or emoji makes the
   * whole text two bytes a character: a 25 KB post-mortem with a "→" in it keeps 50 KB beside
   * its lines. The copies are one byte a character where the line allows. A few milliseconds a
   * megabyte, so it is done for a document put aside (DocumentSession.release), not on open.
   */
  compact(): void {
    // Once done, only an edit makes lines cut from another text again.
    if (this.compacted) return;
    this.compacted = true;
    for (let i = 0; i < this.lines.length; i++) {
      const line = this.lines[i];
      if (line.length < 13) continue;
      const copy = decoder.decode(encoder.encode(line));
      // A lone surrogate does not survive UTF-8: such a line stays as it is.
      if (copy === line) this.lines[i] = copy;
    }
  }

  /** Applies one LSP content change (a range edit, or the whole text when there is no range); returns the lines it replaced. */
  apply(change: ContentChange): LineSplice {
    this.compacted = false;
    if (!change.range) {
      const removed = this.lines.length;
      const split = splitLines(change.text);
      this.lines = split.lines;
      this.breaks = split.breaks;
      this.length = change.text.length;
      return { first: 0, removed, added: this.lines.length };
    }
    const start = this.clamp(change.range.start);
    let end = this.clamp(change.range.end);
    if (end.line < start.line || (end.line === start.line && end.character < start.character)) end = start;

    // Re-split a window one line wider on each side, so a \r and a \n that meet across the
    // edit's edges join into one line break exactly as a fresh split of the whole text would.
    const first = Math.max(0, start.line - 1);
    const last = Math.min(this.lines.length - 1, end.line + 1);
    let window = '';
    for (let i = first; i < start.line; i++) window += this.lines[i] + this.breaks[i];
    window += this.lines[start.line].slice(0, start.character) + change.text + this.lines[end.line].slice(end.character);
    window += this.breaks[end.line];
    for (let i = end.line + 1; i <= last; i++) window += this.lines[i] + this.breaks[i];

    const split = splitLines(window);
    let newLines = split.lines;
    let newBreaks = split.breaks;
    // A window that ends with a line break leaves an empty tail that belongs to the next line.
    if (last < this.lines.length - 1) {
      newLines = newLines.slice(0, -1);
      newBreaks = newBreaks.slice(0, -1);
    }
    // The window's text replaces that of its lines (a tail dropped above is empty).
    let replaced = 0;
    for (let i = first; i <= last; i++) replaced += this.lines[i].length + this.breaks[i].length;
    this.length += window.length - replaced;
    // Every line in the window is looked at again.
    this.lines = splice(this.lines, first, last - first + 1, newLines);
    this.breaks = splice(this.breaks, first, last - first + 1, newBreaks);
    return { first, removed: last - first + 1, added: newLines.length };
  }

  private clamp(p: Position): Position {
    const line = Math.min(Math.max(0, p.line), this.lines.length - 1);
    const character = Math.min(Math.max(0, p.character), this.lines[line].length);
    if (p.line >= this.lines.length) return { line, character: this.lines[line].length };
    return { line, character };
  }
}

/** Array splice that stays fast for a large insertion (no argument-count limit). */
export function splice<T>(array: T[], start: number, deleteCount: number, items: readonly T[]): T[] {
  if (items.length < 10000) {
    array.splice(start, deleteCount, ...items);
    return array;
  }
  return array.slice(0, start).concat(items as T[], array.slice(start + deleteCount));
}
