import { listWithOr } from '../text/markdownText';
import { quoted } from './fieldReadings';
import type { Rule } from './rule';

export const invalidChoice: Rule = {
  id: 'invalid-choice',
  defaultLevel: 'error',
  description: 'A choice field (Severity, Category...) holds none of its allowed values and none of their aliases.',
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
