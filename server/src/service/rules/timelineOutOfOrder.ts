import { cellSpan } from '../document/timeline';
import type { PlacedRow } from '../document/clock';
import type { Rule } from './rule';

export const timelineOutOfOrder: Rule = {
  id: 'timeline-out-of-order',
  defaultLevel: 'warning',
  description: 'A timeline row is earlier than the row above it.',
  docs: `Timeline rows read from top to bottom in chronological order; a row earlier than the row
with a time right above it is reported. Only the row that jumps back is reported, not every row
after it, so one wrong time makes one warning: in \`09:02\`, \`19:05\`, \`09:07\` it is 09:07, in
\`13:58\`, \`00:05\`, \`00:10\` on a one-day incident it is 00:05. Rows are put on the incident's clock
first:

- a row with a date is at that date (\`2026-06-10 09:14\`, \`Jun 10 09:14\`: a month and day take the
  incident's year); a time of day takes the day of the row above it, the first row the start date
  of Date/Time; \`Day 2\` is the incident's second day; \`T+5m\` is five minutes after Date/Time's
  start; a table under a subheading with a date or day (\`### Day 2 (Aug 15)\`) starts on it;
- zones are applied: the row's own (\`14:02 UTC\`, \`+02:00\`), else the header's (\`Time (UTC)\`),
  else the section's (\`All times in UTC.\`, \`## Timeline (UTC)\`);
- a time of day that goes back by more than twelve hours from the row above is the next day, but
  only while the incident may still cross midnight: Date/Time's dates allow as many crossings as
  days between its start and end; with times only, one when its end is earlier than its start
  (\`23:40 - 01:10\`) and none otherwise; without Date/Time, one, with the whole timeline within a
  day. A jump back of twelve hours or less is always out of order.

Rows whose time is empty, a placeholder or invalid are skipped.

**Fix**: the quick fixes *Move row to its place in the timeline* and *Sort the timeline by
time* (also offered as a source action, and by Fix All) reorder the rows of a table; rows
without a valid time keep their places. For rows on another day, write the date.`,
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
