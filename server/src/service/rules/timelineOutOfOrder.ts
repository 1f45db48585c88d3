import type { Rule } from './rule';

export const timelineOutOfOrder: Rule = {
  id: 'timeline-out-of-order',
  defaultLevel: 'warning',
  description: 'A timeline row is earlier than the row above it.',
  docs: `Timeline rows read from top to bottom in chronological order. A row whose time is
earlier than the last time above it is reported. Rows whose time is empty, a placeholder or
invalid are skipped. Times of day without a date that go back by more than twelve hours are
taken as the next day, so an incident across midnight (\`23:50\`, then \`00:10\`) is in order.

**Fix**: the quick fixes *Move row to its place in the timeline* and *Sort the timeline by
time* (also offered as a source action, and by Fix All) reorder the rows; rows without a
valid time keep their places.`,
  check(analysis, report) {
    const timeline = analysis.timeline;
    if (!timeline) return;
    const { doc } = analysis;
    let latest: number | undefined;
    let latestRow = 0;
    for (const { row, time, index } of timeline.rows) {
      if (time.state !== 'ok') continue;
      if (latest !== undefined && time.key < latest) {
        const cell = row.cells[timeline.columns.time];
        const value = doc.text.lines[row.line].slice(cell.start, cell.end);
        report({
          line: row.line,
          start: cell.start,
          end: cell.end,
          message: `Timeline row ${index + 1} (${value}) is earlier than row ${latestRow + 1} above it`,
          data: { row: index },
        });
        continue;
      }
      latest = time.key;
      latestRow = index;
    }
  },
};
