import { listWithOr, toHint } from '../text/markdownText';
import { placeholderNamer } from './fieldNames';
import type { Rule } from './rule';

const kindHints: Record<string, string> = {
  person: 'a name',
  date: 'a date (YYYY-MM-DD)',
  datetime: 'a date and time',
  duration: 'a duration',
  number: 'a number',
  percentage: 'a percentage',
};

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
  description: 'A template placeholder ([...]) or blank (____) is still in the document, or a field has no value.',
  docs: `Reports every place the template asked for something that is still unfilled:

- a bracketed text the template has, such as \`[START TIME]\`, \`[Component]\` or
  \`[CRITICAL/HIGH/MEDIUM/LOW]\`, wherever it is: field lines, paragraphs, table cells, lists,
  checklists, \`key: value\` lines in fenced blocks, headings, signature lines;
- a blank, a run of three or more underscores (\`____\`), outside code;
- a field the template describes (\`**Severity**:\`) left with no value.

The message names the field and says what is expected, for example
*Severity is not filled in: choose CRITICAL, HIGH, MEDIUM or LOW*.

Bracketed text that is not one of the template's placeholders is the author's own and is never
reported: links, images, footnotes, reference links, task boxes (\`- [ ]\`), and log lines such as
\`[ERROR]\` or \`[2026-11-20T14:32:01Z]\`. A placeholder with another number than the template's
(\`[Factor 4]\`) is still a placeholder.

**Fix**: replace the placeholder with the real content. On a choice field, completion
(Ctrl+Space) and the quick fixes offer the allowed values.`,
  check(analysis, report) {
    const { doc } = analysis;
    const nameOf = placeholderNamer(analysis);
    for (const p of doc.placeholders) {
      const name = nameOf(p);
      // The field's own kind speaks for its value, not for a sub-blank such as "Date: ____".
      const spec =
        p.owner.type === 'field' && name === doc.fields[p.owner.field].label ? analysis.fieldSpec(p.owner.field) : undefined;
      let expected: string | undefined;
      if (spec?.kind === 'choice' && spec.values) expected = `choose ${listWithOr(spec.values.map((v) => v.value))}`;
      else if (p.kind === 'bracket') expected = hintOf(p.text);
      else if (spec) expected = kindHints[spec.kind];
      else if (/ date$/.test(name)) expected = kindHints.date;
      const sameAsName = expected !== undefined && expected.length === name.length && expected.toLowerCase() === name.toLowerCase();
      report({
        line: p.line,
        start: p.start,
        end: p.end,
        message: expected && !sameAsName ? `${name} is not filled in: ${expected}` : `${name} is not filled in`,
        data: spec?.kind === 'choice' ? { field: p.owner.type === 'field' ? p.owner.field : -1 } : undefined,
      });
    }
    // A described field with nothing after its label.
    doc.fields.forEach((field, index) => {
      if (field.valueStart !== field.valueEnd || field.hasPlaceholder) return;
      const spec = analysis.fieldSpec(index);
      if (!spec) return;
      const line = doc.text.lines[field.line];
      const start = line.length - line.trimStart().length;
      const expected =
        spec.kind === 'choice' && spec.values ? `choose ${listWithOr(spec.values.map((v) => v.value))}` : kindHints[spec.kind];
      report({
        line: field.line,
        start,
        end: line.trimEnd().length,
        message: expected ? `${field.label} is not filled in: ${expected}` : `${field.label} is not filled in`,
        data: spec.kind === 'choice' ? { field: index } : undefined,
      });
    });
  },
};
