import { listWithOr } from '../text/markdownText';
import { quoted } from './fieldReadings';
import type { Rule } from './rule';

export const invalidChoice: Rule = {
  id: 'invalid-choice',
  defaultLevel: 'error',
  description: 'A choice field (Severity, Category...) holds none of its allowed values and none of their aliases.',
  docs: `Choice fields take one of the values the template lists: Severity takes CRITICAL, HIGH, MEDIUM
or LOW, Category takes Infrastructure, Application, Network or Human Error, and so on. The value
counts wherever it is in the field, as a whole word in any case, with whatever decoration and
note around it: \`🔴 CRITICAL\`, \`**HIGH**\`, \`SEV-1 (CRITICAL)\`, \`Critical - all hands\`,
\`Application (bad deploy)\`. A value the schema lists as an alias (\`SEV-1\` for CRITICAL) is
accepted with a hint (see *choice-alias*). Anything else is reported.

Example of a report: *Category 'Hardware' is not one of Infrastructure, Application, Network or Human Error*.

**Fix**: the quick fixes offer one action per allowed value ("Set Category to Infrastructure");
completion (Ctrl+Space) on the field line lists the values with their meaning.`,
  examples: [
    { field: 'Severity', accepted: ['CRITICAL', '🔴 CRITICAL', '**HIGH**', 'SEV-1 (CRITICAL)', 'Critical - all hands', 'P2 / HIGH', 'high (trading halted)'], rejected: ['urgent', 'Sev-A', 'blocker'] },
    { field: 'Category', accepted: ['Application (bad deploy)', 'Human error', 'Infrastructure / Network'], rejected: ['Hardware', 'Third party'] },
  ],
  check(analysis, report) {
    const { doc } = analysis;
    for (let index = 0; index < doc.fields.length; index++) {
      const value = analysis.fieldValue(index);
      if (value?.spec.kind !== 'choice' || !value.spec.values || value.reading.state !== 'invalid') continue;
      const field = doc.fields[index];
      const choices = value.spec.values.map((v) => v.value);
      report({
        line: field.line,
        start: value.start,
        end: value.end,
        message: `${field.label} '${quoted(value)}' is not one of ${listWithOr(choices)}`,
        data: { field: index, expected: listWithOr(choices) },
      });
    }
  },
};
