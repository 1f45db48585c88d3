import type { Analysis } from '../analysis';
import { headingKey } from '../document/normalize';
import { cellText } from '../document/timeline';
import { listWithOr, toHint } from '../text/markdownText';
import { unfilledHint } from '../values/kinds';
import { placeholderNamer, partAt } from './fieldNames';
import { forEachValue, quoted } from './fieldReadings';
import { exampleKey, exampleLineKey } from '../template/templateModel';
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
      const hintsOf = (line: number) => block.placeholders.map((k) => doc.placeholders[k]).filter((p) => p.line === line).map((p) => (p.kind === 'bracket' ? hintOf(p.text) : 'blank')).join(', ');
      // What to write, when every example line asks for the same ("action item, owner, due date").
      const hints = hintsOf(first.line);
      const alike = block.lines.every((line) => exampleLineKey(doc.text.lines[line]) === exampleLineKey(doc.text.lines[first.line]));
      const message =
        block.lines.length > 1
          ? `${block.name}: ${block.lines.length} example ${what} of the template are not filled in${alike ? ` (${hints})` : ''}: fill them in or delete them`
          : `${nameOf(first)} is still the template's example (${hints}): fill it in or delete it`;
      report({ line: first.line, start: first.start, end: last.end, endLine: last.line === first.line ? undefined : last.line, message });
    }
    for (let k = 0; k < doc.placeholders.length; k++) {
      if (examples.reported.has(k)) continue;
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
function untouchedExamples(analysis: Analysis): { blocks: ExampleBlock[]; reported: Set<number>; lines: Set<number> } {
  const { doc, template } = analysis;
  const blocks: ExampleBlock[] = [];
  const reported = new Set<number>();
  const lines = new Set<number>();
  if (template.exampleLines.size === 0) return { blocks, reported, lines };
  const text = doc.text.lines;
  // A run of untouched lines of one list or table, in document order.
  let run: { group: string; name: string; lines: number[]; placeholders: number[]; indent: number } | undefined;
  const runs: NonNullable<typeof run>[] = [];
  const untouched = new Map<number, boolean>();
  for (let k = 0; k < doc.placeholders.length; k++) {
    const p = doc.placeholders[k];
    if ((p.owner.type !== 'item' && p.owner.type !== 'cell') || p.section < 0) continue;
    let same = untouched.get(p.line);
    if (same === undefined) {
      same = template.exampleLines.get(exampleKey(sectionKeysBelowTitle(analysis, p.section)))?.has(exampleLineKey(text[p.line])) === true;
      untouched.set(p.line, same);
    }
    if (!same) continue;
    const group = p.owner.type === 'cell' ? `cell ${p.owner.table}` : `item ${p.section} ${p.owner.label}`;
    const name = p.owner.type === 'cell' ? (doc.tables[p.owner.table].section >= 0 ? doc.headings[doc.tables[p.owner.table].section].title : 'Table') : p.owner.label;
    const last = run?.lines[run.lines.length - 1];
    if (run && run.group === group && (last === p.line || (last !== undefined && onlyBlankBetween(text, last, p.line)))) {
      if (last !== p.line) run.lines.push(p.line);
      run.placeholders.push(k);
    } else {
      run = { group, name, lines: [p.line], placeholders: [k], indent: indentOf(text[p.line]) };
      runs.push(run);
    }
  }
  for (const r of runs) {
    for (const k of r.placeholders) reported.add(k);
    for (const line of r.lines) lines.add(line);
    // The whole list (or table) is the template's: one finding for it.
    const whole = r.lines.length > 1 && !sameBlockAround(analysis, r.lines[0], -1, r.group, r.indent) && !sameBlockAround(analysis, r.lines[r.lines.length - 1], 1, r.group, r.indent);
    if (whole) {
      blocks.push({ name: r.name, lines: r.lines, placeholders: r.placeholders });
      continue;
    }
    for (const line of r.lines) blocks.push({ name: r.name, lines: [line], placeholders: r.placeholders.filter((k) => doc.placeholders[k].line === line) });
  }
  return { blocks, reported, lines };
}

/** Heading keys from the template's top level down to heading `section` (the document's title left out, as the template's sections are). */
function sectionKeysBelowTitle(analysis: Analysis, section: number): string[] {
  const path: string[] = [];
  for (let k = section; k !== -1 && analysis.doc.headings[k].level >= analysis.template.topLevel; k = analysis.doc.headings[k].parent) path.unshift(analysis.doc.headings[k].key);
  return path;
}

/** Whether the line next to `line` in `direction` (past blank lines) is another item or row of the same list or table. */
function sameBlockAround(analysis: Analysis, line: number, direction: 1 | -1, group: string, indent: number): boolean {
  const { doc } = analysis;
  const text = doc.text.lines;
  let k = line + direction;
  while (k >= 0 && k < text.length && text[k].trim() === '' && !group.startsWith('cell')) k += direction;
  if (k < 0 || k >= text.length) return false;
  if (group.startsWith('cell')) {
    const table = doc.tables[Number(group.slice(5))];
    return table.rows.some((row) => row.line === k);
  }
  // An item of the same list: a list marker at the same indent, or a line of an item's text under one.
  return (listMarker.test(text[k]) && indentOf(text[k]) === indent) || (indentOf(text[k]) > indent && text[k].trim() !== '');
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
