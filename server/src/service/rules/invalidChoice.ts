import { listWithOr } from '../text/markdownText';
import { filledValue, mainPart, matchChoice } from './fieldValues';
import type { Rule } from './rule';

export const invalidChoice: Rule = {
  id: 'invalid-choice',
  defaultLevel: 'error',
  description: 'A choice field (Severity, Category...) has a value that is not one of its allowed values.',
  docs: `Choice fields accept only the values the template lists, for example Severity takes
CRITICAL, HIGH, MEDIUM or LOW and Category takes Infrastructure, Application, Network or Human
Error. The comparison ignores case, and a note may follow the value in parentheses or after a
dash: \`**Severity**: HIGH (trading halted for 40 minutes)\`.

Example of a report: *Category 'Hardware' is not one of Infrastructure, Application, Network, Human Error*.

**Fix**: the quick fixes offer one action per allowed value ("Set Category to Infrastructure");
completion (Ctrl+Space) on the field line lists the values with their meaning.`,
  check(analysis, report) {
    const { doc } = analysis;
    doc.fields.forEach((field, index) => {
      const spec = analysis.fieldSpec(index);
      if (spec?.kind !== 'choice' || !spec.values) return;
      const value = filledValue(analysis, index);
      if (value === undefined || matchChoice(value, spec.values)) return;
      report({
        line: field.line,
        start: field.valueStart,
        end: field.valueEnd,
        message: `${field.label} '${mainPart(value)}' is not one of ${spec.values.map((v) => v.value).join(', ')}`,
        data: { field: index, expected: listWithOr(spec.values.map((v) => v.value)) },
      });
    });
  },
};
