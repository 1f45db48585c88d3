/**
 * Joins the facts of each line (lineFacts.ts) into the structure of a post-mortem: headings and
 * their sections, fenced code, field lines, tables and unfilled placeholders. Line-based and
 * hand-written because it runs on every keystroke on documents of megabytes; the per-line work
 * is memoised beside the lines, so after an edit only the edited lines are examined again.
 */
import { splitLines, type LineText } from '../text/lines';
import { cellsOf, codeFacts, markdownFacts, type FactOptions, type FieldFacts, type LineFacts, type Mark } from './lineFacts';
import {
  LineKind,
  type Cell,
  type FieldLine,
  type Heading,
  type ParsedDocument,
  type FrontMatterValue,
  type Placeholder,
  type PlaceholderOwner,
  type Table,
} from './model';
import { headingKey } from './normalize';

export interface ParseOptions extends FactOptions {
  /** Front-matter key that marks a post-mortem (`postmortem: true`). */
  frontMatterKey: string;
  /** Front-matter key of the review status (`status: draft`), when the template has statuses. */
  statusKey?: string;
  /** A heading's comparison key (headingKey, or the template's, which knows other names of its sections). */
  sectionKeyOf?: (title: string) => string;
}

const sectionOwner: PlaceholderOwner = { type: 'section' };

/**
 * What is known of each line from an earlier parse, kept in step with the lines by their owner
 * (a DocumentSession), so that a new parse looks again only at changed lines.
 */
export type LineFactsMemo = (LineFacts | undefined)[];

/** `memo`: the facts of an earlier parse of these lines (edited since), filled in by this one. */
export function parseDocument(source: string | LineText, options: ParseOptions, memo?: LineFactsMemo): ParsedDocument {
  const text = typeof source === 'string' ? splitLines(source) : source;
  // A snapshot: the caller may edit its lines in place (EditableText) after this parse.
  const lines = typeof source === 'string' ? text.lines : text.lines.slice();
  const count = lines.length;
  // Without a memo, the text is parsed once: its facts are dropped as soon as their line is read
  // (the last one is kept, for the look-ahead at a table's delimiter row), so a young-generation
  // collection during the parse does not copy tens of thousands of them.
  let lastLine = -1;
  let lastFacts: LineFacts | undefined;
  const lineKinds = new Uint8Array(count);
  const sectionOfLine = new Int32Array(count);
  const headings: Heading[] = [];
  const fields: FieldLine[] = [];
  const tables: Table[] = [];
  const placeholders: Placeholder[] = [];
  const blameCandidates: number[] = [];

  const facts = (i: number, code: boolean): LineFacts => {
    const known = memo ? memo[i] : lastLine === i ? lastFacts : undefined;
    if (known !== undefined && known.text === lines[i] && known.code === code) return known;
    const fresh = code ? codeFacts(lines[i], options) : markdownFacts(lines[i], options);
    if (memo) memo[i] = fresh;
    else {
      lastLine = i;
      lastFacts = fresh;
    }
    return fresh;
  };

  const { first, flag: frontMatterFlag, keyLine: frontMatterKeyLine, status: frontMatterStatus } = frontMatter(lines, options.frontMatterKey, options.statusKey);
  for (let i = 0; i < first; i++) {
    lineKinds[i] = LineKind.FrontMatter;
    sectionOfLine[i] = -1;
  }

  let section = -1;
  const open: number[] = [];
  let fenceChar = '';
  let fenceLength = 0;
  let inComment = false;
  let blockStart = -1;
  // A paragraph is open: the next line may go on with it (and a setext underline close it).
  let paragraphOpen = false;
  let htmlBlock = false;
  // Inside a <pre>, <script>, <style> or <textarea> block, which runs to its closing tag, blank lines and all.
  let rawHtml = false;
  // The content column of the list item the lines are in, or -1 outside a list.
  let listContent = -1;
  // That paragraph is a list item's or a quote's: a line at the margin goes on with it lazily,
  // even a table's header row.
  let itemParagraph = false;
  // Naming of list items: the label above the list, and the item count under it.
  let listLabel: string | undefined;
  let itemCount = 0;
  let table: Table | undefined;

  for (let i = first; i < count; i++) {
    sectionOfLine[i] = section;

    if (fenceChar) {
      const f = facts(i, true);
      if (f.fence && f.fence.char === fenceChar && f.fence.length >= fenceLength && !f.fence.hasInfo) {
        lineKinds[i] = LineKind.FenceDelimiter;
        fenceChar = '';
        continue;
      }
      lineKinds[i] = LineKind.Code;
      let owner = sectionOwner;
      if (f.field) {
        const field = addField(i, f.field, 'code');
        if (f.marks.length) owner = { type: 'field', field };
      }
      addMarks(f.marks, i, owner);
      continue;
    }

    if (inComment) {
      lineKinds[i] = LineKind.Comment;
      if (lines[i].indexOf('-->') !== -1) inComment = false;
      continue;
    }

    const f = facts(i, false);
    if (f.mayBlame) blameCandidates.push(i);
    if (rawHtml) {
      rawHtml = !rawHtmlEnd.test(lines[i]);
      addMarks(f.marks, i, sectionOwner);
      continue;
    }
    const continuesParagraph = paragraphOpen;
    const continuesItem: boolean = itemParagraph;
    paragraphOpen = false;
    itemParagraph = false;
    if (f.blank) {
      if (table) table = closeTable(table, i);
      htmlBlock = false;
      // An item may begin with one blank line, not two: "-" over a blank line is an empty item.
      if (listContent !== -1 && i > 0 && facts(i - 1, false).emptyItem) listContent = -1;
      continue;
    }

    // "2. second" or "-" under a plain paragraph goes on with it: only a bullet or "1." with
    // content starts a list there. (Under a quote's paragraph, the quote ends and a list starts.)
    const markerInParagraph = f.listContent !== undefined && continuesParagraph && !continuesItem && listContent === -1 && !f.interruptsParagraph;
    // Lines go on with a list item while indented to its content (or lazily, its paragraph).
    if (f.listContent !== undefined && !markerInParagraph) listContent = f.listContent;
    else if (listContent !== -1 && f.indent < listContent && (!continuesParagraph || f.interruptsParagraph || f.setextLevel)) listContent = -1;
    // Indented code: four columns in (past a list item's content), not going on with a paragraph.
    if (!continuesParagraph && f.listContent === undefined && f.indent >= (listContent === -1 ? 4 : listContent + 4)) {
      if (table) table = closeTable(table, i);
      lineKinds[i] = LineKind.Code;
      addMarks(f.marks, i, sectionOwner);
      continue;
    }

    // An HTML block (<details>, <div>...) runs to a blank line, a <pre> to its closing tag: no
    // Markdown structure in it, but what it shows may still hold a placeholder.
    if (htmlBlock || f.html === 'block' || f.html === 'raw' || (f.html === 'tag' && !continuesParagraph)) {
      if (table) table = closeTable(table, i);
      if (!htmlBlock && f.html === 'raw') rawHtml = !rawHtmlEnd.test(lines[i]);
      else htmlBlock = true;
      addMarks(f.marks, i, sectionOwner);
      continue;
    }

    if (f.fence && f.fence.validOpening) {
      if (table) table = closeTable(table, i);
      lineKinds[i] = LineKind.FenceDelimiter;
      fenceChar = f.fence.char;
      fenceLength = f.fence.length;
      blockStart = i;
      continue;
    }

    if (f.heading) {
      if (table) table = closeTable(table, i);
      openHeading(i, f.heading.level, f.heading.title, f.heading.sectionTitle, f.heading.titleStart, i);
      let owner = sectionOwner;
      if (f.field) {
        const field = addField(i, f.field, 'heading');
        if (f.marks.length) owner = { type: 'field', field };
      }
      addMarks(f.marks, i, owner);
      continue;
    }

    if (f.commentOpen) {
      if (table) table = closeTable(table, i);
      lineKinds[i] = LineKind.Comment;
      inComment = true;
      blockStart = i;
      continue;
    }

    // Tables: a row with a pipe under a header, or a header followed by a delimiter row. As
    // GitHub reads them, a table goes on to the next blank line or block: a paragraph line right
    // under it is one of its rows.
    // A list item or quote under a table starts a block of its own, even with a pipe in it.
    if (table && !continuesTable(f)) table = closeTable(table, i);
    if (table) {
      const cells = cellsOf(f);
      let row = f.row;
      if (row === undefined || row.line !== i || row.cells !== cells) f.row = row = { line: i, cells };
      table.rows.push(row);
      addCellMarks(f, cells, i, tables.length - 1, table.rows.length - 1);
      continue;
    }
    // GitHub takes a header row for a table's only when the delimiter row has as many cells.
    if (f.hasPipe && !(continuesItem && f.indent === 0) && startsTable(i)) {
      const cells = cellsOf(f);
      table = { section, header: { line: i, cells }, delimiterLine: i + 1, rows: [], end: count };
      tables.push(table);
      addCellMarks(f, cells, i, tables.length - 1, -1);
      sectionOfLine[i + 1] = section;
      i++;
      continue;
    }

    // A setext heading: paragraph lines underlined with === or --- (as GitHub reads them, the
    // whole paragraph is the heading's text).
    if (!continuesParagraph && f.listContent === undefined && !f.thematicBreak) {
      const underline = setextUnderline(i);
      if (underline !== -1) {
        const title = lines.slice(i, underline).map((l) => l.trim()).join(' ');
        const colon = title.indexOf(':');
        openHeading(i, facts(underline, false).setextLevel!, title, colon > 0 ? title.slice(0, colon) : title, lines[i].length - lines[i].trimStart().length, underline);
        for (let k = i; k < underline; k++) addMarks(facts(k, false).marks, k, sectionOwner);
        i = underline;
        continue;
      }
    }

    if (f.thematicBreak) {
      listLabel = undefined;
      itemCount = 0;
      continue;
    }

    if (f.field) {
      paragraphOpen = true;
      itemParagraph = continuesItem || listContent !== -1;
      const field = addField(i, f.field, 'bold');
      if (f.field.valueStart === f.field.valueEnd) {
        // "**Contributing Factors**:" introduces the list below it.
        listLabel = f.field.label;
        itemCount = 0;
      }
      if (f.marks.length) addMarks(f.marks, i, { type: 'field', field });
      continue;
    }

    if (f.item && !markerInParagraph) {
      // Lines right under an item go on with it: no setext heading starts there.
      paragraphOpen = true;
      itemParagraph = true;
      itemCount++;
      if (f.marks.length) {
        const label = listLabel ?? (section >= 0 ? headings[section].title : 'Document');
        addMarks(f.marks, i, { type: 'item', label, number: f.item.number ?? itemCount });
      }
      continue;
    }

    // A plain paragraph line ends the list context, unless it introduces a list ("...:"). A
    // comment alone on its line is a block of its own, which ends the paragraph.
    paragraphOpen = !f.wholeComment && !f.emptyItem;
    itemParagraph = paragraphOpen && (continuesItem || listContent !== -1 || f.quote === true);
    if (f.introLabel) {
      listLabel = f.introLabel;
      itemCount = 0;
    }
    addMarks(f.marks, i, sectionOwner);
  }
  if (table) closeTable(table, count);
  while (open.length) headings[open.pop() as number].end = count;

  // Field by line is for requests at a position (completion, quick fixes, hover), not for the
  // diagnostics of every keystroke: made when first asked for.
  let fieldOfLine: Map<number, number> | undefined;
  return {
    text: { lines, eol: text.eol, breaks: typeof source === 'string' ? text.breaks : text.breaks?.slice() },
    lineKinds,
    headings,
    sectionOfLine,
    fields,
    get fieldOfLine() {
      if (!fieldOfLine) {
        fieldOfLine = new Map();
        for (let k = 0; k < fields.length; k++) fieldOfLine.set(fields[k].line, k);
      }
      return fieldOfLine;
    },
    tables,
    placeholders,
    frontMatterFlag,
    frontMatterKeyLine,
    frontMatterStatus,
    // Prose only: a line read as Markdown that turned out code or a comment is none.
    blameLines: blameCandidates.filter((line) => lineKinds[line] === LineKind.Text),
    frontMatterEnd: first - 1,
    unclosedBlock: fenceChar || inComment ? blockStart : -1,
  };

  /** Heading `title` of `level` on `line` (to `lastLine`, its setext underline), under the open ones of a lower level. */
  function openHeading(line: number, level: number, title: string, sectionTitle: string, titleStart: number, lastLine: number): void {
    while (open.length && headings[open[open.length - 1]].level >= level) {
      headings[open.pop() as number].end = line;
    }
    const parent = open.length ? open[open.length - 1] : -1;
    headings.push({ line, level, title, key: (options.sectionKeyOf ?? headingKey)(sectionTitle), titleStart, end: count, parent, lastLine });
    section = headings.length - 1;
    open.push(section);
    for (let k = line; k <= lastLine; k++) sectionOfLine[k] = section;
    listLabel = undefined;
    itemCount = 0;
  }

  /**
   * The setext underline that ends the paragraph starting at `start`, or -1: the lines after it
   * go on with the paragraph up to a blank line or a line that starts a block of its own.
   */
  function setextUnderline(start: number): number {
    // Indented code and HTML blocks are told before; a quote is read as no paragraph, nor a
    // comment (an HTML block of its own).
    const first = facts(start, false);
    if (first.quote || first.html === 'comment') return -1;
    for (let j = start + 1; j < count && j < start + 50; j++) {
      const g = facts(j, false);
      // In a list item, an underline left of its content is a new item or a break, not the item's.
      if (g.setextLevel) return listContent !== -1 && g.indent < listContent ? -1 : j;
      if (g.blank || g.interruptsParagraph) return -1;
      if (startsTable(j)) return -1;
    }
    return -1;
  }

  /**
   * Whether a table starts on `line`, as GitHub reads one: a header row with a pipe, at most
   * three spaces in, and under it a delimiter row with a pipe and as many cells.
   */
  function startsTable(line: number): boolean {
    if (line + 1 >= count) return false;
    const header = facts(line, false);
    // A list item's or a quote's line is no header at the margin (tables inside them are not read).
    if (!header.hasPipe || header.indent > 3 || header.listContent !== undefined || header.quote) return false;
    const delimiter = facts(line + 1, false);
    return delimiter.delimiterRow && delimiter.hasPipe && cellsOf(header).length === cellsOf(delimiter).length;
  }

  function closeTable(t: Table, line: number): undefined {
    t.end = line;
    return undefined;
  }

  function addField(line: number, field: FieldFacts, style: FieldLine['style']): number {
    fields.push({ line, label: field.label, labelKey: field.labelKey, valueStart: field.valueStart, valueEnd: field.valueEnd, section, style, hasPlaceholder: false });
    return fields.length - 1;
  }

  function addMarks(marks: readonly Mark[], line: number, owner: PlaceholderOwner): void {
    for (let k = 0; k < marks.length; k++) {
      const m = marks[k];
      placeholders.push({ line, start: m.start, end: m.end, text: m.text, kind: m.kind, section, owner });
      if (owner.type === 'field') {
        const field = fields[owner.field];
        if (m.start >= field.valueStart) field.hasPlaceholder = true;
      }
    }
  }

  function addCellMarks(f: LineFacts, cells: readonly Cell[], line: number, tableIndex: number, row: number): void {
    // Owners are made only for cells that hold a placeholder: most cells hold none.
    let column = 0;
    const marks = f.cellMarks ?? f.marks;
    for (let k = 0; k < marks.length; k++) {
      const m = marks[k];
      while (column < cells.length && cells[column].outerEnd < m.end) column++;
      if (column === cells.length) return;
      const cell = cells[column];
      if (m.start < cell.outerStart) continue;
      placeholders.push({ line, start: m.start, end: m.end, text: m.text, kind: m.kind, section, owner: { type: 'cell', table: tableIndex, row, column } });
    }
  }
}


/** The line that closes a <pre>, <script>, <style> or <textarea> block. */
const rawHtmlEnd = /<\/(?:pre|script|style|textarea)>/i;

/**
 * Whether a line under a table is one of its rows, as GitHub reads it, with a pipe or without:
 * a paragraph line is; a list item, quote, HTML block, thematic break, fence or indented code
 * starts a block of its own (blank lines, headings and comments are told before).
 */
function continuesTable(f: LineFacts): boolean {
  // Any list item ends it, even an empty one or "2.", and a tag alone on its line (neither would
  // end a paragraph); a line that only starts with a tag (<span>x | y</span>) does not.
  return !(f.listContent !== undefined || f.thematicBreak || f.fence?.validOpening || f.quote || f.html !== undefined || f.indent >= 4);
}

/**
 * The front matter (a first line of exactly --- with a closing --- or ... further down): the first
 * line after it, the detection key's value and line (the last one read, -1 if none), and the
 * review status's value.
 */
function frontMatter(lines: readonly string[], key: string, statusKey: string | undefined): { first: number; flag: boolean | undefined; keyLine: number; status: FrontMatterValue | undefined } {
  const none = { first: 0, flag: undefined, keyLine: -1, status: undefined };
  if (lines.length < 2 || lines[0].replace(/^\uFEFF/, '').trimEnd() !== '---') return none;
  let close = -1;
  for (let i = 1; i < lines.length; i++) {
    const t = lines[i].trimEnd();
    if (t === '---' || t === '...') {
      close = i;
      break;
    }
  }
  if (close < 0) return none;
  let flag: boolean | undefined;
  let keyLine = -1;
  let status: FrontMatterValue | undefined;
  for (let i = 1; i < close; i++) {
    // YAML keeps the last of a repeated key: so do the reader and the writer (create/frontMatter.ts).
    const entry = topLevelEntry(lines[i]);
    if (!entry) continue;
    if (entry.key === key.toLowerCase()) {
      keyLine = i;
      const v = entry.value.toLowerCase();
      if (v === 'true' || v === 'yes' || v === 'on') flag = true;
      else if (v === 'false' || v === 'no' || v === 'off') flag = false;
    } else if (statusKey !== undefined && entry.key === statusKey.toLowerCase()) {
      status = { value: entry.value, line: i, start: entry.valueStart, end: entry.valueEnd };
    }
  }
  return { first: close + 1, flag, keyLine, status };
}

/**
 * A top-level `key: value` line of YAML front matter: its key in lower case and its scalar value
 * without quotes or a trailing # comment (empty when the value is nested below or missing).
 */
function topLevelEntry(line: string): { key: string; value: string; valueStart: number; valueEnd: number } | undefined {
  const m = /^([A-Za-z_][\w-]*)[ \t]*:(?:[ \t]+|$)/.exec(line);
  if (!m) return undefined;
  let valueStart = m[0].length;
  let valueEnd = line.length;
  const quote = line[valueStart];
  if (quote === '"' || quote === "'") {
    const close = line.indexOf(quote, valueStart + 1);
    if (close !== -1) return { key: m[1].toLowerCase(), value: line.slice(valueStart + 1, close).trim(), valueStart: valueStart + 1, valueEnd: close };
  }
  const comment = line.slice(valueStart).search(/(?:^|[ \t])#/);
  if (comment !== -1) valueEnd = valueStart + comment;
  while (valueEnd > valueStart && /\s/.test(line[valueEnd - 1])) valueEnd--;
  return { key: m[1].toLowerCase(), value: line.slice(valueStart, valueEnd), valueStart, valueEnd };
}

