import { describeMilestone } from '../metrics/incidentMetrics';
import { cellSpan } from '../document/timeline';
import type { Rule } from './rule';

export const milestoneOrder: Rule = {
  id: 'milestone-order',
  defaultLevel: 'warning',
  description: 'A milestone row is earlier than one it cannot come before (an alert before the incident started).',
  check(analysis, report) {
    const { milestones } = analysis.metrics;
    const lines = analysis.doc.text.lines;
    for (const row of milestones.values()) {
      // A row out of order in its table is reported as that already.
      if (row.outOfOrder) continue;
      for (const earlier of row.milestone.after ?? []) {
        const before = milestones.get(earlier);
        if (!before || before.outOfOrder || row.key >= before.key) continue;
        const line = lines[row.row.row.line];
        const cell = row.row.row.cells[row.table.columns.time];
        report({
          line: row.row.row.line,
          ...(cell ? cellSpan(line, cell) : { start: 0, end: line.length }),
          message: `${describeMilestone(row, lines)} is before ${describeMilestone(before, lines)}, which it cannot precede`,
          // A milestone read from an alias may be the wrong row (the first alert noted in the
          // Action cell, a customer report read as the alert): worth a look, not a fault.
          atMost: row.certain && before.certain ? undefined : 'hint',
          data: { milestone: row.milestone.value, after: earlier },
        });
      }
    }
  },
};
