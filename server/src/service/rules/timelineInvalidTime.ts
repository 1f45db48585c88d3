import { cellSpan } from '../document/timeline';
import { timelineTimeExpectation } from '../values/kinds';
import type { Rule } from './rule';

export const timelineInvalidTime: Rule = {
  id: 'timeline-invalid-time',
  defaultLevel: 'error',
  description: 'A timeline Time cell holds no time, or an impossible one.',
  examples: { field: 'Timeline', accepted: ['14:02', '2:14 PM', '14:02 UTC', '~09:19', '09:19 (approx.)', '09:19:12.431', 'Jun 10 09:14', '2026-06-10 09:14', '2026-06-10T09:14:00+02:00', 'Day 2 09:19', 'T+5m', '09.24'], rejected: ['soon', 'later that day', '25:99', '14:75', '2026-02-30 10:00'] },
  check(analysis, report) {
    const { doc } = analysis;
    for (const { rows, columns, title } of analysis.timeline?.tables ?? []) {
      for (const { row, time, index } of rows) {
        if (time.state !== 'invalid') continue;
        const line = doc.text.lines[row.line];
        const span = cellSpan(line, row.cells[columns.time]);
        const value = line.slice(span.start, span.end);
        report({
          line: row.line,
          start: span.start,
          end: span.end,
          message: time.problem
            ? `${title} row ${index + 1}: ${time.text} ${time.problem}`
            : `${title} row ${index + 1}: '${value}' is not a time: expected ${timelineTimeExpectation}`,
        });
      }
    }
  },
};
