import type { Analysis } from '../analysis';
import { headingKey } from '../document/normalize';
import { cellText } from '../document/timeline';
import { listWithOr, toHint } from '../text/markdownText';
import { unfilledHint } from '../values/kinds';
import { placeholderNamer, partAt } from './fieldNames';
import { forEachValue, quoted } from './fieldReadings';
import { exampleLineKey } from '../template/templateModel';
import type { Rule } from './rule';

// The same few placeholder texts come back thousands of times in a big document.
const hints = new Map<string, string>();
function hintOf(text: string): string {
  let hint = hints.get(text);
  if (hint === undefined) {
    hint = toHint(text);
    if (hints.size > 10000) hints.clear();
    hints.set(text, hint);
  }
  return hint;
}

export const unfilledPlaceholder: Rule = {
  id: 'unfilled-placeholder',
  defaultLevel: 'warning',
  gap: true,
  description: 'A template placeholder ([...]) or blank (____) is still in the document, or a field has no value.',
  examples: {
    field: 'Severity',
    accepted: ['HIGH', 'SEV-2 (paged at 14:02)'],
    rejected: ['[CRITICAL/HIGH/MEDIUM/LOW]', 'TBD', '?', 'CRITICAL/HIGH/MEDIUM/LOW', ''],
  },
  check(analysis, report) {
    const { doc } = analysis;
    const nameOf = placeholderNamer(analysis);
    // The template's example items and rows still as they are: reported a list (or table) at
    // a time while the whole list is, else a line at a time, instead of each placeholder.
    const examples = untouchedExamples(analysis);
    for (const block of examples.blocks) {
      const first = doc.placeholders[block.placeholders[0]];
      const last = doc.placeholders[block.placeholders[block.placeholders.length - 1]];
      const what = first.owner.type === 'cell' ? 'rows' : 'items';
      const hints = hintsOfLine(analysis, block.placeholders, first.line);
      // What to write, when every example line asks for the same ("action item, owner, due date").
      const message =
        block.lines.length > 1
          ? `${block.name}: ${block.lines.length} example ${what} of the template are not filled in${alike(doc.text.lines, block.lines) ? ` (${hints})` : ''}: fill them in or delete them`
          : `${nameOf(first)} is still the template's example (${hints}): fill it in or delete it`;
      report({ line: first.line, start: first.start, end: last.end, endLine: last.line === first.line ? undefined : last.line, message });
    }
    for (let k = 0; k < doc.placeholders.length; k++) {
      if (examples.reported[k] === 1) continue;
      const p = doc.placeholders[k];
      const name = nameOf(p);
      const fieldIndex = p.owner.type === 'field' ? p.owner.field : -1;
      const value = fieldIndex === -1 ? undefined : analysis.fieldValue(fieldIndex);
      const part = fieldIndex === -1 ? undefined : value?.parts.find((q) => q.part.label === partAt(analysis, fieldIndex, p.start));
      // The field's own kind speaks for its value; a part's kind for the part ("Date: ____").
      const spec = part ? undefined : value && name === doc.fields[fieldIndex].label ? value.spec : undefined;
      let expected: string | undefined;
      if (spec?.kind === 'choice' && spec.values) expected = `choose ${listWithOr(spec.values.map((v) => v.value))}`;
      else if (p.kind === 'bracket') expected = hintOf(p.text);
      else if (part) expected = unfilledHint(part.part.kind);
      else if (spec) expected = unfilledHint(spec.kind);
      else if (/ date$/.test(name)) expected = unfilledHint('date');
      const sameAsName = expected !== undefined && expected.length === name.length && expected.toLowerCase() === name.toLowerCase();
      report({
        line: p.line,
        start: p.start,
        end: p.end,
        message: expected && !sameAsName ? `${name} is not filled in: ${expected}` : `${name} is not filled in`,
        data: spec?.kind === 'choice' ? { field: fieldIndex } : undefined,
      });
    }

    // Described fields with no value, a value not known yet, or the list of every choice.
    const pending = analysis.template.schema.pendingSections.map(headingKey);
    forEachValue(analysis, ({ name, spec, fieldIndex, line, value, part, labelStart }) => {
      const { reading } = value;
      if (reading.state !== 'empty' && reading.state !== 'not-known' && reading.state !== 'every-choice') return;
      // "Pending" in the follow-up review's notes, written before the review: as it should be.
      if (reading.state === 'not-known' && spec.kind === 'text' && pending.length && inSections(analysis, doc.fields[fieldIndex].section, pending)) return;
      const choices = spec.kind === 'choice' && spec.values ? `choose ${listWithOr(spec.values.map((v) => v.value))}` : undefined;
      const expected = choices ?? unfilledHint(spec.kind);
      const data = spec.kind === 'choice' && !part ? { field: fieldIndex } : undefined;
      const text = doc.text.lines[line];
      if (reading.state === 'empty') {
        // A part's label with nothing after it ("Date:"), or the field with no value at all.
        const start = labelStart ?? text.length - text.trimStart().length;
        report({ line, start, end: Math.max(start, text.trimEnd().length), message: `${name} is not filled in${expected ? `: ${expected}` : ''}`, data });
      } else if (reading.state === 'not-known') {
        report({ line, start: value.start, end: value.end, message: `${name} is not filled in yet ('${quoted(value)}')${expected ? `: ${expected}` : ''}`, data });
      } else {
        report({ line, start: value.start, end: value.end, message: `${name} still lists every choice: ${choices}`, data });
      }
    });

    // Timeline rows still showing the template's example time and event.
    const exampleRows = analysis.template.exampleRows;
    const timeline = analysis.timeline;
    if (!timeline || exampleRows.length === 0) return;
    const startsAt = analysis.clock.start?.seconds;
    const startsElsewhere = startsAt !== undefined && timeOfDay(exampleRows[0].time) !== startsAt;
    for (const table of timeline.tables) {
      for (const { row, index, templateExample } of table.rows) {
        if (!templateExample || examples.lines.has(row.line)) continue;
        if (!startsElsewhere && analysis.placeholdersOnLine(row.line).length === 0) continue;
        const time = row.cells[table.columns.time];
        const timeText = cellText(doc.text.lines[row.line], time).trim();
        report({
          line: row.line,
          start: time.start,
          end: time.end,
          message: `Time (${table.title} row ${index + 1}) is still the template's example ${timeText}: write when it happened`,
        });
      }
    }
  },
};

interface ExampleBlock {
  /** The list's or table's name ("Immediate (Next 24 hours)", "Timeline"). */
  name: string;
  lines: number[];
  /** Indexes in doc.placeholders. */
  placeholders: number[];
}

/**
 * The template's example items and table rows still untouched in the document: a block for a
 * whole list or table of them (nothing else in it), a block per line where the author has
 * written other items or rows beside them.
 */
/** The hints of a block's placeholders on one of its lines ("action item, owner, due date"). */
function hintsOfLine(analysis: Analysis, placeholders: readonly number[], line: number): string {
  const hints: string[] = [];
  for (const k of placeholders) {
    const p = analysis.doc.placeholders[k];
    if (p.line === line) hints.push(p.kind === 'bracket' ? hintOf(p.text) : 'blank');
  }
  return hints.join(', ');
}

/** Whether every line of a block is the same example line. */
function alike(text: readonly string[], lines: readonly number[]): boolean {
  const first = exampleLineKey(text[lines[0]]);
  for (const line of lines) if (exampleLineKey(text[line]) !== first) return false;
  return true;
}

/** `reported[k]` is 1 for the placeholders a block reports. */
function untouchedExamples(analysis: Analysis): { blocks: ExampleBlock[]; reported: Uint8Array; lines: Set<number> } {
  const { doc, template } = analysis;
  const blocks: ExampleBlock[] = [];
  const reported = new Uint8Array(doc.placeholders.length);
  const lines = new Set<number>();
  if (template.exampleLines.size === 0) return { blocks, reported, lines };
  const text = doc.text.lines;
  // The template's example lines of each section, found once per section.
  const examplesOf = new Map<number, ReadonlySet<string> | undefined>();
  // Runs of untouched lines of one list or table, in document order, each line with its placeholders.
  interface Run {
    group: string;
    name: string;
    lines: number[];
    placeholders: number[][];
    indent: number;
    table: number;
  }
  let run: Run | undefined;
  const runs: Run[] = [];
  let lastLine = -1;
  let linePlaceholders: number[] | undefined;
  for (let k = 0; k < doc.placeholders.length; k++) {
    const p = doc.placeholders[k];
    if (p.line === lastLine) {
      // The line's other placeholders go with it: its owner and verdict are the first one's.
      if (linePlaceholders) linePlaceholders.push(k);
      continue;
    }
    lastLine = p.line;
    linePlaceholders = undefined;
    if ((p.owner.type !== 'item' && p.owner.type !== 'cell') || p.section < 0) continue;
    let examples = examplesOf.get(p.section);
    if (!examplesOf.has(p.section)) examplesOf.set(p.section, (examples = template.exampleLines.get(doc.headings[p.section].key)));
    if (examples === undefined || !examples.has(exampleLineKey(text[p.line]))) continue;
    linePlaceholders = [k];
    const table = p.owner.type === 'cell' ? p.owner.table : -1;
    const group = table !== -1 ? `cell ${table}` : `item ${p.section} ${p.owner.type === 'item' ? p.owner.label : ''}`;
    const last = run?.lines[run.lines.length - 1];
    if (run && run.group === group && last !== undefined && onlyBlankBetween(text, last, p.line)) {
      run.lines.push(p.line);
      run.placeholders.push(linePlaceholders);
    } else {
      const name = p.owner.type === 'cell' ? (doc.tables[p.owner.table].section >= 0 ? doc.headings[doc.tables[p.owner.table].section].title : 'Table') : p.owner.label;
      run = { group, name, lines: [p.line], placeholders: [linePlaceholders], indent: indentOf(text[p.line]), table };
      runs.push(run);
    }
  }
  for (const r of runs) {
    for (const each of r.placeholders) for (const k of each) reported[k] = 1;
    // The timeline's rows, whose example times the rule reports otherwise.
    if (r.table !== -1) for (const line of r.lines) lines.add(line);
    // The whole list (or table) is the template's: one finding for it.
    const whole = r.lines.length > 1 && !sameBlockAround(analysis, r.lines[0], -1, r) && !sameBlockAround(analysis, r.lines[r.lines.length - 1], 1, r);
    if (whole) {
      blocks.push({ name: r.name, lines: r.lines, placeholders: r.placeholders.flat() });
      continue;
    }
    for (let i = 0; i < r.lines.length; i++) blocks.push({ name: r.name, lines: [r.lines[i]], placeholders: r.placeholders[i] });
  }
  return { blocks, reported, lines };
}

/** Whether the line next to `line` in `direction` (past blank lines, in a list) is another item or row of the same list or table. */
function sameBlockAround(analysis: Analysis, line: number, direction: 1 | -1, run: { table: number; indent: number }): boolean {
  const text = analysis.doc.text.lines;
  let k = line + direction;
  // A table's rows are the lines between its delimiter row and its end.
  if (run.table !== -1) {
    const table = analysis.doc.tables[run.table];
    return k > table.delimiterLine && k < table.end;
  }
  while (k >= 0 && k < text.length && text[k].trim() === '') k += direction;
  if (k < 0 || k >= text.length) return false;
  // An item of the same list: a list marker at the same indent, or a line of an item's text under one.
  return (listMarker.test(text[k]) && indentOf(text[k]) === run.indent) || (indentOf(text[k]) > run.indent && text[k].trim() !== '');
}

const listMarker = /^[ \t]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)/;

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}

function onlyBlankBetween(lines: readonly string[], from: number, to: number): boolean {
  for (let k = from + 1; k < to; k++) if (lines[k].trim() !== '') return false;
  return true;
}

/** Whether heading `section` is one of the sections, or under one. */
function inSections(analysis: Analysis, section: number, keys: readonly string[]): boolean {
  for (let k = section; k !== -1; k = analysis.doc.headings[k].parent) if (keys.includes(analysis.doc.headings[k].key)) return true;
  return false;
}

function timeOfDay(text: string): number | undefined {
  const m = /^(\d{1,2}):(\d{2})$/.exec(text);
  return m ? Number(m[1]) * 3600 + Number(m[2]) * 60 : undefined;
}
