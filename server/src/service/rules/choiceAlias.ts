import type { Rule } from './rule';

export const choiceAlias: Rule = {
  id: 'choice-alias',
  defaultLevel: 'hint',
  description: "A choice field is written with another name of an allowed value (SEV-1 for CRITICAL): worth writing the template's own.",
  examples: { field: 'Severity', accepted: ['CRITICAL', 'SEV-1 (CRITICAL)'], rejected: ['SEV-1', 'sev1 (paged)', 'P2', '🟠 S3'] },
  check(analysis, report) {
    const { doc } = analysis;
    for (let index = 0; index < doc.fields.length; index++) {
      const value = analysis.fieldValue(index);
      if (value?.reading.state !== 'ok' || !value.reading.choice?.alias) continue;
      const { choice, alias, start, end } = value.reading.choice;
      report({
        line: doc.fields[index].line,
        start: value.start + start,
        end: value.start + end,
        message: `${alias} means ${choice.value} in this template`,
        data: { field: index, value: choice.value },
      });
    }
  },
};
