import { cellSpan } from '../document/timeline';
import type { PlacedRow } from '../document/clock';
import type { Rule } from './rule';

export const timelineOutOfOrder: Rule = {
  id: 'timeline-out-of-order',
  defaultLevel: 'warning',
  description: 'A timeline row is earlier than the row above it.',
  check(analysis, report) {
    const order = analysis.timelineOrder;
    if (!order) return;
    const { doc } = analysis;
    for (const placed of order.outOfOrder) {
      const { after, because } = placed.outOfOrder!;
      const relation = because === 'beyond-a-day' ? 'more than a day after' : 'earlier than';
      report({
        line: placed.row.row.line,
        ...timeSpan(placed, doc.text.lines),
        message: `${rowName(placed, doc.text.lines)} is ${relation} ${rowName(after, doc.text.lines, placed)} above it${explanation(because, analysis.clock.crossings)}`,
        data: { table: placed.table.tableIndex, row: placed.row.index },
      });
    }
  },
};

function timeSpan(placed: PlacedRow, lines: readonly string[]): { start: number; end: number } {
  return cellSpan(lines[placed.row.row.line], placed.row.row.cells[placed.table.columns.time]);
}

function rowName(placed: PlacedRow, lines: readonly string[], beside?: PlacedRow): string {
  const { start, end } = timeSpan(placed, lines);
  const time = lines[placed.row.row.line].slice(start, end);
  const sameTable = beside && beside.table === placed.table;
  const name = sameTable ? `row ${placed.row.index + 1}` : `${placed.table.title} row ${placed.row.index + 1}`;
  return `${name} (${time})`;
}

function explanation(because: NonNullable<PlacedRow['outOfOrder']>['because'], crossings: number | undefined): string {
  switch (because) {
    case 'one-day':
      return ": the incident's Date/Time does not cross midnight, so neither does the timeline (write the date on rows of another day)";
    case 'no-more-days':
      return `: the incident's Date/Time spans ${crossings! + 1} days, and the timeline has already reached the last (write the date on rows of another day)`;
    case 'beyond-a-day':
      return ': without dates in Date/Time the timeline is read within one day (write the date on rows of another day)';
    default:
      return '';
  }
}
