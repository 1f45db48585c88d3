import { idFormatExample, idFormatPattern, incidentDate } from '../values/id';
import type { Rule } from './rule';

export const idFormat: Rule = {
  id: 'id-format',
  defaultLevel: 'hint',
  description: "The Incident ID is an ID, but not in the template's format (INC-{date}-{seq}).",
  examples: { field: 'Incident ID', accepted: ['INC-20261120-01', 'INC-20261120-12 (reopened)'], rejected: ['INC-4521', '2026-1120-OGW'] },
  check(analysis, report) {
    const { idField, idFormat: format } = analysis.template.schema.newDocument;
    if (!idField || !format) return;
    const pattern = idFormatPattern(format);
    const { doc } = analysis;
    for (let index = 0; index < doc.fields.length; index++) {
      const field = doc.fields[index];
      const value = analysis.fieldValue(index);
      if (value?.spec.kind !== 'id' || value.spec.label !== idField) continue;
      if (value.reading.state !== 'ok' || !value.reading.id || pattern.test(value.reading.id)) continue;
      report({
        line: field.line,
        start: value.start,
        end: value.end,
        message: `${field.label} ${value.reading.id} is not in this template's format ${format} (for example ${idFormatExample(format, incidentDate(analysis.clock))})`,
      });
    }
  },
};
