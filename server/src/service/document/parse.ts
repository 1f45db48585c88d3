/**
 * One pass over the lines of a Markdown document that finds what the post-mortem tools need:
 * headings and their sections, fenced code, field lines, tables and unfilled placeholders.
 * Hand-written and line-based because it runs on every keystroke, on documents of megabytes
 * (a general Markdown parser is one to two orders of magnitude slower on big tables).
 */
import { splitLines } from '../text/lines';
import { maskCommentsAndCode, trimRange } from '../text/markdownText';
import {
  LineKind,
  type Cell,
  type FieldLine,
  type Heading,
  type ParsedDocument,
  type Placeholder,
  type PlaceholderOwner,
  type Table,
  type TableRow,
} from './model';
import { headingKey, placeholderKey } from './normalize';

export interface ParseOptions {
  /** Keys (normalize.placeholderKey) of the template's bracket texts. */
  placeholderKeys: ReadonlySet<string>;
  /** Front-matter key that marks a post-mortem (`postmortem: true`). */
  frontMatterKey: string;
}

const headingPattern = /^ {0,3}(#{1,6})(?:[ \t]+|$)/;
const fencePattern = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const boldFieldPattern = /^(\s*(?:[-*+][ \t]+|\d{1,9}[.)][ \t]+)?)\*\*([^*]+?)(?::\*\*|\*\*[ \t]*:)/;
const codeFieldPattern = /^(\s*(?:[-*+][ \t]+)?)([A-Za-z][A-Za-z0-9 /&().\-]{0,60}?)[ \t]*:(?=[ \t]|$)/;
const listItemPattern = /^(\s*)(?:([-*+])|(\d{1,9})[.)])[ \t]+(?:\[[ xX]\][ \t]+)?/;
const delimiterRowPattern = /^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$/;
const thematicBreakPattern = /^ {0,3}(?:(?:_[ \t]*){3,}|(?:-[ \t]*){3,}|(?:\*[ \t]*){3,})$/;
const bracketPattern = /\[([^[\]\n]*)\]/g;
const blankPattern = /_{3,}/g;

export function parseDocument(source: string, options: ParseOptions): ParsedDocument {
  const text = splitLines(source);
  const { lines } = text;
  const count = lines.length;
  const lineKinds = new Uint8Array(count);
  const sectionOfLine = new Int32Array(count);
  const headings: Heading[] = [];
  const fields: FieldLine[] = [];
  const fieldOfLine = new Map<number, number>();
  const tables: Table[] = [];
  const placeholders: Placeholder[] = [];
  let frontMatterFlag: boolean | undefined;

  let first = 0;
  // Front matter: a first line of exactly --- with a closing --- or ... further down.
  if (count > 1 && lines[0].replace(/^\uFEFF/, '').trimEnd() === '---') {
    let close = -1;
    for (let i = 1; i < count; i++) {
      const t = lines[i].trimEnd();
      if (t === '---' || t === '...') {
        close = i;
        break;
      }
    }
    if (close > 0) {
      const keyPattern = new RegExp(`^${escapeRegExp(options.frontMatterKey)}\\s*:\\s*(\\S+?)\\s*(?:#.*)?$`, 'i');
      for (let i = 0; i <= close; i++) {
        lineKinds[i] = LineKind.FrontMatter;
        sectionOfLine[i] = -1;
        const m = keyPattern.exec(lines[i]);
        if (m) {
          const v = m[1].replace(/^["']|["']$/g, '').toLowerCase();
          if (v === 'true' || v === 'yes' || v === 'on') frontMatterFlag = true;
          else if (v === 'false' || v === 'no' || v === 'off') frontMatterFlag = false;
        }
      }
      first = close + 1;
    }
  }

  let section = -1;
  // Open headings by level, to find parents and close sections.
  const open: number[] = [];
  let fenceChar = '';
  let fenceLength = 0;
  let inComment = false;
  // Naming of list items: the label above the list, and the item count under it.
  let listLabel: string | undefined;
  let itemCount = 0;
  let table: Table | undefined;

  const closeTable = (line: number) => {
    if (table) {
      table.end = line;
      table = undefined;
    }
  };

  for (let i = first; i < count; i++) {
    const raw = lines[i];
    const line = i === 0 && raw.charCodeAt(0) === 0xfeff ? ' ' + raw.slice(1) : raw;

    if (fenceChar) {
      sectionOfLine[i] = section;
      const m = fencePattern.exec(line);
      if (m && m[1][0] === fenceChar && m[1].length >= fenceLength && m[2].trim() === '') {
        lineKinds[i] = LineKind.FenceDelimiter;
        fenceChar = '';
        continue;
      }
      lineKinds[i] = LineKind.Code;
      if (line.indexOf('[') !== -1) {
        const field = codeFieldPattern.exec(line);
        let owner: PlaceholderOwner = { type: 'section' };
        if (field) owner = { type: 'field', field: addField(i, field[2].trim(), field[0].length, line, 'code') };
        findBrackets(line, i, owner, false);
      } else {
        const field = codeFieldPattern.exec(line);
        if (field) addField(i, field[2].trim(), field[0].length, line, 'code');
      }
      continue;
    }

    if (inComment) {
      sectionOfLine[i] = section;
      lineKinds[i] = LineKind.Comment;
      if (line.indexOf('-->') !== -1) inComment = false;
      continue;
    }

    const c0 = firstNonSpace(line);
    if (c0 === -1) {
      sectionOfLine[i] = section;
      closeTable(i);
      continue;
    }
    const ch = line.charCodeAt(c0);

    if (ch === 96 /* ` */ || ch === 126 /* ~ */) {
      const m = fencePattern.exec(line);
      if (m && !(m[1][0] === '`' && m[2].includes('`'))) {
        closeTable(i);
        sectionOfLine[i] = section;
        lineKinds[i] = LineKind.FenceDelimiter;
        fenceChar = m[1][0];
        fenceLength = m[1].length;
        continue;
      }
    }

    if (ch === 35 /* # */) {
      const m = headingPattern.exec(line);
      if (m) {
        closeTable(i);
        const level = m[1].length;
        const titleStart = m[0].length;
        const titleText = line.slice(titleStart).replace(/[ \t]+#+[ \t]*$/, '').replace(/^#+[ \t]*$/, '').trim();
        while (open.length && headings[open[open.length - 1]].level >= level) {
          headings[open.pop() as number].end = i;
        }
        const parent = open.length ? open[open.length - 1] : -1;
        const colon = titleText.indexOf(':');
        const sectionTitle = colon > 0 ? titleText.slice(0, colon) : titleText;
        headings.push({ line: i, level, title: titleText, key: headingKey(sectionTitle), titleStart, end: count, parent });
        section = headings.length - 1;
        open.push(section);
        sectionOfLine[i] = section;
        listLabel = undefined;
        itemCount = 0;
        const masked = maskCommentsAndCode(line);
        if (colon > 0) {
          const field = addField(i, sectionTitle.trim(), titleStart + line.slice(titleStart).indexOf(':') + 1, masked, 'heading');
          scanPlaceholders(masked, i, { type: 'field', field });
        } else {
          scanPlaceholders(masked, i, { type: 'section' });
        }
        continue;
      }
    }

    sectionOfLine[i] = section;

    if (ch === 60 /* < */ && line.startsWith('<!--', c0) && line.indexOf('-->', c0 + 4) === -1) {
      lineKinds[i] = LineKind.Comment;
      inComment = true;
      continue;
    }

    const masked = maskCommentsAndCode(line);

    // Tables: a row with a pipe under a header, or a header followed by a delimiter row.
    if (masked.indexOf('|') !== -1) {
      if (table) {
        const row = splitRow(masked, i);
        table.rows.push(row);
        const rowIndex = table.rows.length - 1;
        row.cells.forEach((cell, column) =>
          scanPlaceholders(masked, i, { type: 'cell', table: tables.length - 1, row: rowIndex, column }, cell.outerStart, cell.outerEnd),
        );
        continue;
      }
      if (i + 1 < count && delimiterRowPattern.test(lines[i + 1]) && lines[i + 1].indexOf('-') !== -1) {
        const header = splitRow(masked, i);
        table = { section, header, delimiterLine: i + 1, rows: [], end: count };
        tables.push(table);
        header.cells.forEach((cell, column) =>
          scanPlaceholders(masked, i, { type: 'cell', table: tables.length - 1, row: -1, column }, cell.outerStart, cell.outerEnd),
        );
        sectionOfLine[i + 1] = section;
        i++;
        continue;
      }
    } else {
      closeTable(i);
    }

    if (thematicBreakPattern.test(line)) {
      listLabel = undefined;
      itemCount = 0;
      continue;
    }

    const bold = ch === 42 || ch === 45 || ch === 43 || (ch >= 48 && ch <= 57) ? boldFieldPattern.exec(masked) : null;
    if (bold) {
      const field = addField(i, bold[2].trim(), bold[0].length, masked, 'bold');
      const f = fields[field];
      if (f.valueStart === f.valueEnd) {
        // "**Contributing Factors**:" introduces the list below it.
        listLabel = f.label;
        itemCount = 0;
      }
      scanPlaceholders(masked, i, { type: 'field', field });
      continue;
    }

    const item = ch === 45 || ch === 42 || ch === 43 || (ch >= 48 && ch <= 57) ? listItemPattern.exec(masked) : null;
    if (item) {
      itemCount++;
      const number = item[3] !== undefined ? Number(item[3]) : itemCount;
      const label = listLabel ?? (section >= 0 ? headings[section].title : 'Document');
      scanPlaceholders(masked, i, { type: 'item', label, number });
      continue;
    }

    // A plain paragraph line ends the list context, unless it introduces a list ("...:").
    if (c0 === 0) {
      const trimmedEnd = masked.trimEnd();
      if (trimmedEnd.endsWith(':')) {
        listLabel = trimmedEnd.slice(0, -1).replace(/[*_]/g, '').trim() || listLabel;
        itemCount = 0;
      }
    }
    scanPlaceholders(masked, i, { type: 'section' });
  }
  closeTable(count);
  while (open.length) headings[open.pop() as number].end = count;

  return { text, lineKinds, headings, sectionOfLine, fields, fieldOfLine, tables, placeholders, frontMatterFlag };

  function addField(line: number, label: string, afterColon: number, masked: string, style: FieldLine['style']): number {
    const [valueStart, valueEnd] = trimRange(masked, afterColon, masked.length);
    fields.push({ line, label, valueStart, valueEnd, section, style });
    fieldOfLine.set(line, fields.length - 1);
    return fields.length - 1;
  }

  function scanPlaceholders(masked: string, line: number, owner: PlaceholderOwner, from = 0, to = masked.length) {
    if (masked.indexOf('[') !== -1) findBrackets(masked, line, owner, true, from, to);
    if (masked.indexOf('___') !== -1) findBlanks(masked, line, owner, from, to);
  }

  function findBrackets(masked: string, line: number, owner: PlaceholderOwner, markdown: boolean, from = 0, to = masked.length) {
    bracketPattern.lastIndex = from;
    let m: RegExpExecArray | null;
    while ((m = bracketPattern.exec(masked)) !== null) {
      const start = m.index;
      const end = start + m[0].length;
      if (end > to) break;
      if (markdown) {
        const before = masked.charCodeAt(start - 1);
        const after = masked.charCodeAt(end);
        // Images, links, reference links, footnotes and link definitions are the author's own.
        if (before === 33 /* ! */ || before === 93 /* ] */ || before === 92 /* \ */) continue;
        if (after === 40 /* ( */ || after === 91 /* [ */) continue;
        if (after === 58 /* : */ && masked.slice(0, start).trim() === '') continue;
      }
      const inner = m[1];
      if (inner.startsWith('^')) continue;
      if (!options.placeholderKeys.has(placeholderKey(inner))) continue;
      placeholders.push({ line, start, end, text: inner, kind: 'bracket', section, owner });
    }
  }

  function findBlanks(masked: string, line: number, owner: PlaceholderOwner, from: number, to: number) {
    if (thematicBreakPattern.test(masked)) return;
    blankPattern.lastIndex = from;
    let m: RegExpExecArray | null;
    while ((m = blankPattern.exec(masked)) !== null) {
      const start = m.index;
      const end = start + m[0].length;
      if (end > to) break;
      // foo___bar is an identifier, not a blank.
      if (isWordChar(masked.charCodeAt(start - 1)) || isWordChar(masked.charCodeAt(end))) continue;
      placeholders.push({ line, start, end, text: '', kind: 'blank', section, owner });
    }
  }

  function splitRow(masked: string, line: number): TableRow {
    const cells: Cell[] = [];
    let [start, end] = trimRange(masked, 0, masked.length);
    if (masked.charCodeAt(start) === 124 /* | */) start++;
    if (end > start && masked.charCodeAt(end - 1) === 124 && masked.charCodeAt(end - 2) !== 92) end--;
    let cellStart = start;
    for (let k = start; k <= end; k++) {
      if (k === end || (masked.charCodeAt(k) === 124 && masked.charCodeAt(k - 1) !== 92)) {
        const [s, e] = trimRange(masked, cellStart, k);
        cells.push({ start: s, end: e, outerStart: cellStart, outerEnd: k });
        cellStart = k + 1;
      }
    }
    return { line, cells };
  }
}

function firstNonSpace(line: string): number {
  for (let k = 0; k < line.length; k++) {
    const c = line.charCodeAt(k);
    if (c !== 32 && c !== 9 && c !== 0xfeff) return k;
  }
  return -1;
}

function isWordChar(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
