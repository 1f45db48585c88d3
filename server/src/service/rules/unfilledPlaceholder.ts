import type { Analysis } from '../analysis';
import { headingKey } from '../document/normalize';
import { cellText } from '../document/timeline';
import { listWithOr, toHint } from '../text/markdownText';
import { unfilledHint } from '../values/kinds';
import { placeholderNamer, partAt } from './fieldNames';
import { forEachValue, quoted } from './fieldReadings';
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
    for (const p of doc.placeholders) {
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
    const examples = analysis.template.exampleRows;
    const timeline = analysis.timeline;
    if (!timeline || examples.length === 0) return;
    const startsAt = analysis.clock.start?.seconds;
    const startsElsewhere = startsAt !== undefined && timeOfDay(examples[0].time) !== startsAt;
    for (const table of timeline.tables) {
      for (const { row, index, templateExample } of table.rows) {
        if (!templateExample) continue;
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

/** Whether heading `section` is one of the sections, or under one. */
function inSections(analysis: Analysis, section: number, keys: readonly string[]): boolean {
  for (let k = section; k !== -1; k = analysis.doc.headings[k].parent) if (keys.includes(analysis.doc.headings[k].key)) return true;
  return false;
}

function timeOfDay(text: string): number | undefined {
  const m = /^(\d{1,2}):(\d{2})$/.exec(text);
  return m ? Number(m[1]) * 3600 + Number(m[2]) * 60 : undefined;
}
