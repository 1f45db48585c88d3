import { listWithAnd } from '../text/markdownText';
import { plainValue } from '../values/text';
import type { Rule } from './rule';

export const timelineEmptyCell: Rule = {
  id: 'timeline-empty-cell',
  defaultLevel: 'warning',
  gap: true,
  description: 'A timeline row leaves a cell it must fill (Time, Event, Action Taken) empty.',
  examples: { field: 'Timeline', accepted: ['| 14:21 | Alert fired | Alertmanager | Paged on-call |', '| 14:21 | Alert fired |  | Paged on-call |'], rejected: ['| 14:21 |  |  |  |', '| ? | Alert fired | Alertmanager | Paged on-call |', '| 14:21 | Alert fired | Alertmanager | - |'] },
  check(analysis, report) {
    const { doc } = analysis;
    for (const { table, rows, title } of analysis.timeline?.tables ?? []) {
      const header = doc.text.lines[table.header.line];
      for (const { row, index, emptyRequired: empty } of rows) {
        if (!empty) continue;
        const text = doc.text.lines[row.line];
        const names = empty.map((c) => header.slice(table.header.cells[c].start, table.header.cells[c].end));
        const unknown = empty.some((c) => plainValue(text.slice(row.cells[c].outerStart, row.cells[c].outerEnd)) !== '');
        report({
          line: row.line,
          start: text.length - text.trimStart().length,
          end: text.trimEnd().length,
          message: `${title} row ${index + 1}: ${listWithAnd(names)} ${empty.length === 1 ? 'is' : 'are'} ${unknown ? 'not filled in' : 'empty'}`,
        });
      }
    }
  },
};
