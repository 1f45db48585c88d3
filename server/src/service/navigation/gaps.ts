/**
 * Moving through what is left to fill: the gaps of a post-mortem in document order (each
 * placeholder and blank, selected whole so that typing replaces it; a described field with no
 * value, or one that says it is not known yet), the next or previous one from a selection, the
 * cells of a table row, the selection ranges of a placeholder, and the gaps left per section
 * for the status bar's list.
 */
import type { Diagnostic, Position, Range, SelectionRange } from 'vscode-languageserver-types';
import type { Analysis } from '../analysis';
import { forEachValue } from '../rules/fieldReadings';
import type { Placeholder } from '../document/model';

export interface Gap {
  range: Range;
  /** Innermost heading the gap is under, -1 for none. */
  section: number;
}

export interface GapStep {
  /** What to select: the whole placeholder, or where a field's value goes. */
  range: Range;
  /** Its place among the gaps, from 1, and how many there are. */
  index: number;
  total: number;
  /** The step went past the end (or the start) of the document and came round. */
  wrapped: boolean;
}

export interface GapSection {
  /** The top-level section's title ("Incident Summary"), or `Whole document` for what is above them (a missing section). */
  title: string;
  /** Its heading's line, -1 for text above every heading. */
  line: number;
  /** What is left to fill there: the findings the status bar counts. */
  count: number;
  /** The first gap in it, to select. */
  first: Range;
}

const gapsCache = new WeakMap<Analysis, Gap[]>();

/** The gaps of the document, in document order. */
export function gapsOf(analysis: Analysis): Gap[] {
  let gaps = gapsCache.get(analysis);
  if (gaps) return gaps;
  gaps = analysis.doc.placeholders.map((p: Placeholder) => ({ range: lineRange(p.line, p.start, p.end), section: p.section }));
  // Values still to write: nothing after the label (typing goes where the value starts), or a
  // `TBD` or `?` (selected, so that typing replaces it).
  forEachValue(analysis, ({ value, line, fieldIndex }) => {
    const state = value.reading.state;
    if (state !== 'empty' && state !== 'not-known') return;
    gaps!.push({ range: lineRange(line, value.start, state === 'empty' ? value.start : value.end), section: analysis.doc.fields[fieldIndex].section });
  });
  gaps.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  // A field may be both empty and hold a blank part: one gap per place.
  gaps = gaps.filter((g, i) => i === 0 || !sameRange(g.range, gaps![i - 1].range));
  gapsCache.set(analysis, gaps);
  return gaps;
}

/**
 * The gap after (or before) a selection, coming round at the end. From an empty selection inside
 * a gap, or at its start, that gap is the next one: the cursor New Post-Mortem leaves, or one
 * put on a placeholder by a click, selects the placeholder it is on.
 */
export function gapStep(analysis: Analysis, selection: Range, direction: 'next' | 'previous'): GapStep | null {
  const gaps = gapsOf(analysis);
  if (gaps.length === 0) return null;
  const at = selection.start;
  const empty = comparePositions(selection.start, selection.end) === 0;
  let index: number;
  if (direction === 'next') {
    // From a cursor: the gap it is in (or at the start of), else the next; an empty gap the
    // cursor is at is the one just visited.
    index = gaps.findIndex((g) => comparePositions(g.range.start, at) > 0 || (empty && comparePositions(g.range.start, at) <= 0 && comparePositions(at, g.range.end) < 0));
  } else {
    // Not the gap the cursor is in: the one before it.
    index = findLastIndex(gaps, (g) => comparePositions(g.range.start, at) < 0 && !(empty && isInside(g.range, at)));
  }
  const wrapped = index === -1;
  if (wrapped) index = direction === 'next' ? 0 : gaps.length - 1;
  return { range: gaps[index].range, index: index + 1, total: gaps.length, wrapped };
}

/**
 * The next (or previous) cell of the table row at `position`, its content selected; past the
 * row's last cell, the next row's first. Null outside a table's rows, or past its last cell.
 */
export function cellStep(analysis: Analysis, position: Position, direction: 'next' | 'previous'): Range | null {
  const { doc } = analysis;
  const table = doc.tables.find((t) => position.line >= t.header.line && position.line < t.end);
  if (!table) return null;
  const rows = [table.header, ...table.rows];
  const cells = rows.flatMap((row) => row.cells.map((cell) => ({ line: row.line, cell })));
  // The delimiter row is no row: from it, Tab goes to the first body row.
  const current = cells.findIndex(({ line, cell }) => line === position.line && position.character >= cell.outerStart && position.character <= cell.outerEnd);
  let target: number;
  if (current === -1) {
    if (position.line === table.delimiterLine && direction === 'next') target = cells.findIndex(({ line }) => line > table.delimiterLine);
    else return null;
  } else target = current + (direction === 'next' ? 1 : -1);
  const to = cells[target];
  if (!to) return null;
  return lineRange(to.line, to.cell.start, to.cell.end);
}

/** Placeholders selected whole, then the field value or table cell they are in, then their line. */
export function selectionRanges(analysis: Analysis, positions: readonly Position[]): SelectionRange[] {
  const { doc } = analysis;
  return positions.map((position) => {
    const lineText = doc.text.lines[position.line] ?? '';
    let range: SelectionRange = { range: lineRange(position.line, 0, lineText.length) };
    const around = enclosingValue(analysis, position);
    if (around) range = { range: around, parent: range };
    const placeholder = placeholderAt(analysis, position);
    if (placeholder && !(around && sameRange(around, placeholder))) range = { range: placeholder, parent: range };
    return range;
  });
}

/** The placeholder or blank at a position (its first character to just after its last), if any. */
export function placeholderAt(analysis: Analysis, position: Position): Range | null {
  for (const p of analysis.placeholdersOnLine(position.line)) {
    if (position.character >= p.start && position.character <= p.end) return lineRange(p.line, p.start, p.end);
  }
  return null;
}

/** What the status bar counts, per top-level section, with the first gap of each to go to. */
export function gapSections(analysis: Analysis, gapDiagnostics: readonly Diagnostic[]): GapSection[] {
  const { doc, template } = analysis;
  const topOf = (line: number): number => {
    let k = line >= 0 && line < doc.sectionOfLine.length ? doc.sectionOfLine[line] : -1;
    while (k !== -1 && doc.headings[k].parent !== -1 && doc.headings[doc.headings[k].parent].level >= template.topLevel) k = doc.headings[k].parent;
    return k !== -1 && doc.headings[k].level < template.topLevel ? -1 : k;
  };
  const gaps = gapsOf(analysis);
  const sections = new Map<number, GapSection>();
  for (const d of [...gapDiagnostics].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character)) {
    const top = topOf(d.range.start.line);
    let section = sections.get(top);
    if (!section) {
      const heading = top === -1 ? undefined : doc.headings[top];
      const end = heading ? heading.end : doc.headings.find((h) => h.level >= template.topLevel)?.line ?? doc.text.lines.length;
      const start = heading ? heading.line : 0;
      // The first gap of the section to select, else where the finding is.
      const gap = gaps.find((g) => g.range.start.line >= start && g.range.start.line < end && comparePositions(g.range.start, d.range.start) >= 0);
      section = { title: heading ? heading.title : 'Whole document', line: heading ? heading.line : -1, count: 0, first: gap?.range ?? d.range };
      sections.set(top, section);
    }
    section.count++;
  }
  return [...sections.values()].sort((a, b) => a.line - b.line);
}

/** The value of the field on the position's line, or the table cell around it. */
function enclosingValue(analysis: Analysis, position: Position): Range | null {
  const { doc } = analysis;
  const fieldIndex = doc.fieldOfLine.get(position.line);
  if (fieldIndex !== undefined) {
    const field = doc.fields[fieldIndex];
    if (position.character >= field.valueStart && position.character <= field.valueEnd && field.valueEnd > field.valueStart) return lineRange(position.line, field.valueStart, field.valueEnd);
  }
  const table = doc.tables.find((t) => position.line >= t.header.line && position.line < t.end);
  const row = table && [table.header, ...table.rows].find((r) => r.line === position.line);
  const cell = row?.cells.find((c) => position.character >= c.start && position.character <= c.end && c.end > c.start);
  return cell ? lineRange(position.line, cell.start, cell.end) : null;
}

function lineRange(line: number, start: number, end: number): Range {
  return { start: { line, character: start }, end: { line, character: end } };
}

function comparePositions(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

function sameRange(a: Range, b: Range): boolean {
  return comparePositions(a.start, b.start) === 0 && comparePositions(a.end, b.end) === 0;
}

function isInside(range: Range, at: Position): boolean {
  return comparePositions(range.start, at) <= 0 && comparePositions(at, range.end) <= 0;
}

function findLastIndex<T>(items: readonly T[], test: (item: T) => boolean): number {
  for (let k = items.length - 1; k >= 0; k--) if (test(items[k])) return k;
  return -1;
}
