/**
 * What a single line is, on its own: heading, fence, field, list item, table cells, placeholders.
 * Computed once per line text and context (Markdown or code) and kept beside the line, so that
 * after an edit only the edited lines are examined again; the pass over all lines that joins
 * them into a document (parse.ts) is cheap.
 */
import { isSpaceOrTab, isWhitespace, maskCommentsAndCode, trimRange } from '../text/markdownText';
import type { Cell, RowTime, TableRow, TimelineRow } from './model';
import { labelKey } from './normalize';

export interface Mark {
  start: number;
  end: number;
  /** Bracket text without brackets; empty for a blank. */
  text: string;
  kind: 'bracket' | 'blank';
}

export interface FieldFacts {
  label: string;
  /** The label's comparison key (labelKey), made once per line text. */
  labelKey: string;
  valueStart: number;
  valueEnd: number;
}

export interface LineFacts {
  /** The line these facts describe: facts are reused only for the very same text. */
  readonly text: string;
  /** Read as a line of a fenced code block (true) or as Markdown. */
  readonly code: boolean;
  blank: boolean;
  /** A fence delimiter (``` or ~~~): its character, length and whether an info string follows. */
  fence?: { char: string; length: number; hasInfo: boolean; validOpening: boolean };
  heading?: { level: number; titleStart: number; title: string; sectionTitle: string };
  /** Opens an HTML comment that does not close on this line. */
  commentOpen: boolean;
  /**
   * Starts an HTML block that may interrupt a paragraph (CommonMark's kinds 1 to 6): a comment;
   * `<pre>`, `<script>`, `<style>` or `<textarea>`, which runs to its closing tag ('raw'); or a
   * declaration, processing instruction or block tag, which runs to a blank line. 'tag': a line
   * of one other tag alone (`<img src="x">`, `</span>`, CommonMark's kind 7), which starts an
   * HTML block only where no paragraph goes on.
   */
  html?: 'comment' | 'raw' | 'block' | 'tag';
  /** A list marker with nothing after it ("-"): the item opens no paragraph for the lines below. */
  emptyItem?: true;
  /** Starts a block that ends a paragraph above it: a heading, fence, thematic break, quote, HTML block, or a list item that may (a bullet, or 1., with content). */
  interruptsParagraph?: true;
  /** A comment alone on its line ("<!-- ... -->"), which is a block of its own. */
  wholeComment?: true;
  /** Starts a block quote ("> ..."). */
  quote?: true;
  hasPipe: boolean;
  delimiterRow: boolean;
  thematicBreak: boolean;
  /** A setext underline ("===" for level 1, "---" for level 2), when a paragraph line is above it. */
  setextLevel?: 1 | 2;
  field?: FieldFacts;
  /** A list item: its number for an ordered list, else null. */
  item?: { number: number | null };
  /** The column its content starts at, for any list item line (a field in a list too). */
  listContent?: number;
  /** The column of its first non-blank character, tabs to the next multiple of four. */
  indent: number;
  /** A paragraph line at the margin that ends with ':' and so introduces a list. */
  introLabel?: string;
  marks: Mark[];
  /** Comment- and code-masked text. */
  masked: string;
  /**
   * The line masked cell by cell, as GitHub reads a table row: split at every pipe not escaped
   * with a backslash (also inside a code span or a comment), each cell's code and comments masked
   * on their own. The same as `masked` when no code span or comment spans a pipe.
   */
  cellMasked?: string;
  /** Where the unescaped pipes are, when the line has any. */
  pipes?: number[];
  /** Placeholders of the line read as a table row (from `cellMasked`). */
  cellMarks?: Mark[];
  cells?: Cell[];
  /** The time read from one cell of the line, when the line is a timeline row. */
  time?: { column: number; value: RowTime };
  /**
   * The table row and timeline row last made of this line, handed out again by the next parse
   * when they would be equal: after a keystroke most rows of a long table are the same objects,
   * long promoted to the old generation, instead of thousands of new ones.
   */
  row?: TableRow;
  timelineRow?: TimelineRow;
  /** The value of the field on this line, read by the spec it was read for (analysis.ts). */
  fieldValue?: { spec: object; place: string; value: object };
  /** What the line says as a line of an action item (actionItems/read.ts). */
  actionItem?: object;
  /** It holds a blaming phrase as written (FactOptions.mayBlame): read once per line text, not on every keystroke. */
  mayBlame: boolean;
}

export interface FactOptions {
  isPlaceholder(text: string): boolean;
  /** Whether a line holds one of the template's blaming phrases as written (the blameless-language rule reads only those). */
  mayBlame?(line: string): boolean;
}

const headingPattern = /^ {0,3}(#{1,6})(?:[ \t]+|$)/;
const fencePattern = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const boldFieldPattern = /^(\s*(?:[-*+][ \t]+|\d{1,9}[.)][ \t]+)?)\*\*([^*]+?)(?::\*\*|\*\*[ \t]*:)/;
const codeFieldPattern = /^(\s*(?:[-*+][ \t]+)?)([A-Za-z][A-Za-z0-9 /&().\-]{0,60}?)[ \t]*:(?=[ \t]|$)/;
const listMarkerPattern = /^([ \t]*)([-*+]|\d{1,9}[.)])([ \t]+|$)/;
const setextPattern = /^ {0,3}(?:=+|-+)[ \t]*$/;
const thematicBreakPattern = /^ {0,3}(?:(?:_[ \t]*){3,}|(?:-[ \t]*){3,}|(?:\*[ \t]*){3,})$/;
const blankPattern = /_{3,}/g;
// CommonMark's HTML blocks that may interrupt a paragraph: kind 1 (raw text, to its closing tag)
// and kinds 2 to 6 (a comment, `<?`, `<!X`, CDATA, and the block tags), with the spec's tag names.
const rawHtmlStart = /^ {0,3}<(?:pre|script|style|textarea)(?:[\s>]|$)/i;
const interruptingHtml =
  /^ {0,3}<(?:!--|![A-Za-z]|!\[CDATA\[|\?|\/?(?:address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|details|dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame|frameset|h[1-6]|head|header|hr|html|iframe|legend|li|link|main|menu|menuitem|nav|noframes|ol|optgroup|option|p|param|search|section|summary|table|tbody|td|tfoot|th|thead|title|tr|track|ul)(?:[\s>]|\/>|$))/i;
const attribute = `\\s+[A-Za-z_:][A-Za-z0-9_.:-]*(?:\\s*=\\s*(?:[^\\s"'=<>\`]+|'[^']*'|"[^"]*"))?`;
const loneTag = new RegExp(`^ {0,3}(?:<[A-Za-z][A-Za-z0-9-]*(?:${attribute})*\\s*\\/?>|<\\/[A-Za-z][A-Za-z0-9-]*\\s*>)\\s*$`);
const wholeCommentPattern = /^ {0,3}<!--.*-->\s*$/;

/**
 * A line's facts before any is found. Every fact, optional or not, is set here, in one order, so
 * that all LineFacts have one hidden class in V8: with the optional facts added as found, lines
 * had dozens of shapes, and every read of a fact in parse.ts, timeline.ts and analysis.ts was a
 * megamorphic lookup. (A literal, not a spread of a shared object: V8 copies a spread property by
 * property at run time.)
 */
function newFacts(text: string, code: boolean, masked: string): LineFacts {
  const facts = {
    text,
    code,
    blank: false,
    commentOpen: false,
    hasPipe: false,
    delimiterRow: false,
    thematicBreak: false,
    marks: noMarks,
    masked,
    indent: 0,
    fence: undefined,
    heading: undefined,
    html: undefined,
    emptyItem: undefined,
    interruptsParagraph: undefined,
    wholeComment: undefined,
    quote: undefined,
    setextLevel: undefined,
    field: undefined,
    item: undefined,
    listContent: undefined,
    introLabel: undefined,
    cellMasked: undefined,
    pipes: undefined,
    cellMarks: undefined,
    cells: undefined,
    time: undefined,
    row: undefined,
    timelineRow: undefined,
    fieldValue: undefined,
    actionItem: undefined,
    mayBlame: false,
  } satisfies Record<keyof LineFacts, unknown>;
  return facts;
}

export function markdownFacts(raw: string, options: FactOptions): LineFacts {
  // A BOM is not part of the first line's Markdown; a space keeps positions.
  const line = raw.charCodeAt(0) === 0xfeff ? ' ' + raw.slice(1) : raw;
  const facts = newFacts(raw, false, line);
  const c0 = firstNonSpace(line);
  if (c0 === -1) {
    facts.blank = true;
    return facts;
  }
  facts.indent = columnOf(line, c0);
  const ch = line.charCodeAt(c0);
  if (ch === 42 || ch === 45 || ch === 43 || (ch >= 48 && ch <= 57)) {
    const marker = listMarkerPattern.exec(line);
    if (marker) {
      facts.listContent = marker[3] === '' ? columnOf(line, marker[0].length) + 1 : columnOf(line, marker[0].length);
      // An empty item, or an ordered one not starting at 1, goes on with a paragraph above it.
      const ordered = marker[2].length > 1 || (marker[2] !== '-' && marker[2] !== '*' && marker[2] !== '+');
      if (line.slice(marker[0].length).trim() === '') facts.emptyItem = true;
      else if (!ordered || Number(marker[2].slice(0, -1)) === 1) facts.interruptsParagraph = true;
    }
  }
  if (ch === 96 /* ` */ || ch === 126 /* ~ */) {
    const m = fencePattern.exec(line);
    if (m) {
      const info = m[2].trim();
      facts.fence = { char: m[1][0], length: m[1].length, hasInfo: info !== '', validOpening: !(m[1][0] === '`' && m[2].includes('`')) };
    }
  }
  if (ch === 35 /* # */) {
    const m = headingPattern.exec(line);
    if (m) {
      const titleStart = m[0].length;
      const title = withoutClosingSequence(line.slice(titleStart)).trim();
      const colon = title.indexOf(':');
      facts.heading = { level: m[1].length, titleStart, title, sectionTitle: colon > 0 ? title.slice(0, colon) : title };
    }
  }
  if (ch === 60 /* < */ && line.startsWith('<!--', c0) && line.indexOf('-->', c0 + 4) === -1) facts.commentOpen = true;
  // Read once per line text here, not by the parser on every keystroke.
  if (ch === 60 /* < */) {
    if (rawHtmlStart.test(line)) facts.html = 'raw';
    else if (interruptingHtml.test(line)) {
      facts.html = line.startsWith('<!--', c0) ? 'comment' : 'block';
      if (wholeCommentPattern.test(line)) facts.wholeComment = true;
    } else if (loneTag.test(line)) facts.html = 'tag';
  }
  if (ch === 62 /* > */ && c0 <= 3 && /^ {0,3}>/.test(line)) facts.quote = true;

  const masked = maskCommentsAndCode(line);
  facts.masked = masked;
  if (line.indexOf('|') !== -1) {
    const pipes = unescapedPipes(line);
    if (pipes.length) {
      facts.hasPipe = true;
      facts.pipes = pipes;
    }
  }
  facts.delimiterRow = facts.hasPipe || ch === 45 || ch === 58 ? isDelimiterRow(line) : false;
  facts.thematicBreak = (ch === 95 || ch === 45 || ch === 42) && thematicBreakPattern.test(line);
  if ((ch === 61 || ch === 45) && c0 <= 3 && setextPattern.test(line)) facts.setextLevel = ch === 61 ? 1 : 2;

  if (facts.heading) {
    const colon = facts.heading.title.indexOf(':');
    if (colon > 0) {
      const afterColon = facts.heading.titleStart + line.slice(facts.heading.titleStart).indexOf(':') + 1;
      facts.field = fieldFacts(facts.heading.sectionTitle.trim(), afterColon, masked, line);
    }
  } else if (ch === 42 || ch === 45 || ch === 43 || (ch >= 48 && ch <= 57)) {
    const bold = boldFieldPattern.exec(masked);
    if (bold) facts.field = fieldFacts(bold[2].trim(), bold[0].length, masked, line);
    else {
      const item = listItemNumber(masked);
      if (item !== undefined) facts.item = { number: item };
    }
  }
  if (c0 === 0 && !facts.field && !facts.item && !facts.heading) {
    const trimmedEnd = masked.trimEnd();
    if (trimmedEnd.endsWith(':')) {
      const label = trimmedEnd.slice(0, -1).replace(/[*_]/g, '').trim();
      if (label) facts.introLabel = label;
    }
  }

  if (facts.heading || facts.fence?.validOpening || facts.thematicBreak || (facts.html !== undefined && facts.html !== 'tag') || facts.quote || facts.commentOpen) {
    facts.interruptsParagraph = true;
  }

  facts.marks = marksOf(masked, facts.thematicBreak, options);
  if (options.mayBlame) facts.mayBlame = options.mayBlame(line);
  if (facts.pipes) {
    const cellMasked = maskCells(line, facts.pipes);
    facts.cellMasked = cellMasked;
    facts.cellMarks = cellMasked === masked ? facts.marks : marksOf(cellMasked, false, options);
  }
  return facts;
}

function marksOf(masked: string, thematicBreak: boolean, options: FactOptions): Mark[] {
  let marks = noMarks;
  if (masked.indexOf('[') !== -1) marks = findBrackets(masked, true, marks, options);
  if (!thematicBreak && masked.indexOf('___') !== -1) marks = findBlanks(masked, marks);
  if (marks.length > 1) marks.sort((a, b) => a.start - b.start);
  return marks;
}

/** Where the pipes that split a table row are: every | not escaped by an odd number of backslashes. */
function unescapedPipes(line: string): number[] {
  const pipes: number[] = [];
  for (let k = line.indexOf('|'); k !== -1; k = line.indexOf('|', k + 1)) {
    let backslashes = 0;
    while (line.charCodeAt(k - 1 - backslashes) === 92 /* \ */) backslashes++;
    if (backslashes % 2 === 0) pipes.push(k);
  }
  return pipes;
}

/** The line with each pipe-separated part's code spans and comments masked on its own. */
function maskCells(line: string, pipes: readonly number[]): string {
  // Nothing to mask in any part: the line as it is.
  if (line.indexOf('`') === -1 && line.indexOf('<') === -1 && line.indexOf('&') === -1) return line;
  let out = '';
  let from = 0;
  for (const pipe of [...pipes, line.length]) {
    out += maskCommentsAndCode(line.slice(from, pipe));
    if (pipe < line.length) out += '|';
    from = pipe + 1;
  }
  return out;
}

/** A line inside a fenced code block: only a closing fence, `key: value` and template placeholders count. */
export function codeFacts(line: string, options: FactOptions): LineFacts {
  const facts = newFacts(line, true, line);
  const c0 = firstNonSpace(line);
  if (c0 === -1) {
    facts.blank = true;
    return facts;
  }
  const ch = line.charCodeAt(c0);
  if (ch === 96 || ch === 126) {
    const m = fencePattern.exec(line);
    if (m) facts.fence = { char: m[1][0], length: m[1].length, hasInfo: m[2].trim() !== '', validOpening: false };
  }
  const field = codeFieldPattern.exec(line);
  if (field) facts.field = fieldFacts(field[2].trim(), field[0].length, line, line);
  if (line.indexOf('[') !== -1) facts.marks = findBrackets(line, false, facts.marks, options);
  return facts;
}

/**
 * The cells of a table row as GitHub reads them: split at every unescaped pipe, with the
 * trimmed content (code spans and comments masked) and the span between the pipes. A comment
 * after the last pipe is an author's aside, not a cell.
 */
export function cellsOf(facts: LineFacts): Cell[] {
  if (facts.cells) return facts.cells;
  const text = facts.text;
  const masked = facts.cellMasked ?? facts.masked;
  const cells: Cell[] = [];
  const pipes = facts.pipes ?? [];
  let [start, end] = trimRange(text, 0, text.length);
  if (pipes[0] === start) start++;
  if (end > start && pipes[pipes.length - 1] === end - 1) end--;
  else if (pipes.length && masked.slice(pipes[pipes.length - 1] + 1, end).trim() === '' && text.slice(pipes[pipes.length - 1] + 1, end).trim().startsWith('<!--')) {
    end = pipes[pipes.length - 1];
  }
  let cellStart = start;
  for (let p = 0; p <= pipes.length; p++) {
    const k = p < pipes.length ? pipes[p] : end;
    if (k < start || (p < pipes.length && k >= end)) continue;
    let s = cellStart;
    let e = k;
    while (s < e && isSpaceOrTab(masked.charCodeAt(s))) s++;
    while (e > s && isSpaceOrTab(masked.charCodeAt(e - 1))) e--;
    cells.push({ start: s, end: e, outerStart: cellStart, outerEnd: k });
    cellStart = k + 1;
  }
  facts.cells = cells;
  return cells;
}

/**
 * The value after a field's colon, in the masked line (comments and code spans are no value),
 * except that a value written as code (`HIGH`) is the author's value, and an empty value sits
 * right after the colon's spaces: before a comment, where a new value is to be written.
 */
function fieldFacts(label: string, afterColon: number, masked: string, line: string): FieldFacts {
  let [valueStart, valueEnd] = trimRange(masked, afterColon, masked.length);
  const first = trimRange(line, afterColon, line.length)[0];
  if (first < valueStart && line.charCodeAt(first) === 96 /* ` */ && masked.charCodeAt(first) !== 96) {
    valueEnd = Math.max(valueEnd, codeSpanEnd(line, first));
    valueStart = first;
  } else if (valueStart === valueEnd) {
    valueStart = valueEnd = first;
  }
  return { label, labelKey: labelKey(label), valueStart, valueEnd };
}

/** The end of the code span opening at `open` (a run of backticks closed by the next run exactly as long, as maskCommentsAndCode reads it). */
function codeSpanEnd(line: string, open: number): number {
  let ticks = open;
  while (line.charCodeAt(ticks) === 96) ticks++;
  const n = ticks - open;
  for (let k = ticks; ; ) {
    const run = line.indexOf('`', k);
    if (run === -1) return line.length;
    let end = run;
    while (line.charCodeAt(end) === 96) end++;
    if (end - run === n) return end;
    k = end;
  }
}

/** The marks of a line without any: shared, never written. */
const noMarks: Mark[] = Object.freeze([]) as unknown as Mark[];

/**
 * Template placeholders in brackets: the matches of /\[([^[\]\n]*)\]/g, found by a scan that
 * makes no strings for brackets that cannot be placeholders.
 */
function findBrackets(text: string, markdown: boolean, marks: Mark[], options: FactOptions): Mark[] {
  const length = text.length;
  let open = text.indexOf('[');
  while (open !== -1) {
    // The bracket closes at the next ] unless a [ or a line break comes first.
    let close = open + 1;
    let code = 0;
    while (close < length) {
      code = text.charCodeAt(close);
      if (code === 93 /* ] */ || code === 91 /* [ */ || code === 10) break;
      close++;
    }
    if (close === length) break;
    if (code !== 93) {
      open = code === 91 ? close : text.indexOf('[', close + 1);
      continue;
    }
    const start = open;
    const end = close + 1;
    open = text.indexOf('[', end);
    if (markdown) {
      const before = text.charCodeAt(start - 1);
      const after = text.charCodeAt(end);
      // Images, links, reference links, footnotes and link definitions are the author's own.
      if (before === 33 /* ! */ || before === 93 /* ] */ || before === 92 /* \ */) continue;
      if (after === 40 /* ( */ || after === 91 /* [ */) continue;
      if (after === 58 /* : */ && onlyWhitespace(text, 0, start)) continue;
    }
    if (text.charCodeAt(start + 1) === 94 /* ^ */) continue;
    const inner = text.slice(start + 1, close);
    if (!options.isPlaceholder(inner)) continue;
    if (marks === noMarks) marks = [];
    marks.push({ start, end, text: inner, kind: 'bracket' });
  }
  return marks;
}

function onlyWhitespace(text: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (!isWhitespace(text.charCodeAt(k))) return false;
  return true;
}

function findBlanks(masked: string, marks: Mark[]): Mark[] {
  blankPattern.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = blankPattern.exec(masked)) !== null) {
    const start = m.index;
    const end = start + m[0].length;
    // foo___bar is an identifier, not a blank.
    if (isWordChar(masked.charCodeAt(start - 1)) || isWordChar(masked.charCodeAt(end))) continue;
    if (marks === noMarks) marks = [];
    marks.push({ start, end, text: '', kind: 'blank' });
  }
  return marks;
}

/**
 * A heading's text without its closing sequence: "Title ##" -> "Title", and "##" -> "". The same
 * as .replace(/[ \t]+#+[ \t]*$/, '').replace(/^#+[ \t]*$/, ''), in one pass from the end (the
 * first regex backtracks quadratically on a long run of spaces not followed by #).
 */
function withoutClosingSequence(text: string): string {
  // [ \t]+#+[ \t]*$
  let end = text.length;
  while (end > 0 && isSpaceOrTab(text.charCodeAt(end - 1))) end--;
  let hashes = end;
  while (hashes > 0 && text.charCodeAt(hashes - 1) === 35 /* # */) hashes--;
  if (hashes < end) {
    let before = hashes;
    while (before > 0 && isSpaceOrTab(text.charCodeAt(before - 1))) before--;
    if (before < hashes) text = text.slice(0, before);
  }
  // ^#+[ \t]*$
  let k = 0;
  while (k < text.length && text.charCodeAt(k) === 35) k++;
  if (k === 0) return text;
  while (k < text.length && isSpaceOrTab(text.charCodeAt(k))) k++;
  return k === text.length ? '' : text;
}

/**
 * A GFM table delimiter row ("| --- | :-: |", "---|---"): the same as
 * /^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$/, read in one pass (the regex backtracks
 * quadratically on runs of whitespace).
 */
function isDelimiterRow(line: string): boolean {
  const n = line.length;
  let k = skipWhitespace(line, 0);
  if (line.charCodeAt(k) === 124 /* | */) k = skipWhitespace(line, k + 1);
  k = skipDelimiterCell(line, k);
  while (k !== -1) {
    k = skipWhitespace(line, k);
    if (k === n) return true;
    if (line.charCodeAt(k) !== 124) return false;
    k = skipWhitespace(line, k + 1);
    if (k === n) return true;
    k = skipDelimiterCell(line, k);
  }
  return false;
}

/** After ":?-+:?" at k, or -1. */
function skipDelimiterCell(line: string, k: number): number {
  if (line.charCodeAt(k) === 58 /* : */) k++;
  const dashes = k;
  while (line.charCodeAt(k) === 45 /* - */) k++;
  if (k === dashes) return -1;
  if (line.charCodeAt(k) === 58) k++;
  return k;
}

function skipWhitespace(line: string, k: number): number {
  while (k < line.length && isWhitespace(line.charCodeAt(k))) k++;
  return k;
}

/**
 * A list item's number (null for a bullet), or undefined when the line is no list item: the
 * same as /^(\s*)(?:([-*+])|(\d{1,9})[.)])[ \t]+/, read without making a match.
 */
function listItemNumber(text: string): number | null | undefined {
  let k = 0;
  while (k < text.length && isWhitespace(text.charCodeAt(k))) k++;
  const code = text.charCodeAt(k);
  let number: number | null = null;
  if (code === 45 /* - */ || code === 42 /* * */ || code === 43 /* + */) k++;
  else {
    const digits = k;
    number = 0;
    while (k - digits < 10 && text.charCodeAt(k) >= 48 && text.charCodeAt(k) <= 57) number = number * 10 + text.charCodeAt(k++) - 48;
    if (k === digits || k - digits > 9) return undefined;
    const mark = text.charCodeAt(k);
    if (mark !== 46 /* . */ && mark !== 41 /* ) */) return undefined;
    k++;
  }
  return isSpaceOrTab(text.charCodeAt(k)) ? number : undefined;
}

/** The column of character `k`, with tabs to the next multiple of four (CommonMark's tab stops). */
function columnOf(line: string, k: number): number {
  let column = 0;
  for (let i = 0; i < k; i++) column = line.charCodeAt(i) === 9 ? column + 4 - (column % 4) : column + 1;
  return column;
}

function firstNonSpace(line: string): number {
  for (let k = 0; k < line.length; k++) {
    if (!isSpaceOrTab(line.charCodeAt(k))) return k;
  }
  return -1;
}

function isWordChar(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}
