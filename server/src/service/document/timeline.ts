/**
 * The timeline of a post-mortem: the tables under its Timeline section that have a Time column,
 * which column holds what, and what each row's Time cell holds. Read without the document's
 * context; document/clock.ts puts the rows on the incident's clock.
 */
import type { TimelineColumn, TimelineSpec } from '../template/schema';
import { findDates, type DateParts } from '../values/date';
import { readTimelineMoment } from '../values/moment';
import { mayBeNotYetKnown, notYetKnown } from '../values/status';
import { plainValue } from '../values/text';
import { zoneOffset } from '../values/time';
import { zoneNamePattern } from '../values/words';
import type { LineFacts } from './lineFacts';
import type { LineFactsMemo } from './parse';
import type { Cell, ParsedDocument, RowTime, Table, TableRow, TimelineRow } from './model';
import { headingKey, labelKey } from './normalize';

export type TimelineColumns = Record<TimelineColumn, number>;

export interface TimelineTable {
  table: Table;
  tableIndex: number;
  columns: TimelineColumns;
  rows: TimelineRow[];
  /** How rows are named in messages: "Timeline row 3", "Day 2 (Aug 15) row 3". */
  title: string;
  /** The date or day a subheading above the table gives ("### Day 2 (Aug 15)"). */
  date?: DateParts;
  dayNumber?: number;
  /** The zone the header states ("Time (UTC)"). */
  zone?: number;
}

export interface Timeline {
  /** Heading index of the timeline section. */
  section: number;
  tables: TimelineTable[];
  /** The zone the section states ("All times in UTC.", "## Timeline (UTC)"). */
  zone?: number;
  /**
   * How the section says its numeric dates read ("Dates are month/day.", "Date (DD/MM)" in a
   * header): the timeline's 03/09/2026 is then one date, whatever postmortem.dateOrder says.
   */
  dateOrder?: 'dmy' | 'mdy';
}

/** The template's own timeline rows, as Time texts and Event keys ("00:05", "alert triggered"). */
export type TemplateExamples = readonly { time: string; event: string }[];

/** `memo`: the line facts the document was parsed with, where each row's reading is kept for the next parse. */
export function findTimeline(doc: ParsedDocument, spec: TimelineSpec | undefined, examples: TemplateExamples = [], memo?: LineFactsMemo): Timeline | undefined {
  if (!spec) return undefined;
  const sectionKey = headingKey(spec.section);
  const section = doc.headings.findIndex((h) => h.key === sectionKey);
  if (section === -1) return undefined;
  const heading = doc.headings[section];
  const names = columnNames(spec);
  const tables: TimelineTable[] = [];
  for (let t = 0; t < doc.tables.length; t++) {
    const table = doc.tables[t];
    const line = table.header.line;
    if (line < heading.line) continue;
    if (line >= heading.end) break;
    const header = table.header.cells.map((c) => headingKey(doc.text.lines[line].slice(c.start, c.end)));
    const column = (name: TimelineColumn) => header.findIndex((h) => names[name].has(h));
    const columns: TimelineColumns = { time: column('time'), date: column('date'), event: column('event'), component: column('component'), action: column('action') };
    // A table whose times are in a "Date" column alone ("2026-03-09 16:20"): that column is the Time column.
    if (columns.time === -1 && columns.date !== -1) [columns.time, columns.date] = [columns.date, -1];
    if (columns.time === -1) continue;
    const timeHeader = doc.text.lines[line].slice(table.header.cells[columns.time].start, table.header.cells[columns.time].end);
    const required = spec.requiredColumns.map((c) => columns[c]).filter((c) => c >= 0).sort((a, b) => a - b);
    const entry: TimelineTable = {
      table,
      tableIndex: t,
      columns,
      rows: rowTimes(doc, table, t, columns, required, examples, memo),
      title: table.section === section || table.section < 0 ? doc.headings[section].title : doc.headings[table.section].title,
      zone: statedZone(timeHeader),
    };
    if (table.section !== section && table.section >= 0) {
      const title = doc.headings[table.section].title;
      const date = findDates(title, { order: 'auto', yearless: true }).find((d) => d.date?.day !== undefined);
      if (date?.date) entry.date = date.date;
      const day = /(?<![\p{L}])(?:day|tag|jour|día)\s*(\d{1,3})(?![\p{N}])/iu.exec(title);
      if (day) entry.dayNumber = Number(day[1]);
    }
    tables.push(entry);
  }
  if (tables.length === 0) return undefined;
  const timeline: Timeline = { section, tables, zone: sectionZone(doc, heading.line, heading.end, tables) };
  const order = statedDateOrder(doc, heading.line, tables);
  if (order) timeline.dateOrder = order;
  return timeline;
}

/** Header names of each column: the schema's name and its aliases, as heading keys. */
const namesOf = new WeakMap<TimelineSpec, Record<TimelineColumn, Set<string>>>();
function columnNames(spec: TimelineSpec): Record<TimelineColumn, Set<string>> {
  let names = namesOf.get(spec);
  if (!names) {
    const of = (column: TimelineColumn) =>
      new Set([spec.columns[column], ...(spec.columnAliases[column] ?? [])].filter((n): n is string => !!n).map(headingKey));
    names = { time: of('time'), date: of('date'), event: of('event'), component: of('component'), action: of('action') };
    namesOf.set(spec, names);
  }
  return names;
}

const zoneWord = new RegExp(`(?<![\\p{L}])(UTC|GMT|Z|(?:UTC|GMT)\\s*[+−-]\\s*\\d{1,2}(?::?\\d{2})?|${zoneNamePattern})(?![\\p{L}\\p{N}])`, 'iu');

/** A zone named in a header or heading's parentheses ("Time (UTC)", "Timeline (JST)"). */
function statedZone(text: string): number | undefined {
  const inParentheses = /\(([^)]*)\)/.exec(text);
  if (!inParentheses) return undefined;
  const zone = zoneWord.exec(inParentheses[1]);
  return zone ? zoneOffset(zone[1]) : undefined;
}

const monthFirst = /\b(?:months?\s*\/\s*days?|mm\s*\/\s*dd|month[- ]first|m\/d\/y{2,4})\b/i;
const dayFirst = /\b(?:days?\s*\/\s*months?|dd\s*\/\s*mm|day[- ]first|d\/m\/y{2,4})\b/i;

/**
 * The date order the timeline section states, in its text above the first table ("Dates are
 * month/day.", "All dates DD/MM/YYYY") or in a table's Time or Date header ("Date (MM/DD)");
 * undefined when it states none, or both.
 */
function statedDateOrder(doc: ParsedDocument, from: number, tables: readonly TimelineTable[]): 'dmy' | 'mdy' | undefined {
  const texts: string[] = [];
  for (let line = from + 1; line < tables[0].table.header.line; line++) texts.push(doc.text.lines[line]);
  for (const t of tables) texts.push(doc.text.lines[t.table.header.line]);
  const text = texts.join('\n');
  const mdy = monthFirst.test(text);
  const dmy = dayFirst.test(text);
  return mdy === dmy ? undefined : mdy ? 'mdy' : 'dmy';
}

/** The zone the timeline section states: in its heading ("Timeline (UTC)") or a sentence about its times ("All times in UTC."). */
function sectionZone(doc: ParsedDocument, from: number, to: number, tables: readonly TimelineTable[]): number | undefined {
  const heading = statedZone(doc.text.lines[from]);
  if (heading !== undefined) return heading;
  const firstTable = tables[0].table.header.line;
  for (let line = from + 1; line < Math.min(to, firstTable); line++) {
    const text = doc.text.lines[line];
    if (!/\btimes?\b|\bzone\b/i.test(text)) continue;
    const zone = zoneWord.exec(text);
    if (zone) return zoneOffset(zone[1]);
  }
  return undefined;
}

/**
 * What each row's Time cell holds, which required cells are empty, and whether it is still a
 * template example row: read once per line, since a row whose line is unchanged is the same
 * object on every keystroke.
 */
function rowTimes(doc: ParsedDocument, table: Table, tableIndex: number, columns: TimelineColumns, required: readonly number[], examples: TemplateExamples, memo: LineFactsMemo | undefined): TimelineRow[] {
  const columnsKey = `${columns.time},${columns.date},${columns.event}:${required.join(',')}`;
  const exampleTimes = new Set(examples.map((e) => e.time));
  // The cells of this table that hold a placeholder, by line: made only when a row is read anew.
  let placeholdersByLine: Map<number, { start: number; end: number; column: number }[]> | undefined;
  const placeholdersOn = (line: number) => {
    if (!placeholdersByLine) {
      placeholdersByLine = new Map();
      for (const p of doc.placeholders) {
        if (p.owner.type !== 'cell' || p.owner.table !== tableIndex) continue;
        const list = placeholdersByLine.get(p.line);
        if (list) list.push({ start: p.start, end: p.end, column: p.owner.column });
        else placeholdersByLine.set(p.line, [{ start: p.start, end: p.end, column: p.owner.column }]);
      }
    }
    return placeholdersByLine.get(line);
  };
  return table.rows.map((row, index) => {
    const line = doc.text.lines[row.line];
    const known = memo?.[row.line];
    const facts = known !== undefined && known.text === line && !known.code ? known : undefined;
    // The row this line made in the last parse: the same row object (the same line's cells, at
    // the same place) at the same index, read for the same columns, reads the same.
    const last = facts?.timelineRow;
    if (last !== undefined && last.row === row && last.index === index && last.columnsKey === columnsKey) return last;
    const cell = row.cells[columns.time];
    const placeholders = placeholdersOn(row.line);
    let time: RowTime;
    if (!cell) time = missing;
    else if (cell.start === cell.end && !hasCode(line, cell)) time = empty;
    else if (placeholders?.some((p) => p.column === columns.time)) time = placeholder;
    else time = facts ? cellTime(facts, columns.time, cell) : readCell(line, cell);
    const timelineRow: TimelineRow = { row, index, time: withDateCell(time, row, columns.date, line), columnsKey, milestone: undefined, milestoneOf: undefined };
    let emptyCells: number[] | undefined;
    for (const c of required) if (isEmptyCell(row.cells[c], line, c, placeholders)) (emptyCells ??= []).push(c);
    if (emptyCells) timelineRow.emptyRequired = emptyCells;
    if (cell && exampleTimes.size && columns.event >= 0 && row.cells[columns.event]) {
      const timeText = cellText(line, cell).trim();
      if (exampleTimes.has(timeText)) {
        const event = row.cells[columns.event];
        const eventKey = labelKey(line.slice(event.start, event.end));
        if (examples.some((e) => e.time === timeText && e.event === eventKey)) timelineRow.templateExample = true;
      }
    }
    if (facts) facts.timelineRow = timelineRow;
    return timelineRow;
  });
}

/** A time of day with the date of the row's Date column ("| 2026-03-09 | 16:20 |"), when the table has one. */
function withDateCell(time: RowTime, row: TableRow, dateColumn: number, line: string): RowTime {
  if (time.state !== 'ok' || dateColumn < 0 || time.moment.date || time.moment.ambiguousDate || time.moment.relative !== undefined) return time;
  const cell = row.cells[dateColumn];
  if (!cell) return time;
  const date = findDates(plainValue(cellText(line, cell)), { order: 'auto', yearless: true })[0];
  if (!date || date.problem || (!date.date && !date.ambiguous)) return time;
  return { state: 'ok', moment: { ...time.moment, date: date.date, ambiguousDate: date.ambiguous, style: { ...time.moment.style, date: 'none' } } };
}

/** A required cell that is empty, or holds only "-", "?", "TBD" and the like; one holding a placeholder is not (that is unfilled). */
function isEmptyCell(cell: Cell | undefined, line: string, column: number, placeholders: readonly { column: number }[] | undefined): boolean {
  if (!cell) return false;
  // A cell that starts with a letter or digit holds something unless it starts with a "not known" word.
  const first = line.charCodeAt(cell.start);
  if (cell.start < cell.end && ((first >= 48 && first <= 57) || (first >= 65 && first <= 90) || (first >= 97 && first <= 122))) {
    return mayBeNotYetKnown(line, cell.start) && notYetKnown(line.slice(cell.start, Math.min(cell.end, cell.start + 40))) !== undefined;
  }
  if (placeholders?.some((p) => p.column === column)) return false;
  const plain = plainValue(line.slice(cell.outerStart, cell.outerEnd));
  return plain === '' || /^[-–—]+$/.test(plain) || notYetKnown(plain) !== undefined;
}

const missing: RowTime = { state: 'missing' };
const empty: RowTime = { state: 'empty' };
const placeholder: RowTime = { state: 'placeholder' };
const notKnown: RowTime = { state: 'not-known' };
const noTime: RowTime = { state: 'invalid' };

/** The time in a row's cell, read once per line text. */
function cellTime(facts: LineFacts, column: number, cell: Cell): RowTime {
  if (facts.time?.column !== column) facts.time = { column, value: readCell(facts.text, cell) };
  return facts.time.value;
}

/** A cell that is only a code span (`14:02`) is masked empty, but holds a value. */
function hasCode(line: string, cell: Cell): boolean {
  return line.slice(cell.outerStart, cell.outerEnd).indexOf('`') !== -1;
}

/** Where a cell's content is: its text, or the code span that is all of it. */
export function cellSpan(line: string, cell: Cell): { start: number; end: number } {
  if (cell.start !== cell.end) return { start: cell.start, end: cell.end };
  let start = cell.outerStart;
  let end = cell.outerEnd;
  while (start < end && /\s/.test(line[start])) start++;
  while (end > start && /\s/.test(line[end - 1])) end--;
  return { start, end };
}

/** The text of a cell as its reader sees it: its content, or the code span that is all of it. */
export function cellText(line: string, cell: Cell): string {
  const { start, end } = cellSpan(line, cell);
  return line.slice(start, end);
}

function readCell(line: string, cell: Cell): RowTime {
  // A cell is short; a pasted megabyte is read no further than a time could be.
  const text = cellText(line, cell).slice(0, 200);
  const reading = readTimelineMoment(text);
  if (reading === undefined) {
    const plain = plainValue(text);
    return plain === '' || notYetKnown(plain) !== undefined || /^[-–—]+$/.test(plain) ? notKnown : noTime;
  }
  if ('problem' in reading) return { state: 'invalid', problem: reading.problem, text: reading.text };
  return { state: 'ok', moment: reading.moment };
}

/** The rows of every timeline table, in order, each with its table. */
export function timelineRows(timeline: Timeline): { table: TimelineTable; row: TimelineRow }[] {
  return timeline.tables.flatMap((table) => table.rows.map((row) => ({ table, row })));
}

/**
 * The timeline table at a line: the one whose header, delimiter or rows hold it, else the last
 * one above it in the section, else the first; with the index of the row on the line, or -1.
 */
export function tableAt(timeline: Timeline, line: number): { table: TimelineTable; rowIndex: number } {
  let found = timeline.tables[0];
  for (const table of timeline.tables) {
    if (table.table.header.line <= line) found = table;
    if (line >= table.table.header.line && line < table.table.end) break;
  }
  return { table: found, rowIndex: found.rows.findIndex((r) => r.row.line === line) };
}
