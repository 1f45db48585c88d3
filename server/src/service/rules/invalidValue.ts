import { filledValue, readDate, readNumber } from './fieldValues';
import type { Rule } from './rule';

export const invalidValue: Rule = {
  id: 'invalid-value',
  defaultLevel: 'error',
  description: 'A number, percentage or date field has a value that does not parse or is out of range.',
  docs: `Checks the fields the template's schema gives a kind:

- **number**: a number, with an optional range (Current Risk Level is 1 to 10) and, for counts,
  whole numbers only. Thousands separators, a k or M suffix, a unit or a note may follow:
  \`1,204\`, \`1.5k\`, \`7/10\`, \`3 (all on the primary)\`.
- **percentage**: a number from 0 to 100, with or without \`%\`, and an optional note in
  parentheses (\`97% (peak)\`); \`12 GB\` is not a percentage.
- **date**: \`YYYY-MM-DD\` (a note may follow), or a written date with a year such as \`Nov 27, 2026\`.

\`n/a\`, \`none\` and \`unknown\` are accepted where a number does not apply.

Example of a report: *Current Risk Level 14 is out of range: expected 1 to 10*.

**Fix**: write the value in one of the forms above.`,
  check(analysis, report) {
    const { doc } = analysis;
    doc.fields.forEach((field, index) => {
      const spec = analysis.fieldSpec(index);
      if (!spec || (spec.kind !== 'number' && spec.kind !== 'percentage' && spec.kind !== 'date')) return;
      const value = filledValue(analysis, index);
      if (value === undefined) return;
      const at = { line: field.line, start: field.valueStart, end: field.valueEnd };
      if (spec.kind === 'date') {
        if (!readDate(value)) report({ ...at, message: `${field.label} '${value}' is not a date: expected YYYY-MM-DD` });
        return;
      }
      const read = readNumber(value, spec.kind);
      if (read === 'not-applicable') return;
      if ('problem' in read) {
        report({ ...at, message: `${field.label} '${value}' ${read.problem}: expected ${spec.kind === 'percentage' ? 'a percentage such as 42%' : 'a number'}` });
        return;
      }
      if (spec.integer && !Number.isInteger(read.value)) {
        report({ ...at, message: `${field.label} ${value} is not a whole number` });
        return;
      }
      const min = spec.min ?? (spec.kind === 'percentage' ? 0 : undefined);
      const max = spec.max;
      if ((min !== undefined && read.value < min) || (max !== undefined && read.value > max)) {
        const unit = spec.kind === 'percentage' ? '%' : '';
        const range =
          min !== undefined && max !== undefined
            ? `${min}${unit} to ${max}${unit}`
            : min !== undefined
              ? `at least ${min}${unit}`
              : `at most ${max}${unit}`;
        report({ ...at, message: `${field.label} ${value} is out of range: expected ${range}` });
      }
    });
  },
};
